import { describe, expect, it } from 'vitest';
import { tallyBudget, validateBudgetBallot, type BudgetLineInput } from './budget';
import { prng, randInt, shuffled } from './prng';

const BS = 100; // centavos

// equalshares.net "Explanation of the Method of Equal Shares", Example 1: budget 1100, 11 voters.
const parkLines: BudgetLineInput[] = [
	{ id: 'bike', title: 'Bike path', cost: 700 * BS },
	{ id: 'gym', title: 'Outdoor gym', cost: 400 * BS },
	{ id: 'park', title: 'New park', cost: 250 * BS },
	{ id: 'playground', title: 'New playground', cost: 200 * BS },
	{ id: 'library', title: 'Library for kids', cost: 100 * BS }
];
// Columns of the published table, voter by voter (left to right).
const example1 = [
	['bike', 'gym'],
	['bike', 'gym', 'park'],
	['bike', 'gym'],
	['bike', 'gym', 'park'],
	['bike', 'gym', 'park'],
	['bike', 'gym'],
	['park', 'playground', 'library'],
	['playground'],
	['playground', 'library'],
	['park', 'playground', 'library'],
	['bike']
];
// Example 2: the right-most voter votes for the gym instead of the bike path.
const example2 = [...example1.slice(0, 10), ['gym']];

const plain = { completion: 'none' as const, fill: false };

describe('validateBudgetBallot', () => {
	const lines = parkLines;
	it('accepts lines within the budget, and an empty ballot', () => {
		expect(validateBudgetBallot(lines, 1100 * BS, ['bike', 'gym'])).toEqual({
			ok: true,
			ids: ['bike', 'gym'],
			total: 1100 * BS
		});
		expect(validateBudgetBallot(lines, 1100 * BS, [])).toEqual({ ok: true, ids: [], total: 0 });
	});
	it('says by how much a ballot goes over the budget', () => {
		expect(validateBudgetBallot(lines, 1000 * BS, ['bike', 'gym'])).toEqual({
			ok: false,
			error: {
				kind: 'over_budget',
				total: 1100 * BS,
				budget: 1000 * BS,
				over: 100 * BS,
				messageKey: 'error_budget_ballot_over'
			}
		});
	});
	it('refuses unknown and repeated lines', () => {
		expect(validateBudgetBallot(lines, 1100 * BS, ['bike', 'pool'])).toMatchObject({
			ok: false,
			error: { kind: 'unknown_line', id: 'pool' }
		});
		expect(validateBudgetBallot(lines, 1100 * BS, ['park', 'park'])).toMatchObject({
			ok: false,
			error: { kind: 'duplicate_line', id: 'park' }
		});
	});
});

describe('greedy (approval order within the budget)', () => {
	it('equalshares.net example 1: bike path then outdoor gym, budget spent', () => {
		const r = tallyBudget(parkLines, 1100 * BS, example1, { decidesBy: 'greedy' });
		expect(r.greedy.funded).toEqual(['bike', 'gym']);
		expect(r.outcome).toMatchObject({ rule: 'greedy', funded: ['bike', 'gym'], left: 0 });
	});
	it('skips a line that does not fit and goes on', () => {
		const lines = [
			{ id: 'a', title: 'A', cost: 600 },
			{ id: 'b', title: 'B', cost: 500 },
			{ id: 'c', title: 'C', cost: 300 },
			{ id: 'd', title: 'D', cost: 50 }
		];
		const r = tallyBudget(lines, 1000, [['a', 'b', 'c'], ['a', 'b'], ['a'], []]);
		expect(r.greedy.funded).toEqual(['a', 'c']);
		expect(r.greedy.steps.filter((s) => s.kind === 'greedy_line')).toEqual([
			{ kind: 'greedy_line', lineId: 'a', approvals: 3, cost: 600, result: 'funded', left: 400 },
			{
				kind: 'greedy_line',
				lineId: 'b',
				approvals: 2,
				cost: 500,
				result: 'too_expensive',
				left: 400
			},
			{ kind: 'greedy_line', lineId: 'c', approvals: 1, cost: 300, result: 'funded', left: 100 },
			{
				kind: 'greedy_line',
				lineId: 'd',
				approvals: 0,
				cost: 50,
				result: 'no_approvals',
				left: 100
			}
		]);
	});
	it('ties go to the plan priority, or to the lot', () => {
		const lines = [
			{ id: 'x', title: 'X', cost: 600 },
			{ id: 'y', title: 'Y', cost: 600 }
		];
		const ballots = [['x'], ['y']];
		expect(tallyBudget(lines, 1000, ballots).greedy.funded).toEqual(['x']);
		const seen = new Set<string>();
		for (let s = 0; s < 30; s++) {
			const r = tallyBudget(lines, 1000, ballots, { rules: { tieBreak: 'lot', seed: `s${s}` } });
			seen.add(r.greedy.funded[0]);
		}
		expect([...seen].sort()).toEqual(['x', 'y']);
	});
});

