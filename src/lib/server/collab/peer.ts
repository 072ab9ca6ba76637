// What a room deals with from outside: a peer (anything that can send and close), the WebSocket
// close codes it answers with, its limits and its logger. Imports nothing of the room.
import type { DraftAccess } from '$lib/server/drafts/access';

export interface Peer {
	readonly userId: string;
	/** How others see this person (their name in the association), stamped on their presence. */
	readonly name: string;
	/** Read on every message: the server may lower it while the peer stays connected. */
	readonly access: DraftAccess;
	send(message: Uint8Array): void;
	/** Must stop every further message from this peer reaching the room (it calls `leave`). */
	close(code: number, reason: string): void;
}

/** WebSocket close codes; 44xx tell y-websocket's client not to reconnect. */
export const CLOSE = {
	goingAway: 1001,
	unsupported: 1003,
	malformed: 1007,
	unavailable: 1011,
	tryAgainLater: 1013,
	forbidden: 4403,
	tooLarge: 4413
} as const;

export interface RoomLimits {
	/** Merged document size beyond which updates are refused. */
	maxDocBytes: number;
	compactRows: number;
	compactBytes: number;
	/** Least time between two compactions while the document is in use. */
	compactIntervalMs: number;
	/** Least time between two `touch`es of the draft. */
	touchIntervalMs: number;
}

export interface Logger {
	warn(message: string, ...details: unknown[]): void;
	error(message: string, ...details: unknown[]): void;
}
