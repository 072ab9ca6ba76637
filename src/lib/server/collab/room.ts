// One draft's live document in memory: its peers, the loading gate, coalesced durable
// broadcasts and compaction. Knows nothing of sockets; a peer is anything that can send and close
// (peer.ts). Which presence a peer may set is in presence-claims.ts, the document's size and
// compaction accounting in doc-meter.ts.
import * as Y from 'yjs';
import {
	applyAwarenessUpdate,
	Awareness,
	encodeAwarenessUpdate as encodeAwarenessStates,
	removeAwarenessStates
} from 'y-protocols/awareness';
import { applyUpdates } from '$lib/drafts/document';
import { documentTitle, transactCollecting } from './change';
import { DocMeter } from './doc-meter';
import type { RoomFanout } from './fanout';
import { CLOSE, type Logger, type Peer, type RoomLimits } from './peer';
import { admitPresence } from './presence-claims';
import {
	decodeAwarenessUpdate,
	decodeClientMessage,
	encodeAwarenessMessage,
	encodeAwarenessUpdate,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	type ClientMessage
} from './protocol';
import type { UpdateRow, UpdateStore } from './store';

export { CLOSE, type Logger, type Peer, type RoomLimits } from './peer';

type State = 'loading' | 'ready' | 'closing' | 'closed' | 'failed';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The origin of the transaction that builds the document from its stored state. */
const FROM_STORAGE = Symbol('stored state');
/** The origin of what another instance stored or shared (fanout.ts): relayed, never stored again. */
const REMOTE = Symbol('another instance');

/** An empty state vector (no clients): a client that has nothing yet. */
function isEmptyVector(vector: Uint8Array): boolean {
	return vector.byteLength === 1 && vector[0] === 0;
}

export class Room {
	private readonly ydoc = new Y.Doc();
	/**
	 * The stored state, when it is one row (a compacted document) that the Y.Doc has not been built
	 * from yet: a client's sync is answered from these bytes, read in full from storage, and the
	 * Y.Doc is built only when something needs it (the first write), so opening a document to read
	 * it costs one row read and no decoding on the server.
	 */
	private stored: { state: Uint8Array; vector?: Uint8Array } | undefined;
	readonly awareness: Awareness;
	/** Settles (never rejects) once the stored document is in memory or loading failed. */
	readonly loaded: Promise<void>;
	private state: State = 'loading';
	/** Each peer with the awareness client ids it controls. */
	private readonly peers = new Map<Peer, Set<number>>();
	private readonly owners = new Map<number, Peer>();
	private backlog: { peer: Peer; frame: Uint8Array }[] = [];
	private pending: Uint8Array[] = [];
	private pendingOrigins = new Set<unknown>();
	private flushQueued = false;
	private touchDue = false;
	private touchTimer: ReturnType<typeof setTimeout> | undefined;
	private compactQueued = false;
	/** Every write, broadcast and compaction runs on this one chain, in order; it never rejects. */
	private tail: Promise<void> = Promise.resolve();
	private knownIds: number[] = [];
	private readonly meter: DocMeter;
	private lastTouch = 0;
	private closing: Promise<void> | undefined;
	private destroyed = false;

	constructor(
		readonly draftId: number,
		private readonly store: UpdateStore,
		private readonly limits: RoomLimits,
		private readonly log: Logger = console,
		private readonly onFailed: (room: Room) => void = () => {},
		/** Other instances on the same PostgreSQL database (none on SQLite). */
		private readonly fanout?: RoomFanout
	) {
		this.meter = new DocMeter(limits);
		this.awareness = new Awareness(this.ydoc);
		this.awareness.setLocalState(null);
		this.loaded = this.load();
	}

	join(peer: Peer): void {
		if (this.state !== 'loading' && this.state !== 'ready') {
			peer.close(CLOSE.unavailable, 'document unavailable');
			return;
		}
		this.peers.set(peer, new Set());
		if (this.state === 'ready') this.greet(peer);
	}

