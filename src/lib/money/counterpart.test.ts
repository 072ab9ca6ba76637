import { describe, expect, it } from 'vitest';
import {
	formatDays,
	householdStanding,
	readDays,
	readQuotaDays,
	type CounterpartPayment,
	type LabourRecord,
	type QuotaInstalment
} from './counterpart';

// Two instalments as in the demo's acta: Bs 1.500 and 4 jornales by 30 June, Bs 1.500 and 4 more
// by 30 October.
const QUOTA: QuotaInstalment[] = [
	{ dueOn: '2026-06-30', cashCents: 150_000, labourTenths: 40 },
	{ dueOn: '2026-10-30', cashCents: 150_000, labourTenths: 40 }
];

describe('householdStanding', () => {
	it.each([
		// at, payments (Bs), jornales worked, status
		['2026-06-01', [], [], 'up_to_date'],
		['2026-06-30', [], [], 'arrears'],
		['2026-06-30', [1500], [4], 'up_to_date'],
		['2026-06-30', [1500], [3.5], 'arrears'],
		['2026-06-30', [1499.99], [4], 'arrears'],
		['2026-07-15', [3000], [8], 'up_to_date'],
		['2026-10-30', [1500], [8], 'arrears'],
		['2026-10-31', [1500, 1500], [4, 4], 'up_to_date']
	] as const)('at %s, paid %j and worked %j: %s', (at, paid, worked, status) => {
		const payments = paid.map((bs) => ({ date: '2026-06-10', cents: Math.round(bs * 100) }));
		const labour = worked.map((days) => ({ date: '2026-06-10', tenths: Math.round(days * 10) }));
		expect(householdStanding(QUOTA, payments, labour, at).status).toBe(status);
	});

	it('adds what is due by the date, and the whole quota', () => {
		const s = householdStanding(
			QUOTA,
			[{ date: '2026-06-01', cents: 100_000 }],
			[{ date: '2026-06-02', tenths: 15 }],
			'2026-07-01'
		);
		expect(s).toEqual({
			dueCents: 150_000,
			paidCents: 100_000,
			dueTenths: 40,
			workedTenths: 15,
			quotaCents: 300_000,
			quotaTenths: 80,
			status: 'arrears'
		});
	});

	it('does not count at a date what was paid or worked after it; a reversal counts negative', () => {
		const payments = [
			{ date: '2026-06-20', cents: 150_000 },
			{ date: '2026-06-25', cents: -150_000 },
			{ date: '2026-07-05', cents: 150_000 }
		];
		const labour = [{ date: '2026-06-20', tenths: 40 }];
		expect(householdStanding(QUOTA, payments, labour, '2026-06-30').status).toBe('arrears');
		expect(householdStanding(QUOTA, payments, labour, '2026-07-05').status).toBe('up_to_date');
	});

	it('a household without a quota is up to date', () => {
		expect(householdStanding([], [], [], '2030-01-01').status).toBe('up_to_date');
	});

	it('property: up to date exactly when both cash and labour cover what is due (random cases)', () => {
		let seed = 20260615;
		const rand = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const day = () =>
			`2026-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
		for (let i = 0; i < 500; i++) {
			const quota: QuotaInstalment[] = Array.from({ length: rand(4) }, () => ({
				dueOn: day(),
				cashCents: rand(300_000),
				labourTenths: rand(80)
			}));
			const payments: CounterpartPayment[] = Array.from({ length: rand(5) }, () => ({
				date: day(),
				cents: rand(200_000)
			}));
			const labour: LabourRecord[] = Array.from({ length: rand(5) }, () => ({
				date: day(),
				tenths: 1 + rand(40)
			}));
			const at = day();
			const s = householdStanding(quota, payments, labour, at);
			const due = quota.filter((q) => q.dueOn <= at);
			expect(s.dueCents).toBe(due.reduce((a, q) => a + q.cashCents, 0));
			expect(s.paidCents).toBe(
				payments.filter((p) => p.date <= at).reduce((a, p) => a + p.cents, 0)
			);
			expect(s.status === 'up_to_date').toBe(
				s.paidCents >= s.dueCents && s.workedTenths >= s.dueTenths
			);
			// Paying more never puts a household into arrears.
			const more = householdStanding(quota, [...payments, { date: at, cents: 1 }], labour, at);
			if (s.status === 'up_to_date') expect(more.status).toBe('up_to_date');
		}
	});
});

describe('days', () => {
	it('reads whole and half days into tenths, refusing the rest', () => {
		expect(readDays('1')).toBe(10);
		expect(readDays('0,5')).toBe(5);
		expect(readDays('2.5')).toBe(25);
		expect(readDays('0')).toBeUndefined();
		expect(readDays('-1')).toBeUndefined();
		expect(readDays('1,25')).toBeUndefined();
		expect(readDays('32')).toBeUndefined();
		expect(readDays('abc')).toBeUndefined();
		expect(readQuotaDays('0')).toBe(0);
		expect(readQuotaDays('8')).toBe(80);
		expect(readQuotaDays('366')).toBeUndefined();
	});

	it('writes tenths as days', () => {
		expect(formatDays(40)).toBe('4');
		expect(formatDays(25)).toBe('2,5');
		expect(formatDays(25, 'en')).toBe('2.5');
	});
});
