import { describe, expect, it } from 'vitest';
import { prng, shuffled } from './prng';
import { weightedScores, type Score } from './scores';

const criteria = [
	{ id: 'exp', weight: 30 },
	{ id: 'prop', weight: 30 },
	{ id: 'cost', weight: 20 },
	{ id: 'lang', weight: 20 }
];
function grid(table: Record<string, Record<string, number[]>>): Score[] {
	return Object.entries(table).flatMap(([candidateId, byCrit]) =>
		Object.entries(byCrit).flatMap(([criterionId, scores]) =>
			scores.map((score, i) => ({ candidateId, criterionId, scorerId: `s${i}`, score }))
		)
	);
}

describe('weightedScores', () => {
	const scores = grid({
		ana: { exp: [8, 9, 7], prop: [7, 7, 8], cost: [5, 6, 5], lang: [10, 9, 10] },
		beto: { exp: [6, 6, 6], prop: [9, 8, 9], cost: [8, 8, 7], lang: [4, 5, 4] }
	});

	it('averages per criterion and the weighted total', () => {
		const r = weightedScores(criteria, scores, ['ana', 'beto']);
		const ana = r.table[0];
		expect(ana.criteria.map((c) => c.average)).toEqual([8, 22 / 3, 16 / 3, 29 / 3]);
		// (30·8 + 30·7.333 + 20·5.333 + 20·9.667) / 100 = 7.6
		expect(ana.total).toBeCloseTo(7.6, 10);
		expect(r.table[1].total).toBeCloseTo(
			(30 * 6 + 30 * (26 / 3) + 20 * (23 / 3) + 20 * (13 / 3)) / 100,
			10
		);
		expect(r.outcome).toEqual({ ranking: ['ana', 'beto'], leader: 'ana', tie: false });
		expect(r.table.map((row) => row.place)).toEqual([1, 2]);
		expect(r.steps[0]).toMatchObject({ kind: 'score_weights', scores: 24, invalid: 0 });
		expect(r.steps[0]).toMatchObject({
			criteria: [{ share: 0.3 }, { share: 0.3 }, { share: 0.2 }, { share: 0.2 }]
		});
	});

	it('leaves out scores out of range, unknown names and repeated keys', () => {
		const bad: Score[] = [
			...scores,
			{ candidateId: 'ana', criterionId: 'exp', scorerId: 'x', score: 11 },
			{ candidateId: 'ana', criterionId: 'exp', scorerId: 'y', score: 7.5 },
			{ candidateId: 'zoe', criterionId: 'exp', scorerId: 'x', score: 5 },
			{ candidateId: 'ana', criterionId: 'fun', scorerId: 'x', score: 5 },
			{ candidateId: 'beto', criterionId: 'exp', scorerId: 's0', score: 10 }
		];
		const r = weightedScores(criteria, bad, ['ana', 'beto']);
		expect(r.steps[0]).toMatchObject({ invalid: 6 });
		expect(r.table[1].criteria[0]).toEqual({ criterionId: 'exp', average: 6, scorers: 2 });
	});

	it('missing criteria: total over what was scored, marked incomplete; no scores: no place', () => {
		const r = weightedScores(criteria, grid({ ana: { exp: [10] } }), ['ana', 'beto']);
		expect(r.table[0]).toMatchObject({ total: 10, complete: false, place: 1 });
		expect(r.table[1]).toMatchObject({ total: null, place: null });
		expect(r.outcome.ranking).toEqual(['ana']);
	});

	it('a candidate scored on every criterion ranks before one with criteria missing', () => {
		const r = weightedScores(
			criteria,
			grid({ ana: { exp: [10] }, beto: { exp: [5], prop: [5], cost: [5], lang: [5] } }),
			['ana', 'beto']
		);
		expect(r.outcome.ranking).toEqual(['beto', 'ana']);
		expect(r.table.map((row) => row.place)).toEqual([2, 1]);
	});

	it('equal totals share a place and are reported as tied', () => {
		const r = weightedScores(
			criteria,
			grid({ a: { exp: [5] }, b: { prop: [5] }, c: { exp: [4] } }),
			['a', 'b', 'c']
		);
		expect(r.table.map((row) => row.place)).toEqual([1, 1, 3]);
		expect(r.outcome.tie).toBe(true);
		expect(r.steps[1]).toEqual({
			kind: 'score_ranking',
			order: ['a', 'b', 'c'],
			tied: [['a', 'b']]
		});
	});

	it('property: independent of the order of the scores', () => {
		const rand = prng(8);
		for (let t = 0; t < 50; t++) {
			const s: Score[] = [];
			for (const c of ['a', 'b', 'c'])
				for (const k of criteria)
					for (const j of ['x', 'y', 'z'])
						if (rand() < 0.8)
							s.push({
								candidateId: c,
								criterionId: k.id,
								scorerId: j,
								score: Math.floor(rand() * 11)
							});
			expect(weightedScores(criteria, shuffled(s, rand), ['a', 'b', 'c'])).toEqual(
				weightedScores(criteria, s, ['a', 'b', 'c'])
			);
		}
	});
});
