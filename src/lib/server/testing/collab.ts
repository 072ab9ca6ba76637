// Test support for the collaboration tests: a real HTTP server on port 0 with the collab server
// on its upgrades, a real database with people in every relation to one draft, and real
// y-websocket clients that carry a session cookie.
import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import { SESSION_COOKIE } from '$lib/server/auth/cookie';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { createDraft } from '$lib/server/drafts';
import { addMember, makeAssociation, makeUser, type Fixture } from '$lib/server/testing';
import {
	createCollabServer,
	type CollabLimits,
	type CollabServer
} from '$lib/server/collab/server';
import type { Logger } from '$lib/server/collab/room';
import { createUpdateStore, type UpdateStore } from '$lib/server/collab/store';

export const FAST: Partial<CollabLimits> = {
	unloadGraceMs: 20,
	recheckIntervalMs: 60_000,
	pingIntervalMs: 60_000
};

export interface Person {
	userId: string;
	token: string;
	memberId?: number;
}

export interface Env {
	testDb: TestDb;
	fx: Fixture;
	draftId: number;
	/** Leader: edits. */
	editor: Person;
	/** Plain member, not co-author: reads. */
	reader: Person;
	/** Leader of another association. */
	foreign: Person;
	/** Logged in, member of nothing. */
	outsider: Person;
	collab: CollabServer;
	http: http.Server;
	port: number;
	origin: string;
	url: string;
	logs: string[];
	startCollab(limits?: Partial<CollabLimits>, store?: UpdateStore): Promise<CollabServer>;
	close(): Promise<void>;
}

export async function sessionFor(testDb: TestDb, userId: string): Promise<string> {
	const token = generateSessionToken();
	await createSession(testDb.db, token, userId);
	return token;
}

/** Collects log lines instead of printing them, so expected rejections stay quiet. */
export function memoryLog(lines: string[]): Logger {
	const push =
		(level: string) =>
		(message: string, ...details: unknown[]) =>
			lines.push(`${level} ${message} ${details.map((d) => String(d)).join(' ')}`);
	return { warn: push('warn'), error: push('error') };
}

export async function createEnv(limits: Partial<CollabLimits> = {}): Promise<Env> {
	const testDb = await createTestDb();
	const db = testDb.db;
	const fx = await makeAssociation(db);
	const draft = await createDraft(db, fx.leaderCtx, {
		kind: 'investment_plan',
		title: 'Plan 2026'
	});
	const readerMember = await addMember(db, fx, 'member');
	const other = await makeAssociation(db);
	const outsiderUser = await makeUser(db, 'Ajeno');
	const person = async (userId: string, memberId?: number): Promise<Person> => ({
		userId,
		token: await sessionFor(testDb, userId),
		memberId
	});

	const server = http.createServer((_req, res) => res.writeHead(404).end());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const origin = `http://127.0.0.1:${port}`;
	const logs: string[] = [];
	const env: Env = {
		testDb,
		fx,
		draftId: draft.id,
		editor: await person(fx.leader.id),
		reader: await person(readerMember.user.id, readerMember.ctx.member?.id),
		foreign: await person(other.leader.id),
		outsider: await person(outsiderUser.id),
		collab: undefined as unknown as CollabServer,
		http: server,
		port,
		origin,
		url: `ws://127.0.0.1:${port}/collab`,
		logs,
		async startCollab(more = {}, store) {
			const collab = createCollabServer({
				db,
				origin,
				limits: { ...FAST, ...limits, ...more },
				log: memoryLog(logs),
				store,
				databaseUrl: testDb.url
			});
			server.removeAllListeners('upgrade');
			server.on('upgrade', collab.handleUpgrade);
			env.collab = collab;
			return collab;
		},
		async close() {
			await env.collab.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			await testDb.close();
		}
	};
	await env.startCollab();
	return env;
}

export function cookieHeaders(env: Env, token: string | undefined, origin = env.origin) {
	const headers: Record<string, string> = { origin };
	if (token !== undefined) headers.cookie = `${SESSION_COOKIE}=${token}`;
	return headers;
}

export interface Client {
	doc: Y.Doc;
	text: Y.Text;
	provider: WebsocketProvider;
	/** Resolves with the close code of the first connection the server closes. */
	closed: Promise<number>;
	destroy(): void;
}

