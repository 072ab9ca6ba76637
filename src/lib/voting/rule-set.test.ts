import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, oneOf, parseRulesForm, readRules, type RuleSet } from './rule-set';

/** The settings form as a browser sends it for the default rules. */
const defaultForm = (): Record<string, string> => ({
	electorate: 'member',
	quorum_first_call: 'half_plus_one',
	quorum_second_call: 'third',
	second_call_wait: '30',
	threshold_ordinary: 'simple',
	threshold_statute: 'two_thirds',
	threshold_assets: 'two_thirds',
	threshold_exclusion: 'two_thirds',
	tie_break: 'status_quo',
	proxies_allowed: 'on',
	proxies_per_holder: '1',
	counterpart_min: '30',
	quotation_threshold: '5.000',
	quotations_required: '3'
});

const errorsOf = (form: Record<string, string>) => {
	const parsed = parseRulesForm(form);
	return 'errors' in parsed ? parsed.errors : {};
};

const rulesOf = (form: Record<string, string>): RuleSet => {
	const parsed = parseRulesForm(form);
	if (!('rules' in parsed)) throw new Error(`unexpected errors ${JSON.stringify(parsed.errors)}`);
	return parsed.rules;
};

describe('DEFAULT_RULES', () => {
	it('are the typical statutes: members vote, half plus one then a third, two thirds for the grave', () => {
		expect(DEFAULT_RULES).toEqual({
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
			quotationThresholdCents: 500000,
			quotationsRequired: 3
		});
	});
});

describe('oneOf', () => {
	it('is true only for a value in the list, compared exactly', () => {
		const list = ['member', 'household'] as const;
		expect(oneOf(list, 'member')).toBe(true);
		expect(oneOf(list, 'household')).toBe(true);
		for (const value of ['Member', 'member ', '', undefined, null, 0, ['member'], 'toString'])
			expect(oneOf(list, value)).toBe(false);
		expect(oneOf([], 'member')).toBe(false);
	});
});

