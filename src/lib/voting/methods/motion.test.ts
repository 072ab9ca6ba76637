import { describe, expect, it } from 'vitest';
import { tallyAlternatives, tallyMotion, tallyMotionCounts, type MotionChoice } from './motion';
import { prng, shuffled } from './prng';
import { quorumRequired, type VoteRules } from './rules';

const rules = (over: Partial<VoteRules> = {}): VoteRules => ({
	quorum: { firstCall: 'half_plus_one', secondCall: 'third' },
	threshold: 'simple',
	tieBreak: 'status_quo',
	...over
});
const ballots = (yes: number, no: number, abstain = 0): MotionChoice[] => [
	...Array<MotionChoice>(yes).fill('yes'),
	...Array<MotionChoice>(no).fill('no'),
	...Array<MotionChoice>(abstain).fill('abstain')
];

describe('quorumRequired', () => {
	it('half plus one, thirds, quarters, fractions and counts', () => {
		expect(quorumRequired(24, 'half_plus_one')).toBe(13);
		expect(quorumRequired(25, 'half_plus_one')).toBe(13);
		expect(quorumRequired(24, 'third')).toBe(8);
		expect(quorumRequired(25, 'third')).toBe(9);
		expect(quorumRequired(25, 'quarter')).toBe(7);
		expect(quorumRequired(30, 'two_thirds')).toBe(20);
		expect(quorumRequired(31, 'two_thirds')).toBe(21);
		expect(quorumRequired(30, 'present')).toBe(1);
		expect(quorumRequired(0, 'present')).toBe(0);
		expect(quorumRequired(20, { fraction: [1, 4], mode: 'moreThan' })).toBe(6);
		expect(quorumRequired(20, { fraction: [3, 4] })).toBe(15);
		expect(quorumRequired(20, { count: 12 })).toBe(12);
		expect(quorumRequired(10, { count: 12 })).toBe(10);
	});
});

describe('tallyMotion', () => {
	it('the worked example: 14 of 24 present, 13 needed; 8 sí, 5 no, 1 abstención → approved', () => {
		const r = tallyMotion(ballots(8, 5, 1), 24, rules());
		expect(r.outcome).toBe('approved');
		expect(r.counts).toEqual({ yes: 8, no: 5, abstain: 1 });
		expect(r.quorum).toEqual({ call: 'first', required: 13, met: true });
		expect(r.threshold.required).toBe(7);
		expect(r.steps.map((s) => s.kind)).toEqual([
			'motion_count',
			'quorum_check',
			'threshold_check',
			'motion_outcome'
		]);
		expect(r.steps[1]).toMatchObject({ present: 14, required: 13, met: true, electorate: 24 });
	});

	it('no quorum stops before the threshold', () => {
		const r = tallyMotion(ballots(12, 0), 24, rules());
		expect(r.outcome).toBe('no_quorum');
		expect(r.steps.some((s) => s.kind === 'threshold_check')).toBe(false);
	});

	it('second call uses the floor', () => {
		const r = tallyMotion(
			ballots(5, 3),
			24,
			rules({ quorum: { firstCall: 'half_plus_one', secondCall: 'third', call: 'second' } })
		);
		expect(r.quorum).toEqual({ call: 'second', required: 8, met: true });
		expect(r.outcome).toBe('approved');
	});

	it('a hand count takes attendance as present', () => {
		const r = tallyMotionCounts({ yes: 6, no: 2, abstain: 0 }, 24, rules(), { present: 15 });
		expect(r.present).toBe(15);
		expect(r.quorum.met).toBe(true);
		expect(r.outcome).toBe('approved');
	});

	it('simple majority ignores abstentions; absolute counts them against', () => {
		expect(tallyMotion(ballots(6, 5, 4), 20, rules()).outcome).toBe('approved');
		const abs = tallyMotion(ballots(6, 5, 4), 20, rules({ threshold: 'absolute' }));
		expect(abs.outcome).toBe('rejected');
		expect(abs.threshold.required).toBe(8);
		expect(tallyMotion(ballots(8, 5, 2), 20, rules({ threshold: 'absolute' })).outcome).toBe(
			'approved'
		);
	});

	it('two thirds is at least ⅔ of yes + no', () => {
		expect(tallyMotion(ballots(10, 5, 3), 20, rules({ threshold: 'two_thirds' })).outcome).toBe(
			'approved'
		);
		expect(tallyMotion(ballots(9, 5), 20, rules({ threshold: 'two_thirds' })).outcome).toBe(
			'rejected'
		);
		const r = tallyMotion(ballots(9, 5), 20, rules({ threshold: 'two_thirds' }));
		expect(r.threshold.required).toBe(10);
	});

	it('custom thresholds: three quarters of the electorate', () => {
		const t = { num: 3, den: 4, base: 'electorate' as const, strict: false };
		expect(tallyMotion(ballots(15, 0), 20, rules({ threshold: t })).outcome).toBe('approved');
		expect(tallyMotion(ballots(14, 0), 20, rules({ threshold: t })).outcome).toBe('rejected');
	});

	it('a tie fails under status quo', () => {
		const r = tallyMotion(ballots(7, 7, 1), 20, rules());
		expect(r.outcome).toBe('rejected');
		expect(r.tie).toBe(true);
		expect(r.steps).toContainEqual({
			kind: 'tie_break',
			rule: 'status_quo',
			tied: ['yes', 'no'],
			chosen: 'no'
		});
	});

	it('a tie by lot is decided by the seed, the same every time', () => {
		const outcomes = new Set<string>();
		for (let s = 0; s < 40; s++) {
			const r1 = tallyMotion(ballots(7, 7), 20, rules({ tieBreak: 'lot', seed: `v${s}` }));
			const r2 = tallyMotion(ballots(7, 7), 20, rules({ tieBreak: 'lot', seed: `v${s}` }));
			expect(r1.outcome).toBe(r2.outcome);
			outcomes.add(r1.outcome);
		}
		expect([...outcomes].sort()).toEqual(['approved', 'rejected']);
		expect(() => tallyMotion(ballots(7, 7), 20, rules({ tieBreak: 'lot' }))).toThrow(/seed/);
	});

	it('exactly half under an absolute majority is not a tie: it fails', () => {
		const r = tallyMotion(
			ballots(5, 3, 2),
			18,
			rules({ threshold: 'absolute', tieBreak: 'lot', seed: 's' })
		);
		expect(r.outcome).toBe('rejected');
		expect(r.tie).toBe(false);
		expect(r.steps.some((s) => s.kind === 'tie_break')).toBe(false);
	});

	it('no votes for or against: rejected, no tie-break', () => {
		const r = tallyMotion(ballots(0, 0, 15), 20, rules());
		expect(r.outcome).toBe('rejected');
		expect(r.tie).toBe(false);
	});

	it('anything else is invalid and not counted', () => {
		const r = tallyMotion(['yes', 'maybe' as MotionChoice], 1, rules());
		expect(r.cast).toBe(1);
		expect(r.steps[0]).toMatchObject({ invalid: 1 });
	});

	it('property: independent of ballot order, and approved iff the arithmetic says so', () => {
		const rand = prng(7);
		for (let t = 0; t < 300; t++) {
			const y = Math.floor(rand() * 20);
			const n = Math.floor(rand() * 20);
			const a = Math.floor(rand() * 6);
			const electorate = y + n + a + Math.floor(rand() * 30);
			const threshold = (['simple', 'absolute', 'two_thirds'] as const)[t % 3];
			const b = ballots(y, n, a);
			const r = tallyMotion(b, electorate, rules({ threshold }));
			expect(tallyMotion(shuffled(b, rand), electorate, rules({ threshold }))).toEqual(r);
			const quorum = y + n + a >= Math.floor(electorate / 2) + 1;
			const pass =
				threshold === 'simple'
					? y > n
					: threshold === 'absolute'
						? 2 * y > y + n + a
						: y + n > 0 && 3 * y >= 2 * (y + n);
			expect(r.outcome).toBe(!quorum ? 'no_quorum' : pass ? 'approved' : 'rejected');
		}
	});
});

