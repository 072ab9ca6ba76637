// After a ballot is cast the browser is sent back to the vote's own address (post, redirect, get:
// reloading resends nothing), and the page shows what happened once. What it shows travels in a
// short-lived cookie scoped to that page and is read once: the receipt of a secret ballot is never
// kept on the server beside the member who cast it.
import type { Cookies } from '@sveltejs/kit';
import { isReceipt } from '$lib/voting/receipt';

const COOKIE = 'minka_cast';
const KINDS = ['cast', 'changed', 'proxy', 'assisted'] as const;
export type CastKind = (typeof KINDS)[number];

/** What the page says once after a cast: which message, and the receipt if the ballot has one. */
export interface CastNotice {
	kind: CastKind;
	receipt: string | null;
}

const options = (url: URL, path: string) => ({
	path,
	httpOnly: true,
	sameSite: 'lax' as const,
	secure: url.protocol === 'https:'
});

/** Leaves the notice for the page at `path`, for the next two minutes. */
export function leaveCastNotice(cookies: Cookies, url: URL, path: string, notice: CastNotice) {
	const value = notice.receipt ? `${notice.kind}.${notice.receipt}` : notice.kind;
	cookies.set(COOKIE, value, { ...options(url, path), maxAge: 120 });
}

/** Takes the notice left for this page, if any (and removes it); anything malformed is ignored. */
export function takeCastNotice(cookies: Cookies, url: URL): CastNotice | null {
	const value = cookies.get(COOKIE);
	if (value === undefined) return null;
	cookies.delete(COOKIE, options(url, url.pathname));
	const [kind, receipt, ...rest] = value.split('.');
	if (rest.length || !(KINDS as readonly string[]).includes(kind)) return null;
	if (receipt !== undefined && !isReceipt(receipt)) return null;
	return { kind: kind as CastKind, receipt: receipt ?? null };
}
