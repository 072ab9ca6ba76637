import { describe, expect, it } from 'vitest';
import {
	tallyApproval,
	tallyElection,
	tallyInstantRunoff,
	tallySingleChoice,
	validateRanking,
	type Candidate
} from './election';
import { prng, randInt, shuffled } from './prng';
import type { VoteRules } from './rules';

const rules = (over: Partial<VoteRules> = {}): VoteRules => ({
	quorum: { firstCall: 'half_plus_one' },
	threshold: 'simple',
	tieBreak: 'status_quo',
	...over
});
const cands: Candidate[] = [
	{ id: 'ana', name: 'Ana Mamani', fee: 450000 },
	{ id: 'beto', name: 'Beto Quispe', fee: 380000 },
	{ id: 'carla', name: 'Carla Choque', fee: 420000 },
	{ id: 'david', name: 'David Condori', fee: 400000 }
];
const times = <T>(n: number, b: T): T[] => Array.from({ length: n }, () => b);

describe('single choice', () => {
	it('most votes wins; blank counted for turnout only', () => {
		const b = [...times(5, 'ana'), ...times(7, 'beto'), ...times(2, 'blank'), 'ghost'];
		const r = tallySingleChoice(b, cands, 24, rules());
		expect(r.outcome).toBe('decided');
		expect(r.winner).toBe('beto');
		expect(r.cast).toBe(14);
		expect(r.blank).toBe(2);
		expect(r.invalid).toBe(1);
		expect(r.quorum).toEqual({ call: 'first', required: 13, met: true });
	});
	it('no quorum', () => {
		expect(tallySingleChoice(times(5, 'ana'), cands, 24, rules()).outcome).toBe('no_quorum');
	});
	it('tie: listed order under status quo, the seed under lot', () => {
		const b = [...times(4, 'ana'), ...times(4, 'carla')];
		expect(tallySingleChoice(b, cands, 10, rules()).winner).toBe('ana');
		const seen = new Set<string | null>();
		for (let s = 0; s < 30; s++) {
			seen.add(tallySingleChoice(b, cands, 10, rules({ tieBreak: 'lot', seed: `${s}` })).winner);
		}
		expect([...seen].sort()).toEqual(['ana', 'carla']);
	});
	it('all blank: no votes', () => {
		expect(tallySingleChoice(times(8, 'blank'), cands, 10, rules()).outcome).toBe('no_votes');
	});
});

describe('approval', () => {
	it('most approvals wins; repeated or unknown names make a ballot invalid', () => {
		const b = [['ana', 'beto'], ['beto'], ['beto', 'carla'], ['ana'], [], ['ana', 'ana'], ['zoe']];
		const r = tallyApproval(b, cands, 8, rules());
		expect(r.counts).toEqual([
			{ candidateId: 'ana', votes: 2 },
			{ candidateId: 'beto', votes: 3 },
			{ candidateId: 'carla', votes: 1 },
			{ candidateId: 'david', votes: 0 }
		]);
		expect(r.winner).toBe('beto');
		expect(r.blank).toBe(1);
		expect(r.invalid).toBe(2);
	});
});

