// A draft's live document as an append-only log of Yjs updates in `draft_update`; the merge of
// its rows is the document. Portable Kysely only: the same code runs on SQLite and PostgreSQL.
import { SqliteAdapter, sql } from 'kysely';
import * as Y from 'yjs';
import { toBuffer, writeTx, type Db } from '$lib/server/db';
import { touchDraft } from '$lib/server/drafts';
import { createSqliteWriter, type SqliteWriter } from './sqlite-writer';

export interface UpdateRow {
	id: number;
	data: Uint8Array;
}

export interface UpdateStore {
	/** Every row of the draft, oldest first. */
	load(draftId: number): Promise<UpdateRow[]>;
	/** The ids of the draft's rows (another instance's catch-up). */
	listIds?(draftId: number): Promise<number[]>;
	/** Those of `ids` that still exist, oldest first. */
	loadRows?(draftId: number, ids: readonly number[]): Promise<UpdateRow[]>;
	/** Appends one update and resolves once it is committed; returns its row id. */
	append(draftId: number, update: Uint8Array): Promise<number>;
	/**
	 * Replaces the draft's rows by one holding `state`, in one transaction. Rows this process did
	 * not write (not in `knownIds`) are merged in rather than lost. Returns the new row's id.
	 */
	compact(draftId: number, state: Uint8Array, knownIds: readonly number[]): Promise<number>;
	/** Marks the draft changed now, and carries its live title to the drafts list. */
	touch(draftId: number, title?: string): Promise<void>;
	/** Releases what the store holds (a writer thread); called once nothing uses it any more. */
	close?(): Promise<void>;
}

async function insertRow(db: Db, draftId: number, data: Uint8Array): Promise<number> {
	const row = await db
		.insertInto('draft_update')
		.values({
			draft_id: draftId,
			data: toBuffer(data),
			size: data.byteLength,
			created_at: Date.now()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

export function createUpdateStore(db: Db): UpdateStore {
	return {
		async load(draftId) {
			const rows = await db
				.selectFrom('draft_update')
				.select(['id', 'data'])
				.where('draft_id', '=', draftId)
				.orderBy('id')
				.execute();
			return rows.map((r) => ({ id: Number(r.id), data: r.data }));
		},

		async listIds(draftId) {
			const rows = await db
				.selectFrom('draft_update')
				.select('id')
				.where('draft_id', '=', draftId)
				.orderBy('id')
				.execute();
			return rows.map((r) => Number(r.id));
		},

		async loadRows(draftId, ids) {
			const out: UpdateRow[] = [];
			for (let i = 0; i < ids.length; i += 500) {
				const rows = await db
					.selectFrom('draft_update')
					.select(['id', 'data'])
					.where('draft_id', '=', draftId)
					.where('id', 'in', ids.slice(i, i + 500))
					.orderBy('id')
					.execute();
				for (const r of rows) out.push({ id: Number(r.id), data: r.data });
			}
			return out;
		},

		append(draftId, update) {
			return insertRow(db, draftId, update);
		},

		compact(draftId, state, knownIds) {
			return writeTx(db, async (tx) => {
				const ids = (
					await tx.selectFrom('draft_update').select('id').where('draft_id', '=', draftId).execute()
				).map((r) => Number(r.id));
				const known = new Set(knownIds);
				const unknown = ids.filter((id) => !known.has(id));
				let snapshot = state;
				if (unknown.length > 0) {
					const extra: Uint8Array[] = [];
					for (let i = 0; i < unknown.length; i += 500) {
						const rows = await tx
							.selectFrom('draft_update')
							.select('data')
							.where('id', 'in', unknown.slice(i, i + 500))
							.orderBy('id')
							.execute();
						for (const r of rows) extra.push(r.data);
					}
					snapshot = Y.mergeUpdates([state, ...extra]);
				}
				const id = await insertRow(tx, draftId, snapshot);
				const last = ids.reduce((max, x) => Math.max(max, x), 0);
				await tx
					.deleteFrom('draft_update')
					.where('draft_id', '=', draftId)
					.where('id', '<=', last)
					.execute();
				return id;
			});
		},

		touch(draftId, title) {
			return touchDraft(db, draftId, { title });
		}
	};
}

/** The file of a SQLite database, or undefined for PostgreSQL and in-memory databases. */
async function sqliteFile(db: Db): Promise<string | undefined> {
	if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return undefined;
	const list = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
	return list.rows.find((r) => r.name === 'main')?.file || undefined;
}

/**
 * The collaboration server's store. On a SQLite file, appends go through a connection of their own
 * with a prepared statement (sqlite-writer.ts), committed on this thread or in a worker thread
 * (`mode`); on PostgreSQL (whose driver is asynchronous anyway) everything goes through `db`.
 */
export function createServerStore(
	db: Db,
	warn?: (message: string) => void,
	mode: 'direct' | 'thread' = 'thread'
): UpdateStore {
	const base = createUpdateStore(db);
	let writer: Promise<SqliteWriter | undefined> | undefined;
	const getWriter = () =>
		(writer ??= sqliteFile(db).then((file) =>
			file ? createSqliteWriter(file, { warn, mode, fallback: base.append }) : undefined
		));
	return {
		...base,
		async append(draftId, update) {
			const w = await getWriter();
			return w ? w.append(draftId, update) : base.append(draftId, update);
		},
		async close() {
			await (await writer)?.close();
		}
	};
}