	leave(peer: Peer): void {
		const ids = this.peers.get(peer);
		if (!ids) return;
		this.peers.delete(peer);
		for (const id of ids) if (this.owners.get(id) === peer) this.owners.delete(id);
		if (this.state === 'ready' && ids.size > 0) {
			removeAwarenessStates(this.awareness, [...ids], null);
		}
	}

	/** One frame from a peer. Never throws: a bad frame closes that peer only. */
	receive(peer: Peer, frame: Uint8Array): void {
		if (!this.peers.has(peer)) return;
		if (this.state === 'loading') {
			// Nothing is answered before the stored document is in memory.
			this.backlog.push({ peer, frame });
			return;
		}
		if (this.state !== 'ready') return;
		let message: ClientMessage;
		try {
			message = decodeClientMessage(frame);
		} catch {
			peer.close(CLOSE.malformed, 'malformed message');
			return;
		}
		try {
			this.handle(peer, message);
		} catch (err) {
			this.log.warn(`collab: draft ${this.draftId}: rejected ${message.kind} message`, err);
			peer.close(CLOSE.malformed, 'malformed message');
		}
	}

	/**
	 * A change made by the server: applied to the loaded document as one transaction, then stored
	 * and relayed like a peer's update. Resolves with the update once it is stored (empty if the
	 * change did nothing). If `change` throws, what it did before throwing is stored and relayed
	 * too (the live document keeps it), and the error is rethrown once that is durable.
	 */
	async change(change: (doc: Y.Doc) => void): Promise<Uint8Array> {
		await this.loaded;
		if (this.state !== 'ready') {
			throw new Error(`collab: draft ${this.draftId}: document unavailable`);
		}
		let update: Uint8Array = new Uint8Array(0);
		let failure: { err: unknown } | undefined;
		try {
			update = transactCollecting(this.doc, change);
		} catch (err) {
			failure = { err };
		}
		// The flush that stores and relays this change is on the chain now (queued by onDocUpdate,
		// or already queued for this turn's batch).
		await this.tail;
		// (Read again: the state may have changed while waiting.)
		if ((this.state as State) === 'failed') {
			throw new Error(`collab: draft ${this.draftId}: the change could not be stored`);
		}
		if (failure) throw failure.err;
		return update;
	}

	/** Row ids announced by other instances and not read yet; `all`: a full catch-up is due. */
	private wanted = new Set<number>();
	private catchUp = false;
	private pulling: Promise<void> | undefined;

	/**
	 * Reads from storage the rows another instance stored (`rowIds`, or every row this room does
	 * not know yet: the catch-up after missed notifications) and applies them, in the order they
	 * were stored; local peers get them relayed. Announcements that arrive while a read is under
	 * way are read together next, one read at a time.
	 */
	pull(rowIds?: readonly number[]): Promise<void> {
		if (rowIds) for (const id of rowIds) this.wanted.add(id);
		else this.catchUp = true;
		this.pulling ??= this.drain().finally(() => (this.pulling = undefined));
		return this.pulling;
	}

	private async drain(): Promise<void> {
		await this.loaded;
		while (this.wanted.size > 0 || this.catchUp) {
			if (this.state !== 'ready' || !this.store.loadRows) return;
			const all = this.catchUp;
			const announced = [...this.wanted];
			this.wanted.clear();
			this.catchUp = false;
			const ids = all ? ((await this.store.listIds?.(this.draftId)) ?? []) : announced;
			const known = new Set(this.knownIds);
			const missing = ids.filter((id) => !known.has(id));
			if (missing.length === 0) continue;
			const rows = await this.store.loadRows(this.draftId, missing);
			if (this.state !== 'ready') return;
			const now = new Set(this.knownIds);
			const fresh = rows.filter((row) => !now.has(row.id));
			if (fresh.length === 0) continue;
			for (const row of fresh) this.knownIds.push(row.id);
			// One transaction: the local peers get one message for the rows read together.
			this.doc.transact(() => {
				for (const row of fresh) {
					try {
						Y.applyUpdate(this.ydoc, row.data, REMOTE);
					} catch (err) {
						this.log.error(
							`collab: draft ${this.draftId}: skipped row ${row.id} of another instance`,
							err
						);
					}
				}
			}, REMOTE);
		}
	}

