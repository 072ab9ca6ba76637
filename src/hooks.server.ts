import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { m } from '$lib/paraglide/messages.js';
import { closeDb, getDb } from '$lib/server/app';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth';
import { startCollabServer } from '$lib/server/collab';
import { migrateToLatest } from '$lib/server/db';
import { registerAppHooks, SECURITY_HEADERS } from '$lib/server/host-bridge.js';
import { startVoteScheduler } from '$lib/server/voting';

export const init: ServerInit = async () => {
	const db = getDb();
	await migrateToLatest(db);
	const collab = await startCollabServer({
		db,
		origin: process.env.ORIGIN || undefined,
		// On PostgreSQL, live editing is shared with the other instances on the same database.
		databaseUrl: process.env.DATABASE_URL
	});
	const votes = startVoteScheduler(db);
	registerAppHooks({
		collabUpgrade: collab.handleUpgrade,
		// Sockets and documents first: they still write to the database while closing.
		closeSockets: () => {
			votes.stop();
			return collab.close();
		},
		shutdown: closeDb
	});
};

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user, renewed } = await validateSessionToken(getDb(), token);
		if (session) {
			if (renewed) setSessionCookie(event.cookies, event.url, token, session.expires_at);
			event.locals.user = user;
			event.locals.session = session;
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

/** Request bodies are small forms, except the photo of a signed acta (PHOTO_MAX_BYTES). */
export const BODY_LIMIT = 512 * 1024;
const LARGE_BODY_ROUTES = new Set(['/a/[slug]/(association)/assemblies/[id]/acta']);

// The node adapter's own limit (BODY_SIZE_LIMIT, 9M by default in server.js) admits the photo;
// every other route refuses a declared body over 512 KiB before reading it.
const handleBodyLimit: Handle = ({ event, resolve }) => {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > BODY_LIMIT && !LARGE_BODY_ROUTES.has(event.route.id ?? '')) {
		return new Response(m.error_body_too_large(), {
			status: 413,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};

export const handle = sequence(handleHeaders, handleSession, handleLocale, handleBodyLimit);
