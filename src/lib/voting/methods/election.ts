// Elections (hiring a technician): single choice, approval, and ranking with instant runoff.
// Ties among candidates: `status_quo` = the order the candidates were listed in (e.g. the
// committee's ranking; earlier wins), `lot` = a draw from the rules' seed.

import { drawLot, lotOrder } from './lot';
import { quorumStep, type QuorumStep, type TieBreakStep } from './motion';
import { requireSeed, type VoteRules } from './rules';

export interface Candidate {
	id: string;
	name: string;
	/** Centavos per month. */
	fee?: number;
}

/** A ballot without a choice; 'abstain' is read the same way (hand counts use it). */
export const BLANK = 'blank';

/** decided = a candidate won; no_votes = quorum met but no candidate got a vote. */
export type ElectionOutcome = 'decided' | 'no_quorum' | 'no_votes';

export interface CandidateCount {
	candidateId: string;
	votes: number;
}

export type IrvRound = {
	kind: 'irv_round';
	round: number;
	/** Votes of each candidate still in the count, in the candidates' order. */
	tallies: CandidateCount[];
	/** Ballots that still rank a candidate in the count. */
	continuing: number;
	/** Ballots with no candidate left in the count, so far. */
	exhausted: number;
	/** More than half of the continuing ballots. */
	majority: number;
	elected?: string;
	eliminated?: string;
	/** How the eliminated candidate's ballots moved: to a candidate, or exhausted (null). */
	transfers?: { to: string | null; votes: number }[];
	/** Candidates tied for last place, when a tie-break decided who left. */
	tiedLast?: string[];
	tieBreak?: 'earlier_rounds' | 'status_quo' | 'lot';
};

export type ElectionStep =
	| {
			kind: 'election_count';
			counts: CandidateCount[];
			/** Ballots cast without a choice (blank). */
			blank: number;
			invalid: number;
			cast: number;
	  }
	| QuorumStep
	| { kind: 'election_leaders'; leaders: string[]; votes: number; counted: number }
	| TieBreakStep
	| IrvRound
	| { kind: 'election_outcome'; outcome: ElectionOutcome; winner: string | null };

export interface ElectionResult {
	outcome: ElectionOutcome;
	winner: string | null;
	/** The candidates as counted, so a result can be shown on its own. */
	candidates: Candidate[];
	/** First preferences for instant runoff; votes or approvals otherwise. */
	counts: CandidateCount[];
	blank: number;
	invalid: number;
	cast: number;
	present: number;
	electorate: number;
	quorum: { call: 'first' | 'second'; required: number; met: boolean };
	tie: boolean;
	/** Instant runoff only. */
	rounds: IrvRound[];
	steps: ElectionStep[];
}

interface Counted {
	counts: number[];
	blank: number;
	invalid: number;
	cast: number;
}

function finish(
	candidates: readonly Candidate[],
	counted: Counted,
	electorateSize: number,
	rules: VoteRules,
	present: number | undefined,
	decide: (steps: ElectionStep[]) => { winner: string | null; tie: boolean; rounds: IrvRound[] }
): ElectionResult {
	const counts = candidates.map((c, i) => ({ candidateId: c.id, votes: counted.counts[i] }));
	const steps: ElectionStep[] = [
		{
			kind: 'election_count',
			counts,
			blank: counted.blank,
			invalid: counted.invalid,
			cast: counted.cast
		}
	];
	const presentCount = present ?? counted.cast;
	const quorum = quorumStep(electorateSize, presentCount, rules);
	steps.push(quorum);
	let winner: string | null = null;
	let tie = false;
	let rounds: IrvRound[] = [];
	let outcome: ElectionOutcome;
	if (!quorum.met) outcome = 'no_quorum';
	else {
		({ winner, tie, rounds } = decide(steps));
		outcome = winner ? 'decided' : 'no_votes';
	}
	steps.push({ kind: 'election_outcome', outcome, winner });
	return {
		outcome,
		winner,
		candidates: candidates.map((c) => ({ ...c })),
		counts,
		blank: counted.blank,
		invalid: counted.invalid,
		cast: counted.cast,
		present: presentCount,
		electorate: electorateSize,
		quorum: { call: quorum.call, required: quorum.required, met: quorum.met },
		tie,
		rounds,
		steps
	};
}

