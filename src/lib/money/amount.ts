// Amounts of money as people type them and as they are kept: whole centavos within sane bounds.
// Pure, shared by the forms (their `maxlength`), the live budget editor and the server, so one
// constant decides what every field accepts.

/** The most any one amount may be: Bs 100.000.000,00, far above what an association handles. */
export const AMOUNT_MAX = 10_000_000_000;
/**
 * The most a budget vote may share out. Counting by equal shares needs budget × voters to stay
 * exact in a double, which this bound keeps for up to 200.000 voters.
 */
export const VOTE_BUDGET_MAX = AMOUNT_MAX;
/** The most a budget line's quantity may be. */
export const QUANTITY_MAX = 1_000_000;
/** Characters an amount field takes: "Bs 100.000.000,00" with room for spaces. */
export const AMOUNT_INPUT_MAX = 24;

export type AmountProblem = 'format' | 'negative' | 'too_large' | 'not_whole';
export type Reading = { ok: true; value: number } | { ok: false; problem: AmountProblem };

/**
 * Reads an amount typed on a phone, in bolivianos, into centavos: "1.234,50", "1234,5", "1234.50",
 * "1 234", "Bs 96.000". Digits are read as text, never through a float, so nothing is rounded:
 * an amount above `max` is refused, not approximated.
 */
export function readAmount(input: string, max = AMOUNT_MAX): Reading {
	let s = input
		.trim()
		.replace(/^bs\.?/i, '')
		.replace(/[\s\u00a0]/g, '');
	const negative = s.startsWith('-');
	if (negative) s = s.slice(1);
	if (!s || !/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, problem: 'format' };
	// The decimal separator is the last one followed by one or two digits; the rest group thousands.
	const at = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
	const decimals = at >= 0 ? s.length - at - 1 : 0;
	let whole = s;
	let cents = '';
	if (at >= 0 && decimals >= 1 && decimals <= 2) {
		whole = s.slice(0, at);
		cents = s.slice(at + 1);
	}
	whole = whole.replace(/[.,]/g, '').replace(/^0+(?=\d)/, '');
	if (!/^\d*$/.test(whole) || !/^\d{0,2}$/.test(cents)) return { ok: false, problem: 'format' };
	if (negative && /[1-9]/.test(whole + cents)) return { ok: false, problem: 'negative' };
	// More digits than the bound has can only be too large (and would lose precision as a number).
	if (whole.length > String(Math.floor(max / 100)).length)
		return { ok: false, problem: 'too_large' };
	const value = Number(whole || '0') * 100 + Number(cents.padEnd(2, '0'));
	return value > max ? { ok: false, problem: 'too_large' } : { ok: true, value };
}

/** Reads a quantity: "24", "1,5", "1.5", at most three decimals, from 0 to QUANTITY_MAX. */
export function readQuantity(input: string, max = QUANTITY_MAX): Reading {
	const s = input
		.trim()
		.replace(/[\s\u00a0]/g, '')
		.replace(',', '.');
	if (/^-\d/.test(s)) return { ok: false, problem: 'negative' };
	if (!/^\d+(\.\d{1,3})?$/.test(s)) return { ok: false, problem: 'format' };
	if (s.split('.')[0].replace(/^0+(?=\d)/, '').length > String(max).length)
		return { ok: false, problem: 'too_large' };
	const value = Number(s);
	return value > max ? { ok: false, problem: 'too_large' } : { ok: true, value };
}

/** What is wrong with a stored amount (centavos), or undefined when it is sound. */
export function amountProblem(value: unknown, max = AMOUNT_MAX): AmountProblem | undefined {
	if (typeof value !== 'number' || !Number.isFinite(value)) return 'format';
	if (value < 0) return 'negative';
	if (!Number.isInteger(value)) return 'not_whole';
	return value > max ? 'too_large' : undefined;
}

/** What is wrong with a stored quantity, or undefined when it is sound. */
export function quantityProblem(value: unknown, max = QUANTITY_MAX): AmountProblem | undefined {
	if (typeof value !== 'number' || !Number.isFinite(value)) return 'format';
	if (value < 0) return 'negative';
	return value > max ? 'too_large' : undefined;
}