	/** Presence shared by another instance. */
	remotePresence(update: Uint8Array): void {
		if (this.state !== 'ready') return;
		try {
			applyAwarenessUpdate(this.awareness, update, REMOTE);
		} catch (err) {
			this.log.warn(`collab: draft ${this.draftId}: bad presence from another instance`, err);
		}
	}

	/** Shares the presence of this instance's peers (another instance asked for it). */
	sharePresence(): void {
		if (this.state !== 'ready' || !this.fanout) return;
		const ids = [...this.owners.keys()];
		if (ids.length > 0)
			this.fanout.presence(this.draftId, encodeAwarenessStates(this.awareness, ids));
	}

	/** Persists what is pending, compacts, and frees the document. */
	close(): Promise<void> {
		this.closing ??= this.shutDown();
		return this.closing;
	}

	private async shutDown(): Promise<void> {
		const wasReady = this.state === 'ready';
		if (this.state === 'loading' || this.state === 'ready') this.state = 'closing';
		for (const peer of [...this.peers.keys()]) peer.close(CLOSE.goingAway, 'document closed');
		await this.loaded;
		clearTimeout(this.touchTimer);
		this.touchTimer = undefined;
		await this.tail;
		await this.touch();
		if (wasReady && this.state === 'closing' && this.knownIds.length >= 2) {
			await this.compact();
		}
		this.destroy();
		if (this.state === 'closing') this.state = 'closed';
	}