/** Most votes (or approvals) wins; a tie is broken by the rules. */
function plurality(
	candidates: readonly Candidate[],
	counts: readonly number[],
	rules: VoteRules,
	steps: ElectionStep[]
) {
	const top = Math.max(0, ...counts);
	const counted = counts.reduce((s, c) => s + c, 0);
	if (top === 0) return { winner: null, tie: false, rounds: [] };
	const leaders = candidates.filter((_, i) => counts[i] === top).map((c) => c.id);
	steps.push({ kind: 'election_leaders', leaders, votes: top, counted });
	if (leaders.length === 1) return { winner: leaders[0], tie: false, rounds: [] };
	const rule = rules.tieBreak;
	const chosen = rule === 'lot' ? lotOrder(leaders, requireSeed(rules))[0] : leaders[0];
	steps.push({
		kind: 'tie_break',
		rule,
		tied: leaders,
		chosen,
		...(rule === 'lot' ? { seed: rules.seed } : {})
	});
	return { winner: chosen, tie: true, rounds: [] };
}

/** One candidate per ballot ('blank' for none). */
export function tallySingleChoice(
	ballots: readonly string[],
	candidates: readonly Candidate[],
	electorateSize: number,
	rules: VoteRules,
	options: { present?: number } = {}
): ElectionResult {
	// A single choice is an approval ballot with at most one name.
	const lists = ballots.map((b) => (b === BLANK || b === 'abstain' ? [] : [b]));
	return tallyApproval(lists, candidates, electorateSize, rules, options);
}

/** Each ballot approves any number of candidates (none = blank); most approvals wins. */
export function tallyApproval(
	ballots: readonly (readonly string[])[],
	candidates: readonly Candidate[],
	electorateSize: number,
	rules: VoteRules,
	options: { present?: number } = {}
): ElectionResult {
	const index = new Map(candidates.map((c, i) => [c.id, i]));
	const counted: Counted = { counts: candidates.map(() => 0), blank: 0, invalid: 0, cast: 0 };
	const stamp = new Int32Array(candidates.length).fill(-1);
	ballots.forEach((ballot, b) => {
		const picks = validPicks(ballot, index, stamp, b);
		if (!picks) return void counted.invalid++;
		counted.cast++;
		if (picks.length === 0) counted.blank++;
		for (const i of picks) counted.counts[i]++;
	});
	return finish(candidates, counted, electorateSize, rules, options.present, (steps) =>
		plurality(candidates, counted.counts, rules, steps)
	);
}

/** Candidate indices of a ballot, or undefined when it names an unknown candidate or one twice. */
function validPicks(
	ballot: readonly string[],
	index: ReadonlyMap<string, number>,
	stamp: Int32Array,
	mark: number
): number[] | undefined {
	const out: number[] = [];
	for (const id of ballot) {
		const i = index.get(id);
		if (i === undefined || stamp[i] === mark) return undefined;
		stamp[i] = mark;
		out.push(i);
	}
	return out;
}

/** A ranking is valid when it names known candidates, each at most once. */
export function validateRanking(ballot: readonly string[], candidates: readonly Candidate[]) {
	const index = new Map(candidates.map((c, i) => [c.id, i]));
	return validPicks(ballot, index, new Int32Array(candidates.length).fill(-1), 0) !== undefined;
}

/**
 * Instant runoff. Each round counts every continuing ballot for its highest-ranked candidate
 * still in the count; a candidate with more than half of the continuing ballots is elected (or
 * the last one left). Otherwise the candidate with the fewest votes is eliminated and their
 * ballots move to their next choice, or are exhausted. A tie for last place goes to the one with
 * fewer votes in the latest earlier round where they differ, then to the rules' tie-break: under
 * `status_quo` the one listed last leaves, under `lot` a draw decides who leaves.
 */