describe('readRules', () => {
	it('gives the defaults for nothing, garbage or JSON that is not an object', () => {
		for (const json of [null, undefined, '', 'not json', '{', '42', '"text"', 'null', 'true', '[]'])
			expect(readRules(json)).toEqual(DEFAULT_RULES);
	});

	it('returns a fresh copy, so changing it does not change the defaults', () => {
		const rules = readRules(null);
		rules.thresholds.ordinary = 'absolute';
		expect(DEFAULT_RULES.thresholds.ordinary).toBe('simple');
	});

	it('reads a complete stored rule set as it is', () => {
		const stored: RuleSet = {
			electorate: 'household',
			quorumFirstCall: 'two_thirds',
			quorumSecondCall: 'present',
			secondCallWaitMinutes: 240,
			thresholds: {
				ordinary: 'absolute',
				statute: 'simple',
				assets: 'absolute',
				exclusion: 'simple'
			},
			tieBreak: 'lot',
			proxiesAllowed: false,
			proxiesPerHolder: 5,
			counterpartMinPercent: 0,
			arrearsDisqualify: true,
			quotationThresholdCents: 1_000_000,
			quotationsRequired: 5
		};
		expect(readRules(JSON.stringify(stored))).toEqual(stored);
	});

	it('falls back field by field: unknown words keep the default, the rest is kept', () => {
		const rules = readRules(
			JSON.stringify({
				electorate: 'everyone',
				quorumFirstCall: 'third',
				quorumSecondCall: 'quarter',
				thresholds: { ordinary: 'unanimity', statute: 'simple', extra: 'absolute' },
				tieBreak: 'coin',
				proxiesAllowed: 'yes'
			})
		);
		expect(rules).toEqual({
			...DEFAULT_RULES,
			// 'third' is only a second-call quorum.
			quorumFirstCall: 'half_plus_one',
			quorumSecondCall: 'quarter',
			thresholds: { ...DEFAULT_RULES.thresholds, statute: 'simple' }
		});
		expect(Object.keys(rules.thresholds)).toEqual(['ordinary', 'statute', 'assets', 'exclusion']);
	});

	it('ignores thresholds that are not an object', () => {
		for (const thresholds of [null, 'simple', 3, ['simple']])
			expect(readRules(JSON.stringify({ thresholds })).thresholds).toEqual(
				DEFAULT_RULES.thresholds
			);
	});

	it('keeps numbers only when whole and within range, else the default (no clamping)', () => {
		const read = (over: Record<string, unknown>) => readRules(JSON.stringify(over));
		expect(read({ secondCallWaitMinutes: 0 }).secondCallWaitMinutes).toBe(0);
		expect(read({ secondCallWaitMinutes: 240 }).secondCallWaitMinutes).toBe(240);
		expect(read({ secondCallWaitMinutes: 241 }).secondCallWaitMinutes).toBe(30);
		expect(read({ secondCallWaitMinutes: -1 }).secondCallWaitMinutes).toBe(30);
		expect(read({ secondCallWaitMinutes: 15.5 }).secondCallWaitMinutes).toBe(30);
		expect(read({ secondCallWaitMinutes: '45' }).secondCallWaitMinutes).toBe(30);

		expect(read({ proxiesPerHolder: 1 }).proxiesPerHolder).toBe(1);
		expect(read({ proxiesPerHolder: 5 }).proxiesPerHolder).toBe(5);
		expect(read({ proxiesPerHolder: 0 }).proxiesPerHolder).toBe(1);
		expect(read({ proxiesPerHolder: 6 }).proxiesPerHolder).toBe(1);

		expect(read({ counterpartMinPercent: 0 }).counterpartMinPercent).toBe(0);
		expect(read({ counterpartMinPercent: 100 }).counterpartMinPercent).toBe(100);
		expect(read({ counterpartMinPercent: 101 }).counterpartMinPercent).toBe(30);
		expect(read({ counterpartMinPercent: null }).counterpartMinPercent).toBe(30);
		// Purchases with quotations: whole bolivianos, at least one quotation.
		expect(read({ quotationThresholdCents: 0 }).quotationThresholdCents).toBe(0);
		expect(read({ quotationThresholdCents: 500050 }).quotationThresholdCents).toBe(500000);
		expect(read({ quotationThresholdCents: -100 }).quotationThresholdCents).toBe(500000);
		expect(read({ quotationsRequired: 0 }).quotationsRequired).toBe(3);
		expect(read({ quotationsRequired: 10 }).quotationsRequired).toBe(10);
	});

	it('reads arrearsDisqualify only as a boolean, false when missing (older rule sets)', () => {
		expect(readRules('{"arrearsDisqualify":true}').arrearsDisqualify).toBe(true);
		expect(readRules('{"arrearsDisqualify":"yes"}').arrearsDisqualify).toBe(false);
		expect(readRules('{}').arrearsDisqualify).toBe(false);
	});

	it('reads proxiesAllowed only as a boolean', () => {
		expect(readRules('{"proxiesAllowed":false}').proxiesAllowed).toBe(false);
		expect(readRules('{"proxiesAllowed":true}').proxiesAllowed).toBe(true);
		expect(readRules('{"proxiesAllowed":0}').proxiesAllowed).toBe(true);
		expect(readRules('{"proxiesAllowed":"false"}').proxiesAllowed).toBe(true);
	});

	it('is not fooled by a "__proto__" key in the stored JSON', () => {
		expect(readRules('{"__proto__":{"electorate":"household","tieBreak":"lot"}}')).toEqual(
			DEFAULT_RULES
		);
	});
});

