// A household's counterpart (domain.md §1.2, steps 4 and 7): what the assembly split to it, in
// cash (centavos) and labour days (jornales, kept in tenths so half a day is exact), due by
// instalment dates, against what it paid and worked up to a date. Pure and browser-safe.

/** Labour is kept in tenths of a day: half a jornal is 5. */
export const TENTHS_PER_DAY = 10;
/** The most one household's instalment may ask in cash: Bs 1.000.000. */
export const QUOTA_CASH_MAX = 100_000_000;
/** The most labour days one instalment may ask (in tenths): 365 days. */
export const QUOTA_TENTHS_MAX = 365 * TENTHS_PER_DAY;
/** The most labour one record may hold (in tenths): 31 days. */
export const LABOUR_TENTHS_MAX = 31 * TENTHS_PER_DAY;
export const LABOUR_NOTE_MAX = 200;
export const AGREED_BY_MAX = 200;

export type CounterpartStatus = 'up_to_date' | 'arrears';

/** One instalment of a household's quota, as in force (the latest set for its due date). */
export interface QuotaInstalment {
	/** YYYY-MM-DD: paid and worked by this date. */
	dueOn: string;
	cashCents: number;
	labourTenths: number;
}

/** A cash payment of counterpart; a reversal counts negative. */
export interface CounterpartPayment {
	date: string;
	cents: number;
}

/** Labour days worked, in tenths. */
export interface LabourRecord {
	date: string;
	tenths: number;
}

export interface Standing {
	/** Cash due by `at`, and paid by `at`. */
	dueCents: number;
	paidCents: number;
	/** Labour due and worked by `at`, in tenths of a day. */
	dueTenths: number;
	workedTenths: number;
	/** The whole quota, due now or later. */
	quotaCents: number;
	quotaTenths: number;
	status: CounterpartStatus;
}

/**
 * A household's standing at date `at` (YYYY-MM-DD, inclusive): in arrears when what it paid or
 * worked by then falls short of what was due by then. Paying ahead counts towards later
 * instalments; what is paid or worked after `at` does not count at `at`.
 */
export function householdStanding(
	quota: readonly QuotaInstalment[],
	payments: readonly CounterpartPayment[],
	labour: readonly LabourRecord[],
	at: string
): Standing {
	let dueCents = 0;
	let dueTenths = 0;
	let quotaCents = 0;
	let quotaTenths = 0;
	for (const q of quota) {
		quotaCents += q.cashCents;
		quotaTenths += q.labourTenths;
		if (q.dueOn <= at) {
			dueCents += q.cashCents;
			dueTenths += q.labourTenths;
		}
	}
	let paidCents = 0;
	for (const p of payments) if (p.date <= at) paidCents += p.cents;
	let workedTenths = 0;
	for (const l of labour) if (l.date <= at) workedTenths += l.tenths;
	const status: CounterpartStatus =
		paidCents < dueCents || workedTenths < dueTenths ? 'arrears' : 'up_to_date';
	return { dueCents, paidCents, dueTenths, workedTenths, quotaCents, quotaTenths, status };
}

/**
 * Reads labour days typed on a phone ("1", "0,5", "2.5") into tenths; at most one decimal, more
 * than zero and at most `max` tenths. Undefined when it is not such a number.
 */
export function readDays(input: string, max = LABOUR_TENTHS_MAX): number | undefined {
	const s = input.trim().replace(',', '.');
	if (!/^\d{1,4}(\.\d)?$/.test(s)) return undefined;
	const [whole, tenth = '0'] = s.split('.');
	const tenths = Number(whole) * TENTHS_PER_DAY + Number(tenth);
	return tenths > 0 && tenths <= max ? tenths : undefined;
}

/** Like `readDays`, but zero is allowed (a quota may ask no labour). */
export function readQuotaDays(input: string, max = QUOTA_TENTHS_MAX): number | undefined {
	if (/^\s*0+([.,]0)?\s*$/.test(input)) return 0;
	return readDays(input, max);
}

/** Tenths of a day as people read them: "2", "2,5". */
export function formatDays(tenths: number, locale: 'es' | 'en' = 'es'): string {
	const whole = Math.trunc(tenths / TENTHS_PER_DAY);
	const rest = Math.abs(tenths % TENTHS_PER_DAY);
	return rest ? `${whole}${locale === 'en' ? '.' : ','}${rest}` : String(whole);
}

/** A household left out of a vote's electorate when it opened, and why (stored on the vote). */
export interface VoteExclusion {
	reason: 'counterpart_arrears';
	household: string;
	name: string;
	members: { id: number; name: string }[];
	dueCents: number;
	paidCents: number;
	dueTenths: number;
	workedTenths: number;
}

/** Reads a vote's stored exclusions; anything unreadable is none. */
export function readExclusions(json: string | null | undefined): VoteExclusion[] {
	if (!json) return [];
	try {
		const parsed: unknown = JSON.parse(json);
		return Array.isArray(parsed) ? (parsed as VoteExclusion[]) : [];
	} catch {
		return [];
	}
}
