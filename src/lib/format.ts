// Display formats, the same on the server and in the browser. Times are shown in Bolivia's zone.

const TIME_ZONE = 'America/La_Paz';

const INTL_LOCALE: Record<string, string> = { es: 'es-BO', en: 'en-GB' };

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
