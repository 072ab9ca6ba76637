import { describe, expect, it } from 'vitest';
import { articleHistories, articlesOf } from './articles';
import type { Block } from './document';

const p = (text: string): Block => ({ type: 'paragraph', text });

describe('articles', () => {
	it('splits a text at "Artículo n" or "Art. n", with what comes before as the preamble', () => {
		expect(
			articlesOf([
				{ type: 'heading', level: 1, text: 'Reglamento Interno' },
				p('Artículo 1. La asamblea se reúne cada tres meses.'),
				p('Con aviso de ocho días.'),
				{ type: 'heading', level: 2, text: 'Art. 2 Multas' },
				p('El socio que no asista pagará Bs 50.')
			])
		).toEqual([
			{ number: '', text: 'Reglamento Interno' },
			{
				number: '1',
				text: 'Artículo 1. La asamblea se reúne cada tres meses.\n\nCon aviso de ocho días.'
			},
			{ number: '2', text: 'Art. 2 Multas\n\nEl socio que no asista pagará Bs 50.' }
		]);
	});

	it('gives each article the decisions that changed it, oldest first', () => {
		const v1 = [p('Artículo 1. Cada tres meses.'), p('Artículo 2. Multa de Bs 50.')];
		const v2 = [p('Artículo 1. Cada tres meses.'), p('Artículo 2. Multa de Bs 30.')];
		const v3 = [
			p('Artículo 1. Cada tres meses.'),
			p('Artículo 2. Multa de Bs 30.'),
			p('Artículo 3. Quórum de un tercio.')
		];
		const articles = articleHistories([
			{ blocks: v1, by: 1 },
			{ blocks: v2, by: 4 },
			{ blocks: v3, by: 9 }
		]);
		expect(articles.map((a) => [a.number, a.history.map((h) => h.by)])).toEqual([
			['1', [1]],
			['2', [1, 4]],
			['3', [9]]
		]);
		expect(articles[1].history[0].text).toBe('Artículo 2. Multa de Bs 50.');
		expect(articleHistories([])).toEqual([]);
	});
});
