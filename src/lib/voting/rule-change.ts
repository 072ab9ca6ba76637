// A change of the rule set as data: which parameters, from what to what, and the article of the
// reglamento each comes from. Pure: the settings form, the motion's text, the register entry and
// the close of the vote all read it the same way.
import { checked } from '$lib/fields';
import {
	DECISION_KINDS,
	ELECTORATES,
	FIRST_CALL_QUORUMS,
	SECOND_CALL_QUORUMS,
	THRESHOLDS,
	TIE_BREAKS,
	QUOTATIONS_REQUIRED_MAX,
	type RuleSet
} from './rule-set';

type Kind =
	| { type: 'choice'; values: readonly string[] }
	| { type: 'int'; min: number; max: number }
	| { type: 'bool' };

export interface RuleParam {
	/** The parameter's path in the rule set: `quorumSecondCall`, `thresholds.statute`… */
	key: string;
	/** The settings form's field for it. */
	field: string;
	kind: Kind;
}

const choice = (values: readonly string[]): Kind => ({ type: 'choice', values });

/** Every parameter of the rule set, in the order the settings page shows them. */
export const RULE_PARAMS: readonly RuleParam[] = [
	{ key: 'electorate', field: 'electorate', kind: choice(ELECTORATES) },
	{ key: 'proxiesAllowed', field: 'proxies_allowed', kind: { type: 'bool' } },
	{ key: 'proxiesPerHolder', field: 'proxies_per_holder', kind: { type: 'int', min: 1, max: 5 } },
	{
		key: 'quorumFirstCall',
		field: 'quorum_first_call',
		kind: choice(FIRST_CALL_QUORUMS)
	},
	{
		key: 'quorumSecondCall',
		field: 'quorum_second_call',
		kind: choice(SECOND_CALL_QUORUMS)
	},
	{
		key: 'secondCallWaitMinutes',
		field: 'second_call_wait',
		kind: { type: 'int', min: 0, max: 240 }
	},
	...DECISION_KINDS.map((k) => ({
		key: `thresholds.${k}`,
		field: `threshold_${k}`,
		kind: choice(THRESHOLDS)
	})),
	{ key: 'tieBreak', field: 'tie_break', kind: choice(TIE_BREAKS) },
	{
		key: 'counterpartMinPercent',
		field: 'counterpart_min',
		kind: { type: 'int', min: 0, max: 100 }
	},
	{ key: 'arrearsDisqualify', field: 'arrears_disqualify', kind: { type: 'bool' } },
	// Purchases with quotations (the threshold, in centavos, is edited on the settings form only).
	{
		key: 'quotationsRequired',
		field: 'quotations_required',
		kind: { type: 'int', min: 1, max: QUOTATIONS_REQUIRED_MAX }
	}
];

export type RuleValue = string | number | boolean;

export interface RuleChangeItem {
	param: string;
	from: RuleValue;
	to: RuleValue;
	/** "Art. 14", where the association says which article of its reglamento holds the rule. */
	article: string;
}

export const ARTICLE_MAX = 40;

export function ruleParam(key: string): RuleParam | undefined {
	return RULE_PARAMS.find((p) => p.key === key);
}

export function getParam(rules: RuleSet, key: string): RuleValue {
	const [head, sub] = key.split('.');
	const value = (rules as unknown as Record<string, unknown>)[head];
	return (sub ? (value as Record<string, RuleValue> | undefined)?.[sub] : value) as RuleValue;
}

/** A copy of `rules` with the changes applied; the rest stays as it is. */
export function applyChanges(rules: RuleSet, changes: readonly RuleChangeItem[]): RuleSet {
	const next = structuredClone(rules) as unknown as Record<string, unknown>;
	for (const c of changes) {
		const [head, sub] = c.param.split('.');
		if (sub) (next[head] as Record<string, RuleValue>)[sub] = c.to;
		else next[head] = c.to;
	}
	return next as unknown as RuleSet;
}

/** Whether `value` is one the parameter allows. */
export function allowed(param: RuleParam, value: unknown): value is RuleValue {
	switch (param.kind.type) {
		case 'choice':
			return typeof value === 'string' && param.kind.values.includes(value);
		case 'int':
			return (
				Number.isInteger(value) &&
				(value as number) >= param.kind.min &&
				(value as number) <= param.kind.max
			);
		case 'bool':
			return typeof value === 'boolean';
	}
}

/** A field's message: a catalogue key, with the values it interpolates when it has any. */
export type FieldError = string | { key: string; params: Record<string, number> };

/** A proposed change of the rules, as a leader set it: values and articles by parameter key. */
export interface RuleProposalInput {
	/** The proposed value per parameter (`quorumSecondCall`, `thresholds.statute`…), unchecked. */
	values: Record<string, unknown>;
	/** The article of the reglamento each parameter comes from, where the leader named one. */
	articles?: Record<string, string>;
	/** Why the leaders propose it, for the motion's text. */
	reason?: string;
	/** To be decided by a hand count in the assembly rather than online. */
	inRoom?: boolean;
}

/**
 * Reads a proposal from the settings form: each parameter's proposed value (`<field>`; `true` or
 * `false` for a yes/no rule) and the article it comes from (`article_<field>`). A field left
 * empty is not proposed; a number that is not one is NaN, for `proposedChanges` to refuse.
 */
export function readProposalForm(form: Record<string, string>): RuleProposalInput {
	const values: Record<string, unknown> = {};
	const articles: Record<string, string> = {};
	for (const param of RULE_PARAMS) {
		const raw = form[param.field];
		if (raw === undefined || raw.trim() === '') continue;
		if (param.kind.type === 'bool')
			// A yes/no choice (a select, so that "no" is said rather than left out).
			values[param.key] = raw === 'true' ? true : raw === 'false' ? false : raw;
		else if (param.kind.type === 'int')
			values[param.key] = /^[0-9]{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
		else values[param.key] = raw;
		const article = form[`article_${param.field}`];
		if (article !== undefined) articles[param.key] = article;
	}
	return {
		values,
		articles,
		reason: form.reason,
		inRoom: checked(form.in_room)
	};
}

/**
 * The changes a proposal makes to the rules in force: a parameter proposed at the value in force
 * is not part of it. Returns the changes, or the settings form's fields in error with their
 * message keys (`form` when nothing would change).
 */
export function proposedChanges(
	current: RuleSet,
	proposal: RuleProposalInput
): { changes: RuleChangeItem[] } | { errors: Record<string, FieldError> } {
	const errors: Record<string, FieldError> = {};
	const changes: RuleChangeItem[] = [];
	for (const param of RULE_PARAMS) {
		if (!Object.hasOwn(proposal.values, param.key)) continue;
		const to = proposal.values[param.key];
		if (!allowed(param, to)) {
			errors[param.field] = param.kind.type === 'int' ? 'error_rules_number' : 'error_choice';
			continue;
		}
		const article = (proposal.articles?.[param.key] ?? '').trim().replace(/\s+/g, ' ');
		if (article.length > ARTICLE_MAX) {
			errors[`article_${param.field}`] = { key: 'error_text_long', params: { max: ARTICLE_MAX } };
			continue;
		}
		const from = getParam(current, param.key);
		if (to === from) continue;
		changes.push({ param: param.key, from, to, article });
	}
	if (Object.keys(errors).length) return { errors };
	if (changes.length === 0) return { errors: { form: 'error_rule_change_nothing' } };
	return { changes };
}
