// The production entry (server.js) as a real process: edits other clients have seen survive
// kill -9, the restarted server serves them before saying "synced", and a clean stop compacts.
// Needs `npm run build` first (npm test does); fails without one rather than passing unseen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { createDb, migrateToLatest } from '$lib/server/db';
import { createDraft } from '$lib/server/drafts';
import { makeAssociation } from '$lib/server/testing';
import { requireBuild, startServer, type ServerProcess } from '$lib/server/testing/process';

let dir: string;
let dbFile: string;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-collab-proc-'));
	dbFile = path.join(dir, 'minka.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function connect(server: ServerProcess, cookie: string, draftId: number) {
	const headers = { cookie, origin: server.base };
	class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${server.base.replace('http', 'ws')}/collab`,
		String(draftId),
		doc,
		{
			WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			shouldReconnect: () => false
		}
	);
	/** The text at the moment the provider first reports "synced". */
	const atSync = new Promise<string>((resolve) =>
		provider.on('sync', (s: boolean) => s && resolve(doc.getText('t').toString()))
	);
	return { doc, text: doc.getText('t'), provider, atSync };
}

function textBecomes(doc: Y.Doc, expected: string): Promise<void> {
	return new Promise((resolve) => {
		const check = () => {
			if (doc.getText('t').toString() !== expected) return;
			doc.off('update', check);
			resolve();
		};
		doc.on('update', check);
		check();
	});
}

function storedRows(draftId: number): Buffer[] {
	const file = new Database(dbFile, { readonly: true });
	try {
		const rows = file
			.prepare('select data from draft_update where draft_id = ? order by id')
			.all(draftId) as { data: Buffer }[];
		return rows.map((r) => r.data);
	} finally {
		file.close();
	}
}

function merged(rows: Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, row);
	return doc.getText('t').toString();
}

describe('server.js with live editing', () => {
	beforeAll(requireBuild);

	it('keeps every relayed edit across kill -9 and compacts on SIGTERM', async () => {
		const db = createDb(dbFile);
		await migrateToLatest(db);
		const fx = await makeAssociation(db);
		const draft = await createDraft(db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		const token = generateSessionToken();
		await createSession(db, token, fx.leader.id);
		await db.destroy();
		const cookie = `minka_session=${token}`;

		let server = await startServer(dbFile);
		const writer = connect(server, cookie, draft.id);
		const watcher = connect(server, cookie, draft.id);
		await Promise.all([writer.atSync, watcher.atSync]);
		let expected = '';
		for (let batch = 0; batch < 4; batch++) {
			for (let i = 0; i < 50; i++) {
				writer.text.insert(writer.text.length, String(i % 10));
				expected += String(i % 10);
			}
			// Relayed to another client means stored: the last time, kill the server right then.
			await textBecomes(watcher.doc, expected);
		}
		server.proc.kill('SIGKILL');
		expect((await server.exited).signal).toBe('SIGKILL');
		writer.provider.destroy();
		watcher.provider.destroy();
		const afterKill = storedRows(draft.id);
		expect(afterKill.length).toBeGreaterThan(1);
		expect(merged(afterKill)).toBe(expected);

		server = await startServer(dbFile);
		const reader = connect(server, cookie, draft.id);
		expect(await reader.atSync).toBe(expected);

		// A client still connected must not hold the shutdown up (the force-exit after 10 s is code 1).
		server.proc.kill('SIGTERM');
		expect((await server.exited).code).toBe(0);
		reader.provider.destroy();
		const file = new Database(dbFile, { readonly: true });
		try {
			expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			file.close();
		}
		const rows = storedRows(draft.id);
		expect(rows).toHaveLength(1);
		expect(merged(rows)).toBe(expected);
	}, 60_000);
});
