import { describe, expect, it } from 'vitest';
import { budgetTotals, type BudgetLine } from './budget';
import { compareProjections, diffSequences, hasChanges, wordDiff, type Segment } from './compare';
import type { Block, Projection } from './document';

function line(id: string, fields: Partial<BudgetLine> = {}): BudgetLine {
	return {
		id,
		code: id.toUpperCase(),
		title: `Línea ${id}`,
		description: '',
		category: 'equipment',
		unit: 'pieza',
		quantity: 1,
		unit_cost: 100_000,
		par: 70_000,
		cash: 30_000,
		in_kind: 0,
		municipality: 0,
		...fields
	};
}

function projection(body: Block[], items: BudgetLine[] = [], title = 'Plan'): Projection {
	return { title, summary: '', body, items, totals: budgetTotals(items) };
}

const p = (text: string): Block => ({ type: 'paragraph', text });
const spell = (segments: Segment[], side: 'removed' | 'added') =>
	segments
		.filter((s) => s.kind === 'same' || s.kind === side)
		.map((s) => s.text)
		.join('');

describe('wordDiff', () => {
	it('marks the words that changed and spells both texts back', () => {
		const from = 'Compraremos 24 tanques de frío para el acopio.';
		const to = 'Compraremos 30 tanques de acero para el acopio comunal.';
		const words = wordDiff(from, to);
		expect(words).toEqual([
			{ kind: 'same', text: 'Compraremos ' },
			{ kind: 'removed', text: '24' },
			{ kind: 'added', text: '30' },
			{ kind: 'same', text: ' tanques de ' },
			{ kind: 'removed', text: 'frío' },
			{ kind: 'added', text: 'acero' },
			{ kind: 'same', text: ' para el acopio' },
			{ kind: 'added', text: ' comunal' },
			{ kind: 'same', text: '.' }
		]);
		expect(spell(words, 'removed')).toBe(from);
		expect(spell(words, 'added')).toBe(to);
	});

	it('keeps a replaced phrase together instead of alternating word by word', () => {
		expect(wordDiff('la vaca blanca come', 'la oveja negra come')).toEqual([
			{ kind: 'same', text: 'la ' },
			{ kind: 'removed', text: 'vaca blanca' },
			{ kind: 'added', text: 'oveja negra' },
			{ kind: 'same', text: ' come' }
		]);
	});

	it('treats accented letters and emoji as text, not as separators', () => {
		const words = wordDiff('Año de la ñandú 🐄', 'Año de la llama 🐄');
		expect(words).toContainEqual({ kind: 'removed', text: 'ñandú' });
		expect(words).toContainEqual({ kind: 'added', text: 'llama' });
		expect(spell(words, 'added')).toBe('Año de la llama 🐄');
	});
});

describe('diffSequences', () => {
	// The length of a longest common subsequence, the slow obvious way.
	function lcsLength(a: string[], b: string[]): number {
		const prev = new Array(b.length + 1).fill(0);
		for (const x of a) {
			let diag = 0;
			for (let j = 1; j <= b.length; j++) {
				const up = prev[j];
				prev[j] = x === b[j - 1] ? diag + 1 : Math.max(prev[j], prev[j - 1]);
				diag = up;
			}
		}
		return prev[b.length];
	}

	function check(a: string[], b: string[], minimal = true) {
		const ops = diffSequences(a, b);
		expect(ops.filter((o) => o.kind !== 'added').map((o) => a[(o as { a: number }).a])).toEqual(a);
		expect(ops.filter((o) => o.kind !== 'removed').map((o) => b[(o as { b: number }).b])).toEqual(
			b
		);
		for (const o of ops) if (o.kind === 'same') expect(a[o.a]).toBe(b[o.b]);
		if (minimal) {
			expect(ops.filter((o) => o.kind === 'same')).toHaveLength(lcsLength(a, b));
		}
	}

	it('finds a longest common subsequence (random sequences)', () => {
		let seed = 42;
		const rnd = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		for (let t = 0; t < 200; t++) {
			const a = Array.from({ length: rnd(12) }, () => 'abcd'[rnd(4)]);
			const b = Array.from({ length: rnd(12) }, () => 'abcd'[rnd(4)]);
			check(a, b);
		}
		check([], []);
		check(['a'], []);
		check([], ['a']);
	});

	it('stays correct, if not minimal, when the sequences are too long to compare exactly', () => {
		const a = Array.from({ length: 2500 }, (_, i) => `a${i}`);
		const b = ['x', ...a.slice(0, 1200), ...Array.from({ length: 2500 }, (_, i) => `b${i}`), 'y'];
		check(a, b, false);
	});
});

