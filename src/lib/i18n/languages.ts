// The interface's languages, each named in itself so a reader finds their own.

export const LANGUAGES = [
	{ code: 'es', name: 'Español' },
	{ code: 'qu', name: 'Runasimi (quechua)' },
	{ code: 'ay', name: 'Aymar aru (aymara)' },
	{ code: 'en', name: 'English' }
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export function languageName(code: string): string {
	return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}
