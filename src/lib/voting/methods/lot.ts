// Deterministic draws by lot: the same seed and the same ids always give the same order, whatever
// order the ballots or options came in, so anyone can re-run a count and check the draw.

/** cyrb53: a small, well-mixed 53-bit string hash (public domain). Not for secrets. */
export function hash53(text: string, salt = 0): number {
	let h1 = 0xdeadbeef ^ salt;
	let h2 = 0x41c6ce57 ^ salt;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The ids in the order the lot draws them (first = winner of the draw). */
export function lotOrder(ids: readonly string[], seed: string): string[] {
	const keyed = ids.map((id) => ({ id, key: hash53(`${seed}\u0000${id}`) }));
	keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return keyed.map((k) => k.id);
}

/** The winner of a draw among `ids`. */
export function drawLot(ids: readonly string[], seed: string): string {
	return lotOrder(ids, seed)[0];
}