describe('parseRulesForm', () => {
	it('reads the default form into the default rules', () => {
		expect(parseRulesForm(defaultForm())).toEqual({ rules: DEFAULT_RULES });
	});

	it('reads every choice and number the form offers', () => {
		const rules = rulesOf({
			electorate: 'household',
			quorum_first_call: 'two_thirds',
			quorum_second_call: 'present',
			second_call_wait: '0',
			threshold_ordinary: 'absolute',
			threshold_statute: 'simple',
			threshold_assets: 'absolute',
			threshold_exclusion: 'simple',
			tie_break: 'lot',
			proxies_per_holder: '5',
			counterpart_min: '100',
			quotation_threshold: '12000',
			quotations_required: '2'
		});
		expect(rules).toEqual({
			electorate: 'household',
			quorumFirstCall: 'two_thirds',
			quorumSecondCall: 'present',
			secondCallWaitMinutes: 0,
			thresholds: {
				ordinary: 'absolute',
				statute: 'simple',
				assets: 'absolute',
				exclusion: 'simple'
			},
			tieBreak: 'lot',
			// An unticked checkbox is not sent.
			proxiesAllowed: false,
			proxiesPerHolder: 5,
			counterpartMinPercent: 100,
			arrearsDisqualify: false,
			quotationThresholdCents: 1200000,
			quotationsRequired: 2
		});
		const on = parseRulesForm({ ...defaultForm(), arrears_disqualify: 'on' });
		expect('rules' in on && on.rules.arrearsDisqualify).toBe(true);
	});

	it('refuses an empty form, naming every field but the checkboxes (and proxies, off with them)', () => {
		expect(parseRulesForm({})).toEqual({
			errors: {
				electorate: 'error_choice',
				quorum_first_call: 'error_choice',
				quorum_second_call: 'error_choice',
				second_call_wait: 'error_rules_number',
				threshold_ordinary: 'error_choice',
				threshold_statute: 'error_choice',
				threshold_assets: 'error_choice',
				threshold_exclusion: 'error_choice',
				tie_break: 'error_choice',
				counterpart_min: 'error_rules_number',
				quotation_threshold: 'error_rules_number',
				quotations_required: 'error_rules_number'
			}
		});
	});

	it('refuses a choice outside its list with error_choice, and nothing else', () => {
		const cases: [string, string][] = [
			['electorate', 'everyone'],
			['quorum_first_call', 'third'],
			['quorum_second_call', 'two_thirds'],
			['threshold_statute', 'unanimity'],
			['tie_break', 'coin'],
			['electorate', 'Member'],
			['tie_break', '']
		];
		for (const [field, value] of cases)
			expect(parseRulesForm({ ...defaultForm(), [field]: value })).toEqual({
				errors: { [field]: 'error_choice' }
			});
	});

	it('accepts whole numbers at both ends of each range, around spaces and leading zeros', () => {
		const read = (field: string, value: string) => rulesOf({ ...defaultForm(), [field]: value });
		expect(read('second_call_wait', '240').secondCallWaitMinutes).toBe(240);
		expect(read('second_call_wait', ' 45 ').secondCallWaitMinutes).toBe(45);
		expect(read('second_call_wait', '0045').secondCallWaitMinutes).toBe(45);
		expect(read('proxies_per_holder', '1').proxiesPerHolder).toBe(1);
		expect(read('proxies_per_holder', '5').proxiesPerHolder).toBe(5);
		expect(read('counterpart_min', '0').counterpartMinPercent).toBe(0);
		expect(read('counterpart_min', '100').counterpartMinPercent).toBe(100);
	});

	it('refuses numbers out of range or not plainly written with error_rules_number', () => {
		const cases: [string, string][] = [
			['second_call_wait', '241'],
			['second_call_wait', '-1'],
			['second_call_wait', '30.5'],
			['second_call_wait', '30,5'],
			['second_call_wait', '1e2'],
			['second_call_wait', '+30'],
			['second_call_wait', '00030'],
			['second_call_wait', ''],
			['second_call_wait', '   '],
			['proxies_per_holder', '0'],
			['proxies_per_holder', '6'],
			['counterpart_min', '101'],
			['counterpart_min', '30%'],
			['counterpart_min', '٣٠']
		];
		for (const [field, value] of cases)
			expect(parseRulesForm({ ...defaultForm(), [field]: value })).toEqual({
				errors: { [field]: 'error_rules_number' }
			});
	});

	it('asks for the proxies per holder only while proxies are allowed', () => {
		const form = defaultForm();
		delete form.proxies_per_holder;
		expect(parseRulesForm(form)).toEqual({ errors: { proxies_per_holder: 'error_rules_number' } });
		delete form.proxies_allowed;
		expect(rulesOf(form)).toMatchObject({ proxiesAllowed: false, proxiesPerHolder: 1 });
		// A number typed with proxies off is still checked.
		expect(parseRulesForm({ ...form, proxies_per_holder: 'dos' })).toEqual({
			errors: { proxies_per_holder: 'error_rules_number' }
		});
	});

	it('reads the proxies checkbox as checked() does', () => {
		expect(rulesOf({ ...defaultForm(), proxies_allowed: 'true' }).proxiesAllowed).toBe(true);
		expect(rulesOf({ ...defaultForm(), proxies_allowed: '1' }).proxiesAllowed).toBe(true);
		expect(rulesOf({ ...defaultForm(), proxies_allowed: 'off' }).proxiesAllowed).toBe(false);
	});

	it('reports several bad fields at once and returns no rules', () => {
		const parsed = parseRulesForm({ ...defaultForm(), electorate: 'x', counterpart_min: '200' });
		expect(parsed).toEqual({
			errors: { electorate: 'error_choice', counterpart_min: 'error_rules_number' }
		});
		expect('rules' in parsed).toBe(false);
		expect(errorsOf(defaultForm())).toEqual({});
	});

	it('ignores fields it does not know', () => {
		expect(parseRulesForm({ ...defaultForm(), quorum: 'present', extra: 'x' })).toEqual({
			rules: DEFAULT_RULES
		});
	});
});
