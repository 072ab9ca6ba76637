import { describe, expect, it } from 'vitest';
import {
	addMonths,
	countAnswers,
	deliverableProgress,
	dueBy,
	evaluationDate,
	readEvaluationMonths,
	feeWithinBounds,
	inPeriod,
	isIsoDate,
	isMonth,
	byMonth,
	periodEnd,
	periodMonths,
	totals,
	visitState,
	type DeliverableFacts
} from './schedule';

const d = (over: Partial<DeliverableFacts>): DeliverableFacts => ({
	id: 1,
	kind: 'visit',
	plannedMonth: '2026-01',
	amount: 100_00,
	delivered: false,
	approved: false,
	paid: false,
	visits: [],
	...over
});

describe('the period', () => {
	it('ends the day before the same date months later, across years and short months', () => {
		expect(periodEnd({ start: '2026-01-15', months: 12 })).toBe('2027-01-14');
		expect(periodEnd({ start: '2026-03-01', months: 3 })).toBe('2026-05-31');
		expect(periodEnd({ start: '2026-11-01', months: 2 })).toBe('2026-12-31');
	});
	it('never runs into the month after when the start is a day the target month lacks', () => {
		// From 31 August: each month ends in its own month, February on the 28th (not 2 March).
		const ends = [1, 2, 3, 4, 5, 6, 7].map((n) => periodEnd({ start: '2026-08-31', months: n }));
		expect(ends).toEqual([
			'2026-09-30',
			'2026-10-30',
			'2026-11-30',
			'2026-12-30',
			'2027-01-30',
			'2027-02-28',
			'2027-03-30'
		]);
		expect(periodEnd({ start: '2028-01-30', months: 1 })).toBe('2028-02-29');
		expect(periodEnd({ start: '2026-01-29', months: 1 })).toBe('2026-02-28');
	});
	it('lists the months it touches', () => {
		expect(periodMonths({ start: '2026-11-10', months: 3 })).toEqual([
			'2026-11',
			'2026-12',
			'2027-01',
			'2027-02'
		]);
		expect(periodMonths({ start: '2026-01-01', months: 1 })).toEqual(['2026-01']);
	});
	it('holds its first and last day and nothing outside', () => {
		const p = { start: '2026-02-01', months: 1 };
		expect(inPeriod('2026-02-01', p)).toBe(true);
		expect(inPeriod('2026-02-28', p)).toBe(true);
		expect(inPeriod('2026-03-01', p)).toBe(false);
		expect(inPeriod('2026-01-31', p)).toBe(false);
	});
	it('reads dates and months strictly', () => {
		expect(isIsoDate('2026-02-29')).toBe(false);
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2026-2-01')).toBe(false);
		expect(isMonth('2026-12')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2027-01', -1)).toBe('2026-12');
	});
});

describe('the fee', () => {
	it('may go down to half the elected offer, never above it', () => {
		expect(feeWithinBounds(5500_00, 5500_00)).toBe(true);
		expect(feeWithinBounds(2750_00, 5500_00)).toBe(true);
		expect(feeWithinBounds(2749_99, 5500_00)).toBe(false);
		expect(feeWithinBounds(5500_01, 5500_00)).toBe(false);
		expect(feeWithinBounds(1.5, 5500_00)).toBe(false);
	});
});

describe('a visit’s state', () => {
	it('is pending until every household said it came', () => {
		expect(visitState([])).toBe('pending');
		expect(visitState(['pending', 'pending'])).toBe('pending');
		expect(visitState(['confirmed', 'pending'])).toBe('pending');
		expect(visitState(['confirmed', 'confirmed'])).toBe('confirmed');
	});
	it('is denied as soon as one household says it did not', () => {
		expect(visitState(['confirmed', 'denied'])).toBe('denied');
		expect(visitState(['denied', 'pending'])).toBe('denied');
	});
	it('counts the answers', () => {
		expect(countAnswers(['confirmed', 'denied', 'pending', 'confirmed'])).toEqual({
			confirmed: 2,
			denied: 1,
			pending: 1
		});
	});
});

describe('a deliverable’s progress', () => {
	it('a visit is done when logged, confirmed when a logged visit is confirmed', () => {
		expect(deliverableProgress(d({}))).toEqual({
			done: false,
			confirmed: false,
			approvable: false
		});
		expect(deliverableProgress(d({ visits: ['pending'] }))).toEqual({
			done: true,
			confirmed: false,
			approvable: false
		});
		expect(deliverableProgress(d({ visits: ['denied'] })).confirmed).toBe(false);
		expect(deliverableProgress(d({ visits: ['denied', 'confirmed'] }))).toEqual({
			done: true,
			confirmed: true,
			approvable: true
		});
	});
	it('a workshop or report is done once delivered; approved once, not again', () => {
		expect(deliverableProgress(d({ kind: 'report' })).done).toBe(false);
		expect(deliverableProgress(d({ kind: 'workshop', delivered: true })).approvable).toBe(true);
		expect(
			deliverableProgress(d({ kind: 'workshop', delivered: true, approved: true })).approvable
		).toBe(false);
	});
});

describe('what is due by a date', () => {
	const plan = [
		d({ id: 1, plannedMonth: '2026-01', visits: ['confirmed'], approved: true, paid: true }),
		d({ id: 2, plannedMonth: '2026-02', visits: ['denied'] }),
		d({ id: 3, kind: 'report', plannedMonth: '2026-02', delivered: true, approved: true }),
		d({ id: 4, kind: 'workshop', plannedMonth: '2026-03', amount: 250_00 })
	];
	it('takes everything planned up to the date’s month, and the late among them', () => {
		const s = dueBy(plan, '2026-02-10');
		expect(s.due.map((x) => x.id)).toEqual([1, 2, 3]);
		expect(s.late.map((x) => x.id)).toEqual([2]);
		expect(s.scheduled).toBe(300_00);
		expect(s.approved).toBe(200_00);
		expect(s.paid).toBe(100_00);
	});
	it('before the first month nothing is due', () => {
		expect(dueBy(plan, '2025-12-31').due).toEqual([]);
	});
	it('adds up planned, done, confirmed, approved and paid side by side', () => {
		expect(totals(plan)).toEqual({
			planned: 4,
			done: 3,
			confirmed: 2,
			approved: 2,
			paid: 1,
			scheduledAmount: 550_00,
			paidAmount: 100_00
		});
	});
});

describe('evaluations', () => {
	it('look back from the last day of the contract’s n-th month', () => {
		expect(evaluationDate({ start: '2026-05-01', months: 12 }, 3)).toBe('2026-07-31');
		expect(evaluationDate({ start: '2026-05-15', months: 12 }, 6)).toBe('2026-11-14');
	});
	it('are read as months within the period, once each, in order', () => {
		expect(readEvaluationMonths('6, 3', 12)).toEqual([3, 6]);
		expect(readEvaluationMonths('3 3 12', 12)).toEqual([3, 12]);
		expect(readEvaluationMonths('', 12)).toEqual([]);
		expect(readEvaluationMonths('0', 12)).toBeUndefined();
		expect(readEvaluationMonths('13', 12)).toBeUndefined();
		expect(readEvaluationMonths('tres', 12)).toBeUndefined();
	});
});

describe('byMonth', () => {
	it('groups in the order the months first appear', () => {
		const days = ['2026-11-23', '2026-11-02', '2026-10-30', '2026-09-05', '2026-10-01'];
		expect(byMonth(days, (d) => d.slice(0, 7))).toEqual([
			{ month: '2026-11', items: ['2026-11-23', '2026-11-02'] },
			{ month: '2026-10', items: ['2026-10-30', '2026-10-01'] },
			{ month: '2026-09', items: ['2026-09-05'] }
		]);
	});
});
