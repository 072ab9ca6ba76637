// Display formats, the same on the server and in the browser. Times are shown in Bolivia's zone.

const TIME_ZONE = 'America/La_Paz';

// ICU has Quechua (month names in Quechua) but not Aymara: Aymara readers get Bolivian Spanish dates.
const INTL_LOCALE: Record<string, string> = { es: 'es-BO', en: 'en-GB', qu: 'qu-BO', ay: 'es-BO' };

export function formatDateTime(ms: number, locale: string): string {
	return new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(ms);
}

export function formatDate(ms: number, locale: string): string {
	return new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, {
		dateStyle: 'long',
		timeZone: TIME_ZONE
	}).format(ms);
}

/** A day written YYYY-MM-DD (a period's bound, a movement's day), as formatDate writes it. */
export function formatDay(day: string, locale: string): string {
	const ms = Date.parse(`${day}T12:00:00-04:00`);
	return Number.isNaN(ms) ? day : formatDate(ms, locale);
}

/** A month written YYYY-MM (a survey's, a deliverable's), as «septiembre de 2026». */
export function formatMonth(month: string, locale: string): string {
	const ms = Date.parse(`${month}-15T12:00:00-04:00`);
	if (!/^\d{4}-\d{2}$/.test(month) || Number.isNaN(ms)) return month;
	return new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, {
		month: 'long',
		year: 'numeric',
		timeZone: TIME_ZONE
	}).format(ms);
}

// Bolivia keeps UTC−4 all year (no daylight saving time).
const LA_PAZ_OFFSET_MS = 4 * 60 * 60 * 1000;

/** A `<input type="datetime-local">` value read as Bolivian time; undefined if it is not one. */
export function parseLocalDateTime(value: string): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
	if (!match) return undefined;
	const [y, mo, d, h, mi] = match.slice(1).map(Number);
	const ms = Date.UTC(y, mo - 1, d, h, mi) + LA_PAZ_OFFSET_MS;
	const back = new Date(ms - LA_PAZ_OFFSET_MS);
	// Date.UTC rolls 31 February into March: refuse dates that do not exist.
	if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59)
		return undefined;
	return ms;
}

/** The `<input type="datetime-local">` value showing `ms` in Bolivian time. */
export function localDateTimeInput(ms: number): string {
	return new Date(ms - LA_PAZ_OFFSET_MS).toISOString().slice(0, 16);
}
