// The association's own wording, consulted by every message function before its catalogue text
// (the Vite plugin `wordingOverrides` in vite.config.ts adds the call to Paraglide's generated
// functions). Browser-safe: on the server a resolver reads the request's wordings (set in
// hooks.server.ts); in the browser the root layout hands over the page's wordings.

import { interpolate } from './catalogue';

export type WordingResolver = (key: string, locale: string) => string | undefined;

let browserWordings: { locale: string; texts: Record<string, string> } = { locale: '', texts: {} };

let resolver: WordingResolver = (key, locale) =>
	locale === browserWordings.locale ? browserWordings.texts[key] : undefined;

/** Server only: where the current request's wordings are found. */
export function overwriteWordingResolver(next: WordingResolver): void {
	resolver = next;
}

/** Browser only: the accepted wordings of the association whose page is shown. */
export function setBrowserWordings(locale: string, texts: Record<string, string>): void {
	browserWordings = { locale, texts };
}

/** The association's text for a message, interpolated, or undefined to use the catalogue. */
export function wording(key: string, locale: string, inputs: unknown): string | undefined {
	const text = resolver(key, locale);
	return text === undefined
		? undefined
		: interpolate(text, (inputs ?? {}) as Record<string, unknown>);
}
