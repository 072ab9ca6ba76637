// Two collaboration servers (two instances) on one PostgreSQL database, each on its own HTTP
// server and its own connection pool, a y-websocket client on each: what one stores, the other's
// clients get, live and on connecting. PostgreSQL only (SQLite is one process: no fanout).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type DB } from '$lib/server/db';
import { createCollabServer, type CollabServer } from './server';
import {
	client,
	createEnv,
	eventually,
	FAST,
	memoryLog,
	synced,
	textBecomes,
	type Client,
	type Env
} from '$lib/server/testing/collab';

const onPostgres = !!process.env.TEST_POSTGRES_URL;

let env: Env;
let b: { collab: CollabServer; http: http.Server; url: string; db: Kysely<DB> };
const clients: Client[] = [];
const on = (url: string, token = env.editor.token) => {
	const c = client(env, token, env.draftId, url);
	clients.push(c);
	return c;
};

async function startB(listenerRetryMs?: number) {
	const db = createDb(env.testDb.url);
	const collab = createCollabServer({
		db,
		origin: env.origin,
		limits: FAST,
		log: memoryLog(env.logs),
		databaseUrl: env.testDb.url,
		listenerRetryMs
	});
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', collab.handleUpgrade);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	await collab.fanout!.ready;
	const port = (server.address() as AddressInfo).port;
	return { collab, http: server, url: `ws://127.0.0.1:${port}/collab`, db };
}

describe.skipIf(!onPostgres)('two instances on one PostgreSQL database', () => {
	beforeEach(async () => {
		env = await createEnv();
		await env.collab.fanout!.ready;
		b = await startB(400);
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await b.collab.close();
		b.http.closeAllConnections();
		await new Promise((resolve) => b.http.close(resolve));
		await b.db.destroy();
		await env.close();
	});

	it('an edit on A reaches a client on B live, and back', async () => {
		const onA = on(env.url);
		const onB = on(b.url);
		await Promise.all([synced(onA), synced(onB)]);
		onA.text.insert(0, 'desde A');
		expect(await textBecomes(onB, (t) => t.includes('desde A'))).toBe('desde A');
		onB.text.insert(onB.text.length, ' y B');
		expect(await textBecomes(onA, (t) => t.endsWith(' y B'))).toBe('desde A y B');
	});

	it("a client newly connecting to B gets A's stored edit, B's document being loaded already", async () => {
		const first = on(b.url);
		await synced(first);
		const onA = on(env.url);
		await synced(onA);
		onA.text.insert(0, 'guardado en A');
		await textBecomes(first, (t) => t === 'guardado en A');
		const late = on(b.url);
		await synced(late);
		expect(late.text.toString()).toBe('guardado en A');
	});

	it("a server-side change (an accepted amendment) through A reaches B's editors", async () => {
		const onB = on(b.url);
		await synced(onB);
		// A has no client of this draft: the change loads the document there, as an amendment does.
		await env.collab.change(env.draftId, (doc) => doc.getText('t').insert(0, 'enmienda aceptada'));
		expect(await textBecomes(onB, (t) => t === 'enmienda aceptada')).toBe('enmienda aceptada');
	});

	it('presence crosses instances, and leaves with its client', async () => {
		const onA = on(env.url);
		const onB = on(b.url, env.reader.token);
		await Promise.all([synced(onA), synced(onB)]);
		onA.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
		// As stamped by A's server: A's user (whatever the client claims) and the cursor.
		const seenBy = (c: Client) =>
			[...c.provider.awareness.getStates().entries()].some(([id, s]) => {
				const state = s as { user?: { id?: string }; cursor?: unknown };
				return (
					id === onA.provider.awareness.clientID &&
					state.user?.id === env.editor.userId &&
					state.cursor !== undefined
				);
			});
		const seen = () => seenBy(onB);
		await eventually(seen);
		expect(seen()).toBe(true);
		// A client connecting to B later is told too.
		const late = on(b.url);
		await synced(late);
		await eventually(() => seenBy(late));
		onA.destroy();
		await eventually(() => !seen());
		expect(seen()).toBe(false);
	});

	it('B catches up from the table after its listener reconnects', async () => {
		const onA = on(env.url);
		const onB = on(b.url);
		await Promise.all([synced(onA), synced(onB)]);
		const pid = b.collab.fanout!.listenerPid()!;
		await sql`select pg_terminate_backend(${pid})`.execute(env.testDb.db);
		await eventually(() => b.collab.fanout!.listenerPid() === undefined);
		// Notified while B listens to nothing: lost for B, but stored.
		onA.text.insert(0, 'mientras B no escuchaba');
		await eventually(async () => {
			const r = await env.testDb.db
				.selectFrom('draft_update')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('draft_id', '=', env.draftId)
				.executeTakeFirstOrThrow();
			return Number(r.n) > 0;
		});
		expect(onB.text.toString()).toBe('');
		expect(await textBecomes(onB, (t) => t === 'mientras B no escuchaba')).toBe(
			'mientras B no escuchaba'
		);
		expect(b.collab.fanout!.listenerPid()).toBeGreaterThan(0);
		expect(b.collab.fanout!.listenerPid()).not.toBe(pid);
	});
});
