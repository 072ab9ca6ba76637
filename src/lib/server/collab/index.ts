import { createCollabServer, type CollabServer, type CollabServerOptions } from './server';

export { createCollabServer, DEFAULT_LIMITS } from './server';
export { createUpdateStore, type UpdateStore } from './store';
export type { CollabLimits, CollabServer, CollabServerOptions, CollabStats } from './server';

const ACTIVE = Symbol.for('minka.collab-server');

/**
 * Starts the process's collaboration server. In development, editing hooks.server.ts runs `init`
 * again: the previous server is closed first, so one document never lives in two rooms.
 */
export async function startCollabServer(options: CollabServerOptions): Promise<CollabServer> {
	const slot = globalThis as unknown as Record<symbol, CollabServer | undefined>;
	await slot[ACTIVE]?.close();
	const server = createCollabServer(options);
	slot[ACTIVE] = server;
	return server;
}
