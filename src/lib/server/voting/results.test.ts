import { describe, expect, it } from 'vitest';
import type { Vote, VoteOption } from '$lib/server/db/schema';
import { optionRow, voteRow } from '$lib/server/testing/rows';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { VOTE_BUDGET_MAX } from '$lib/money/amount';
import { drawLot } from '$lib/voting/methods';
import { DEFAULT_RULES, type RuleSet } from '$lib/voting/rule-set';
import { computeResult, methodRules, type ResultSource, type VoteResult } from './results';

const answers = (...list: string[]) => list.map((answer) => ({ answer }));
const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);
const ballots = (choices: unknown[], present?: number): ResultSource => ({
	kind: 'ballots',
	choices,
	...(present === undefined ? {} : { present })
});
const hands = (counts: Record<string, number>, present: number, represented = 0): ResultSource => ({
	kind: 'hand_count',
	counts,
	present,
	represented
});

function compute(input: {
	vote?: Partial<Vote>;
	options?: VoteOption[];
	rules?: Partial<RuleSet>;
	electorate: number;
	source: ResultSource;
}): VoteResult {
	return computeResult({
		vote: voteRow(input.vote),
		options: input.options ?? [],
		rules: { ...DEFAULT_RULES, ...input.rules },
		electorate: input.electorate,
		source: input.source
	});
}

function motionOf(result: VoteResult) {
	if (result.kind !== 'motion') throw new Error(`expected a motion, got ${result.kind}`);
	return result.motion;
}

describe('methodRules', () => {
	it('takes the quorums, the threshold of the decision kind and the tie-break from the rule set', () => {
		const rules = methodRules(voteRow({ decision_kind: 'statute' }), DEFAULT_RULES);
		expect(rules).toEqual({
			quorum: { firstCall: 'half_plus_one', secondCall: 'third', call: 'first' },
			threshold: 'two_thirds',
			tieBreak: 'status_quo',
			seed: `minka-vote-7-1000-${sha256Hex('null')}`
		});
	});

	it('counts the second call only for a vote taken at second call', () => {
		expect(methodRules(voteRow({ quorum_call: 'second' }), DEFAULT_RULES).quorum.call).toBe(
			'second'
		);
		expect(methodRules({ ...voteRow(), quorum_call: undefined }, DEFAULT_RULES).quorum.call).toBe(
			'first'
		);
	});

	it('seeds the lot with the vote, its opening time and a digest of what was counted', () => {
		const counted = ['{"answer":"no"}', '{"answer":"yes"}'];
		expect(methodRules(voteRow({ id: 3, opened_at: null }), DEFAULT_RULES, counted).seed).toBe(
			`minka-vote-3-0-${sha256Hex(canonicalJson(counted))}`
		);
		expect(methodRules(voteRow(), DEFAULT_RULES, counted).seed).not.toBe(
			methodRules(voteRow(), DEFAULT_RULES, [...counted, '{"answer":"no"}']).seed
		);
	});
});

