import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '$lib/server/db';
import type { Session, User } from '$lib/server/db/schema';

// Sessions as in lucia-auth.com's guide: the client holds a random token, the database holds only
// its SHA-256, so a leaked table cannot be replayed as cookies.

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
const RENEW_WHEN_LESS_THAN = 15 * DAY;

export type SessionUser = Pick<User, 'id' | 'username' | 'display_name' | 'locale'>;
/** `renewed`: the expiry moved, so the cookie must be sent again. */
export type SessionValidation =
	| { session: Session; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

export function generateSessionToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20)); // 160 bits
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Db, token: string, userId: string): Promise<Session> {
	const now = Date.now();
	const session: Session = {
		id: sessionIdFromToken(token),
		user_id: userId,
		expires_at: now + SESSION_LIFETIME,
		created_at: now
	};
	await db.insertInto('session').values(session).execute();
	return session;
}

export async function validateSessionToken(db: Db, token: string): Promise<SessionValidation> {
	const sessionId = sessionIdFromToken(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.select([
			'session.id',
			'session.user_id',
			'session.expires_at',
			'session.created_at',
			'user.username',
			'user.display_name',
			'user.locale'
		])
		.where('session.id', '=', sessionId)
		.executeTakeFirst();
	if (!row) return { session: null, user: null, renewed: false };

	const now = Date.now();
	if (now >= row.expires_at) {
		await db.deleteFrom('session').where('id', '=', sessionId).execute();
		return { session: null, user: null, renewed: false };
	}
	const session: Session = {
		id: row.id,
		user_id: row.user_id,
		expires_at: row.expires_at,
		created_at: row.created_at
	};
	const renewed = now >= session.expires_at - RENEW_WHEN_LESS_THAN;
	if (renewed) {
		session.expires_at = now + SESSION_LIFETIME;
		await db
			.updateTable('session')
			.set({ expires_at: session.expires_at })
			.where('id', '=', sessionId)
			.execute();
	}
	const user: SessionUser = {
		id: row.user_id,
		username: row.username,
		display_name: row.display_name,
		locale: row.locale
	};
	return { session, user, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends every session of a user except, optionally, the one in use. */
export async function invalidateUserSessions(
	db: Db,
	userId: string,
	exceptSessionId?: string
): Promise<void> {
	let q = db.deleteFrom('session').where('user_id', '=', userId);
	if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
	await q.execute();
}
