// The live-editing WebSocket server: upgrades are authorized before any WebSocket byte, each
// socket becomes a peer of its draft's room, and sockets that die, stall or lose access are cut.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Kysely } from 'kysely';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type * as Y from 'yjs';
import type { DB } from '$lib/server/db';
import type { DraftAccess } from '$lib/server/drafts/access';
import { refuse } from '$lib/server/host-bridge.js';
import { authorizeUpgrade, checkAccess, type UpgradeDecision } from './auth';
import { CLOSE, Room, type Logger, type Peer, type RoomLimits } from './room';
import { createPgFanout, type Fanout } from './fanout';
import { createServerStore, type UpdateStore } from './store';
import { TokenBucket } from './rate';

const MiB = 1024 * 1024;

export interface CollabLimits extends RoomLimits {
	/** Largest frame a client may send (ws `maxPayload`). */
	maxPayloadBytes: number;
	/** Unsent bytes a peer may have queued before it is cut off. */
	maxBufferedBytes: number;
	/** A peer that does not answer a ping within this interval is cut off. */
	pingIntervalMs: number;
	/** How often open sockets are checked against their session and draft access. */
	recheckIntervalMs: number;
	/** How long a document with no connection stays in memory. */
	unloadGraceMs: number;
	/** Messages a peer may send per second on average (bursts up to twice that). */
	messagesPerSecond: number;
	/** Bytes a peer may send per second on average (bursts up to four frames of the largest size). */
	bytesPerSecond: number;
}

export const DEFAULT_LIMITS: Readonly<CollabLimits> = Object.freeze({
	maxPayloadBytes: 1 * MiB,
	maxDocBytes: 16 * MiB,
	maxBufferedBytes: 8 * MiB,
	pingIntervalMs: 30_000,
	recheckIntervalMs: 3_000,
	unloadGraceMs: 15_000,
	compactRows: 500,
	compactBytes: 1 * MiB,
	compactIntervalMs: 30_000,
	touchIntervalMs: 5_000,
	// A fast typist sends a few dozen updates a second, a pasted page one big one.
	messagesPerSecond: 200,
	bytesPerSecond: 2 * MiB
});

export interface CollabServerOptions {
	db: Kysely<DB>;
	/** The origin the app is served from; when absent, the Origin's host must equal Host. */
	origin?: string;
	limits?: Partial<CollabLimits>;
	log?: Logger;
	/** Replaces the `draft_update` store (tests inject failures with it). */
	store?: UpdateStore;
	/**
	 * The database's URL. A PostgreSQL one makes this instance share live edits, presence and
	 * server-side changes with every other instance on the same database (fanout.ts).
	 */
	databaseUrl?: string;
	/** First wait before the listener reconnects (tests shorten or lengthen it). */
	listenerRetryMs?: number;
}

export interface CollabStats {
	/** Documents in memory, loading or unloading included. */
	docs: number;
	connections: number;
	/** Completed access rechecks of all open sockets since start. */
	rechecks: number;
}

export interface CollabServer {
	/** For upgrade requests on `/collab/`; never throws, always answers or adopts the socket. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Closes every socket, stores and compacts every document; call before closing the db. */
	close(): Promise<void>;
	stats(): CollabStats;
	/**
	 * Applies a server-side change to the draft's document in its room (loaded if need be, kept
	 * loaded meanwhile), stored before it is relayed; resolves with the update once it is stored.
	 * Resolves `undefined`, changing nothing, once the server is closed (its rooms all unloaded).
	 */
	change(draftId: number, change: (doc: Y.Doc) => void): Promise<Uint8Array | undefined>;
	/** The link to the other instances, on PostgreSQL. */
	readonly fanout: Fanout | undefined;
}

interface Slot {
	room: Room;
	/** Connections joined or about to join. */
	refs: number;
	grace?: NodeJS.Timeout;
	unloading?: Promise<void>;
}

interface Connection {
	ws: WebSocket;
	draftId: number;
	userId: string;
	token: string;
	access: DraftAccess;
	slot: Slot;
	peer: Peer;
	alive: boolean;
	closed: boolean;
	/** The largest message sent so far: a big initial sync may sit in the buffer legitimately. */
	largest: number;
	/** What the peer may still send (per-connection rate limits). */
	messages: TokenBucket;
	bytes: TokenBucket;
}