describe('computeResult: a motion by ballots', () => {
	it('4 yes, 2 no, 1 abstention of 10: quorum (6 needed) and approved by simple majority', () => {
		const result = compute({
			electorate: 10,
			source: ballots(answers('yes', 'no', 'yes', 'abstain', 'yes', 'no', 'yes'))
		});
		expect(result).toMatchObject({
			kind: 'motion',
			outcome: 'approved',
			approved: true,
			cast: 7,
			electorate: 10,
			source: 'ballots',
			quorum: {
				kind: 'quorum_check',
				call: 'first',
				rule: 'half_plus_one',
				electorate: 10,
				present: 7,
				required: 6,
				met: true
			}
		});
		expect(motionOf(result).counts).toEqual({ yes: 4, no: 2, abstain: 1 });
		expect(motionOf(result).tie).toBe(false);
	});

	it('5 ballots of 10 is no quorum, however they voted', () => {
		const result = compute({ electorate: 10, source: ballots(answers(...times(5, 'yes'))) });
		expect(result.outcome).toBe('no_quorum');
		expect(result.approved).toBe(false);
		expect(result.quorum).toMatchObject({ present: 5, required: 6, met: false });
		expect(motionOf(result).steps.map((s) => s.kind)).toEqual([
			'motion_count',
			'quorum_check',
			'motion_outcome'
		]);
	});

	it('at second call a third is enough: 4 of 10', () => {
		const result = compute({
			vote: { quorum_call: 'second' },
			electorate: 10,
			source: ballots(answers('yes', 'yes', 'yes', 'no'))
		});
		expect(result.quorum).toMatchObject({ call: 'second', rule: 'third', required: 4, met: true });
		expect(result.outcome).toBe('approved');
	});

	it('a statute change needs two thirds of yes + no: 4 to 2 passes, 3 to 2 does not', () => {
		const statute = { decision_kind: 'statute' as const };
		const passes = compute({
			vote: statute,
			electorate: 6,
			source: ballots(answers('yes', 'yes', 'yes', 'yes', 'no', 'no'))
		});
		expect(passes.rules.threshold).toBe('two_thirds');
		expect(passes.outcome).toBe('approved');
		expect(motionOf(passes).threshold).toMatchObject({
			name: 'two_thirds',
			required: 4,
			met: true
		});

		const fails = compute({
			vote: statute,
			electorate: 5,
			source: ballots(answers('yes', 'yes', 'yes', 'no', 'no'))
		});
		expect(fails.outcome).toBe('rejected');
		expect(motionOf(fails).tie).toBe(false);
	});

	it('abstentions do not count under a simple majority but count against under absolute', () => {
		const source = ballots(answers('yes', 'yes', 'yes', 'no', 'abstain', 'abstain'));
		expect(compute({ electorate: 6, source }).outcome).toBe('approved');
		const absolute = compute({
			rules: { thresholds: { ...DEFAULT_RULES.thresholds, ordinary: 'absolute' } },
			electorate: 6,
			source
		});
		expect(absolute.outcome).toBe('rejected');
		expect(motionOf(absolute).threshold).toMatchObject({
			name: 'absolute',
			required: 4,
			met: false
		});
	});

	it('a tie under status quo is not approved', () => {
		const result = compute({
			electorate: 6,
			source: ballots(answers('yes', 'no', 'yes', 'no', 'yes', 'no'))
		});
		expect(result.outcome).toBe('rejected');
		expect(motionOf(result).tie).toBe(true);
		expect(motionOf(result).steps).toContainEqual({
			kind: 'tie_break',
			rule: 'status_quo',
			tied: ['yes', 'no'],
			chosen: 'no'
		});
	});

	it('a tie by lot is drawn from a seed of the ballots, whatever order they are stored in', () => {
		const choices = answers('yes', 'no', 'abstain', 'yes', 'no', 'abstain');
		const seed = `minka-vote-7-1000-${sha256Hex(canonicalJson(choices.map((c) => canonicalJson(c)).sort()))}`;
		const result = compute({ rules: { tieBreak: 'lot' }, electorate: 6, source: ballots(choices) });
		const chosen = drawLot(['yes', 'no'], seed);
		expect(result.rules.seed).toBe(seed);
		expect(result.outcome).toBe(chosen === 'yes' ? 'approved' : 'rejected');
		expect(motionOf(result).steps).toContainEqual({
			kind: 'tie_break',
			rule: 'lot',
			tied: ['yes', 'no'],
			chosen,
			seed
		});
		const reversed = compute({
			rules: { tieBreak: 'lot' },
			electorate: 6,
			source: ballots([...choices].reverse())
		});
		expect(reversed.rules.seed).toBe(seed);
		expect(reversed.outcome).toBe(result.outcome);
	});

	it('ballots without a sound answer are invalid: not cast, not in the quorum', () => {
		const result = compute({
			electorate: 4,
			source: ballots([{ answer: 'yes' }, { answer: 'maybe' }, null, 'yes', {}, { answer: 'no' }])
		});
		expect(result.cast).toBe(2);
		expect(result.outcome).toBe('no_quorum');
		expect(motionOf(result).steps[0]).toEqual({
			kind: 'motion_count',
			cast: 2,
			invalid: 4,
			yes: 1,
			no: 1,
			abstain: 0
		});
	});

	it('a vote on phones in the assembly room takes its quorum from the room', () => {
		const result = compute({ electorate: 12, source: ballots(answers('yes', 'yes', 'no'), 8) });
		expect(result.cast).toBe(3);
		expect(result.quorum).toMatchObject({ present: 8, required: 7, met: true });
		expect(result.outcome).toBe('approved');
	});
});

