// An association's decision rules as data: who votes, the quorum at each call, the majority each
// kind of decision needs, tie-breaks, proxies and the counterpart minimum of investment plans.
// Pure: no database or framework. Defaults follow the typical statutes of domain.md §2.3.

import { THRESHOLDS, TIE_BREAKS, type NamedThreshold, type TieBreak } from './methods/rules';
import { DECISION_KINDS, type DecisionKind } from './vocabulary';
import { checked } from '$lib/fields';

// One list of each: the decision kinds live in ./vocabulary.ts, the thresholds and tie-breaks
// with the arithmetic that applies them (./methods/rules.ts).
export { DECISION_KINDS, THRESHOLDS, TIE_BREAKS };
export type { TieBreak };
export const FIRST_CALL_QUORUMS = ['half_plus_one', 'two_thirds'] as const;
export type FirstCallQuorum = (typeof FIRST_CALL_QUORUMS)[number];
export const SECOND_CALL_QUORUMS = ['half_plus_one', 'third', 'quarter', 'present'] as const;
export type SecondCallQuorum = (typeof SECOND_CALL_QUORUMS)[number];
export const ELECTORATES = ['member', 'household'] as const;
export type Electorate = (typeof ELECTORATES)[number];

export interface RuleSet {
	/** Each active member votes, or one vote per household. */
	electorate: Electorate;
	quorumFirstCall: FirstCallQuorum;
	/** The floor at second call, after the waiting time; `present` = whoever came. */
	quorumSecondCall: SecondCallQuorum;
	secondCallWaitMinutes: number;
	thresholds: Record<DecisionKind, NamedThreshold>;
	/**
	 * A tie in a motion: `status_quo` = not approved; `lot` = drawn by lot. Elections and budget
	 * lines break ties by lot or by priority order, as their methods say.
	 */
	tieBreak: TieBreak;
	proxiesAllowed: boolean;
	proxiesPerHolder: number;
	/** Minimum share of an investment plan paid by the association (cash and in kind), percent. */
	counterpartMinPercent: number;
	/**
	 * A household in arrears with its counterpart is not «habilitado»: a vote opened while it is
	 * leaves its people out of the electorate (the reglamento's article on who votes).
	 */
	arrearsDisqualify: boolean;
	// Purchases with quotations (domain.md §1.2 step 8).
	/** A purchase above this many centavos needs `quotationsRequired` quotations before its award. */
	quotationThresholdCents: number;
	quotationsRequired: number;
}

export const DEFAULT_RULES: RuleSet = {
	electorate: 'member',
	quorumFirstCall: 'half_plus_one',
	quorumSecondCall: 'third',
	secondCallWaitMinutes: 30,
	thresholds: {
		ordinary: 'simple',
		statute: 'two_thirds',
		assets: 'two_thirds',
		exclusion: 'two_thirds'
	},
	tieBreak: 'status_quo',
	proxiesAllowed: true,
	proxiesPerHolder: 1,
	counterpartMinPercent: 30,
	arrearsDisqualify: false,
	// Purchases with quotations: above Bs 5.000, three quotations.
	quotationThresholdCents: 500_000,
	quotationsRequired: 3
};

/** Bounds of the purchase rules: the threshold in centavos (whole bolivianos), the count. */
export const QUOTATION_THRESHOLD_MAX = 100_000_000_000;
export const QUOTATIONS_REQUIRED_MAX = 10;

export function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
	return (values as readonly unknown[]).includes(value);
}

/**
 * Reads rules stored by an older version (or edited by hand): anything missing or unknown falls
 * back to the default, so a stored rule set always yields a complete one.
 */
export function readRules(json: string | null | undefined): RuleSet {
	let raw: Record<string, unknown> = {};
	try {
		const parsed: unknown = json ? JSON.parse(json) : {};
		if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
	} catch {
		raw = {};
	}
	const thresholds = (raw.thresholds ?? {}) as Record<string, unknown>;
	const int = (v: unknown, min: number, max: number, fallback: number) =>
		Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fallback;
	const d = DEFAULT_RULES;
	const wholeBs = (cents: number) => (cents % 100 === 0 ? cents : d.quotationThresholdCents);
	return {
		electorate: oneOf(ELECTORATES, raw.electorate) ? raw.electorate : d.electorate,
		quorumFirstCall: oneOf(FIRST_CALL_QUORUMS, raw.quorumFirstCall)
			? raw.quorumFirstCall
			: d.quorumFirstCall,
		quorumSecondCall: oneOf(SECOND_CALL_QUORUMS, raw.quorumSecondCall)
			? raw.quorumSecondCall
			: d.quorumSecondCall,
		secondCallWaitMinutes: int(raw.secondCallWaitMinutes, 0, 240, d.secondCallWaitMinutes),
		thresholds: Object.fromEntries(
			DECISION_KINDS.map((k) => [
				k,
				oneOf(THRESHOLDS, thresholds[k]) ? thresholds[k] : d.thresholds[k]
			])
		) as Record<DecisionKind, NamedThreshold>,
		tieBreak: oneOf(TIE_BREAKS, raw.tieBreak) ? raw.tieBreak : d.tieBreak,
		proxiesAllowed: typeof raw.proxiesAllowed === 'boolean' ? raw.proxiesAllowed : d.proxiesAllowed,
		proxiesPerHolder: int(raw.proxiesPerHolder, 1, 5, d.proxiesPerHolder),
		counterpartMinPercent: int(raw.counterpartMinPercent, 0, 100, d.counterpartMinPercent),
		arrearsDisqualify:
			typeof raw.arrearsDisqualify === 'boolean' ? raw.arrearsDisqualify : d.arrearsDisqualify,
		// Purchases with quotations.
		quotationThresholdCents: wholeBs(
			int(raw.quotationThresholdCents, 0, QUOTATION_THRESHOLD_MAX, d.quotationThresholdCents)
		),
		quotationsRequired: int(
			raw.quotationsRequired,
			1,
			QUOTATIONS_REQUIRED_MAX,
			d.quotationsRequired
		)
	};
}

