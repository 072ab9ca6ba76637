import { describe, expect, it } from 'vitest';
import { proposedChanges, readProposalForm } from './rule-change';
import { checkRules, DEFAULT_RULES } from './rule-set';

describe('readProposalForm', () => {
	it('reads the proposed values by parameter, the articles, the reason and the room', () => {
		expect(
			readProposalForm({
				quorum_second_call: 'half_plus_one',
				article_quorum_second_call: 'Art. 14',
				proxies_allowed: 'false',
				proxies_per_holder: ' 2 ',
				threshold_statute: 'absolute',
				second_call_wait: '',
				reason: 'Para decidir entre más.',
				in_room: 'on'
			})
		).toEqual({
			values: {
				quorumSecondCall: 'half_plus_one',
				proxiesAllowed: false,
				proxiesPerHolder: 2,
				'thresholds.statute': 'absolute'
			},
			articles: { quorumSecondCall: 'Art. 14' },
			reason: 'Para decidir entre más.',
			inRoom: true
		});
	});

	it('keeps what is not a value for the check to refuse, rather than dropping it', () => {
		const read = readProposalForm({ proxies_per_holder: 'dos', proxies_allowed: 'quizás' });
		expect(read.values.proxiesPerHolder).toBeNaN();
		expect(read.values.proxiesAllowed).toBe('quizás');
		expect(read.inRoom).toBe(false);
	});
});

describe('proposedChanges', () => {
	it('names each parameter that changes, from the rules in force, with its article cleaned', () => {
		expect(
			proposedChanges(DEFAULT_RULES, {
				values: { quorumSecondCall: 'half_plus_one', tieBreak: 'status_quo' },
				articles: { quorumSecondCall: '  Art.   14 ' }
			})
		).toEqual({
			changes: [
				{ param: 'quorumSecondCall', from: 'third', to: 'half_plus_one', article: 'Art. 14' }
			]
		});
	});

	it('refuses a value the parameter does not allow, by the form field, and an empty change', () => {
		expect(
			proposedChanges(DEFAULT_RULES, {
				values: { quorumSecondCall: 'a_few', proxiesPerHolder: 9, proxiesAllowed: 'quizás' }
			})
		).toEqual({
			errors: {
				quorum_second_call: 'error_choice',
				proxies_per_holder: 'error_rules_number',
				proxies_allowed: 'error_choice'
			}
		});
		expect(proposedChanges(DEFAULT_RULES, { values: { tieBreak: 'status_quo' } })).toEqual({
			errors: { form: 'error_rule_change_nothing' }
		});
		expect(
			proposedChanges(DEFAULT_RULES, {
				values: { tieBreak: 'lot' },
				articles: { tieBreak: 'A'.repeat(41) }
			})
		).toEqual({ errors: { article_tie_break: { key: 'error_text_long', params: { max: 40 } } } });
	});

	it('ignores keys that are no parameter of the rules', () => {
		expect(
			proposedChanges(DEFAULT_RULES, { values: { constructor: 'x', quorum: 'present' } })
		).toEqual({ errors: { form: 'error_rule_change_nothing' } });
	});
});

describe('checkRules', () => {
	it('accepts the default rules and names each field of a rule set out of range', () => {
		expect(checkRules(DEFAULT_RULES)).toEqual({});
		expect(
			checkRules({
				...DEFAULT_RULES,
				secondCallWaitMinutes: 241,
				proxiesPerHolder: Number.NaN,
				thresholds: { ...DEFAULT_RULES.thresholds, assets: 'most' as never }
			})
		).toEqual({
			second_call_wait: 'error_rules_number',
			proxies_per_holder: 'error_rules_number',
			threshold_assets: 'error_choice'
		});
	});
});