describe('Method of Equal Shares: published worked examples (equalshares.net)', () => {
	it('example 1: bike path, new playground, library for kids', () => {
		const r = tallyBudget(parkLines, 1100 * BS, example1, { equalShares: plain });
		expect(r.equalShares.funded).toEqual(['bike', 'playground', 'library']);
		const rounds = r.equalShares.steps.filter((s) => s.kind === 'mes_round');
		expect(rounds).toHaveLength(3);
		expect(rounds[0]).toMatchObject({
			lineId: 'bike',
			supporters: 7,
			payers: 7,
			paidAll: 0,
			perSupporter: 100 * BS,
			effectiveVotes: 7,
			votersWithMoney: 4,
			moneyLeft: 400 * BS
		});
		expect(rounds[1]).toMatchObject({
			lineId: 'playground',
			perSupporter: 50 * BS,
			effectiveVotes: 4
		});
		// 100 / 3 = 33.33…: each pays the next 1/11 of a centavo up.
		expect(rounds[2]).toMatchObject({ lineId: 'library', payers: 3, effectiveVotes: 3 });
		expect((rounds[2] as { perSupporter: number }).perSupporter).toBeCloseTo(3333.3333, 3);
		expect(r.equalShares.steps.find((s) => s.kind === 'mes_start')).toEqual({
			kind: 'mes_start',
			voters: 11,
			budget: 1100 * BS,
			share: 100 * BS,
			utility: 'cost'
		});
	});

	it('example 2: outdoor gym (57.14 each), new park (4.1 effective votes), new playground (3.2)', () => {
		const r = tallyBudget(parkLines, 1100 * BS, example2, { equalShares: plain });
		expect(r.equalShares.funded).toEqual(['gym', 'park', 'playground']);
		const rounds = r.equalShares.steps.filter((s) => s.kind === 'mes_round');
		expect((rounds[0] as { perSupporter: number }).perSupporter).toBeCloseTo(5714.2857, 3);
		expect(rounds[1]).toMatchObject({ lineId: 'park', payers: 2, paidAll: 3 });
		expect((rounds[1] as { effectiveVotes: number }).effectiveVotes).toBeCloseTo(4.12, 2);
		// (250 − 3 × 42.857) / 2 = 60.714; payments are rounded up to 1/11 of a centavo, so the
		// published figure is matched to within a centavo.
		expect((rounds[1] as { perSupporter: number }).perSupporter).toBeCloseTo(6071.43, 0);
		expect(rounds[2]).toMatchObject({ lineId: 'playground', payers: 2, paidAll: 2 });
		expect((rounds[2] as { effectiveVotes: number }).effectiveVotes).toBeCloseTo(3.29, 2);
		// The library's three supporters hold 39.29 together at the end: not enough for 100.
		const un = r.equalShares.steps.find((s) => s.kind === 'mes_unaffordable');
		expect(un).toMatchObject({
			lines: expect.arrayContaining([
				// 39.2857 exactly; payments rounded up to 1/11 centavo leave 39.284.
				expect.objectContaining({ lineId: 'library', supportersMoney: 3928 })
			])
		});
	});

	it('abcvoting example 11 (12 voters, 4 seats as unit costs): phase one elects only a at 1/8', () => {
		// 3×{a,b}, 3×{a,c}, 2×{a,d}, {b,c,f}, {e}, {f}, {g}; each candidate costs 1, budget 4.
		const lines = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id, title: id, cost: 100 }));
		const ballots = [
			...Array(3).fill(['a', 'b']),
			...Array(3).fill(['a', 'c']),
			...Array(2).fill(['a', 'd']),
			['b', 'c', 'f'],
			['e'],
			['f'],
			['g']
		];
		const r = tallyBudget(lines, 400, ballots, { equalShares: plain });
		expect(r.equalShares.funded).toEqual(['a']);
		expect(r.equalShares.steps.find((s) => s.kind === 'mes_round')).toMatchObject({
			lineId: 'a',
			payers: 8,
			perSupporter: 12.5
		});
	});

	it('approval utilities pick the cheapest split instead (library first in example 1)', () => {
		const r = tallyBudget(parkLines, 1100 * BS, example1, {
			equalShares: { ...plain, utility: 'approval' }
		});
		expect(r.equalShares.funded[0]).toBe('library');
	});

	it('proportionality: 51 % red, 49 % blue, ten projects each, budget for ten', () => {
		const red = Array.from({ length: 10 }, (_, i) => ({
			id: `r${i}`,
			title: `R${i}`,
			cost: 100 * BS
		}));
		const blue = Array.from({ length: 10 }, (_, i) => ({
			id: `b${i}`,
			title: `B${i}`,
			cost: 100 * BS
		}));
		const ballots = [
			...Array(51).fill(red.map((l) => l.id)),
			...Array(49).fill(blue.map((l) => l.id))
		];
		const r = tallyBudget([...red, ...blue], 1000 * BS, ballots);
		expect(r.greedy.funded.every((id) => id.startsWith('r'))).toBe(true);
		const mes = r.equalShares.funded;
		expect(mes.filter((id) => id.startsWith('r'))).toHaveLength(5);
		expect(mes.filter((id) => id.startsWith('b'))).toHaveLength(5);
	});
});