describe('instant runoff', () => {
	it('a worked example: three rounds with transfers and exhausted ballots', () => {
		// 21 ballots. First preferences: ana 8, beto 7, carla 4, david 2.
		const b = [
			...times(8, ['ana']),
			...times(5, ['beto', 'carla']),
			...times(2, ['beto', 'ana']),
			...times(3, ['carla', 'beto']),
			...times(1, ['carla']),
			...times(2, ['david', 'carla'])
		];
		const r = tallyInstantRunoff(b, cands, 30, rules());
		expect(r.rounds).toHaveLength(3);
		expect(r.rounds[0]).toMatchObject({
			round: 1,
			continuing: 21,
			majority: 11,
			eliminated: 'david',
			transfers: [{ to: 'carla', votes: 2 }]
		});
		expect(r.rounds[1]).toMatchObject({
			tallies: [
				{ candidateId: 'ana', votes: 8 },
				{ candidateId: 'beto', votes: 7 },
				{ candidateId: 'carla', votes: 6 }
			],
			eliminated: 'carla',
			transfers: [
				{ to: 'beto', votes: 3 },
				{ to: null, votes: 3 }
			]
		});
		expect(r.rounds[2]).toMatchObject({
			continuing: 18,
			exhausted: 3,
			majority: 10,
			tallies: [
				{ candidateId: 'ana', votes: 8 },
				{ candidateId: 'beto', votes: 10 }
			],
			elected: 'beto'
		});
		expect(r.winner).toBe('beto');
		expect(r.counts.map((c) => c.votes)).toEqual([8, 7, 4, 2]);
	});

	it('a first-round majority wins at once', () => {
		const r = tallyInstantRunoff(
			[...times(6, ['carla']), ...times(5, ['ana', 'carla'])],
			cands,
			11,
			rules()
		);
		expect(r.rounds).toHaveLength(1);
		expect(r.winner).toBe('carla');
	});

	it('ties for last place: earlier rounds first, then the rules', () => {
		// Round 1: ana 4, beto 3, carla 3 (+ david 0 eliminated first). carla had more in no
		// earlier round, so status quo eliminates the one listed last of the tied pair: carla.
		const b = [...times(4, ['ana']), ...times(3, ['beto', 'ana']), ...times(3, ['carla', 'beto'])];
		const r = tallyInstantRunoff(b, cands, 10, rules());
		expect(r.rounds[0]).toMatchObject({ eliminated: 'david' });
		expect(r.rounds[1]).toMatchObject({
			tiedLast: ['beto', 'carla'],
			tieBreak: 'status_quo',
			eliminated: 'carla'
		});
		expect(r.winner).toBe('beto');
		expect(r.tie).toBe(true);
	});

	it('ballots with repeats or unknown names are invalid; empty ones blank', () => {
		const r = tallyInstantRunoff([['ana', 'ana'], ['x'], [], ['beto']], cands, 3, rules());
		expect(r.invalid).toBe(2);
		expect(r.blank).toBe(1);
		expect(r.winner).toBe('beto');
		expect(validateRanking(['ana', 'beto'], cands)).toBe(true);
		expect(validateRanking(['ana', 'ana'], cands)).toBe(false);
	});

	it('property: the first-preference majority winner always wins; order never matters', () => {
		const rand = prng(42);
		const ids = cands.map((c) => c.id);
		for (let t = 0; t < 300; t++) {
			const n = randInt(rand, 1, 40);
			const ballots = Array.from({ length: n }, () =>
				shuffled(ids, rand).slice(0, randInt(rand, 0, ids.length))
			);
			const lot = rules({ tieBreak: 'lot', seed: `p${t}` });
			const r = tallyInstantRunoff(ballots, cands, n, lot);
			const first = new Map<string, number>();
			for (const b of ballots) if (b.length) first.set(b[0], (first.get(b[0]) ?? 0) + 1);
			const nonBlank = ballots.filter((b) => b.length).length;
			for (const [id, v] of first) if (2 * v > nonBlank) expect(r.winner).toBe(id);
			expect(tallyInstantRunoff(shuffled(ballots, rand), cands, n, lot)).toEqual(r);
			if (nonBlank) expect(r.winner).not.toBeNull();
		}
	});

	it('property: single choice and approval do not depend on ballot order', () => {
		const rand = prng(3);
		const ids = cands.map((c) => c.id);
		for (let t = 0; t < 100; t++) {
			const singles = Array.from({ length: randInt(rand, 0, 30) }, () =>
				rand() < 0.1 ? 'blank' : ids[randInt(rand, 0, 3)]
			);
			const approvals = singles.map(() => shuffled(ids, rand).slice(0, randInt(rand, 0, 4)));
			const lot = rules({ tieBreak: 'lot', seed: `q${t}` });
			expect(tallySingleChoice(shuffled(singles, rand), cands, 30, lot)).toEqual(
				tallySingleChoice(singles, cands, 30, lot)
			);
			expect(tallyApproval(shuffled(approvals, rand), cands, 30, lot)).toEqual(
				tallyApproval(approvals, cands, 30, lot)
			);
		}
	});
});

describe('tallyElection', () => {
	it('dispatches by ballot style; wrong shapes are invalid; abstain reads as blank', () => {
		const single = tallyElection({
			style: 'single',
			candidates: cands,
			ballots: ['ana', 'abstain', ['ana']],
			electorate: 3,
			rules: rules()
		});
		expect(single).toMatchObject({ winner: 'ana', blank: 1, invalid: 1 });
		const ranked = tallyElection({
			style: 'ranking',
			candidates: cands,
			ballots: [['beto', 'ana'], 'ana'],
			electorate: 2,
			rules: rules({ quorum: { firstCall: 'present' } })
		});
		expect(ranked).toMatchObject({ winner: 'beto', invalid: 1 });
		expect(ranked.rounds).toHaveLength(1);
	});
});
