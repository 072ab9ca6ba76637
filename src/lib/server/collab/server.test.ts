// The collaboration server end to end: a real HTTP server on port 0, real SQLite (or PostgreSQL
// with TEST_POSTGRES_URL), real y-websocket clients sending the session cookie.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { sessionIdFromToken, invalidateSession } from '$lib/server/auth/session';
import { changeMemberRole, setMemberStatus } from '$lib/server/associations/members';
import { createDb } from '$lib/server/db';
import { addMember } from '$lib/server/testing';
import { encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol';
import { CLOSE } from './room';
import { createCollabServer } from './server';
import {
	client,
	cookieHeaders,
	createEnv,
	eventually,
	memoryLog,
	rawClient,
	sessionFor,
	slowStore,
	storedDoc,
	syncPayload,
	storedRows,
	synced,
	textBecomes,
	upgradeStatus,
	type Client,
	type Env
} from '$lib/server/testing/collab';

let env: Env;
const clients: Client[] = [];
const open = (token: string, draftId?: number) => {
	const c = client(env, token, draftId);
	clients.push(c);
	return c;
};

afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});

/** A fresh database and server for each test of the block, or one for the whole block. */
function withEnv(scope: 'each' | 'all' = 'each') {
	const [setUp, tearDown] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
	setUp(async () => {
		env = await createEnv();
	});
	tearDown(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await env.close();
	});
}

