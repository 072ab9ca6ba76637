// Who may open a live-editing socket, decided on the HTTP upgrade before any WebSocket byte:
// SvelteKit's `handle` hook never sees upgrade requests, so the session is checked here.
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '$lib/server/auth/cookie';
import { validateSessionToken } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db';
import { draftAccessForUser, type DraftAccess } from '$lib/server/drafts';

const PATH = /^\/collab\/([1-9][0-9]{0,14})$/;

/** The draft id of a `/collab/<id>` request (query ignored), or undefined. */
export function parseDraftPath(url: string | undefined): number | undefined {
	const path = (url ?? '').split('?')[0];
	const match = PATH.exec(path);
	return match ? Number(match[1]) : undefined;
}

/**
 * Browsers send cookies with cross-site WebSocket upgrades and there is no CORS preflight, so the
 * Origin is what stops another site from opening a socket in the user's name. With no configured
 * origin (development), the Origin's host must be the Host the request was sent to.
 */
export function originAllowed(
	origin: string | undefined,
	host: string | undefined,
	expected?: string
): boolean {
	if (!origin) return false;
	let actual: URL;
	try {
		actual = new URL(origin);
	} catch {
		return false;
	}
	if (actual.protocol !== 'http:' && actual.protocol !== 'https:') return false;
	if (expected) {
		try {
			return actual.origin === new URL(expected).origin;
		} catch {
			return false;
		}
	}
	return host !== undefined && actual.host === host.toLowerCase();
}

/** The first value of cookie `name` in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
		const raw = part.slice(eq + 1).trim();
		try {
			return decodeURIComponent(raw);
		} catch {
			return raw;
		}
	}
	return undefined;
}

export interface Grant {
	userId: string;
	/** Their name in the draft's association (else their account's), for their presence. */
	name: string;
	access: DraftAccess;
}

/** What the holder of `token` may do with the draft now: a grant, or why not. */
export async function checkAccess(
	db: Db,
	token: string,
	draftId: number
): Promise<Grant | 'unauthenticated' | 'forbidden'> {
	// Tokens are 32 base32 characters; anything far longer is not worth hashing.
	if (token.length === 0 || token.length > 256) return 'unauthenticated';
	const { user } = await validateSessionToken(db, token);
	if (!user) return 'unauthenticated';
	const found = await draftAccessForUser(db, user.id, draftId);
	if (!found) return 'forbidden';
	return { userId: user.id, name: found.memberName || user.display_name, access: found.access };
}

export type UpgradeDecision =
	| ({ ok: true; draftId: number; token: string } & Grant)
	| { ok: false; status: number; text: string };

const refusal = (status: number, text: string): UpgradeDecision => ({ ok: false, status, text });

export async function authorizeUpgrade(
	db: Db,
	req: IncomingMessage,
	origin?: string
): Promise<UpgradeDecision> {
	const draftId = parseDraftPath(req.url);
	if (draftId === undefined) return refusal(400, 'Bad Request');
	if (!originAllowed(req.headers.origin, req.headers.host, origin)) {
		return refusal(403, 'Forbidden');
	}
	const token = readCookie(req.headers.cookie, SESSION_COOKIE);
	if (!token) return refusal(401, 'Unauthorized');
	const grant = await checkAccess(db, token, draftId);
	if (grant === 'unauthenticated') return refusal(401, 'Unauthorized');
	// Unknown drafts and drafts of someone else's association look the same from outside.
	if (grant === 'forbidden') return refusal(404, 'Not Found');
	return { ok: true, draftId, token, ...grant };
}