/**
 * Reads the settings form into a rule set, unchecked: a choice as it was sent, NaN for a number
 * that is not one. `checkRules` says what is wrong with it before it can be put in force.
 */
export function readRulesForm(form: Record<string, string>): RuleSet {
	const int = (field: string): number => {
		const text = (form[field] ?? '').trim();
		return /^[0-9]{1,4}$/.test(text) ? Number(text) : NaN;
	};
	return {
		electorate: form.electorate as Electorate,
		quorumFirstCall: form.quorum_first_call as FirstCallQuorum,
		quorumSecondCall: form.quorum_second_call as SecondCallQuorum,
		secondCallWaitMinutes: int('second_call_wait'),
		thresholds: Object.fromEntries(
			DECISION_KINDS.map((k) => [k, form[`threshold_${k}`] as NamedThreshold])
		) as Record<DecisionKind, NamedThreshold>,
		tieBreak: form.tie_break as TieBreak,
		proxiesAllowed: checked(form.proxies_allowed),
		// Only counted while proxies are allowed: left empty with proxies off, the usual one.
		proxiesPerHolder:
			!checked(form.proxies_allowed) && !(form.proxies_per_holder ?? '').trim()
				? DEFAULT_RULES.proxiesPerHolder
				: int('proxies_per_holder'),
		counterpartMinPercent: int('counterpart_min'),
		arrearsDisqualify: checked(form.arrears_disqualify),
		// Purchases with quotations: the threshold is typed in whole bolivianos ("5000" or "5.000").
		quotationThresholdCents: ((text) => (/^[0-9]{1,9}$/.test(text) ? Number(text) * 100 : NaN))(
			(form.quotation_threshold ?? '')
				.trim()
				.replace(/^bs\.?\s*/i, '')
				.replace(/\./g, '')
		),
		quotationsRequired: int('quotations_required')
	};
}

/**
 * What is wrong with a rule set, as message keys by the settings form's field: a value outside
 * the allowed choices, a number out of its range. Empty when it can be put in force.
 */
export function checkRules(rules: RuleSet): Record<string, string> {
	const errors: Record<string, string> = {};
	const choice = (field: string, values: readonly string[], value: unknown) => {
		if (!oneOf(values, value)) errors[field] = 'error_choice';
	};
	const int = (field: string, min: number, max: number, value: number) => {
		if (!(Number.isInteger(value) && value >= min && value <= max))
			errors[field] = 'error_rules_number';
	};
	choice('electorate', ELECTORATES, rules.electorate);
	choice('quorum_first_call', FIRST_CALL_QUORUMS, rules.quorumFirstCall);
	choice('quorum_second_call', SECOND_CALL_QUORUMS, rules.quorumSecondCall);
	int('second_call_wait', 0, 240, rules.secondCallWaitMinutes);
	for (const k of DECISION_KINDS) choice(`threshold_${k}`, THRESHOLDS, rules.thresholds?.[k]);
	choice('tie_break', TIE_BREAKS, rules.tieBreak);
	if (typeof rules.proxiesAllowed !== 'boolean') errors.proxies_allowed = 'error_choice';
	int('proxies_per_holder', 1, 5, rules.proxiesPerHolder);
	int('counterpart_min', 0, 100, rules.counterpartMinPercent);
	if (typeof rules.arrearsDisqualify !== 'boolean') errors.arrears_disqualify = 'error_choice';
	// Purchases with quotations.
	int('quotation_threshold', 0, QUOTATION_THRESHOLD_MAX, rules.quotationThresholdCents);
	if (!errors.quotation_threshold && rules.quotationThresholdCents % 100 !== 0)
		errors.quotation_threshold = 'error_rules_number';
	int('quotations_required', 1, QUOTATIONS_REQUIRED_MAX, rules.quotationsRequired);
	return errors;
}

/**
 * Parses the settings form. Returns the rules, or the fields in error with their message keys;
 * nothing is guessed from bad input.
 */
export function parseRulesForm(
	form: Record<string, string>
): { rules: RuleSet } | { errors: Record<string, string> } {
	const rules = readRulesForm(form);
	const errors = checkRules(rules);
	return Object.keys(errors).length ? { errors } : { rules };
}
