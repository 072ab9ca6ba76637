// The names of the rule set's parameters and values, for the settings page, the motion's text and
// the register entry.
import { m } from '$lib/paraglide/messages.js';
import {
	decisionKindLabel,
	electorateLabel,
	quorumLabel,
	thresholdLabel,
	tieBreakLabel
} from './labels';
import type { RuleChangeItem, RuleValue } from './rule-change';

type Locale = { locale?: 'es' | 'en' };

export function ruleParamLabel(key: string, options?: Locale): string {
	if (key.startsWith('thresholds.'))
		return m.rule_param_threshold({ kind: decisionKindLabel(key.slice(11), options) }, options);
	switch (key) {
		case 'electorate':
			return m.field_electorate({}, options);
		case 'proxiesAllowed':
			return m.field_proxies_allowed({}, options);
		case 'proxiesPerHolder':
			return m.field_proxies_per_holder({}, options);
		case 'quorumFirstCall':
			return m.field_quorum_first_call({}, options);
		case 'quorumSecondCall':
			return m.field_quorum_second_call({}, options);
		case 'secondCallWaitMinutes':
			return m.field_second_call_wait({}, options);
		case 'tieBreak':
			return m.field_tie_break({}, options);
		case 'counterpartMinPercent':
			return m.field_counterpart_min({}, options);
		case 'arrearsDisqualify':
			return m.field_arrears_disqualify({}, options);
		case 'quotationsRequired':
			return m.field_quotations_required({}, options);
		default:
			return key;
	}
}

export function ruleValueLabel(key: string, value: RuleValue, options?: Locale): string {
	if (typeof value === 'boolean')
		return value ? m.register_yes({}, options) : m.register_no({}, options);
	if (typeof value === 'number') return String(value);
	if (key.startsWith('thresholds.')) return thresholdLabel(value, options);
	switch (key) {
		case 'electorate':
			return electorateLabel(value, options);
		case 'quorumFirstCall':
		case 'quorumSecondCall':
			return quorumLabel(value, options);
		case 'tieBreak':
			return tieBreakLabel(value, options);
		default:
			return value;
	}
}

/** "Quórum en segunda convocatoria: Un tercio → La mitad más uno (Art. 14)". */
export function ruleChangeLine(c: RuleChangeItem, options?: Locale): string {
	const line = m.rule_change_line(
		{
			param: ruleParamLabel(c.param, options),
			from: ruleValueLabel(c.param, c.from, options),
			to: ruleValueLabel(c.param, c.to, options)
		},
		options
	);
	return c.article ? `${line} (${c.article})` : line;
}
