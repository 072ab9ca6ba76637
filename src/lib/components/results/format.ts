// Number formats for results, in the reader's language (amounts use formatBs, the Bolivian way).
import { formatShare } from '$lib/drafts/budget';
import { getLocale } from '$lib/paraglide/runtime.js';

const INTL: Record<string, string> = { es: 'es-BO', en: 'en-GB' };

/** 16.2 → "16,2" (es) or "16.2" (en). */
export function decimal(value: number, digits = 1): string {
	return value.toLocaleString(INTL[getLocale()] ?? 'es-BO', {
		maximumFractionDigits: digits,
		minimumFractionDigits: 0
	});
}

/** part of whole as "58,3 %"; "0,0 %" when whole is 0. */
export function percentOf(part: number, whole: number): string {
	return formatShare(whole > 0 ? part / whole : 0);
}
