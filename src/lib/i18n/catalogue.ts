// Comparing a translated catalogue with the Spanish one (the base locale): which keys are missing,
// which carry other placeholders, which are empty. Pure, so the test, the lead's script and the
// wording proposals all use the same rule.

/** A message with variants (inlang's plural form): each `match` branch is a text of its own. */
export interface VariantMessage {
	declarations: string[];
	selectors: string[];
	match: Record<string, string>;
}
export type Message = string | VariantMessage[];
export type Catalogue = Record<string, Message>;

/** The texts of a message: itself, or every branch of its variants. */
export function messageTexts(message: Message | undefined): string[] {
	if (message === undefined) return [];
	return typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * The names of a message's placeholders, sorted, each once: "{n} de {total}" → ["n", "total"];
 * for a message with variants, those of all its branches.
 */
export function placeholders(message: Message): string[] {
	const names = messageTexts(message).flatMap((text) =>
		[...text.matchAll(PLACEHOLDER)].map((match) => match[1])
	);
	return [...new Set(names)].sort();
}

export function samePlaceholders(a: Message, b: Message): boolean {
	return placeholders(a).join('\u0000') === placeholders(b).join('\u0000');
}

export interface CatalogueGaps {
	/** Keys of the base catalogue the translation lacks (Spanish shows there). */
	missing: string[];
	/** Keys only the translation has (left over after a key was renamed or removed). */
	extra: string[];
	/** Keys whose placeholders differ from the base message. */
	placeholders: { key: string; base: string[]; translated: string[] }[];
	/** Keys translated as an empty or blank string (an empty label). */
	empty: string[];
}

/** Every message key of a catalogue file, without the "$schema" entry. */
export function messageKeys(catalogue: Catalogue): string[] {
	return Object.keys(catalogue).filter((key) => key !== '$schema');
}

export function compareCatalogues(base: Catalogue, translated: Catalogue): CatalogueGaps {
	const gaps: CatalogueGaps = { missing: [], extra: [], placeholders: [], empty: [] };
	for (const key of messageKeys(base)) {
		const text = translated[key];
		if (text === undefined) {
			gaps.missing.push(key);
			continue;
		}
		const texts = messageTexts(text);
		if (!texts.length || texts.some((t) => t.trim() === '')) gaps.empty.push(key);
		if (!samePlaceholders(base[key], text)) {
			gaps.placeholders.push({
				key,
				base: placeholders(base[key]),
				translated: placeholders(text)
			});
		}
	}
	for (const key of messageKeys(translated)) if (!(key in base)) gaps.extra.push(key);
	return gaps;
}

export function hasGaps(gaps: CatalogueGaps): boolean {
	return gaps.missing.length + gaps.extra.length + gaps.placeholders.length + gaps.empty.length > 0;
}

/** Fills a message's placeholders from its inputs; an input that is absent leaves the placeholder. */
export function interpolate(text: string, inputs: Record<string, unknown> = {}): string {
	return text.replace(PLACEHOLDER, (whole, name: string) =>
		name in inputs && inputs[name] !== undefined && inputs[name] !== null
			? String(inputs[name])
			: whole
	);
}
