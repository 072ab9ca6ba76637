// Motions: sí / no / abstención under a quorum and a threshold; and a rule amendment against the
// original wording (several options, one chosen).

import { drawLot, lotOrder } from './lot';
import {
	applicableQuorum,
	meetsThreshold,
	isTie,
	quorumRequired,
	requireSeed,
	thresholdSpec,
	yesRequired,
	type NamedThreshold,
	type QuorumRule,
	type ThresholdSpec,
	type VoteRules
} from './rules';

export type MotionChoice = 'yes' | 'no' | 'abstain';
export const MOTION_CHOICES: readonly MotionChoice[] = ['yes', 'no', 'abstain'];

export interface MotionCounts {
	yes: number;
	no: number;
	abstain: number;
}

export type MotionOutcome = 'approved' | 'rejected' | 'no_quorum';

export type QuorumStep = {
	kind: 'quorum_check';
	call: 'first' | 'second';
	rule: QuorumRule;
	electorate: number;
	present: number;
	required: number;
	met: boolean;
};

export type TieBreakStep = {
	kind: 'tie_break';
	rule: 'status_quo' | 'lot';
	/** The ids that were tied (for a motion: ['yes', 'no']). */
	tied: string[];
	/** Who the tie-break chose. */
	chosen: string;
	seed?: string;
};

export type MotionStep =
	| ({ kind: 'motion_count'; cast: number; invalid: number } & MotionCounts)
	| QuorumStep
	| {
			kind: 'threshold_check';
			threshold: NamedThreshold | 'custom';
			spec: ThresholdSpec;
			/** The number the fraction is taken of (yes + no, all ballots cast, or the electorate). */
			baseCount: number;
			yes: number;
			/** The fewest yes votes that would have passed. */
			required: number;
			met: boolean;
	  }
	| { kind: 'tie'; yes: number; no: number }
	| TieBreakStep
	| { kind: 'motion_outcome'; outcome: MotionOutcome };

export interface MotionResult {
	outcome: MotionOutcome;
	counts: MotionCounts;
	/** Ballots counted (yes + no + abstain). */
	cast: number;
	/** People present for the quorum (ballots cast unless given, e.g. a hand count's attendance). */
	present: number;
	electorate: number;
	quorum: { call: 'first' | 'second'; required: number; met: boolean };
	threshold: {
		name: NamedThreshold | 'custom';
		spec: ThresholdSpec;
		required: number;
		met: boolean;
	};
	/** Decided by the tie-break. */
	tie: boolean;
	steps: MotionStep[];
}

export function quorumStep(electorate: number, present: number, rules: VoteRules): QuorumStep {
	const { call, rule } = applicableQuorum(rules);
	const required = quorumRequired(electorate, rule);
	return {
		kind: 'quorum_check',
		call,
		rule,
		electorate,
		present,
		required,
		met: present >= required
	};
}

/** Counts sí / no / abstención ballots; anything else is reported as invalid and not counted. */
export function tallyMotion(
	ballots: readonly MotionChoice[],
	electorateSize: number,
	rules: VoteRules,
	options: { present?: number } = {}
): MotionResult {
	const counts: MotionCounts = { yes: 0, no: 0, abstain: 0 };
	let invalid = 0;
	for (const b of ballots) {
		if (b === 'yes' || b === 'no' || b === 'abstain') counts[b]++;
		else invalid++;
	}
	return tallyMotionCounts(counts, electorateSize, rules, { ...options, invalid });
}

/**
 * The same from counts (a hand count in the assembly room: hands per choice, and the people
 * present and represented as `present`).
 */
export function tallyMotionCounts(
	counts: MotionCounts,
	electorateSize: number,
	rules: VoteRules,
	options: { present?: number; invalid?: number } = {}
): MotionResult {
	const { yes, no, abstain } = counts;
	const cast = yes + no + abstain;
	const present = options.present ?? cast;
	const steps: MotionStep[] = [
		{ kind: 'motion_count', cast, invalid: options.invalid ?? 0, yes, no, abstain }
	];
	const quorum = quorumStep(electorateSize, present, rules);
	steps.push(quorum);

	const spec = thresholdSpec(rules.threshold);
	const name = typeof rules.threshold === 'string' ? rules.threshold : 'custom';
	const baseCount =
		spec.base === 'yes_no' ? yes + no : spec.base === 'cast' ? cast : electorateSize;
	const required = yesRequired(spec, baseCount);
	const met = baseCount > 0 && meetsThreshold(spec, yes, baseCount);
	const result = (outcome: MotionOutcome, tie = false): MotionResult => {
		steps.push({ kind: 'motion_outcome', outcome });
		return {
			outcome,
			counts: { yes, no, abstain },
			cast,
			present,
			electorate: electorateSize,
			quorum: { call: quorum.call, required: quorum.required, met: quorum.met },
			threshold: { name, spec, required, met },
			tie,
			steps
		};
	};
	if (!quorum.met) return result('no_quorum');

	steps.push({ kind: 'threshold_check', threshold: name, spec, baseCount, yes, required, met });
	if (met) return result('approved');
	if (!isTie(spec, yes, no)) return result('rejected');

	steps.push({ kind: 'tie', yes, no });
	if (rules.tieBreak === 'lot') {
		const seed = requireSeed(rules);
		const chosen = drawLot(['yes', 'no'], seed);
		steps.push({ kind: 'tie_break', rule: 'lot', tied: ['yes', 'no'], chosen, seed });
		return result(chosen === 'yes' ? 'approved' : 'rejected', true);
	}
	steps.push({ kind: 'tie_break', rule: 'status_quo', tied: ['yes', 'no'], chosen: 'no' });
	return result('rejected', true);
}