describe('computeResult: a motion by hand count', () => {
	it('counts the hands, and the quorum from those present and represented', () => {
		const result = compute({ electorate: 12, source: hands({ yes: 5, no: 2, abstain: 1 }, 6, 2) });
		expect(result).toMatchObject({
			kind: 'motion',
			source: 'hand_count',
			outcome: 'approved',
			approved: true,
			cast: 8,
			quorum: { present: 8, required: 7, met: true }
		});
		expect(motionOf(result).counts).toEqual({ yes: 5, no: 2, abstain: 1 });
	});

	it('people in the room who raise no hand still make the quorum', () => {
		const result = compute({ electorate: 12, source: hands({ yes: 2, no: 1 }, 7) });
		expect(result.cast).toBe(3);
		expect(motionOf(result).counts).toEqual({ yes: 2, no: 1, abstain: 0 });
		expect(result.quorum).toMatchObject({ present: 7, met: true });
		expect(result.outcome).toBe('approved');
	});

	it('a room short of the quorum decides nothing, whatever the hands', () => {
		const result = compute({ electorate: 12, source: hands({ yes: 5 }, 4, 1) });
		expect(result.outcome).toBe('no_quorum');
		expect(result.quorum).toMatchObject({ present: 5, required: 7, met: false });
	});

	it('seeds the lot with the counts and attendance, not ballots', () => {
		const source = hands({ yes: 3, no: 3 }, 6);
		const result = compute({ rules: { tieBreak: 'lot' }, electorate: 6, source });
		expect(result.rules.seed).toBe(
			`minka-vote-7-1000-${sha256Hex(canonicalJson({ counts: { yes: 3, no: 3 }, present: 6, represented: 0 }))}`
		);
		expect(motionOf(result).tie).toBe(true);
	});
});

describe('computeResult: the wording in force against amendments', () => {
	const options = [optionRow(10, 'Texto vigente'), optionRow(11, 'Enmienda A')];

	it('the option with most votes is decided; abstentions count for the quorum only', () => {
		const result = compute({
			options,
			electorate: 6,
			source: ballots([
				{ option: 10 },
				{ option: 11 },
				{ option: 11 },
				{ option: 10 },
				{ option: 11 },
				{ option: 'abstain' }
			])
		});
		if (result.kind !== 'alternatives') throw new Error(result.kind);
		expect(result.outcome).toBe('decided');
		expect(result.approved).toBe(true);
		expect(result.alternatives.winner).toBe('11');
		expect(result.alternatives.counts).toEqual([
			{ id: '10', votes: 2 },
			{ id: '11', votes: 3 }
		]);
		expect(result.alternatives.abstain).toBe(1);
		expect(result.cast).toBe(6);
	});

	it('a tie under status quo keeps the wording in force, else the amendment listed first', () => {
		const three = [...options, optionRow(12, 'Enmienda B')];
		const withOriginal = compute({
			options: three,
			electorate: 4,
			source: ballots([{ option: 11 }, { option: 10 }, { option: 11 }, { option: 10 }])
		});
		if (withOriginal.kind !== 'alternatives') throw new Error(withOriginal.kind);
		expect(withOriginal.alternatives.tie).toBe(true);
		expect(withOriginal.alternatives.winner).toBe('10');

		const amendments = compute({
			options: three,
			electorate: 5,
			source: ballots([
				{ option: 12 },
				{ option: 11 },
				{ option: 12 },
				{ option: 11 },
				{ option: 10 }
			])
		});
		if (amendments.kind !== 'alternatives') throw new Error(amendments.kind);
		expect(amendments.alternatives.tie).toBe(true);
		expect(amendments.alternatives.winner).toBe('11');
	});

	it('a hand count per option, abstentions included', () => {
		const result = compute({
			options,
			electorate: 6,
			source: hands({ 10: 1, 11: 4, abstain: 1 }, 6)
		});
		if (result.kind !== 'alternatives') throw new Error(result.kind);
		expect(result.alternatives.counts).toEqual([
			{ id: '10', votes: 1 },
			{ id: '11', votes: 4 }
		]);
		expect(result.alternatives.winner).toBe('11');
		expect(result.cast).toBe(6);
	});

	it('nobody choosing an option is no majority, and nothing is approved', () => {
		const result = compute({
			options,
			electorate: 1,
			source: ballots([{ option: 'abstain' }, {}])
		});
		expect(result.outcome).toBe('no_majority');
		expect(result.approved).toBe(false);
		if (result.kind !== 'alternatives') throw new Error(result.kind);
		// The ballot without an option is invalid: not cast.
		expect(result.cast).toBe(1);
		expect(result.alternatives.steps[0]).toMatchObject({ abstain: 1, invalid: 1, cast: 1 });
		expect(result.quorum).toMatchObject({ present: 1, required: 1, met: true });
	});
});

