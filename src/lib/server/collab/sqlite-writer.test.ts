// The writer thread: appends are committed (visible to another connection) when they resolve,
// appends made together share a transaction without one bad row failing the others.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as ws from 'ws';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { createDraft } from '$lib/server/drafts';
import { makeAssociation } from '$lib/server/testing';
import { binaryFrame } from './server';
import { createSqliteWriter, type SqliteWriter } from './sqlite-writer';
import { createServerStore, createUpdateStore } from './store';

let testDb: TestDb;
let draftId: number;
let writer: SqliteWriter | undefined;

beforeEach(async () => {
	testDb = await createTestDb();
	const fx = await makeAssociation(testDb.db);
	draftId = (await createDraft(testDb.db, fx.leaderCtx, { kind: 'general', title: 'Acta' })).id;
});

afterEach(async () => {
	await writer?.close();
	writer = undefined;
	await testDb.close();
});

const rows = () =>
	testDb.db
		.selectFrom('draft_update')
		.select(['id', 'data', 'size'])
		.where('draft_id', '=', draftId)
		.orderBy('id')
		.execute();

describe.skipIf(process.env.TEST_POSTGRES_URL)('SQLite writer', () => {
	it.each(['direct', 'thread'] as const)(
		'%s: resolves each append once it is committed, in order, and one bad row fails alone',
		async (mode) => {
			writer = createSqliteWriter(testDb.url, { mode, checkpointEvery: 2 });
			const first = await writer.append(draftId, Uint8Array.of(1, 2, 3));
			expect((await rows()).map((r) => r.id)).toEqual([first]);
			const together = await Promise.allSettled([
				writer.append(draftId, Uint8Array.of(4)),
				writer.append(999_999, Uint8Array.of(5)),
				writer.append(draftId, Uint8Array.of(6, 7))
			]);
			expect(together.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
			const stored = await rows();
			expect(stored.map((r) => [...r.data])).toEqual([[1, 2, 3], [4], [6, 7]]);
			expect(stored.map((r) => r.size)).toEqual([3, 1, 2]);
			await writer.close();
			await expect(writer.append(draftId, Uint8Array.of(8))).rejects.toThrow('closed');
		}
	);

	it('direct: leaves an append to the fallback while another connection holds the write lock', async () => {
		const other = new Database(testDb.url);
		const through: number[] = [];
		writer = createSqliteWriter(testDb.url, {
			fallback: async (id, update) => {
				through.push(update[0]);
				other.exec('commit');
				return createUpdateStore(testDb.db).append(id, update);
			}
		});
		try {
			other.exec('begin immediate');
			await writer.append(draftId, Uint8Array.of(1));
			await writer.append(draftId, Uint8Array.of(2));
		} finally {
			if (other.inTransaction) other.exec('rollback');
			other.close();
		}
		expect(through).toEqual([1]);
		expect((await rows()).map((r) => [...r.data])).toEqual([[1], [2]]);
	});

	it('is what the collaboration server appends through on a SQLite file', async () => {
		const store = createServerStore(testDb.db);
		const id = await store.append(draftId, Uint8Array.of(9));
		expect(await store.load(draftId)).toEqual([{ id, data: Buffer.from([9]) }]);
		await store.close?.();
	});
});

describe('binaryFrame', () => {
	it('frames a payload exactly as ws does, at every length encoding', () => {
		const Sender = (
			ws as unknown as {
				Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
			}
		).Sender;
		for (const n of [0, 1, 125, 126, 127, 65535, 65536, 70000]) {
			const payload = Buffer.alloc(n, n % 251);
			const expected = Buffer.concat(
				Sender.frame(payload, { fin: true, opcode: 2, mask: false, readOnly: true, rsv1: false })
			);
			expect(binaryFrame(payload).equals(expected)).toBe(true);
		}
	});
});