// ---------------------------------------------------------------------------------------------
// A rule amendment against the original wording

export interface Alternative {
	id: string;
	/** The wording in force: it wins ties under `status_quo` and stays when nothing is adopted. */
	original?: boolean;
}

/** `plurality`: most votes wins. `majority`: more than half of the valid, non-abstaining votes. */
export type AlternativesRule = 'plurality' | 'majority';
export const ABSTAIN = 'abstain';

export type AlternativesOutcome = 'decided' | 'no_majority' | 'no_quorum';

export type AlternativesStep =
	| {
			kind: 'alternatives_count';
			/** Votes per option, in the options' order. */
			counts: { id: string; votes: number }[];
			abstain: number;
			invalid: number;
			cast: number;
	  }
	| QuorumStep
	| { kind: 'plurality'; leaders: string[]; votes: number }
	| {
			kind: 'majority_check';
			/** The option on top, null when several share it. */
			leader: string | null;
			votes: number;
			/** Valid votes for an option (abstentions do not count). */
			valid: number;
			required: number;
			met: boolean;
	  }
	| TieBreakStep
	| { kind: 'alternatives_outcome'; outcome: AlternativesOutcome; winner: string | null };

export interface AlternativesResult {
	outcome: AlternativesOutcome;
	/** The option chosen; null without quorum or majority (then the original wording stays). */
	winner: string | null;
	counts: { id: string; votes: number }[];
	abstain: number;
	cast: number;
	present: number;
	electorate: number;
	quorum: { call: 'first' | 'second'; required: number; met: boolean };
	tie: boolean;
	steps: AlternativesStep[];
}

/**
 * Original wording against one or more amendments. Each ballot names one option id or 'abstain'.
 * Ties among the leaders: `status_quo` = the original if tied, else the earliest listed option;
 * `lot` = drawn from the seed. Under `majority`, when no option has more than half of the valid
 * votes nothing is adopted (the original wording stays).
 */
export function tallyAlternatives(
	ballots: readonly string[],
	options: readonly Alternative[],
	electorateSize: number,
	rules: VoteRules,
	settings: { rule?: AlternativesRule; present?: number } = {}
): AlternativesResult {
	const rule = settings.rule ?? 'plurality';
	const votes = new Map(options.map((o) => [o.id, 0]));
	let abstain = 0;
	let invalid = 0;
	for (const b of ballots) {
		const v = votes.get(b);
		if (v !== undefined) votes.set(b, v + 1);
		else if (b === ABSTAIN) abstain++;
		else invalid++;
	}
	const counts = options.map((o) => ({ id: o.id, votes: votes.get(o.id) ?? 0 }));
	const valid = counts.reduce((s, c) => s + c.votes, 0);
	const cast = valid + abstain;
	const present = settings.present ?? cast;
	const steps: AlternativesStep[] = [
		{ kind: 'alternatives_count', counts, abstain, invalid, cast }
	];
	const quorum = quorumStep(electorateSize, present, rules);
	steps.push(quorum);
	let tie = false;
	const result = (outcome: AlternativesOutcome, winner: string | null): AlternativesResult => {
		steps.push({ kind: 'alternatives_outcome', outcome, winner });
		return {
			outcome,
			winner,
			counts,
			abstain,
			cast,
			present,
			electorate: electorateSize,
			quorum: { call: quorum.call, required: quorum.required, met: quorum.met },
			tie,
			steps
		};
	};
	if (!quorum.met) return result('no_quorum', null);

	const top = Math.max(0, ...counts.map((c) => c.votes));
	const leaders = counts.filter((c) => c.votes === top).map((c) => c.id);
	if (top === 0) {
		steps.push({ kind: 'plurality', leaders: [], votes: 0 });
		return result('no_majority', null);
	}
	steps.push({ kind: 'plurality', leaders, votes: top });
	if (rule === 'majority') {
		// Two options can't both have more than half, so a tie at the top is never a majority.
		const required = Math.floor(valid / 2) + 1;
		const met = top >= required;
		const leader = leaders.length === 1 ? leaders[0] : null;
		steps.push({ kind: 'majority_check', leader, votes: top, valid, required, met });
		if (!met) return result('no_majority', null);
	}
	let leader = leaders[0];
	if (leaders.length > 1) {
		tie = true;
		if (rules.tieBreak === 'lot') {
			const seed = requireSeed(rules);
			leader = lotOrder(leaders, seed)[0];
			steps.push({ kind: 'tie_break', rule: 'lot', tied: leaders, chosen: leader, seed });
		} else {
			const original = options.find((o) => o.original && leaders.includes(o.id));
			leader = original ? original.id : leaders[0];
			steps.push({ kind: 'tie_break', rule: 'status_quo', tied: leaders, chosen: leader });
		}
	}
	return result('decided', leader);
}