describe('computeResult: an election', () => {
	const candidates = [optionRow(20, 'Ana'), optionRow(21, 'Beto'), optionRow(22, 'Carla')];
	const election = { kind: 'election' as const };

	it('single choice (the default style): most votes wins, blank ballots count as cast', () => {
		const result = compute({
			vote: election,
			options: candidates,
			electorate: 8,
			source: ballots([
				{ option: 21 },
				{ option: 20 },
				{ option: 21 },
				{ option: 'blank' },
				{ option: 20 },
				{ option: 21 }
			])
		});
		if (result.kind !== 'election') throw new Error(result.kind);
		expect(result.outcome).toBe('decided');
		expect(result.approved).toBe(true);
		expect(result.election.winner).toBe('21');
		expect(result.election.counts).toEqual([
			{ candidateId: '20', votes: 2 },
			{ candidateId: '21', votes: 3 },
			{ candidateId: '22', votes: 0 }
		]);
		expect(result.election.blank).toBe(1);
		expect(result.cast).toBe(6);
		expect(result.quorum).toMatchObject({ present: 6, required: 5, met: true });
	});

	it('a tie under status quo goes to the candidate listed first', () => {
		const result = compute({
			vote: election,
			options: candidates,
			electorate: 4,
			source: ballots([{ option: 21 }, { option: 20 }, { option: 21 }, { option: 20 }])
		});
		if (result.kind !== 'election') throw new Error(result.kind);
		expect(result.election.tie).toBe(true);
		expect(result.election.winner).toBe('20');
	});

	it('a ballot naming no known candidate is invalid and not cast', () => {
		const result = compute({
			vote: election,
			options: candidates,
			electorate: 3,
			source: ballots([{ option: 22 }, { option: 99 }, { options: [20] }])
		});
		if (result.kind !== 'election') throw new Error(result.kind);
		expect(result.election.invalid).toBe(2);
		expect(result.cast).toBe(1);
		expect(result.outcome).toBe('no_quorum');
	});

	it('a hand count: hands per candidate and abstentions, quorum by attendance', () => {
		const result = compute({
			vote: election,
			options: candidates,
			electorate: 8,
			source: hands({ 20: 2, 21: 1, abstain: 1 }, 5)
		});
		if (result.kind !== 'election') throw new Error(result.kind);
		expect(result.election.winner).toBe('20');
		expect(result.election.blank).toBe(1);
		expect(result.cast).toBe(4);
		expect(result.quorum).toMatchObject({ present: 5, required: 5, met: true });
	});

	it('approval: most approvals wins; an empty list is blank', () => {
		const result = compute({
			vote: { ...election, ballot_style: 'approval' },
			options: candidates,
			electorate: 3,
			source: ballots([{ options: [20, 21] }, { options: [21] }, { options: [] }])
		});
		if (result.kind !== 'election') throw new Error(result.kind);
		expect(result.election.winner).toBe('21');
		expect(result.election.counts.map((c) => c.votes)).toEqual([1, 2, 0]);
		expect(result.election.blank).toBe(1);
	});

	it('ranking: the last candidate is eliminated and their ballots move on', () => {
		const result = compute({
			vote: { ...election, ballot_style: 'ranking' },
			options: candidates,
			electorate: 5,
			source: ballots([
				{ ranking: [20, 21] },
				{ ranking: [21, 20] },
				{ ranking: [22, 21] },
				{ ranking: [20] },
				{ ranking: [21] }
			])
		});
		if (result.kind !== 'election') throw new Error(result.kind);
		expect(result.election.winner).toBe('21');
		expect(result.election.rounds).toHaveLength(2);
		expect(result.election.rounds[0]).toMatchObject({
			tallies: [
				{ candidateId: '20', votes: 2 },
				{ candidateId: '21', votes: 2 },
				{ candidateId: '22', votes: 1 }
			],
			majority: 3,
			eliminated: '22',
			transfers: [{ to: '21', votes: 1 }]
		});
		expect(result.election.rounds[1]).toMatchObject({ elected: '21' });
	});

	it('a ranking ballot without a ranking counts as blank, not invalid', () => {
		const result = compute({
			vote: { ...election, ballot_style: 'ranking' },
			options: candidates,
			electorate: 2,
			source: ballots([{ ranking: [22] }, { option: 20 }])
		});
		if (result.kind !== 'election') throw new Error(result.kind);
		expect(result.election.blank).toBe(1);
		expect(result.election.invalid).toBe(0);
		expect(result.cast).toBe(2);
		expect(result.election.winner).toBe('22');
	});
});

