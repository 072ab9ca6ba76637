import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
	baseLocale,
	cookieName,
	getLocale,
	overwriteServerAsyncLocalStorage,
	toLocale,
	type Locale
} from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { closeDb, getDb } from '$lib/server/app';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth';
import { startCollabServer } from '$lib/server/collab';
import { compressResponse } from '$lib/server/compression';
import { migrateToLatest } from '$lib/server/db';
import { appHooks, registerAppHooks, SECURITY_HEADERS } from '$lib/server/host-bridge.js';
import { startVoteScheduler } from '$lib/server/voting';
import { loadRequestWordings, runWithWordings, WORDING_KEYS_HEADER } from '$lib/server/wording';

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

// The locale of the request, as paraglide's middleware would find it with our strategy (the
// cookie, then the base locale), without its per-request copy of the request and its record of
// every message called: the messages read the locale from this store.
const localeStorage = new AsyncLocalStorage<{ locale?: Locale; origin?: string }>();
overwriteServerAsyncLocalStorage(localeStorage);

const handleLocale: Handle = ({ event, resolve }) => {
	const locale = toLocale(event.cookies.get(cookieName)) ?? baseLocale;
	return localeStorage.run({ locale, origin: event.url.origin }, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		})
	);
};

// Outermost, so that it sees the answer with every header the other hooks add.
const handleCompression: Handle = async ({ event, resolve }) =>
	compressResponse(event.request, await resolve(event));

// An association's accepted wording replaces the catalogue's text for its members. Asked with
// WORDING_KEYS_HEADER (the wording page's own fetch of a page), the answer lists the message keys
// the page used.
const handleWording: Handle = async ({ event, resolve }) => {
	const loaded = await loadRequestWordings(
		getDb(),
		event.url.pathname,
		event.locals.user?.id ?? null,
		getLocale()
	);
	const collect = event.request.method === 'GET' && event.request.headers.has(WORDING_KEYS_HEADER);
	const wordings = { ...loaded, used: collect ? new Set<string>() : null };
	event.locals.wordings = wordings;
	const response = await runWithWordings(wordings, () => resolve(event));
	if (wordings.used) response.headers.set(WORDING_KEYS_HEADER, [...wordings.used].join(','));
	return response;
};

// server.js sets these on every answer, static files too; under Vite (dev, preview) this does.
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (appHooks().hostSetsHeaders) return response;
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

/** Request bodies are small forms, except the files of the routes below (photos, receipts, audio). */
export const BODY_LIMIT = 512 * 1024;
const LARGE_BODY_ROUTES = new Set([
	'/a/[slug]/(association)/assemblies/[id]/acta',
	// A receipt's photo or PDF (RECEIPT_MAX_BYTES), with the expense it proves.
	'/a/[slug]/(association)/money/ledger',
	// The signed contract, a payment's receipt, and a visit's photos (RECEIPT_MAX_BYTES each).
	'/a/[slug]/(association)/assistance/[id]',
	'/a/[slug]/(association)/assistance/[id]/visit',
	// A spoken explanation (VOICE_MAX_BYTES).
	'/a/[slug]/(association)/voice'
]);

// The node adapter's own limit (BODY_SIZE_LIMIT, 9M by default in server.js) admits the photo;
// every other route refuses a declared body over 512 KiB before reading it, and counts the bytes
// of a body sent without a length (chunked) as they arrive, failing it at the 512 KiB mark.
const handleBodyLimit: Handle = async ({ event, resolve }) => {
	if (LARGE_BODY_ROUTES.has(event.route.id ?? '') || !event.request.body) return resolve(event);
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > BODY_LIMIT) return tooLarge();
	const counted = countingBody(event.request.body, BODY_LIMIT);
	event.request = new Request(event.request, { body: counted.body, duplex: 'half' } as RequestInit);
	const response = await resolve(event);
	// Whatever the route made of a body cut short (an error page, a form failure), the answer is 413.
	if (counted.exceeded() && response.status !== 413) return tooLarge();
	return response;
};

function tooLarge(): Response {
	return new Response(m.error_body_too_large(), {
		status: 413,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

/**
 * The same bytes, failing with a 413 error (as the node adapter's own limit does) past `limit`.
 * The source is then left unread, not cancelled: cancelling it would destroy the connection
 * before the 413 is written, and the client would see only a reset.
 */
function countingBody(body: ReadableStream<Uint8Array>, limit: number) {
	let seen = 0;
	let exceeded = false;
	const reader = body.getReader();
	const counted = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) return controller.close();
			seen += value.byteLength;
			if (seen > limit) {
				exceeded = true;
				reader.releaseLock();
				controller.error(Object.assign(new Error('request body too large'), { status: 413 }));
				return;
			}
			controller.enqueue(value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	return { body: counted, exceeded: () => exceeded };
}

export const handle = sequence(
	handleCompression,
	handleHeaders,
	handleSession,
	handleLocale,
	handleBodyLimit,
	handleWording
);
