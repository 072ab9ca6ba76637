// The browser's memory of each association's register head: the last (seq, hash) it saw. A head
// that later goes backwards, or names another hash at a number already seen, means the register
// was rolled back or rewritten; the page warns instead of trusting it. Browser only (localStorage);
// where storage is unavailable (private mode, old phones) it remembers nothing and warns of nothing.
import type { Head } from './chain';

const PREFIX = 'minka:register-head:';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** The last head this browser saw for the association, if any. */
export function rememberedHead(slug: string): Head | null {
	const raw = storage()?.getItem(PREFIX + slug);
	if (!raw) return null;
	try {
		const head = JSON.parse(raw) as Head;
		return Number.isSafeInteger(head.seq) && typeof head.hash === 'string' ? head : null;
	} catch {
		return null;
	}
}

/** Remembers `head` as the latest one seen (only ever forward: callers check before). */
export function rememberHead(slug: string, head: Head): void {
	try {
		storage()?.setItem(PREFIX + slug, JSON.stringify({ seq: head.seq, hash: head.hash }));
	} catch {
		// Storage full or refused: nothing is remembered, nothing breaks.
	}
}

/** Forgets the association's head (after a person has read the warning and chosen to). */
export function forgetHead(slug: string): void {
	storage()?.removeItem(PREFIX + slug);
}