describe('computeResult: a budget', () => {
	const lines = [
		optionRow(30, 'Tanque', 60000),
		optionRow(31, 'Tubos', 30000),
		optionRow(32, 'Bomba', 50000)
	];
	const budgetVote = { kind: 'budget' as const, budget: 100000, decides_by: 'greedy' as const };
	const fourBallots = [{ lines: [30, 31] }, { lines: [30] }, { lines: [32, 31] }, { lines: [31] }];

	it('by approvals: the most approved lines that fit in the budget', () => {
		const result = compute({
			vote: budgetVote,
			options: lines,
			electorate: 6,
			source: ballots(fourBallots)
		});
		if (result.kind !== 'budget') throw new Error(result.kind);
		expect(result.outcome).toBe('decided');
		expect(result.approved).toBe(true);
		expect(result.cast).toBe(4);
		expect(result.quorum).toMatchObject({ present: 4, required: 4, met: true });
		expect(result.budget.outcome).toEqual({
			rule: 'greedy',
			funded: ['31', '30'],
			total: 90000,
			budget: 100000,
			left: 10000
		});
		expect(result.budget.approvals).toEqual([
			{ lineId: '30', approvals: 2 },
			{ lineId: '31', approvals: 3 },
			{ lineId: '32', approvals: 1 }
		]);
	});

	it('is decided by equal shares unless the vote says otherwise', () => {
		const result = compute({
			vote: { ...budgetVote, decides_by: null },
			options: lines,
			electorate: 6,
			source: ballots(fourBallots)
		});
		if (result.kind !== 'budget') throw new Error(result.kind);
		expect(result.budget.outcome.rule).toBe('equal_shares');
		expect(result.budget.outcome.funded).toEqual(result.budget.equalShares.funded);
	});

	it('without quorum nothing is decided, though the count is kept', () => {
		const result = compute({
			vote: budgetVote,
			options: lines,
			electorate: 10,
			source: ballots(fourBallots)
		});
		if (result.kind !== 'budget') throw new Error(result.kind);
		expect(result.outcome).toBe('no_quorum');
		expect(result.approved).toBe(false);
		expect(result.quorum).toMatchObject({ present: 4, required: 6, met: false });
		expect(result.budget.outcome.funded).toEqual(['31', '30']);
	});

	it('counts a ballot naming an unknown line as cast (for the quorum) but not as a voter', () => {
		const result = compute({
			vote: budgetVote,
			options: lines,
			electorate: 6,
			source: ballots([...fourBallots.slice(0, 3), { lines: [99] }])
		});
		if (result.kind !== 'budget') throw new Error(result.kind);
		expect(result.cast).toBe(4);
		expect(result.quorum.met).toBe(true);
		expect(result.budget.voters).toBe(3);
		expect(result.budget.invalid).toBe(1);
	});

	it('leaves out a line whose stored cost is not a sound amount, and its approvals', () => {
		const result = compute({
			vote: budgetVote,
			options: [...lines, optionRow(33, 'Roto', -500), optionRow(34, 'Medio', 12.5)],
			electorate: 2,
			source: ballots([{ lines: [33, 31] }, { lines: [34] }])
		});
		if (result.kind !== 'budget') throw new Error(result.kind);
		expect(result.budget.lines.map((l) => l.id)).toEqual(['30', '31', '32']);
		expect(result.budget.voters).toBe(2);
		expect(result.budget.outcome.funded).toEqual(['31']);
	});

	it('an unsound budget shares out nothing; one too large is capped', () => {
		const none = compute({
			vote: { ...budgetVote, budget: null },
			options: lines,
			electorate: 4,
			source: ballots(fourBallots)
		});
		if (none.kind !== 'budget') throw new Error(none.kind);
		expect(none.budget.budget).toBe(0);
		expect(none.outcome).toBe('decided');
		expect(none.approved).toBe(false);

		const huge = compute({
			vote: { ...budgetVote, budget: VOTE_BUDGET_MAX + 1 },
			options: lines,
			electorate: 4,
			source: ballots(fourBallots)
		});
		if (huge.kind !== 'budget') throw new Error(huge.kind);
		expect(huge.budget.budget).toBe(VOTE_BUDGET_MAX);
		expect(huge.budget.outcome.funded).toEqual(['31', '30', '32']);
	});
});
