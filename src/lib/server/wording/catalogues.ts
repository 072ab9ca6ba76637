// The shared catalogues as data, on the server: the Spanish text a wording must keep the
// placeholders of, the catalogue's text in each language, and which strings a speaker reviewed.

import en from '../../../../messages/en.json';
import es from '../../../../messages/es.json';
import qu from '../../../../messages/qu.json';
import ay from '../../../../messages/ay.json';
import review from '../../../../messages/review.json';
import { messageKeys, type Catalogue } from '$lib/i18n/catalogue';

const CATALOGUES: Record<string, Catalogue> = {
	es: es as Catalogue,
	en: en as Catalogue,
	qu: qu as Catalogue,
	ay: ay as Catalogue
};
const REVIEWED: Record<string, Record<string, string>> = {
	qu: review.qu.reviewed,
	ay: review.ay.reviewed
};

// Only plain messages can be reworded: one with variants (plurals) keeps the catalogue's forms.
export const MESSAGE_KEYS: readonly string[] = messageKeys(CATALOGUES.es).filter(
	(key) => typeof CATALOGUES.es[key] === 'string'
);
const KEY_SET = new Set(MESSAGE_KEYS);

export function isMessageKey(key: string): boolean {
	return KEY_SET.has(key);
}

export function spanishText(key: string): string {
	const text = CATALOGUES.es[key];
	return typeof text === 'string' ? text : '';
}

/** The catalogue's text for a key in a language; Spanish when that catalogue lacks it. */
export function catalogueText(locale: string, key: string): { text: string; fallback: boolean } {
	const own = CATALOGUES[locale]?.[key];
	return typeof own !== 'string' || own.trim() === ''
		? { text: spanishText(key), fallback: locale !== 'es' }
		: { text: own, fallback: false };
}

/**
 * Whether a speaker reviewed the catalogue's string. Spanish is the source and English is
 * written by the team; Quechua and Aymara are drafts except the keys messages/review.json lists.
 */
export function isReviewed(locale: string, key: string): boolean {
	if (locale === 'es' || locale === 'en') return true;
	return key in (REVIEWED[locale] ?? {});
}
