import type { RequestEvent } from '@sveltejs/kit';
import { cookieName as LOCALE_COOKIE, cookieMaxAge } from '$lib/paraglide/runtime.js';
import type { Db } from '$lib/server/db';
import type { User } from '$lib/server/db/schema';
import { setSessionCookie } from './cookie';
import { createSession, generateSessionToken, invalidateSession } from './session';

/**
 * Starts a fresh session (never reusing one) and adopts the user's language. A session this
 * browser already had ends: whoever set that cookie cannot ride on the new login.
 */
export async function startSession(db: Db, event: RequestEvent, user: User): Promise<void> {
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id);
	setSessionCookie(event.cookies, event.url, token, session.expires_at);
	rememberLocale(event, user.locale);
}

export function rememberLocale(event: RequestEvent, locale: string): void {
	event.cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: cookieMaxAge
	});
}