describe('Equal Shares completion', () => {
	it('example 1 with completion: raising the shares cannot add a line within the budget', () => {
		// bike + playground + library = 1000 of 1100; the gym (400) and park (250) do not fit.
		const r = tallyBudget(parkLines, 1100 * BS, example1);
		expect(r.equalShares.funded).toEqual(['bike', 'playground', 'library']);
		expect(r.equalShares.steps.find((s) => s.kind === 'mes_completion')).toMatchObject({
			runs: 1,
			stop: 'exhaustive',
			share: 100 * BS
		});
		expect(r.outcome).toMatchObject({ rule: 'equal_shares', total: 1000 * BS, left: 100 * BS });
	});

	it('raises the shares until the next raise would go over, then fills by approvals', () => {
		// Budget Bs 200, 4 voters (Bs 50 each). c (150) is bought by its 3 supporters at 50 each.
		// Raising the shares Bs 1 at a time, at Bs 100 each the supporters of a could buy it too,
		// which would spend 250: so the outcome at Bs 99 is kept, and the Bs 50 left buys d.
		const lines = [
			{ id: 'a', title: 'A', cost: 100 * BS },
			{ id: 'b', title: 'B', cost: 250 * BS },
			{ id: 'c', title: 'C', cost: 150 * BS },
			{ id: 'd', title: 'D', cost: 50 * BS }
		];
		const ballots = [['b'], ['c'], ['a', 'b', 'c', 'd'], ['a', 'c']];
		const base = tallyBudget(lines, 200 * BS, ballots, { equalShares: plain });
		expect(base.equalShares.funded).toEqual(['c']);
		const done = tallyBudget(lines, 200 * BS, ballots);
		expect(done.equalShares.steps.find((s) => s.kind === 'mes_completion')).toEqual({
			kind: 'mes_completion',
			runs: 51,
			share: 99 * BS,
			step: 100,
			stop: 'next_over_budget'
		});
		expect(done.equalShares.steps.find((s) => s.kind === 'mes_fill')).toEqual({
			kind: 'mes_fill',
			left: 50 * BS
		});
		expect(done.equalShares.funded).toEqual(['c', 'd']);
		expect(done.outcome).toMatchObject({ funded: ['c', 'd'], total: 200 * BS, left: 0 });
		const noFill = tallyBudget(lines, 200 * BS, ballots, { equalShares: { fill: false } });
		expect(noFill.equalShares.funded).toEqual(['c']);
	});

	it('fills what completion leaves by approval order', () => {
		// Two voters with disjoint wishes: MES buys one line each; leftover goes to the most approved.
		const lines = [
			{ id: 'a', title: 'A', cost: 400 },
			{ id: 'b', title: 'B', cost: 400 },
			{ id: 'c', title: 'C', cost: 150 }
		];
		const ballots = [['a', 'c'], ['b'], ['c']];
		const r = tallyBudget(lines, 1000, ballots, { equalShares: { completionStep: 1 } });
		expect(r.equalShares.total).toBeLessThanOrEqual(1000);
		expect(new Set(r.equalShares.funded)).toEqual(new Set(['a', 'b', 'c']));
	});
});

