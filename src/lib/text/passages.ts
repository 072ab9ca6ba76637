// A text cut into the stretches a debate is talking about and the rest, for pages that show a
// draft without the live editor (no JavaScript). Pure: the editor marks the same passages itself.

export interface Stretch {
	text: string;
	/** Quoted by a post or a pending amendment. */
	discussed: boolean;
}

/**
 * Every occurrence of every passage, leftmost first (the longest where two start together), without
 * overlaps; the text's own characters, in order, split at those places.
 */
export function splitByPassages(text: string, passages: readonly string[]): Stretch[] {
	const wanted = [...new Set(passages.filter((p) => p.length > 0))].sort(
		(a, b) => b.length - a.length
	);
	const out: Stretch[] = [];
	let plain = 0;
	let i = 0;
	while (wanted.length && i < text.length) {
		let next = -1;
		let length = 0;
		for (const passage of wanted) {
			const at = text.indexOf(passage, i);
			if (at !== -1 && (next === -1 || at < next)) {
				next = at;
				length = passage.length;
			}
		}
		if (next === -1) break;
		if (next > plain) out.push({ text: text.slice(plain, next), discussed: false });
		out.push({ text: text.slice(next, next + length), discussed: true });
		i = plain = next + length;
	}
	if (plain < text.length || out.length === 0)
		out.push({ text: text.slice(plain), discussed: false });
	return out;
}
