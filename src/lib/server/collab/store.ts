// A draft's live document as an append-only log of Yjs updates in `draft_update`; the merge of
// its rows is the document. Portable Kysely only: the same code runs on SQLite and PostgreSQL.
import * as Y from 'yjs';
import { toBuffer, writeTx, type Db } from '$lib/server/db';
import { touchDraft } from '$lib/server/drafts';

export interface UpdateRow {
	id: number;
	data: Uint8Array;
}

export interface UpdateStore {
	/** Every row of the draft, oldest first. */
	load(draftId: number): Promise<UpdateRow[]>;
	/** Appends one update and resolves once it is committed; returns its row id. */
	append(draftId: number, update: Uint8Array): Promise<number>;
	/**
	 * Replaces the draft's rows by one holding `state`, in one transaction. Rows this process did
	 * not write (not in `knownIds`) are merged in rather than lost. Returns the new row's id.
	 */
	compact(draftId: number, state: Uint8Array, knownIds: readonly number[]): Promise<number>;
	/** Marks the draft changed now, and carries its live title to the drafts list. */
	touch(draftId: number, title?: string): Promise<void>;
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
