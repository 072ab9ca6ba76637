import { describe, expect, it } from 'vitest';
import {
	budgetTotals,
	budgetWarnings,
	formatBs,
	formatShare,
	parseBs,
	parseQuantity,
	type BudgetLine
} from './budget';

const bs = (n: number) => n * 100;
function line(
	code: string,
	quantity: number,
	unit: number,
	split: { par?: number; cash?: number; in_kind?: number; municipality?: number }
): BudgetLine {
	return {
		id: code,
		code,
		title: code,
		description: '',
		category: 'equipment',
		unit: 'pieza',
		quantity,
		unit_cost: bs(unit),
		par: bs(split.par ?? 0),
		cash: bs(split.cash ?? 0),
		in_kind: bs(split.in_kind ?? 0),
		municipality: bs(split.municipality ?? 0)
	};
}

// The Sumaj Lichi plan of shared/reference/domain.md §6.1.
const PLAN = [
	line('I-01', 1, 96000, { par: 84000, cash: 12000 }),
	line('I-02', 1, 72000, { par: 36000, cash: 6000, in_kind: 18000, municipality: 12000 }),
	line('I-03', 24, 4500, { par: 75600, cash: 16200, in_kind: 16200 }),
	line('I-04', 24, 1950, { par: 32760, cash: 7020, in_kind: 7020 }),
	line('I-05', 4, 9500, { par: 26600, cash: 11400 }),
	line('I-06', 24, 800, { par: 13440, cash: 5760 }),
	line('I-07', 120, 150, { par: 12600, cash: 5400 }),
	line('I-08', 1, 12000, { par: 8400, cash: 3600 }),
	line('AT-01', 12, 7000, { par: 67200, cash: 16800 }),
	line('AT-02', 6, 2500, { par: 12000, municipality: 3000 }),
	line('FO-01', 12, 1800, { cash: 21600 })
];

describe('budget totals', () => {
	it('reproduce the reference plan: Bs 530.600, PAR 69,5 %, counterpart 27,7 %', () => {
		const t = budgetTotals(PLAN);
		expect(t.total).toBe(bs(530600));
		expect(t.bySource).toEqual({
			par: bs(368600),
			cash: bs(105780),
			in_kind: bs(41220),
			municipality: bs(15000)
		});
		expect(t.counterpart).toBe(bs(147000));
		expect(formatShare(t.shares.par)).toBe('69,5 %');
		expect(formatShare(t.counterpartShare)).toBe('27,7 %');
		expect(t.unassigned).toBe(0);
		expect(budgetWarnings(t)).toEqual([
			{ kind: 'counterpart_low', share: t.counterpartShare, min: 0.3 }
		]);
	});

	it('warn when the programme passes 70 % and when part of a line has no source', () => {
		const raised = PLAN.map((l) => (l.code === 'I-01' ? { ...l, par: bs(90000) } : l));
		const kinds = budgetWarnings(budgetTotals(raised)).map((w) => w.kind);
		expect(kinds).toContain('programme_high');
		expect(kinds).toContain('unassigned');
		const t = budgetTotals(raised);
		expect(t.lines[0]).toEqual({
			id: 'I-01',
			total: bs(96000),
			funded: bs(102000),
			unassigned: -bs(6000)
		});
	});

	it('an empty plan has no shares and no warnings', () => {
		const t = budgetTotals([]);
		expect(t.total).toBe(0);
		expect(t.shares.par).toBe(0);
		expect(budgetWarnings(t)).toEqual([]);
	});

	it('fractional quantities round to the centavo', () => {
		expect(budgetTotals([line('X', 1.5, 1950.33, {})]).total).toBe(292550);
	});
});

describe('amounts the Bolivian way', () => {
	it('formats', () => {
		expect(formatBs(bs(1234.5))).toBe('Bs 1.234,50');
		expect(formatBs(bs(530600))).toBe('Bs 530.600,00');
		expect(formatBs(5)).toBe('Bs 0,05');
	});

	it('reads what people type', () => {
		expect(parseBs('1.234,50')).toBe(123450);
		expect(parseBs('1234,5')).toBe(123450);
		expect(parseBs('1234.50')).toBe(123450);
		expect(parseBs('96.000')).toBe(9600000);
		expect(parseBs('Bs 96.000')).toBe(9600000);
		expect(parseBs('1 234')).toBe(123400);
		expect(parseBs('1.234.567,8')).toBe(123456780);
		expect(parseBs('abc')).toBeUndefined();
		expect(parseBs('')).toBeUndefined();
		expect(parseQuantity('1,5')).toBe(1.5);
		expect(parseQuantity('24')).toBe(24);
		expect(parseQuantity('-1')).toBeUndefined();
	});
});