	private async load(): Promise<void> {
		try {
			const rows = await this.store.load(this.draftId);
			if (this.state !== 'loading') return;
			this.stored = rows.length === 1 ? { state: rows[0].data } : undefined;
			if (!this.stored) this.applyRows(rows);
			this.knownIds = rows.map((r) => r.id);
			this.meter.loaded(rows);
		} catch (err) {
			this.fail('loading', err);
			return;
		}
		this.ydoc.on('beforeTransaction', this.onBeforeTransaction);
		this.ydoc.on('update', this.onDocUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
		this.state = 'ready';
		this.fanout?.ask(this.draftId);
		for (const peer of this.peers.keys()) this.greet(peer);
		const backlog = this.backlog;
		this.backlog = [];
		for (const { peer, frame } of backlog) this.receive(peer, frame);
		this.maybeCompact();
	}

	/** The document, built from the stored state on first use. */
	get doc(): Y.Doc {
		const stored = this.stored;
		if (stored) {
			this.stored = undefined;
			// One transaction of its own origin: neither stored again nor relayed.
			this.ydoc.transact(
				() => this.applyRows([{ id: this.knownIds[0], data: stored.state }]),
				FROM_STORAGE
			);
		}
		return this.ydoc;
	}

	/** The state vector of what the room holds (editors are asked for what they have beyond it). */
	private stateVector(): Uint8Array {
		const stored = this.stored;
		if (stored) {
			try {
				stored.vector ??= Y.encodeStateVectorFromUpdate(stored.state);
				return stored.vector;
			} catch {
				// Undecodable: building the document reports and skips it.
			}
		}
		return Y.encodeStateVector(this.doc);
	}

	private applyRows(rows: UpdateRow[]): void {
		applyUpdates(
			this.ydoc,
			rows.map((r) => r.data),
			(index, err) =>
				this.log.error(`collab: draft ${this.draftId}: skipped stored row ${rows[index].id}`, err)
		);
	}

	private greet(peer: Peer): void {
		// Only editors are asked for their state: a reader would answer with sync step 2.
		if (peer.access === 'edit') {
			peer.send(encodeSyncStep1(this.stateVector()));
		}
		const clients = [...this.awareness.getStates().keys()];
		if (clients.length > 0) {
			peer.send(encodeAwarenessMessage(encodeAwarenessStates(this.awareness, clients)));
		}
	}

	private handle(peer: Peer, message: ClientMessage): void {
		switch (message.kind) {
			case 'sync-step1': {
				const vector = message.stateVector;
				const stored = this.stored;
				const reply = encodeSyncStep2(
					stored
						? isEmptyVector(vector)
							? stored.state
							: Y.diffUpdate(stored.state, vector)
						: Y.encodeStateAsUpdate(this.ydoc, vector)
				);
				// The reply may hold updates still being written: send it once they are stored.
				this.afterDurable(() => {
					if (this.peers.has(peer)) peer.send(reply);
				});
				return;
			}
			case 'sync-step2':
			case 'update':
				if (peer.access !== 'edit') {
					peer.close(CLOSE.forbidden, 'read-only');
					return;
				}
				if (!this.meter.fits(message.update.byteLength, () => this.encodedSize())) {
					this.log.warn(`collab: draft ${this.draftId}: update refused, document too large`);
					peer.close(CLOSE.tooLarge, 'document too large');
					return;
				}
				Y.applyUpdate(this.doc, message.update, peer);
				return;
			case 'awareness':
				this.applyAwareness(peer, message.update);
				return;
			case 'query-awareness':
				peer.send(
					encodeAwarenessMessage(
						encodeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()])
					)
				);
				return;
		}
	}

	/** The document's size, measured by a full encode. */
	private encodedSize(): number {
		return Y.encodeStateAsUpdate(this.doc).byteLength;
	}

	private applyAwareness(peer: Peer, update: Uint8Array): void {
		const mine = this.peers.get(peer);
		if (!mine) return;
		const { entries, dropped } = admitPresence(
			peer,
			decodeAwarenessUpdate(update),
			mine,
			this.owners,
			this.ydoc.clientID
		);
		if (dropped > 0) {
			this.log.warn(`collab: draft ${this.draftId}: dropped ${dropped} presence entries`);
		}
		if (entries.length > 0) {
			applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), peer);
		}
	}

	private readonly onAwarenessUpdate = (
		change: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const author = this.peers.has(origin as Peer) ? (origin as Peer) : undefined;
		if (author) {
			for (const id of [...change.added, ...change.updated]) {
				const previous = this.owners.get(id);
				if (previous === author) continue;
				if (previous) this.peers.get(previous)?.delete(id);
				this.owners.set(id, author);
				this.peers.get(author)?.add(id);
			}
			for (const id of change.removed) {
				if (this.owners.get(id) !== author) continue;
				this.owners.delete(id);
				this.peers.get(author)?.delete(id);
			}
		}
		const changed = [...change.added, ...change.updated, ...change.removed];
		if (changed.length === 0) return;
		// Sent back to its author too: a lone client takes silence for a dead connection.
		const states = encodeAwarenessStates(this.awareness, changed);
		const message = encodeAwarenessMessage(states);
		for (const peer of this.peers.keys()) peer.send(message);
		if (origin !== REMOTE) this.fanout?.presence(this.draftId, states);
	};

	/** Where the pending batch starts: the document's state vector before its first update. */
	private batchStart: Uint8Array | undefined;

	private readonly onBeforeTransaction = (transaction: Y.Transaction): void => {
		if (transaction.origin === FROM_STORAGE || transaction.origin === REMOTE) return;
		if (this.pending.length === 0 && !this.batchStart) {
			this.batchStart = Y.encodeStateVector(this.ydoc);
		}
	};

	private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === FROM_STORAGE) return;
		if (origin === REMOTE) {
			// Stored already, by the instance it came from.
			this.meter.grew(update.byteLength);
			const message = encodeUpdate(update);
			for (const peer of this.peers.keys()) peer.send(message);
			return;
		}
		this.pending.push(update);
		this.pendingOrigins.add(origin);
		this.meter.grew(update.byteLength);
		if (this.flushQueued) return;
		this.flushQueued = true;
		this.enqueue(() => this.flush());
	};

	/** Runs `task` on the write chain, a turn later so that one turn's updates go out together. */
	private enqueue(task: () => Promise<void>): void {
		this.tail = this.tail
			.then(nextTurn)
			.then(task)
			.catch((err: unknown) => this.fail('writing', err));
	}

	private afterDurable(fn: () => void): void {
		this.tail = this.tail.then(() => {
			if (this.state === 'ready') fn();
		});
	}

	/** Stores the updates of the last turn as one row, then (only then) relays them. */
	private async flush(): Promise<void> {
		this.flushQueued = false;
		const updates = this.pending;
		const origins = this.pendingOrigins;
		const start = this.batchStart;
		this.pending = [];
		this.pendingOrigins = new Set();
		this.batchStart = undefined;
		if (updates.length === 0 || (this.state !== 'ready' && this.state !== 'closing')) return;
		// Every update since `start` is in this batch, so the difference from it is their merge;
		// encoding it costs far less than Y.mergeUpdates over thousands of small updates.
		const merged =
			updates.length === 1
				? updates[0]
				: start
					? Y.encodeStateAsUpdate(this.doc, start)
					: Y.mergeUpdates(updates);
		const id = await this.store.append(this.draftId, merged);
		this.knownIds.push(id);
		this.fanout?.stored(this.draftId, id);
		this.meter.stored(merged.byteLength);
		const message = encodeUpdate(merged);
		// Its only author already has it.
		const author = origins.size === 1 ? [...origins][0] : undefined;
		for (const peer of this.peers.keys()) if (peer !== author) peer.send(message);
		this.touchDue = true;
		const wait = this.lastTouch + this.limits.touchIntervalMs - Date.now();
		if (wait <= 0) await this.touch();
		else {
			// Trailing: the last edit of a burst is recorded too, at most one interval later.
			this.touchTimer ??= setTimeout(() => {
				this.touchTimer = undefined;
				this.tail = this.tail.then(() => this.touch());
			}, wait);
		}
		this.maybeCompact();
	}

	/** Records the draft's last change and its live title in the drafts list. */
	private async touch(): Promise<void> {
		if (!this.touchDue) return;
		this.touchDue = false;
		this.lastTouch = Date.now();
		await this.store.touch(this.draftId, documentTitle(this.doc)).catch((err: unknown) => {
			this.log.warn(`collab: draft ${this.draftId}: touch failed`, err);
		});
	}

	private maybeCompact(): void {
		if (this.compactQueued || this.state !== 'ready') return;
		if (!this.meter.compactionDue(Date.now())) return;
		this.compactQueued = true;
		this.enqueue(async () => {
			this.compactQueued = false;
			if (this.state === 'ready') await this.compact();
		});
	}

	/** Replaces the stored rows by the document's state; a failure loses nothing, so it is only logged. */
	private async compact(): Promise<void> {
		const state = Y.encodeStateAsUpdate(this.doc);
		this.meter.compactionStarted(Date.now());
		try {
			const id = await this.store.compact(this.draftId, state, this.knownIds);
			this.knownIds = [id];
			// The rows it replaced may be gone before another instance reads them.
			this.fanout?.stored(this.draftId, id);
			this.meter.compacted(state.byteLength);
		} catch (err) {
			this.log.error(`collab: draft ${this.draftId}: compaction failed`, err);
		}
	}

	/** Storage failed: what is in memory may not be stored, so drop it; clients resync on reconnect. */
	private fail(what: string, err: unknown): void {
		if (this.state === 'failed' || this.state === 'closed') return;
		this.log.error(`collab: draft ${this.draftId}: ${what} failed`, err);
		this.state = 'failed';
		this.backlog = [];
		this.pending = [];
		for (const peer of [...this.peers.keys()]) peer.close(CLOSE.unavailable, 'storage error');
		this.peers.clear();
		this.owners.clear();
		this.destroy();
		this.onFailed(this);
	}

	private destroy(): void {
		if (this.destroyed) return;
		this.destroyed = true;
		this.ydoc.off('update', this.onDocUpdate);
		this.ydoc.off('beforeTransaction', this.onBeforeTransaction);
		this.awareness.off('update', this.onAwarenessUpdate);
		this.awareness.destroy();
		this.stored = undefined;
		this.ydoc.destroy();
	}
}