describe('compareProjections', () => {
	it('finds nothing between a projection and itself', () => {
		const a = projection([p('Uno'), p('Dos')], [line('a')]);
		const c = compareProjections(a, structuredClone(a));
		expect(hasChanges(c)).toBe(false);
		expect(c.text.map((ch) => ch.kind)).toEqual(['same', 'same']);
		expect(c.title).toBeUndefined();
	});

	it('reports the title, the summary and text block by block, words inside a changed block', () => {
		const a = projection([
			{ type: 'heading', level: 2, text: 'Objetivo' },
			p('Mejorar la calidad de la leche.'),
			p('Este párrafo se va.'),
			p('Final.')
		]);
		const b: Projection = {
			...projection(
				[
					{ type: 'heading', level: 2, text: 'Objetivo' },
					p('Mejorar la calidad y el precio de la leche.'),
					p('Final.'),
					{ type: 'list', ordered: false, items: ['Tanque', 'Balanza'] }
				],
				[],
				'Plan 2027'
			),
			summary: 'Resumen nuevo'
		};
		const c = compareProjections(a, b);
		expect(c.title).toEqual({ from: 'Plan', to: 'Plan 2027' });
		expect(c.summary).toEqual({ from: '', to: 'Resumen nuevo' });
		expect(c.text.map((ch) => ch.kind)).toEqual(['same', 'changed', 'removed', 'same', 'added']);
		const changed = c.text[1];
		if (changed.kind !== 'changed') throw new Error('expected a changed block');
		expect(changed.words).toEqual([
			{ kind: 'same', text: 'Mejorar la calidad ' },
			{ kind: 'added', text: 'y el precio ' },
			{ kind: 'same', text: 'de la leche.' }
		]);
		expect(c.text[2]).toEqual({ kind: 'removed', block: p('Este párrafo se va.') });
		expect(hasChanges(c)).toBe(true);
	});

	it('shows a block rewritten without a shared word as removed and added', () => {
		const c = compareProjections(projection([p('Vacas lecheras')]), projection([p('Ovejas')]));
		expect(c.text).toEqual([
			{ kind: 'removed', block: p('Vacas lecheras') },
			{ kind: 'added', block: p('Ovejas') }
		]);
	});

	it('matches budget lines by id: added, removed, changed fields with amounts, moved', () => {
		const a = projection(
			[],
			[line('a'), line('b'), line('c', { par: 50_000 }), line('d'), line('gone')]
		);
		const b = projection(
			[],
			[
				line('a'),
				line('d'),
				line('b'),
				line('c', { quantity: 2, par: 140_000, cash: 60_000, title: 'Tanques' }),
				line('new')
			]
		);
		const c = compareProjections(a, b);
		expect(c.items.added.map((l) => l.id)).toEqual(['new']);
		expect(c.items.removed.map((l) => l.id)).toEqual(['gone']);
		expect(c.items.changed).toEqual([
			{
				id: 'c',
				code: 'C',
				title: 'Tanques',
				fields: [
					{ field: 'title', from: 'Línea c', to: 'Tanques' },
					{ field: 'quantity', from: 1, to: 2 },
					{ field: 'par', from: 50_000, to: 140_000 },
					{ field: 'cash', from: 30_000, to: 60_000 }
				],
				total: { from: 100_000, to: 200_000 }
			}
		]);
		expect(c.items.moved).toEqual([{ id: 'd', code: 'D', title: 'Línea d', from: 4, to: 2 }]);
		expect(c.totals.from.total).toBe(500_000);
		expect(c.totals.to.total).toBe(600_000);
		expect(c.totals.to.bySource.par).toBe(70_000 * 4 + 140_000);
	});

	it('pairs lines that share an id by order rather than losing one', () => {
		const a = projection([], [line('x'), line('x', { code: 'X2' })]);
		const b = projection([], [line('x'), line('x', { code: 'X3' })]);
		const c = compareProjections(a, b);
		expect(c.items.added).toEqual([]);
		expect(c.items.removed).toEqual([]);
		expect(c.items.changed).toEqual([
			expect.objectContaining({ fields: [{ field: 'code', from: 'X2', to: 'X3' }] })
		]);
	});
});
