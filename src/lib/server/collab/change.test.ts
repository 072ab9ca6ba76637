// Server-side changes to a draft's document (changeDraftDocument): through the live room when this
// process runs the collaboration server, straight through the update store when it does not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeDraftDocument, startCollabServer, type UpdateStore } from './index';
import { createUpdateStore } from './store';
import {
	client,
	createEnv,
	eventually,
	FAST,
	memoryLog,
	slowStore,
	storedDoc,
	storedRows,
	synced,
	textBecomes,
	type Client,
	type Env
} from '$lib/server/testing/collab';

const ACTIVE = Symbol.for('minka.collab-server');
const activeSlot = globalThis as unknown as Record<symbol, unknown>;

let env: Env;
const clients: Client[] = [];
const open = (token: string) => {
	const c = client(env, token);
	clients.push(c);
	return c;
};

beforeEach(async () => {
	env = await createEnv();
});

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await env.close();
	activeSlot[ACTIVE] = undefined;
});

/** Makes the env's collaboration server the process's active one, as hooks.server.ts does. */
async function goLive(store?: UpdateStore): Promise<void> {
	await env.collab.close();
	const collab = await startCollabServer({
		db: env.testDb.db,
		origin: env.origin,
		limits: FAST,
		log: memoryLog(env.logs),
		store
	});
	env.http.removeAllListeners('upgrade');
	env.http.on('upgrade', collab.handleUpgrade);
	env.collab = collab;
}

const append = (text: string) => (doc: Y.Doc) => {
	const t = doc.getText('t');
	t.insert(t.length, text);
};

describe('with the collaboration server running in this process', () => {
	it('relays the change to connected clients only once it is stored, and returns its update', async () => {
		await goLive(slowStore(env, 30));
		const editor = open(env.editor.token);
		const reader = open(env.reader.token);
		await Promise.all([synced(editor), synced(reader)]);
		editor.text.insert(0, 'Plan');
		await textBecomes(reader, (t) => t === 'Plan');

		const base = Y.encodeStateAsUpdate(reader.doc);
		let storedWhenSeen: string | undefined;
		const seen = textBecomes(reader, (t) => t === 'Plan 2026').then(async (text) => {
			storedWhenSeen = (await storedDoc(env)).getText('t').toString();
			return text;
		});
		const update = await changeDraftDocument(env.testDb.db, env.draftId, append(' 2026'));
		// Durable when it resolves.
		expect((await storedDoc(env)).getText('t').toString()).toBe('Plan 2026');
		await Promise.all([seen, textBecomes(editor, (t) => t === 'Plan 2026')]);
		expect(storedWhenSeen).toBe('Plan 2026');
		// The update returned is the change itself, applicable on top of the earlier content.
		const rebuilt = new Y.Doc();
		Y.applyUpdate(rebuilt, base);
		Y.applyUpdate(rebuilt, update);
		expect(rebuilt.getText('t').toString()).toBe('Plan 2026');
		expect(env.collab.stats().docs).toBe(1);
	});

	it('loads a document nobody has open, changes it, and lets it unload', async () => {
		await goLive();
		await changeDraftDocument(env.testDb.db, env.draftId, append('uno'));
		await changeDraftDocument(env.testDb.db, env.draftId, append(' dos'));
		expect((await storedDoc(env)).getText('t').toString()).toBe('uno dos');
		await eventually(() => env.collab.stats().docs === 0);
		expect(await storedRows(env)).toBe(1);
		const reader = open(env.reader.token);
		await synced(reader);
		expect(reader.text.toString()).toBe('uno dos');
	});

	it('waits for a room that is still loading, so the change lands on the full document', async () => {
		await changeDraftDocument(env.testDb.db, env.draftId, append('guardado'));
		expect(await storedRows(env)).toBe(1);
		const store = createUpdateStore(env.testDb.db);
		await goLive({
			...store,
			async load(draftId) {
				const rows = await store.load(draftId);
				await new Promise((resolve) => setTimeout(resolve, 50));
				return rows;
			}
		});
		const editor = open(env.editor.token);
		// The client's connection starts the load; the change arrives while it is in progress.
		await eventually(() => env.collab.stats().docs === 1, 2000);
		const changing = changeDraftDocument(env.testDb.db, env.draftId, (doc) => {
			const t = doc.getText('t');
			expect(t.toString()).toBe('guardado');
			t.insert(0, '¡');
			t.insert(t.length, '!');
		});
		await changing;
		await textBecomes(editor, (t) => t === '¡guardado!');
		expect((await storedDoc(env)).getText('t').toString()).toBe('¡guardado!');
		expect(env.collab.stats().docs).toBe(1);
	});

	it('stores and relays nothing for a change that changes nothing', async () => {
		await goLive();
		const editor = open(env.editor.token);
		await synced(editor);
		editor.text.insert(0, 'igual');
		await eventually(async () => (await storedRows(env)) === 1);
		const received: Uint8Array[] = [];
		editor.doc.on('update', (u: Uint8Array) => received.push(u));
		const update = await changeDraftDocument(env.testDb.db, env.draftId, (doc) => {
			doc.getText('t').toString();
		});
		expect(update.byteLength).toBe(0);
		expect(await storedRows(env)).toBe(1);
		expect(received).toEqual([]);
	});

	it('falls back to the store once the server is closed', async () => {
		await goLive();
		await env.collab.close();
		await changeDraftDocument(env.testDb.db, env.draftId, append('tras cerrar'));
		expect((await storedDoc(env)).getText('t').toString()).toBe('tras cerrar');
	});
});

describe('with no collaboration server in this process', () => {
	it('applies the change on the stored document and appends one update', async () => {
		// The env's server is not the process's active one, so it is never used here.
		await changeDraftDocument(env.testDb.db, env.draftId, append('Compra de'));
		const update = await changeDraftDocument(env.testDb.db, env.draftId, (doc) => {
			append(' un tanque')(doc);
			doc.getMap('meta').set('title', 'Plan lechero 2026');
		});
		expect(await storedRows(env)).toBe(2);
		const stored = await storedDoc(env);
		expect(stored.getText('t').toString()).toBe('Compra de un tanque');
		expect(env.collab.stats().docs).toBe(0);
		// The update is what was added: on top of the first row it gives the same document.
		const rows = await createUpdateStore(env.testDb.db).load(env.draftId);
		const rebuilt = new Y.Doc();
		Y.applyUpdate(rebuilt, rows[0].data);
		Y.applyUpdate(rebuilt, update);
		expect(rebuilt.getText('t').toString()).toBe('Compra de un tanque');
		// The drafts list follows the document's title.
		const draft = await env.testDb.db
			.selectFrom('draft')
			.select('title')
			.where('id', '=', env.draftId)
			.executeTakeFirstOrThrow();
		expect(draft.title).toBe('Plan lechero 2026');
	});

	it('stores nothing for a change that changes nothing, or that throws', async () => {
		await changeDraftDocument(env.testDb.db, env.draftId, append('base'));
		const empty = await changeDraftDocument(env.testDb.db, env.draftId, () => {});
		expect(empty.byteLength).toBe(0);
		await expect(
			changeDraftDocument(env.testDb.db, env.draftId, (doc) => {
				append(' a medias')(doc);
				throw new Error('no válido');
			})
		).rejects.toThrow('no válido');
		expect(await storedRows(env)).toBe(1);
		expect((await storedDoc(env)).getText('t').toString()).toBe('base');
	});
});
