// Changes made by the server itself (not by a connected editor) to a draft's document.
import * as Y from 'yjs';
import { applyUpdates } from '$lib/drafts/document';
import type { UpdateStore } from './store';

/**
 * Runs `change` as one transaction on `doc` and returns the update it made (empty when it changed
 * nothing). If `change` throws, the error propagates, and whatever it did before throwing stays in
 * `doc`: a Yjs transaction cannot be rolled back.
 */
export function transactCollecting(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const origin = Symbol('server change');
	const updates: Uint8Array[] = [];
	const collect = (update: Uint8Array, from: unknown) => {
		if (from === origin) updates.push(update);
	};
	doc.on('update', collect);
	try {
		doc.transact(() => change(doc), origin);
	} finally {
		doc.off('update', collect);
	}
	if (updates.length === 0) return new Uint8Array(0);
	return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}

/** The title a document carries for the drafts list. */
export function documentTitle(doc: Y.Doc): string | undefined {
	const title = doc.getMap('meta').get('title');
	return typeof title === 'string' ? title : undefined;
}

/**
 * The same change with no live room: the document is built from its stored rows, changed, and the
 * resulting update appended (nothing is stored when nothing changed, or when `change` throws).
 */
export async function changeStoredDocument(
	store: UpdateStore,
	draftId: number,
	change: (doc: Y.Doc) => void
): Promise<Uint8Array> {
	const doc = new Y.Doc();
	try {
		const rows = await store.load(draftId);
		applyUpdates(
			doc,
			rows.map((r) => r.data)
		);
		const update = transactCollecting(doc, change);
		if (update.byteLength === 0) return update;
		await store.append(draftId, update);
		await store.touch(draftId, documentTitle(doc));
		return update;
	} finally {
		doc.destroy();
	}
}
