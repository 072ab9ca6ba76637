// The part of an association's rule set a tally needs, as stored with each vote, and the
// arithmetic of quorums and thresholds. Pure: no database, framework or $env imports.
//
// Threshold semantics (domain.md §2.3: "ordinary decisions: simple majority of those present and
// entitled"; "statute change, dissolution, sale of assets, exclusion: two thirds"). A threshold
// is a fraction of a base, met strictly (more than) or not (at least):
//   simple      yes > ½ of (yes + no)            = more yes than no; abstentions do not count
//   absolute    yes > ½ of (yes + no + abstain)  = abstentions count against
//   two_thirds  yes ≥ ⅔ of (yes + no)            = abstentions do not count
// Any other rule (¾, unanimity, a fraction of the whole electorate) is a ThresholdSpec.

export type NamedQuorum = 'half_plus_one' | 'two_thirds' | 'third' | 'quarter' | 'present';
/**
 * How many must take part: a name, a fraction of the electorate (`atLeast` = ceil(n·num/den),
 * `moreThan` = floor(n·num/den) + 1) or an absolute number of people.
 */
export type QuorumRule =
	NamedQuorum | { fraction: [number, number]; mode?: 'atLeast' | 'moreThan' } | { count: number };

export const THRESHOLDS = ['simple', 'absolute', 'two_thirds'] as const;
export type NamedThreshold = (typeof THRESHOLDS)[number];
export interface ThresholdSpec {
	num: number;
	den: number;
	/** yes_no = yes + no; cast = every ballot incl. abstentions; electorate = everyone entitled. */
	base: 'yes_no' | 'cast' | 'electorate';
	/** true: yes must be more than the fraction; false: at least the fraction. */
	strict: boolean;
}
export type Threshold = NamedThreshold | ThresholdSpec;

export const TIE_BREAKS = ['status_quo', 'lot'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

/** The rules a vote was decided under (a copy stored with the vote). */
export interface VoteRules {
	quorum: {
		firstCall: QuorumRule;
		/** The floor at second call (after the waiting time). */
		secondCall?: QuorumRule;
		/** Which call applies to this vote; first unless the assembly met at second call. */
		call?: 'first' | 'second';
	};
	threshold: Threshold;
	/**
	 * `status_quo`: a tied motion fails; tied options fall to the original wording, tied budget lines
	 * to the plan's priority order (lower position wins), tied candidates to the order they were
	 * listed in (e.g. the committee's ranking). `lot`: drawn from `seed` (deterministic, so anyone
	 * can re-run the count and get the same draw).
	 */
	tieBreak: TieBreak;
	/** Required when tieBreak is `lot`: e.g. the vote's id and close time, fixed before counting. */
	seed?: string;
}

export const DEFAULT_VOTE_RULES: VoteRules = {
	quorum: { firstCall: 'half_plus_one', secondCall: 'third', call: 'first' },
	threshold: 'simple',
	tieBreak: 'status_quo'
};

const NAMED_THRESHOLDS: Record<NamedThreshold, ThresholdSpec> = {
	simple: { num: 1, den: 2, base: 'yes_no', strict: true },
	absolute: { num: 1, den: 2, base: 'cast', strict: true },
	two_thirds: { num: 2, den: 3, base: 'yes_no', strict: false }
};

export function thresholdSpec(threshold: Threshold): ThresholdSpec {
	return typeof threshold === 'string' ? NAMED_THRESHOLDS[threshold] : threshold;
}

/** How many of `electorate` make a quorum under `rule`. */
export function quorumRequired(electorate: number, rule: QuorumRule): number {
	if (typeof rule === 'object') {
		if ('count' in rule) return Math.max(0, Math.min(electorate, Math.ceil(rule.count)));
		const [num, den] = rule.fraction;
		return rule.mode === 'moreThan'
			? Math.floor((electorate * num) / den) + 1
			: Math.ceil((electorate * num) / den);
	}
	switch (rule) {
		case 'half_plus_one':
			return Math.floor(electorate / 2) + 1;
		case 'two_thirds':
			return Math.ceil((electorate * 2) / 3);
		case 'third':
			return Math.ceil(electorate / 3);
		case 'quarter':
			return Math.ceil(electorate / 4);
		case 'present':
			return Math.min(1, electorate);
	}
}

/** The quorum rule that applies to this vote (first or second call). */
export function applicableQuorum(rules: VoteRules): { call: 'first' | 'second'; rule: QuorumRule } {
	if (rules.quorum.call === 'second' && rules.quorum.secondCall) {
		return { call: 'second', rule: rules.quorum.secondCall };
	}
	return { call: 'first', rule: rules.quorum.firstCall };
}

/**
 * The smallest number of yes votes that meets the threshold, given the base (yes + no, the ballots
 * cast, or the electorate). Integer arithmetic: yes·den > num·base (strict) or ≥ (not strict).
 */
export function yesRequired(spec: ThresholdSpec, base: number): number {
	const exact = (spec.num * base) / spec.den;
	if (spec.strict) return Math.floor(exact) + 1;
	return Math.ceil(exact);
}

export function meetsThreshold(spec: ThresholdSpec, yes: number, base: number): boolean {
	return spec.strict ? yes * spec.den > spec.num * base : yes * spec.den >= spec.num * base;
}

/**
 * A tie between yes and no: only under "more than half of yes + no" (the simple majority), where
 * one vote either way would decide. Under other thresholds, falling exactly on the line fails.
 */
export function isTie(spec: ThresholdSpec, yes: number, no: number): boolean {
	return (
		spec.base === 'yes_no' && spec.strict && 2 * spec.num === spec.den && yes === no && yes > 0
	);
}

/** The seed of a draw by lot; a count that needs one and has none is a programming error. */
export function requireSeed(rules: Pick<VoteRules, 'seed'>): string {
	if (!rules.seed) throw new Error('A tie-break by lot needs rules.seed, fixed before counting');
	return rules.seed;
}