export function tallyInstantRunoff(
	rankings: readonly (readonly string[])[],
	candidates: readonly Candidate[],
	electorateSize: number,
	rules: VoteRules,
	options: { present?: number } = {}
): ElectionResult {
	const K = candidates.length;
	const index = new Map(candidates.map((c, i) => [c.id, i]));
	const stamp = new Int32Array(K).fill(-1);
	// Valid, non-blank ballots as one flat array of candidate indices.
	let size = 0;
	for (const r of rankings) size += r.length;
	const flat = new Int32Array(size);
	const start: number[] = [];
	const end: number[] = [];
	const counted: Counted = { counts: new Array<number>(K).fill(0), blank: 0, invalid: 0, cast: 0 };
	let at = 0;
	rankings.forEach((ranking, b) => {
		const picks = validPicks(ranking, index, stamp, b);
		if (!picks) return void counted.invalid++;
		counted.cast++;
		if (picks.length === 0) return void counted.blank++;
		start.push(at);
		for (const i of picks) flat[at++] = i;
		end.push(at);
		counted.counts[picks[0]]++;
	});

	return finish(candidates, counted, electorateSize, rules, options.present, (steps) => {
		const N = start.length;
		if (N === 0) return { winner: null, tie: false, rounds: [] };
		const pos = Int32Array.from(start);
		const piles: number[][] = candidates.map(() => []);
		for (let b = 0; b < N; b++) piles[flat[pos[b]]].push(b);
		const inCount = new Uint8Array(K).fill(1);
		const history: number[][] = [];
		const rounds: IrvRound[] = [];
		let exhausted = 0;
		let tie = false;
		for (let round = 1; ; round++) {
			const votes = piles.map((p) => p.length);
			history.push(votes);
			const alive = candidates.map((_, i) => i).filter((i) => inCount[i]);
			const continuing = N - exhausted;
			const majority = Math.floor(continuing / 2) + 1;
			const r: IrvRound = {
				kind: 'irv_round',
				round,
				tallies: alive.map((i) => ({ candidateId: candidates[i].id, votes: votes[i] })),
				continuing,
				exhausted,
				majority
			};
			rounds.push(r);
			steps.push(r);
			const top = Math.max(...alive.map((i) => votes[i]));
			const leaders = alive.filter((i) => votes[i] === top);
			if ((top >= majority && continuing > 0) || alive.length === 1) {
				r.elected = candidates[leaders[0]].id;
				return { winner: r.elected, tie, rounds };
			}
			// Who leaves: fewest votes now, then fewest in the latest earlier round that separates.
			const low = Math.min(...alive.map((i) => votes[i]));
			let tied = alive.filter((i) => votes[i] === low);
			let out: number;
			if (tied.length > 1) {
				const tiedIds = tied.map((i) => candidates[i].id);
				for (let h = history.length - 2; h >= 0 && tied.length > 1; h--) {
					const min = Math.min(...tied.map((i) => history[h][i]));
					tied = tied.filter((i) => history[h][i] === min);
				}
				r.tiedLast = tiedIds;
				if (tied.length === 1) {
					r.tieBreak = 'earlier_rounds';
					out = tied[0];
				} else {
					tie = true;
					r.tieBreak = rules.tieBreak;
					if (rules.tieBreak === 'lot') {
						const ids = tied.map((i) => candidates[i].id);
						const drawn = drawLot(ids, `${requireSeed(rules)}:${round}`);
						out = index.get(drawn)!;
					} else out = tied[tied.length - 1];
				}
			} else out = tied[0];

			r.eliminated = candidates[out].id;
			inCount[out] = 0;
			const moved = new Array<number>(K).fill(0);
			let gone = 0;
			for (const b of piles[out]) {
				let p = pos[b] + 1;
				while (p < end[b] && !inCount[flat[p]]) p++;
				pos[b] = p;
				if (p < end[b]) {
					piles[flat[p]].push(b);
					moved[flat[p]]++;
				} else gone++;
			}
			piles[out] = [];
			exhausted += gone;
			r.transfers = [
				...candidates.flatMap((c, i) => (moved[i] ? [{ to: c.id, votes: moved[i] }] : [])),
				...(gone ? [{ to: null, votes: gone }] : [])
			];
		}
	});
}

export type BallotStyle = 'single' | 'approval' | 'ranking';

/**
 * One entry point for the three ballot styles: `single` takes one candidate id (or 'blank' /
 * 'abstain') per ballot, `approval` a list of approved ids, `ranking` a list in order of preference.
 * A ballot of the wrong shape counts as invalid.
 */
export function tallyElection(input: {
	style: BallotStyle;
	candidates: readonly Candidate[];
	ballots: readonly (string | readonly string[])[];
	electorate: number;
	rules: VoteRules;
	present?: number;
}): ElectionResult {
	const { style, candidates, electorate, rules } = input;
	const options = { present: input.present };
	if (style === 'single') {
		const ballots = input.ballots.map((b) => (typeof b === 'string' ? b : '\u0000invalid'));
		return tallySingleChoice(ballots, candidates, electorate, rules, options);
	}
	const INVALID = ['\u0000invalid'];
	const lists = input.ballots.map((b) => (typeof b === 'string' ? INVALID : b));
	return style === 'approval'
		? tallyApproval(lists, candidates, electorate, rules, options)
		: tallyInstantRunoff(lists, candidates, electorate, rules, options);
}