function update(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

describe('live editing', () => {
	withEnv();
	it('two editors converge', async () => {
		const second = await addMember(env.testDb.db, env.fx, 'facilitator');
		const a = open(env.editor.token);
		const b = open(await sessionFor(env.testDb, second.user.id));
		await Promise.all([synced(a), synced(b)]);
		a.text.insert(0, 'Comprar ');
		await textBecomes(b, (t) => t === 'Comprar ');
		b.text.insert(b.text.length, 'un tanque de frío');
		a.text.insert(0, '1. ');
		const expected = '1. Comprar un tanque de frío';
		await Promise.all([
			textBecomes(a, (t) => t === expected),
			textBecomes(b, (t) => t === expected)
		]);
		expect(env.collab.stats()).toMatchObject({ docs: 1, connections: 2 });
	});

	it('stores an edit before any other client receives it', async () => {
		await env.collab.close();
		await env.startCollab({}, slowStore(env, 20));
		const a = open(env.editor.token);
		const b = open(env.reader.token);
		await Promise.all([synced(a), synced(b)]);
		for (const word of ['uno', ' dos', ' tres']) {
			a.text.insert(a.text.length, word);
			const seen = await textBecomes(b, (t) => t.endsWith(word));
			expect((await storedDoc(env)).getText('t').toString()).toBe(seen);
		}
	});

	it('a read-only member receives edits, but their writes close the socket and change nothing', async () => {
		const editor = open(env.editor.token);
		const reader = open(env.reader.token);
		await Promise.all([synced(editor), synced(reader)]);
		editor.text.insert(0, 'acta');
		await textBecomes(reader, (t) => t === 'acta');
		const rowsBefore = await storedRows(env);

		reader.text.insert(0, 'FALSO ');
		expect(await reader.closed).toBe(CLOSE.forbidden);

		// Hand-made write frames from another reader socket: sync step 2 and update alike.
		for (const frame of [encodeSyncStep2(update('PASO2')), encodeUpdate(update('UPDATE'))]) {
			const raw = rawClient(env, env.reader.token);
			await raw.opened;
			raw.ws.send(frame);
			expect(await raw.closed).toBe(CLOSE.forbidden);
		}

		editor.text.insert(4, ' final');
		const fresh = open(env.editor.token);
		await synced(fresh);
		await textBecomes(fresh, (t) => t === 'acta final');
		expect(editor.text.toString()).toBe('acta final');
		expect((await storedDoc(env)).getText('t').toString()).toBe('acta final');
		expect(await storedRows(env)).toBe(rowsBefore + 1);
	});

	it('serves a fresh server on the same database the full document, never an empty one first', async () => {
		const a = open(env.editor.token);
		await synced(a);
		a.text.insert(0, 'Estatuto, artículo 1');
		const b = open(env.reader.token);
		await textBecomes(b, (t) => t === 'Estatuto, artículo 1');

		// A second process on the same file: its own connection, its own server, nothing shared.
		const db2 = createDb(env.testDb.url);
		const second = createCollabServer({ db: db2, origin: env.origin, log: memoryLog(env.logs) });
		env.http.removeAllListeners('upgrade');
		env.http.on('upgrade', second.handleUpgrade);
		try {
			const raw = rawClient(env, env.reader.token);
			await raw.opened;
			raw.ws.send(encodeSyncStep1(new Uint8Array([0])));
			const reply = await raw.next((m) => m[0] === 0 && m[1] === 1);
			const fromFirstReply = new Y.Doc();
			Y.applyUpdate(fromFirstReply, syncPayload(reply));
			expect(fromFirstReply.getText('t').toString()).toBe('Estatuto, artículo 1');
			raw.ws.close();

			const c = open(env.reader.token);
			let atSync = '';
			c.provider.on('sync', (s: boolean) => {
				if (s) atSync = c.text.toString();
			});
			await synced(c);
			expect(atSync).toBe('Estatuto, artículo 1');
		} finally {
			for (const c of clients.splice(0)) c.destroy();
			await second.close();
			await db2.destroy();
		}
	});

	it('compacts the stored rows and keeps the content', async () => {
		await env.collab.close();
		await env.startCollab({ compactRows: 10, compactIntervalMs: 0 });
		const a = open(env.editor.token);
		const b = open(env.reader.token);
		await Promise.all([synced(a), synced(b)]);
		let expected = '';
		for (let i = 0; i < 40; i++) {
			a.text.insert(a.text.length, String(i % 10));
			expected += String(i % 10);
			await textBecomes(b, (t) => t === expected);
		}
		expect(await storedRows(env)).toBeLessThan(15);
		expect((await storedDoc(env)).getText('t').toString()).toBe(expected);
	});

	it('unloads a document after its clients leave, compacted to one row, and reloads it', async () => {
		const a = open(env.editor.token);
		await synced(a);
		for (const ch of 'abc') {
			a.text.insert(a.text.length, ch);
			await eventually(async () => (await storedDoc(env)).getText('t').toString().endsWith(ch));
		}
		expect(await storedRows(env)).toBe(3);
		expect(env.collab.stats().docs).toBe(1);
		a.destroy();
		await eventually(() => env.collab.stats().docs === 0 && env.collab.stats().connections === 0);
		expect(await storedRows(env)).toBe(1);
		const again = open(env.reader.token);
		await synced(again);
		expect(again.text.toString()).toBe('abc');
	});
});

describe('refusals before the WebSocket opens', () => {
	withEnv('all');
	const path = () => `/collab/${env.draftId}`;

	it('accepts a member with a valid session and the right Origin', async () => {
		expect(await upgradeStatus(env, path(), cookieHeaders(env, env.reader.token))).toBe(101);
	});

	it.each([
		['no cookie', () => cookieHeaders(env, undefined), 401],
		['a bad cookie', () => cookieHeaders(env, 'not-a-session'), 401],
		['a foreign Origin', () => cookieHeaders(env, env.editor.token, 'https://evil.example'), 403],
		['no Origin', () => ({ cookie: `minka_session=${env.editor.token}` }), 403],
		['a member of another association', () => cookieHeaders(env, env.foreign.token), 404],
		['a non-member', () => cookieHeaders(env, env.outsider.token), 404]
	])('refuses %s', async (_name, headers, status) => {
		expect(await upgradeStatus(env, path(), headers())).toBe(status);
	});

	it('refuses an unknown draft and bad paths', async () => {
		const headers = cookieHeaders(env, env.editor.token);
		expect(await upgradeStatus(env, `/collab/${env.draftId + 1000}`, headers)).toBe(404);
		for (const bad of ['/collab/', '/collab/abc', '/collab/0', `/collab/${env.draftId}/x`, '/x']) {
			expect(await upgradeStatus(env, bad, headers)).toBe(400);
		}
	});
});

describe('refusals after access ended', () => {
	withEnv();

	it('refuses a suspended member and a logged-out session', async () => {
		const path = `/collab/${env.draftId}`;
		await setMemberStatus(env.testDb.db, env.fx.leaderCtx, env.reader.memberId!, 'suspended');
		expect(await upgradeStatus(env, path, cookieHeaders(env, env.reader.token))).toBe(404);
		await invalidateSession(env.testDb.db, sessionIdFromToken(env.editor.token));
		expect(await upgradeStatus(env, path, cookieHeaders(env, env.editor.token))).toBe(401);
	});
});

describe('hostile and broken peers', () => {
	withEnv();
	it('closes only the socket that sends an oversized or malformed frame', async () => {
		const a = open(env.editor.token);
		const b = open(env.reader.token);
		await Promise.all([synced(a), synced(b)]);
		const frames: [string | Uint8Array, number][] = [
			[new Uint8Array(1024 * 1024 + 1), 1009],
			['texto', CLOSE.unsupported],
			[new Uint8Array([7, 7, 7]), CLOSE.malformed],
			[new Uint8Array([0, 2]), CLOSE.malformed],
			[encodeUpdate(new Uint8Array([1, 1, 5, 0, 40, 0, 0, 0])), CLOSE.malformed],
			[encodeAwarenessMessage(new Uint8Array([1, 1, 1, 2, 123, 123])), CLOSE.malformed]
		];
		for (const [frame, code] of frames) {
			const raw = rawClient(env, env.editor.token);
			await raw.opened;
			raw.ws.send(frame);
			expect(await raw.closed).toBe(code);
		}
		a.text.insert(0, 'todavía funciona');
		await textBecomes(b, (t) => t === 'todavía funciona');
		expect(env.collab.stats().connections).toBe(2);
	});

	it('cuts a peer that floods the document, and only that peer', async () => {
		await env.collab.close();
		await env.startCollab({ messagesPerSecond: 50 });
		const a = open(env.editor.token);
		const b = open(env.reader.token);
		await Promise.all([synced(a), synced(b)]);
		const flood = rawClient(env, env.editor.token);
		await flood.opened;
		const doc = new Y.Doc();
		for (let i = 0; i < 500 && flood.ws.readyState === WebSocket.OPEN; i++) {
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(0, 'x');
			flood.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
		}
		expect(await flood.closed).toBe(CLOSE.tryAgainLater);
		expect(env.logs.join('\n')).toContain('over its rate limit');
		a.text.insert(0, 'todavía funciona');
		await textBecomes(b, (t) => t.includes('todavía funciona'));
		expect(env.collab.stats().connections).toBe(2);
	});

	it('cuts a peer that stops answering pings', async () => {
		await env.collab.close();
		await env.startCollab({ pingIntervalMs: 30 });
		const mute = rawClient(env, env.reader.token, { autoPong: false });
		const lively = rawClient(env, env.reader.token);
		await Promise.all([mute.opened, lively.opened]);
		expect(await mute.closed).toBe(1006);
		expect(lively.ws.readyState).toBe(WebSocket.OPEN);
		lively.ws.close();
	});

	it('cuts a peer that does not read instead of buffering for it', async () => {
		await env.collab.close();
		// The writer floods on purpose here: its own rate limit is lifted.
		await env.startCollab({
			maxBufferedBytes: 64 * 1024,
			maxDocBytes: 64 * 1024 * 1024,
			bytesPerSecond: 1024 * 1024 * 1024
		});
		const stalled = rawClient(env, env.reader.token);
		const writer = rawClient(env, env.editor.token);
		await Promise.all([stalled.opened, writer.opened]);
		(stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
		const doc = new Y.Doc();
		const chunk = 'x'.repeat(512 * 1024);
		await eventually(async () => {
			if (env.collab.stats().connections === 1) return true;
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(0, chunk);
			writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
			await new Promise((resolve) => setTimeout(resolve, 5));
			return false;
		}, 10_000);
		expect(env.collab.stats().connections).toBe(1);
		expect(writer.ws.readyState).toBe(WebSocket.OPEN);
		expect(env.logs.join('\n')).toContain('peer too slow');
		writer.ws.close();
		stalled.ws.terminate();
	});
});

describe('revocation', () => {
	withEnv();
	beforeEach(async () => {
		await env.collab.close();
		await env.startCollab({ recheckIntervalMs: 25 });
	});

	it('closes the socket of a member who is suspended', async () => {
		const reader = open(env.reader.token);
		const editor = open(env.editor.token);
		await Promise.all([synced(reader), synced(editor)]);
		await setMemberStatus(env.testDb.db, env.fx.leaderCtx, env.reader.memberId!, 'suspended');
		expect(await reader.closed).toBe(CLOSE.forbidden);
		editor.text.insert(0, 'después');
		const again = open(env.editor.token);
		await textBecomes(again, (t) => t === 'después');
		expect(reader.text.toString()).toBe('');
	});

	it('closes the socket of a session that was logged out', async () => {
		const editor = open(env.editor.token);
		await synced(editor);
		await invalidateSession(env.testDb.db, sessionIdFromToken(env.editor.token));
		expect(await editor.closed).toBe(CLOSE.forbidden);
	});

	it('turns an editor who lost edit rights into a reader', async () => {
		const facilitator = await addMember(env.testDb.db, env.fx, 'facilitator');
		const token = await sessionFor(env.testDb, facilitator.user.id);
		const f = open(token);
		const watcher = open(env.editor.token);
		await Promise.all([synced(f), synced(watcher)]);
		f.text.insert(0, 'antes');
		await textBecomes(watcher, (t) => t === 'antes');
		await changeMemberRole(env.testDb.db, env.fx.leaderCtx, facilitator.ctx.member!.id, {
			role: 'member'
		});
		// Two whole passes later, the open socket has been rechecked after the change.
		const passes = env.collab.stats().rechecks;
		await eventually(() => env.collab.stats().rechecks >= passes + 2);
		watcher.text.insert(5, '!');
		await textBecomes(f, (t) => t === 'antes!');
		f.text.insert(0, 'NO ');
		expect(await f.closed).toBe(CLOSE.forbidden);
		expect((await storedDoc(env)).getText('t').toString()).toBe('antes!');
	});
});
