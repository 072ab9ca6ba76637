import type * as Y from 'yjs';
import type { Db } from '$lib/server/db';
import { changeStoredDocument } from './change';
import { createCollabServer, type CollabServer, type CollabServerOptions } from './server';
import { createUpdateStore } from './store';

export { createCollabServer, DEFAULT_LIMITS } from './server';
export { createUpdateStore, type UpdateStore } from './store';
export type { CollabLimits, CollabServer, CollabServerOptions, CollabStats } from './server';

const ACTIVE = Symbol.for('minka.collab-server');
const slot = globalThis as unknown as Record<symbol, CollabServer | undefined>;

/**
 * Starts the process's collaboration server. In development, editing hooks.server.ts runs `init`
 * again: the previous server is closed first, so one document never lives in two rooms.
 */
export async function startCollabServer(options: CollabServerOptions): Promise<CollabServer> {
	await slot[ACTIVE]?.close();
	const server = createCollabServer(options);
	slot[ACTIVE] = server;
	return server;
}

/** What this process's collaboration server holds (for /healthz), or undefined when it has none. */
export function collabStats(): { docs: number; connections: number } | undefined {
	const stats = slot[ACTIVE]?.stats();
	return stats && { docs: stats.docs, connections: stats.connections };
}

/**
 * Applies a server-side change to a draft's live document: durable (stored) before it is relayed
 * to connected editors/readers.
 *
 * With this process's collaboration server running, the change runs as one transaction on the
 * draft's room (loaded if need be, exactly as for a connecting client) and goes through the same
 * store-then-relay path as an editor's update; otherwise (tests, scripts) the document is built
 * from the draft's stored updates in `db`, changed, and the change appended. Resolves with the
 * update once it is stored; an empty update (nothing stored) when `change` changed nothing.
 *
 * Call it outside any transaction: a live room writes through its own connection. If `change`
 * throws, the error propagates; in a live room whatever it did before throwing is kept (a Yjs
 * change cannot be taken back), so check first, then change.
 */
export async function changeDraftDocument(
	db: Db,
	draftId: number,
	change: (doc: Y.Doc) => void
): Promise<Uint8Array> {
	const live = await slot[ACTIVE]?.change(draftId, change);
	if (live) return live;
	return changeStoredDocument(createUpdateStore(db), draftId, change);
}
