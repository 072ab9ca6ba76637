import { describe, expect, it } from 'vitest';
import { awardNeedsReason, compareQuotations, quotationsNeeded } from './quotations';

const rules = { quotationThresholdCents: 500_000, quotationsRequired: 3 };
const q = (id: number, supplier: string, amount: number) => ({ id, supplier, amount });

describe('quotationsNeeded', () => {
	it('asks for the rule set’s number only above the threshold', () => {
		expect(quotationsNeeded(500_000, rules)).toBe(1);
		expect(quotationsNeeded(500_001, rules)).toBe(3);
		expect(quotationsNeeded(0, { ...rules, quotationThresholdCents: 0 })).toBe(1);
		expect(quotationsNeeded(1, { ...rules, quotationThresholdCents: 0 })).toBe(3);
	});
});

describe('compareQuotations', () => {
	it('sorts by amount, marks the cheapest and says how far each is from it', () => {
		const c = compareQuotations(
			[
				q(1, 'Agroveterinaria Punata', 1_250_000),
				q(2, 'Lácteos Cliza', 1_000_000),
				q(3, 'Tanques del Valle', 1_100_050)
			],
			rules
		);
		expect(c.rows.map((r) => r.quotation.id)).toEqual([2, 3, 1]);
		expect(c.rows.map((r) => r.lowest)).toEqual([true, false, false]);
		expect(c.rows.map((r) => r.difference)).toEqual([0, 100_050, 250_000]);
		expect(c.rows.map((r) => r.differencePercent)).toEqual([0, 10, 25]);
		expect(c.lowest).toBe(1_000_000);
		expect(c).toMatchObject({ required: 3, enough: true, missing: 0 });
	});

	it('gives equal amounts the same rank, both lowest, in a stable order', () => {
		const c = compareQuotations(
			[q(5, 'B', 700_000), q(4, 'A', 700_000), q(6, 'C', 900_000)],
			rules
		);
		expect(c.rows.map((r) => [r.quotation.id, r.rank, r.lowest])).toEqual([
			[4, 1, true],
			[5, 1, true],
			[6, 3, false]
		]);
	});

	it('counts what is missing above the threshold, and needs one at or below it', () => {
		expect(compareQuotations([q(1, 'A', 600_000), q(2, 'B', 650_000)], rules)).toMatchObject({
			required: 3,
			enough: false,
			missing: 1
		});
		expect(compareQuotations([q(1, 'A', 400_000)], rules)).toMatchObject({
			required: 1,
			enough: true
		});
		// The cheapest decides: one quotation under the threshold is enough even if others are above.
		expect(compareQuotations([q(1, 'A', 400_000), q(2, 'B', 900_000)], rules).enough).toBe(true);
		expect(compareQuotations([], rules)).toMatchObject({
			rows: [],
			lowest: null,
			enough: false,
			missing: 1
		});
	});

	it('does not divide by a zero lowest amount', () => {
		const c = compareQuotations([q(1, 'A', 0), q(2, 'B', 100)], rules);
		expect(c.rows[1]).toMatchObject({ difference: 100, differencePercent: 0 });
	});
});

describe('awardNeedsReason', () => {
	it('is true only for a quotation that is not among the cheapest', () => {
		const c = compareQuotations(
			[q(1, 'A', 700_000), q(2, 'B', 700_000), q(3, 'C', 800_000)],
			rules
		);
		expect(awardNeedsReason(c, 1)).toBe(false);
		expect(awardNeedsReason(c, 2)).toBe(false);
		expect(awardNeedsReason(c, 3)).toBe(true);
		expect(awardNeedsReason(c, 99)).toBe(false);
	});
});