export function client(env: Env, token: string, draftId = env.draftId, url = env.url): Client {
	const headers = cookieHeaders(env, token);
	class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, String(draftId), doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		// Same-process clients would otherwise sync through a BroadcastChannel, not the server.
		disableBc: true,
		// A refused or closed connection must show up once, not as a reconnect loop.
		shouldReconnect: () => false
	});
	const closed = new Promise<number>((resolve) => {
		provider.on('connection-close', (event) => resolve(event?.code ?? -1));
	});
	return {
		doc,
		text: doc.getText('t'),
		provider,
		closed,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function synced(c: Client): Promise<void> {
	if (c.provider.synced) return Promise.resolve();
	return new Promise((resolve) => {
		const onSync = (state: boolean) => {
			if (!state) return;
			c.provider.off('sync', onSync);
			resolve();
		};
		c.provider.on('sync', onSync);
	});
}

/** Resolves once `predicate` holds for the client's text (checked on every document change). */
export function textBecomes(c: Client, predicate: (text: string) => boolean): Promise<string> {
	return new Promise((resolve) => {
		const check = () => {
			const text = c.text.toString();
			if (!predicate(text)) return false;
			c.doc.off('update', check);
			resolve(text);
			return true;
		};
		if (!check()) c.doc.on('update', check);
	});
}

/** Polls a condition that no event announces (server-side counters). */
export async function eventually(
	condition: () => boolean | Promise<boolean>,
	timeoutMs = 5000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** The status of an upgrade request: 101 if the server accepted it. */
export function upgradeStatus(
	env: Env,
	path: string,
	headers: Record<string, string>
): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request({
			host: '127.0.0.1',
			port: env.port,
			path,
			headers: {
				connection: 'Upgrade',
				upgrade: 'websocket',
				'sec-websocket-version': '13',
				'sec-websocket-key': randomBytes(16).toString('base64'),
				...headers
			}
		});
		req.on('upgrade', (_res, socket) => {
			socket.destroy();
			resolve(101);
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', reject);
		req.end();
	});
}

export interface RawClient {
	ws: WebSocket;
	messages: Uint8Array[];
	opened: Promise<void>;
	closed: Promise<number>;
	/** Resolves with the first message matching `predicate` (already received ones included). */
	next(predicate: (m: Uint8Array) => boolean): Promise<Uint8Array>;
}

/** A bare WebSocket speaking the protocol by hand, for frames no well-behaved client sends. */
export function rawClient(
	env: Env,
	token: string,
	options: { draftId?: number; autoPong?: boolean } = {}
): RawClient {
	const ws = new WebSocket(`${env.url}/${options.draftId ?? env.draftId}`, {
		headers: cookieHeaders(env, token),
		autoPong: options.autoPong ?? true
	});
	const messages: Uint8Array[] = [];
	const waiters: { predicate: (m: Uint8Array) => boolean; resolve: (m: Uint8Array) => void }[] = [];
	ws.on('message', (data: RawData) => {
		const m = new Uint8Array(data as Buffer);
		messages.push(m);
		for (const w of [...waiters]) {
			if (!w.predicate(m)) continue;
			waiters.splice(waiters.indexOf(w), 1);
			w.resolve(m);
		}
	});
	ws.on('error', () => {});
	return {
		ws,
		messages,
		opened: new Promise((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
		}),
		closed: new Promise((resolve) => ws.once('close', (code) => resolve(code))),
		next(predicate) {
			const found = messages.find(predicate);
			if (found) return Promise.resolve(found);
			return new Promise((resolve) => waiters.push({ predicate, resolve }));
		}
	};
}

/** The document stored for a draft right now: the merge of its rows, read from the database. */
export async function storedDoc(env: Env, draftId = env.draftId): Promise<Y.Doc> {
	const rows = await env.testDb.db
		.selectFrom('draft_update')
		.select('data')
		.where('draft_id', '=', draftId)
		.orderBy('id')
		.execute();
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, row.data);
	return doc;
}

export async function storedRows(env: Env, draftId = env.draftId): Promise<number> {
	const row = await env.testDb.db
		.selectFrom('draft_update')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('draft_id', '=', draftId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The update carried by a sync step 2 or update message. */
export function syncPayload(message: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(message);
	decoding.readVarUint(decoder);
	decoding.readVarUint(decoder);
	return decoding.readVarUint8Array(decoder);
}

/** The real store, with every append taking `ms` longer: time for a wrong order to show. */
export function slowStore(env: Env, ms: number): UpdateStore {
	const store = createUpdateStore(env.testDb.db);
	return {
		...store,
		async append(draftId, update) {
			await new Promise((resolve) => setTimeout(resolve, ms));
			return store.append(draftId, update);
		}
	};
}
