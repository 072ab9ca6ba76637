// Finding interface strings by words: every word must appear in one of the string's texts (its
// key, the Spanish, the translation), ignoring accents and capitals.

export function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchStrings(
	keys: readonly string[],
	textsOf: (key: string) => string[],
	query: string,
	limit: number
): string[] {
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return [];
	const out: string[] = [];
	for (const key of keys) {
		const haystack = fold(textsOf(key).join('\n'));
		if (words.every((w) => haystack.includes(w))) {
			out.push(key);
			if (out.length >= limit) break;
		}
	}
	return out;
}