describe('properties', () => {
	function instance(rand: () => number) {
		const L = randInt(rand, 1, 9);
		const lines = Array.from({ length: L }, (_, i) => ({
			id: `l${i}`,
			title: `L${i}`,
			cost: randInt(rand, 0, 5) === 0 ? randInt(rand, 1, 3) * 1000 : randInt(rand, 100, 9000)
		}));
		const budget = randInt(rand, 1000, 20000);
		const n = randInt(rand, 0, 25);
		const ballots: string[][] = [];
		for (let v = 0; v < n; v++) {
			let total = 0;
			const ballot: string[] = [];
			for (const l of shuffled(lines, rand)) {
				if (rand() < 0.45 && total + l.cost <= budget) {
					ballot.push(l.id);
					total += l.cost;
				}
			}
			ballots.push(ballot);
		}
		return { lines, budget, ballots };
	}

	it('never exceeds the budget; independent of ballot order (and of the order inside a ballot)', () => {
		const rand = prng(2026);
		for (let t = 0; t < 400; t++) {
			const { lines, budget, ballots } = instance(rand);
			const options = {
				rules: t % 2 ? { tieBreak: 'lot' as const, seed: `t${t}` } : undefined,
				equalShares: {
					utility: t % 3 === 0 ? ('approval' as const) : ('cost' as const),
					completionStep: 10
				}
			};
			const r = tallyBudget(lines, budget, ballots, options);
			const cost = new Map(lines.map((l) => [l.id, l.cost]));
			for (const m of [r.greedy, r.equalShares]) {
				const sum = m.funded.reduce((s, id) => s + cost.get(id)!, 0);
				expect(sum).toBe(m.total);
				expect(m.total).toBeLessThanOrEqual(budget);
				expect(new Set(m.funded).size).toBe(m.funded.length);
			}
			const again = tallyBudget(
				lines,
				budget,
				shuffled(ballots, rand).map((b) => shuffled(b, rand)),
				options
			);
			expect(again).toEqual(r);
		}
	});

	it('Equal Shares equals a plain, unoptimised implementation of the same rules', () => {
		// Reference: every line re-evaluated every round by sorting its supporters' money, scores
		// compared as exact fractions (BigInt), the same rounding of payments to 1/n centavo.
		function reference(
			lines: BudgetLineInput[],
			budget: number,
			ballots: string[][],
			utility: 'cost' | 'approval'
		): string[] {
			const n = ballots.length;
			const money = new Array<number>(n).fill(budget);
			const approvals = lines.map((l) => ballots.filter((b) => b.includes(l.id)).length);
			const chosen: string[] = [];
			for (;;) {
				let best: { p: number; num: number; den: number; sup: number[] } | undefined;
				for (const [p, line] of lines.entries()) {
					if (chosen.includes(line.id) || approvals[p] === 0) continue;
					const sup = ballots.flatMap((b, i) => (b.includes(line.id) && money[i] > 0 ? [i] : []));
					const C = line.cost * n;
					const held = sup.map((i) => money[i]).sort((a, b) => a - b);
					if (held.reduce((a, b) => a + b, 0) < C) continue;
					let num = 0;
					let den = Math.max(held.length, 1);
					let paid = 0;
					if (C > 0) {
						for (let j = 0; j < held.length; j++) {
							if (held[j] * (held.length - j) >= C - paid) {
								num = C - paid;
								den = held.length - j;
								break;
							}
							paid += held[j];
						}
					}
					const u = (q: number) =>
						BigInt(utility === 'cost' && lines[q].cost > 0 ? lines[q].cost : 1);
					let better = !best;
					if (best) {
						const l = BigInt(num) * BigInt(best.den) * u(best.p);
						const r = BigInt(best.num) * BigInt(den) * u(p);
						const b = lines[best.p];
						better =
							l < r ||
							(l === r &&
								(line.cost < b.cost ||
									(line.cost === b.cost &&
										(approvals[p] > approvals[best.p] ||
											(approvals[p] === approvals[best.p] && p < best.p)))));
					}
					if (better) best = { p, num, den, sup };
				}
				if (!best) return chosen;
				const q = Math.ceil(best.num / best.den);
				for (const i of best.sup) money[i] = money[i] * best.den >= best.num ? money[i] - q : 0;
				chosen.push(lines[best.p].id);
			}
		}
		const rand = prng(77);
		for (let t = 0; t < 300; t++) {
			const L = randInt(rand, 1, 10);
			const lines = Array.from({ length: L }, (_, i) => ({
				id: `l${i}`,
				title: `L${i}`,
				// Few distinct costs, so ties and equal splits happen often.
				cost: randInt(rand, 0, 12) * 500
			}));
			const n = randInt(rand, 1, 30);
			const ballots = Array.from({ length: n }, () =>
				lines.filter(() => rand() < 0.4).map((l) => l.id)
			);
			const budget = randInt(rand, 1, 40) * 500;
			const utility = t % 2 ? ('approval' as const) : ('cost' as const);
			const r = tallyBudget(lines, budget, ballots, { equalShares: { ...plain, utility } });
			expect(r.equalShares.funded).toEqual(reference(lines, budget, ballots, utility));
		}
	});

	it('with unanimous approval, Equal Shares = cheapest lines first while they fit', () => {
		const rand = prng(99);
		for (let t = 0; t < 300; t++) {
			const L = randInt(rand, 1, 8);
			const lines = Array.from({ length: L }, (_, i) => ({
				id: `l${i}`,
				title: `L${i}`,
				cost: randInt(rand, 1, 50) * 100
			}));
			const budget = randInt(rand, 100, 20000);
			const n = randInt(rand, 1, 15);
			const ballots = Array.from({ length: n }, () => lines.map((l) => l.id));
			const byCost = lines
				.map((l, i) => ({ ...l, i }))
				.sort((a, b) => a.cost - b.cost || a.i - b.i);
			const expected: string[] = [];
			let left = budget;
			for (const l of byCost) {
				if (l.cost > left) break;
				expected.push(l.id);
				left -= l.cost;
			}
			const utility = t % 2 ? ('approval' as const) : ('cost' as const);
			const r = tallyBudget(lines, budget, ballots, {
				equalShares: { utility, fill: false, completionStep: 1 }
			});
			expect(r.equalShares.funded).toEqual(expected);
		}
	});

	it('ballots with unknown or repeated lines are not counted; one over the budget is', () => {
		const r = tallyBudget(parkLines, 1000 * BS, [
			['bike', 'gym'],
			['bike'],
			['nope'],
			['gym', 'gym']
		]);
		expect(r.invalid).toBe(2);
		expect(r.voters).toBe(2);
	});

	it('refuses a budget or a cost that is not whole centavos', () => {
		expect(() => tallyBudget([{ id: 'a', title: 'A', cost: 1.5 }], 100, [])).toThrow(RangeError);
		expect(() => tallyBudget([], -1, [])).toThrow(RangeError);
	});
});