const ignore = () => {};

/** One unmasked, final, binary WebSocket frame (RFC 6455 §5.2) holding `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
	const n = payload.byteLength;
	const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(head + n);
	frame[0] = 0x82;
	if (n < 126) frame[1] = n;
	else if (n < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(n, 2);
	} else {
		frame[1] = 127;
		frame.writeBigUInt64BE(BigInt(n), 2);
	}
	frame.set(payload, head);
	return frame;
}

/** Larger messages (initial syncs, one peer each) are left to ws, which sends them uncopied. */
const FRAME_ONCE_MAX = 16 * 1024;

/** What of `ws` internals the broadcast path relies on (ws 8, permessage-deflate off). */
interface WsInternals {
	_socket?: Duplex;
	_sender?: { _state?: number };
}

function frameBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}

export function createCollabServer(options: CollabServerOptions): CollabServer {
	const { db, origin } = options;
	const limits: CollabLimits = { ...DEFAULT_LIMITS, ...options.limits };
	const log = options.log ?? console;
	const store = options.store ?? createServerStore(db, (message) => log.warn(message));
	const wss = new WebSocketServer({
		noServer: true,
		clientTracking: false,
		perMessageDeflate: false,
		maxPayload: limits.maxPayloadBytes
	});
	const rooms = new Map<number, Slot>();
	const connections = new Set<Connection>();
	const sockets = new Set<WebSocket>();
	const upgrading = new Set<Promise<void>>();
	let closed = false;
	let rechecks = 0;
	let closing: Promise<void> | undefined;

	const fanout =
		options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)
			? createPgFanout({
					url: options.databaseUrl,
					db,
					log,
					retryMs: options.listenerRetryMs,
					handlers: {
						stored(draftId, rowId) {
							const slot = rooms.get(draftId);
							if (slot && !slot.unloading) void pull(slot.room, [rowId]);
						},
						presence(draftId, update) {
							const slot = rooms.get(draftId);
							if (slot && !slot.unloading) slot.room.remotePresence(update);
						},
						ask(draftId) {
							rooms.get(draftId)?.room.sharePresence();
						},
						reconnected() {
							for (const slot of rooms.values()) {
								if (slot.unloading) continue;
								void pull(slot.room);
								fanout?.ask(slot.room.draftId);
							}
						}
					}
				})
			: undefined;

	function pull(room: Room, rowIds?: number[]): Promise<void> {
		return room
			.pull(rowIds)
			.catch((err: unknown) =>
				log.warn(`collab: draft ${room.draftId}: reading another instance's edit failed`, err)
			);
	}

	async function acquire(draftId: number): Promise<Slot | undefined> {
		for (;;) {
			if (closed) return undefined;
			const slot = rooms.get(draftId);
			if (!slot) break;
			if (slot.unloading) {
				await slot.unloading;
				continue;
			}
			slot.refs += 1;
			clearTimeout(slot.grace);
			slot.grace = undefined;
			return slot;
		}
		const room: Room = new Room(
			draftId,
			store,
			limits,
			log,
			() => {
				if (rooms.get(draftId)?.room === room) rooms.delete(draftId);
			},
			fanout
		);
		const slot: Slot = { room, refs: 1 };
		rooms.set(draftId, slot);
		return slot;
	}

	function release(slot: Slot): void {
		slot.refs -= 1;
		if (slot.refs > 0 || closed || slot.unloading) return;
		clearTimeout(slot.grace);
		slot.grace = setTimeout(() => {
			slot.grace = undefined;
			if (slot.refs === 0 && !closed) void unload(slot);
		}, limits.unloadGraceMs);
		slot.grace.unref();
	}

	function unload(slot: Slot): Promise<void> {
		slot.unloading ??= slot.room
			.close()
			.catch((err: unknown) => log.error(`collab: draft ${slot.room.draftId}: unload failed`, err))
			.finally(() => {
				if (rooms.get(slot.room.draftId) === slot) rooms.delete(slot.room.draftId);
			});
		return slot.unloading;
	}

	// A room sends one message to all its peers in a row: it is framed once, and the same bytes
	// are written to every socket.
	let framedMessage: Uint8Array | undefined;
	let framed: Buffer | undefined;

	function send(conn: Connection, message: Uint8Array): void {
		if (conn.closed || conn.ws.readyState !== WebSocket.OPEN) return;
		if (conn.ws.bufferedAmount > limits.maxBufferedBytes + conn.largest) {
			// A peer that does not read would make us buffer without bound; it resyncs on reconnect.
			log.warn(`collab: draft ${conn.draftId}: peer too slow, disconnected`);
			closeConnection(conn, 'terminate');
			return;
		}
		conn.largest = Math.max(conn.largest, message.byteLength);
		const internals = conn.ws as unknown as WsInternals;
		// With no compression, ws writes a frame straight to the socket unless it is still busy
		// with an earlier one (state 0 = idle): then the same is done here, minus the re-framing.
		if (
			message.byteLength <= FRAME_ONCE_MAX &&
			internals._sender?._state === 0 &&
			internals._socket?.writable
		) {
			if (message !== framedMessage) {
				framed = binaryFrame(message);
				framedMessage = message;
			}
			internals._socket.write(framed);
			return;
		}
		conn.ws.send(message, { binary: true });
	}

	/** Forgets the connection at once (no later frame reaches the room), then closes the socket. */
	function closeConnection(
		conn: Connection,
		how: 'closed' | 'terminate' | { code: number; reason: string }
	): void {
		if (conn.closed) return;
		conn.closed = true;
		connections.delete(conn);
		conn.slot.room.leave(conn.peer);
		release(conn.slot);
		try {
			if (how === 'terminate') conn.ws.terminate();
			else if (how !== 'closed') conn.ws.close(how.code, how.reason);
		} catch (err) {
			log.warn('collab: closing a socket failed', err);
			conn.ws.terminate();
		}
	}

	function connect(ws: WebSocket, slot: Slot, grant: Extract<UpgradeDecision, { ok: true }>) {
		sockets.add(ws);
		const conn: Connection = {
			ws,
			draftId: grant.draftId,
			userId: grant.userId,
			token: grant.token,
			access: grant.access,
			slot,
			alive: true,
			closed: false,
			largest: 0,
			messages: new TokenBucket(limits.messagesPerSecond, 2 * limits.messagesPerSecond, Date.now()),
			bytes: new TokenBucket(limits.bytesPerSecond, 4 * limits.maxPayloadBytes, Date.now()),
			peer: {
				userId: grant.userId,
				name: grant.name,
				get access() {
					return conn.access;
				},
				send: (message) => send(conn, message),
				close: (code, reason) => closeConnection(conn, { code, reason })
			}
		};
		connections.add(conn);
		ws.on('message', (data, isBinary) => {
			if (conn.closed) return;
			conn.alive = true;
			try {
				if (!isBinary) {
					closeConnection(conn, { code: CLOSE.unsupported, reason: 'binary frames only' });
					return;
				}
				const frame = frameBytes(data);
				const now = Date.now();
				if (!conn.messages.take(1, now) || !conn.bytes.take(frame.byteLength, now)) {
					log.warn(`collab: draft ${conn.draftId}: peer over its rate limit, disconnected`);
					closeConnection(conn, { code: CLOSE.tryAgainLater, reason: 'too many messages' });
					return;
				}
				slot.room.receive(conn.peer, frame);
			} catch (err) {
				log.error(`collab: draft ${conn.draftId}: message handler failed`, err);
				closeConnection(conn, { code: CLOSE.unavailable, reason: 'internal error' });
			}
		});
		ws.on('pong', () => {
			conn.alive = true;
		});
		// Oversized or invalid frames: ws reports them here and closes the socket itself.
		ws.on('error', (err) => log.warn(`collab: draft ${conn.draftId}: ${err.message}`));
		ws.on('close', () => {
			sockets.delete(ws);
			closeConnection(conn, 'closed');
		});
		slot.room.join(conn.peer);
	}

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		if (closed) return refuse(socket, 503, 'Service Unavailable');
		const decision = await authorizeUpgrade(db, req, origin);
		if (!decision.ok) return refuse(socket, decision.status, decision.text);
		if (socket.destroyed) return;
		const slot = await acquire(decision.draftId);
		if (!slot) return refuse(socket, 503, 'Service Unavailable');
		let accepted = false;
		try {
			if (closed) return refuse(socket, 503, 'Service Unavailable');
			wss.handleUpgrade(req, socket, head, (ws) => {
				accepted = true;
				socket.off('error', ignore);
				connect(ws, slot, decision);
			});
		} finally {
			if (!accepted) release(slot);
		}
	}

	function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		// Node removes its own error listener from a socket it hands over for an upgrade; without
		// one, a client resetting the connection during the session lookup would crash the process.
		socket.on('error', ignore);
		const task = upgrade(req, socket, head)
			.catch((err: unknown) => {
				log.error('collab: upgrade failed', err);
				refuse(socket, 500, 'Internal Server Error');
			})
			.finally(() => upgrading.delete(task));
		upgrading.add(task);
	}

	const pinger = setInterval(() => {
		for (const conn of connections) {
			if (!conn.alive) {
				closeConnection(conn, 'terminate');
				continue;
			}
			conn.alive = false;
			try {
				conn.ws.ping();
			} catch {
				closeConnection(conn, 'terminate');
			}
		}
	}, limits.pingIntervalMs);
	pinger.unref();

	/** Sessions end and members are removed or suspended while sockets stay open. */
	async function recheck(): Promise<void> {
		const checks = new Map<string, ReturnType<typeof checkAccess>>();
		for (const conn of [...connections]) {
			if (closed) return;
			if (conn.closed) continue;
			const key = `${conn.draftId} ${conn.token}`;
			let check = checks.get(key);
			if (!check) {
				// The queries resolve as microtasks: without a real turn of the event loop between
				// checks, a pass over hundreds of sockets would hold every edit's relay back.
				await new Promise<void>((resolve) => setImmediate(resolve));
				check = checkAccess(db, conn.token, conn.draftId);
				checks.set(key, check);
			}
			let grant: Awaited<typeof check>;
			try {
				grant = await check;
			} catch (err) {
				log.error('collab: access recheck failed', err);
				return;
			}
			if (conn.closed || closed) continue;
			if (typeof grant === 'string' || grant.userId !== conn.userId) {
				closeConnection(conn, { code: CLOSE.forbidden, reason: 'access revoked' });
			} else if (grant.access === 'read' && conn.access === 'edit') {
				conn.access = 'read';
			}
		}
	}

	let rechecking: Promise<void> | undefined;
	let recheckTimer: NodeJS.Timeout | undefined;
	function scheduleRecheck(): void {
		if (closed) return;
		recheckTimer = setTimeout(() => {
			rechecking = recheck()
				.catch((err: unknown) => log.error('collab: access recheck failed', err))
				.finally(() => {
					rechecks += 1;
					rechecking = undefined;
					scheduleRecheck();
				});
		}, limits.recheckIntervalMs);
		recheckTimer.unref();
	}
	scheduleRecheck();

	async function shutDown(): Promise<void> {
		closed = true;
		clearInterval(pinger);
		clearTimeout(recheckTimer);
		for (const conn of [...connections]) {
			closeConnection(conn, { code: CLOSE.goingAway, reason: 'server shutting down' });
		}
		await Promise.allSettled([...upgrading]);
		await rechecking;
		await Promise.all(
			[...rooms.values()].map((slot) => {
				clearTimeout(slot.grace);
				return unload(slot);
			})
		);
		await store
			.close?.()
			.catch((err: unknown) => log.error('collab: closing the store failed', err));
		await fanout?.close();
		// Give closing handshakes a moment, then cut what is left.
		const open = [...sockets].filter((ws) => ws.readyState !== WebSocket.CLOSED);
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([
			Promise.all(open.map((ws) => new Promise((resolve) => ws.once('close', resolve)))),
			new Promise((resolve) => (timer = setTimeout(resolve, 1000)))
		]);
		clearTimeout(timer);
		for (const ws of sockets) ws.terminate();
		await new Promise((resolve) => wss.close(resolve));
	}

	async function change(
		draftId: number,
		fn: (doc: Y.Doc) => void
	): Promise<Uint8Array | undefined> {
		const slot = await acquire(draftId);
		if (!slot) {
			await closing;
			return undefined;
		}
		try {
			return await slot.room.change(fn);
		} finally {
			release(slot);
		}
	}

	return {
		handleUpgrade,
		change,
		close() {
			closing ??= shutDown();
			return closing;
		},
		stats: () => ({ docs: rooms.size, connections: connections.size, rechecks }),
		fanout
	};
}
