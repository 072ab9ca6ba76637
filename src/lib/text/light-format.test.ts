import { describe, expect, it } from 'vitest';
import { inlines, parseLightFormat, plainText, safeHref } from './light-format';

describe('light formatting', () => {
	it('splits paragraphs on blank lines and keeps single line breaks', () => {
		expect(parseLightFormat('Uno\ndos\n\n\nTres')).toEqual([
			{
				type: 'paragraph',
				content: [{ type: 'text', text: 'Uno' }, { type: 'break' }, { type: 'text', text: 'dos' }]
			},
			{ type: 'paragraph', content: [{ type: 'text', text: 'Tres' }] }
		]);
	});

	it('reads bullet and numbered lists, and an indented line continues an item', () => {
		expect(
			parseLightFormat('Pedimos:\n- tanque\n* sala\n  de acopio\n1. primero\n2) segundo')
		).toEqual([
			{ type: 'paragraph', content: [{ type: 'text', text: 'Pedimos:' }] },
			{
				type: 'list',
				ordered: false,
				items: [[{ type: 'text', text: 'tanque' }], [{ type: 'text', text: 'sala de acopio' }]]
			},
			{
				type: 'list',
				ordered: true,
				items: [[{ type: 'text', text: 'primero' }], [{ type: 'text', text: 'segundo' }]]
			}
		]);
	});

	it('marks **bold** only around words', () => {
		expect(inlines('es **muy** caro y 2 ** 3 no')).toEqual([
			{ type: 'text', text: 'es ' },
			{ type: 'bold', children: [{ type: 'text', text: 'muy' }] },
			{ type: 'text', text: ' caro y 2 ** 3 no' }
		]);
	});

	it('links bare and labelled http(s) addresses, leaving sentence punctuation outside', () => {
		expect(inlines('Ver https://example.org/plan?x=1. Y [el acta](http://a.bo/acta).')).toEqual([
			{ type: 'text', text: 'Ver ' },
			{ type: 'link', href: 'https://example.org/plan?x=1', text: 'https://example.org/plan?x=1' },
			{ type: 'text', text: '. Y ' },
			{ type: 'link', href: 'http://a.bo/acta', text: 'el acta' },
			{ type: 'text', text: '.' }
		]);
	});

	it('never links other schemes: they stay plain text', () => {
		for (const text of [
			'javascript:alert(1)',
			'[clic](javascript:alert(1))',
			'[x](data:text/html,<script>alert(1)</script>)',
			'vbscript:msgbox(1)',
			'[x](JaVaScRiPt:alert(1))'
		]) {
			const nodes = parseLightFormat(text).flatMap((b) =>
				b.type === 'paragraph' ? b.content : []
			);
			expect(nodes.some((n) => n.type === 'link')).toBe(false);
			expect(plainText(text)).toBe(text);
		}
		expect(safeHref('https://user:pw@example.org')).toBeUndefined();
		expect(safeHref('http://x.bo/a b')).toBe('http://x.bo/a%20b');
	});

	it('keeps markup as the words people typed', () => {
		const text = '<script>alert(1)</script> <img src=x onerror=alert(1)>';
		expect(parseLightFormat(text)).toEqual([
			{ type: 'paragraph', content: [{ type: 'text', text }] }
		]);
	});

	it('gives the plain words for previews', () => {
		expect(plainText('**Sí**, ver [acta](https://a.bo)\n- uno\n- dos')).toBe(
			'Sí, ver acta uno · dos'
		);
		expect(parseLightFormat('  \n\n ')).toEqual([]);
	});
});