describe('tallyAlternatives', () => {
	const opts = [{ id: 'orig', original: true }, { id: 'a1' }, { id: 'a2' }];
	const many = (counts: Record<string, number>) =>
		Object.entries(counts).flatMap(([k, n]) => Array<string>(n).fill(k));

	it('plurality: the amendment with most votes is adopted', () => {
		const r = tallyAlternatives(many({ orig: 4, a1: 6, a2: 3, abstain: 2 }), opts, 20, rules());
		expect(r.outcome).toBe('decided');
		expect(r.winner).toBe('a1');
		expect(r.counts).toEqual([
			{ id: 'orig', votes: 4 },
			{ id: 'a1', votes: 6 },
			{ id: 'a2', votes: 3 }
		]);
		expect(r.abstain).toBe(2);
	});

	it('a tie with the original keeps the original under status quo', () => {
		const r = tallyAlternatives(many({ orig: 5, a1: 5, a2: 1 }), opts, 20, rules());
		expect(r.winner).toBe('orig');
		expect(r.tie).toBe(true);
	});

	it('a tie between amendments goes to the earlier one, or to the lot', () => {
		expect(tallyAlternatives(many({ orig: 1, a1: 5, a2: 5 }), opts, 20, rules()).winner).toBe('a1');
		const winners = new Set<string | null>();
		for (let s = 0; s < 30; s++) {
			winners.add(
				tallyAlternatives(
					many({ orig: 1, a1: 5, a2: 5 }),
					opts,
					20,
					rules({ tieBreak: 'lot', seed: `s${s}` })
				).winner
			);
		}
		expect([...winners].sort()).toEqual(['a1', 'a2']);
	});

	it('majority: needs more than half of the valid votes, else nothing is adopted', () => {
		const r = tallyAlternatives(many({ orig: 4, a1: 6, a2: 3 }), opts, 20, rules(), {
			rule: 'majority'
		});
		expect(r.outcome).toBe('no_majority');
		expect(r.winner).toBeNull();
		expect(r.steps).toContainEqual({
			kind: 'majority_check',
			leader: 'a1',
			votes: 6,
			valid: 13,
			required: 7,
			met: false
		});
		const ok = tallyAlternatives(many({ orig: 4, a1: 8, a2: 3, abstain: 5 }), opts, 20, rules(), {
			rule: 'majority'
		});
		expect(ok.winner).toBe('a1');
	});

	it('no quorum', () => {
		const r = tallyAlternatives(many({ a1: 3 }), opts, 20, rules());
		expect(r.outcome).toBe('no_quorum');
	});

	it('property: independent of ballot order', () => {
		const rand = prng(11);
		for (let t = 0; t < 100; t++) {
			const b = many({
				orig: Math.floor(rand() * 8),
				a1: Math.floor(rand() * 8),
				a2: Math.floor(rand() * 8),
				abstain: Math.floor(rand() * 3)
			});
			const r = tallyAlternatives(b, opts, 20, rules({ tieBreak: 'lot', seed: 'x' }), {
				rule: t % 2 ? 'majority' : 'plurality'
			});
			expect(
				tallyAlternatives(shuffled(b, rand), opts, 20, rules({ tieBreak: 'lot', seed: 'x' }), {
					rule: t % 2 ? 'majority' : 'plurality'
				})
			).toEqual(r);
		}
	});
});
