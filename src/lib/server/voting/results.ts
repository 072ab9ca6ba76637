// From stored ballots (or a confirmed hand count) to a result, through the pure methods. The
// result is stored with the vote when it closes and is what the register records.
import type { Vote, VoteOption } from '$lib/server/db/schema';
import {
	quorumStep,
	tallyAlternatives,
	tallyBudget,
	tallyMotion,
	tallyMotionCounts,
	type MotionChoice,
	type VoteRules
} from '$lib/voting/methods';
import { tallyElection } from '$lib/voting/methods';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { amountProblem, VOTE_BUDGET_MAX } from '$lib/money/amount';
import type { RuleSet } from '$lib/voting/rule-set';

import type { ResultSource, VoteResult } from '$lib/voting/result';

export type { ResultSource, VoteResult };

/**
 * The association's rule set, as the methods read it for this vote. A draw by lot is seeded with
 * the vote and a digest of what was counted: nobody can know the draw before the close, and anyone
 * with the ballots can repeat it.
 */
export function methodRules(
	vote: Pick<Vote, 'id' | 'decision_kind' | 'opened_at'> & { quorum_call?: string },
	rules: RuleSet,
	counted: unknown = null
): VoteRules {
	return {
		quorum: {
			firstCall: rules.quorumFirstCall,
			secondCall: rules.quorumSecondCall,
			// A vote taken in an assembly installed at second call counts that call's quorum.
			call: vote.quorum_call === 'second' ? 'second' : 'first'
		},
		threshold: rules.thresholds[vote.decision_kind],
		tieBreak: rules.tieBreak,
		seed: `minka-vote-${vote.id}-${vote.opened_at ?? 0}-${sha256Hex(canonicalJson(counted))}`
	};
}

function field<T>(choice: unknown, name: string): T | undefined {
	return choice && typeof choice === 'object'
		? ((choice as Record<string, unknown>)[name] as T)
		: undefined;
}

export function computeResult(input: {
	vote: Vote;
	options: VoteOption[];
	rules: RuleSet;
	electorate: number;
	source: ResultSource;
}): VoteResult {
	const { vote, options, electorate, source } = input;
	// Ballots in a canonical order (their storage order is random anyway).
	const counted =
		source.kind === 'ballots'
			? source.choices.map((c) => canonicalJson(c)).sort()
			: { counts: source.counts, present: source.present, represented: source.represented };
	const rules = methodRules(vote, input.rules, counted);
	const ids = options.map((o) => String(o.id));
	const handCount = source.kind === 'hand_count' ? source : undefined;
	// A hand count's attendance, or the assembly room's for a vote on phones there.
	const present = handCount
		? handCount.present + handCount.represented
		: source.kind === 'ballots'
			? source.present
			: undefined;
	const choices = source.kind === 'ballots' ? source.choices : [];
	const base = { electorate, rules, source: source.kind };

	if (vote.kind === 'motion' && options.length === 0) {
		const motion = handCount
			? tallyMotionCounts(
					{
						yes: handCount.counts.yes ?? 0,
						no: handCount.counts.no ?? 0,
						abstain: handCount.counts.abstain ?? 0
					},
					electorate,
					rules,
					{ present }
				)
			: tallyMotion(
					choices.map((c) => field<MotionChoice>(c, 'answer') as MotionChoice),
					electorate,
					rules,
					{ present }
				);
		return {
			...base,
			kind: 'motion',
			motion,
			outcome: motion.outcome,
			approved: motion.outcome === 'approved',
			cast: motion.cast,
			quorum: quorumStep(electorate, motion.present, rules)
		};
	}

	if (vote.kind === 'motion') {
		// The first option is the wording in force; the others are amendments put against it.
		const alternatives = tallyAlternatives(
			handCount ? expandCounts(handCount.counts, [...ids, 'abstain']) : choices.map(singleChoice),
			options.map((o, i) => ({ id: String(o.id), original: i === 0 })),
			electorate,
			rules,
			{ rule: 'plurality', present }
		);
		return {
			...base,
			kind: 'alternatives',
			alternatives,
			outcome: alternatives.outcome,
			approved: alternatives.outcome === 'decided',
			cast: alternatives.cast,
			quorum: quorumStep(electorate, alternatives.present, rules)
		};
	}

	if (vote.kind === 'budget') {
		// A line whose stored cost is not a sound amount (kept by an older build) cannot be
		// funded and is left out of the count, so that such a vote still closes.
		const all = options.map((o) => ({
			id: String(o.id),
			title: o.label,
			cost: Number(o.amount ?? 0)
		}));
		const unsound = new Set(all.filter((l) => amountProblem(l.cost)).map((l) => l.id));
		const lines = all.filter((l) => !unsound.has(l.id));
		const ballots = choices.map((c) =>
			(field<number[]>(c, 'lines') ?? []).map(String).filter((id) => !unsound.has(id))
		);
		const available = Number(vote.budget ?? 0);
		const problem = amountProblem(available, VOTE_BUDGET_MAX);
		const budgetCap = problem === 'too_large' ? VOTE_BUDGET_MAX : problem ? 0 : available;
		const budget = tallyBudget(lines, budgetCap, ballots, {
			decidesBy: vote.decides_by ?? 'equal_shares',
			rules
		});
		const quorum = quorumStep(electorate, present ?? ballots.length, rules);
		return {
			...base,
			kind: 'budget',
			budget,
			outcome: quorum.met ? 'decided' : 'no_quorum',
			approved: quorum.met && budget.outcome.funded.length > 0,
			cast: ballots.length,
			quorum
		};
	}

	const style = vote.ballot_style ?? 'single';
	const ballots = handCount
		? expandCounts(handCount.counts, [...ids, 'abstain']).map((id) => ({ option: id }))
		: choices;
	const election = tallyElection({
		style,
		candidates: options.map((o) => ({ id: String(o.id), name: o.label })),
		ballots: ballots.map((c) => ballotFor(style, c)),
		electorate,
		rules,
		present
	});
	return {
		...base,
		kind: 'election',
		election,
		outcome: election.outcome,
		approved: election.outcome === 'decided',
		cast: election.cast,
		quorum: quorumStep(electorate, present ?? election.cast, rules)
	};
}

function singleChoice(choice: unknown): string {
	const option = field<number | string>(choice, 'option');
	return option === undefined ? 'invalid' : String(option);
}

/** A hand count as one anonymous entry per raised hand, so the same methods count it. */
function expandCounts(counts: Record<string, number>, keys: string[]): string[] {
	return keys.flatMap((key) => Array.from({ length: counts[key] ?? 0 }, () => key));
}

function ballotFor(style: string, choice: unknown) {
	if (style === 'approval') return (field<number[]>(choice, 'options') ?? []).map(String);
	if (style === 'ranking') return (field<number[]>(choice, 'ranking') ?? []).map(String);
	return singleChoice(choice);
}
