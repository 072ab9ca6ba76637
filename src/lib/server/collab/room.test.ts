// The room on its own, with a scripted store and in-memory peers: the ordering guarantees
// (loading gate, durable before relayed, one row and one broadcast per turn) made deterministic.
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftAccess } from '$lib/server/drafts/access';
import {
	encodeAwarenessMessage,
	encodeAwarenessUpdate,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate
} from './protocol';
import { CLOSE, Room, type Peer, type RoomLimits } from './room';
import { colorFor, PRESENCE_CLIENTS_PER_SOCKET, PRESENCE_STATE_MAX } from '$lib/collab/presence';
import type { UpdateRow, UpdateStore } from './store';

const limits: RoomLimits = {
	maxDocBytes: 1 << 20,
	compactRows: 1000,
	compactBytes: 1 << 30,
	compactIntervalMs: 0,
	touchIntervalMs: 60_000
};
const quiet = { warn() {}, error() {} };

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (err: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** A store whose loads and appends complete only when the test says so (or at once, by default). */
class ScriptedStore implements UpdateStore {
	rows: UpdateRow[] = [];
	appends: Uint8Array[] = [];
	compactions = 0;
	gateLoad?: Promise<void>;
	gateAppend?: Promise<void>;
	failAppend = false;
	private nextId = 1;

	seed(update: Uint8Array) {
		this.rows.push({ id: this.nextId++, data: update });
	}
	async load() {
		await this.gateLoad;
		return [...this.rows];
	}
	async append(_draftId: number, update: Uint8Array) {
		await this.gateAppend;
		if (this.failAppend) throw new Error('disk full');
		this.appends.push(update);
		this.rows.push({ id: this.nextId, data: update });
		return this.nextId++;
	}
	async compact(_draftId: number, state: Uint8Array) {
		this.compactions += 1;
		this.rows = [{ id: this.nextId, data: state }];
		return this.nextId++;
	}
	async touch() {}
	document(): Y.Doc {
		const doc = new Y.Doc();
		for (const row of this.rows) Y.applyUpdate(doc, row.data);
		return doc;
	}
}

class FakePeer implements Peer {
	sent: Uint8Array[] = [];
	closedWith?: number;
	room?: Room;
	readonly name: string;
	constructor(
		readonly userId: string,
		public access: DraftAccess = 'edit'
	) {
		this.name = `Nombre de ${userId}`;
	}
	send(message: Uint8Array) {
		this.sent.push(message);
	}
	close(code: number) {
		this.closedWith ??= code;
		this.room?.leave(this);
	}
	/** The document this peer would have built from everything it was sent. */
	document(): Y.Doc {
		const doc = new Y.Doc();
		for (const message of this.sent) {
			const d = decoding.createDecoder(message);
			if (decoding.readVarUint(d) !== 0) continue;
			if (decoding.readVarUint(d) === 0) continue;
			Y.applyUpdate(doc, decoding.readVarUint8Array(d));
		}
		return doc;
	}
	syncMessages(sub: number) {
		return this.sent.filter((m) => m[0] === 0 && m[1] === sub);
	}
}

function join(room: Room, peer: FakePeer) {
	peer.room = room;
	room.join(peer);
	return peer;
}

function edit(text: string, base?: Y.Doc): Uint8Array {
	const doc = new Y.Doc();
	if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(doc);
	doc.getText('t').insert(doc.getText('t').length, text);
	return Y.encodeStateAsUpdate(doc, before);
}

/** A small deterministic generator, so a failing fuzz case can be replayed. */
function seeded(seed: number): () => number {
	let x = seed;
	return () => {
		x = (Math.imul(x, 1103515245) + 12345) >>> 0;
		return x >>> 24;
	};
}

function randomBytes(random: () => number, length: number): Uint8Array {
	return Uint8Array.from({ length }, () => random());
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** The update a sync step 2 or update message carries. */
function decodePayload(message: Uint8Array): Uint8Array {
	const d = decoding.createDecoder(message);
	decoding.readVarUint(d);
	decoding.readVarUint(d);
	return decoding.readVarUint8Array(d);
}
async function settle(room: Room) {
	// The write chain hops a turn per task; a few turns drain it.
	for (let i = 0; i < 5; i++) await turn();
	await room.loaded;
}

describe('Room', () => {
	it('answers nothing before the stored document is loaded, then the full document', async () => {
		const store = new ScriptedStore();
		store.seed(edit('guardado'));
		const gate = deferred<void>();
		store.gateLoad = gate.promise;
		const room = new Room(1, store, limits, quiet);
		const peer = join(room, new FakePeer('u1'));
		room.receive(peer, encodeSyncStep1(new Uint8Array([0])));
		await turn();
		expect(peer.sent).toEqual([]);
		gate.resolve();
		await settle(room);
		const replies = peer.syncMessages(1);
		expect(replies).toHaveLength(1);
		expect(peer.document().getText('t').toString()).toBe('guardado');
		// The server's own sync step 1 came first, from the loaded document.
		expect(peer.sent[0][1]).toBe(0);
		await room.close();
	});

	it('stores the updates of one turn as one row before relaying them as one message', async () => {
		const store = new ScriptedStore();
		const room = new Room(1, store, limits, quiet);
		await room.loaded;
		const a = join(room, new FakePeer('a'));
		const b = join(room, new FakePeer('b'));
		const gate = deferred<void>();
		store.gateAppend = gate.promise;
		const doc = new Y.Doc();
		for (let i = 0; i < 50; i++) {
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(i, 'x');
			room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
		}
		await settle(room);
		expect(b.syncMessages(2)).toHaveLength(0); // not yet stored, not yet relayed
		gate.resolve();
		await settle(room);
		expect(store.appends).toHaveLength(1);
		expect(b.syncMessages(2)).toHaveLength(1);
		expect(b.document().getText('t').toString()).toBe('x'.repeat(50));
		expect(a.syncMessages(2)).toHaveLength(0); // no echo to the only author
		await room.close();
	});

	it('sends a sync reply only once what it contains is stored', async () => {
		const store = new ScriptedStore();
		const room = new Room(1, store, limits, quiet);
		await room.loaded;
		const a = join(room, new FakePeer('a'));
		const late = join(room, new FakePeer('c', 'read'));
		const gate = deferred<void>();
		store.gateAppend = gate.promise;
		room.receive(a, encodeUpdate(edit('nuevo')));
		room.receive(late, encodeSyncStep1(new Uint8Array([0])));
		await settle(room);
		expect(late.syncMessages(1)).toHaveLength(0);
		gate.resolve();
		await settle(room);
		expect(late.syncMessages(1)).toHaveLength(1);
		expect(late.document().getText('t').toString()).toBe('nuevo');
		await room.close();
	});

	it('closes a reader that sends sync step 2 or an update, and applies nothing', async () => {
		const store = new ScriptedStore();
		store.seed(edit('texto'));
		const room = new Room(1, store, limits, quiet);
		await room.loaded;
		const watcher = join(room, new FakePeer('w'));
		for (const message of [encodeSyncStep2(edit('X')), encodeUpdate(edit('Y'))]) {
			const reader = join(room, new FakePeer('r', 'read'));
			room.receive(reader, message);
			expect(reader.closedWith).toBe(CLOSE.forbidden);
		}
		await settle(room);
		expect(room.doc.getText('t').toString()).toBe('texto');
		expect(store.appends).toHaveLength(0);
		expect(watcher.syncMessages(2)).toHaveLength(0);
		await room.close();
	});

	it('applies none of thousands of fuzzed write frames from readers', async () => {
		const store = new ScriptedStore();
		store.seed(edit('intacto'));
		const room = new Room(1, store, limits, quiet);
		await room.loaded;
		const random = seeded(11);
		for (let i = 0; i < 3000; i++) {
			const reader = join(room, new FakePeer(`r${i}`, 'read'));
			const sub = i % 2 === 0 ? encodeSyncStep2 : encodeUpdate;
			const payload = i % 3 === 0 ? edit(`x${i}`) : randomBytes(random, 1 + (i % 40));
			room.receive(reader, sub(payload));
			expect([CLOSE.forbidden, CLOSE.malformed]).toContain(reader.closedWith);
		}
		await settle(room);
		expect(store.appends).toHaveLength(0);
		expect(room.doc.getText('t').toString()).toBe('intacto');
		await room.close();
	});

	it('survives random frames from an editor and keeps serving', async () => {
		const room = new Room(1, new ScriptedStore(), limits, quiet);
		await room.loaded;
		const random = seeded(7);
		for (let i = 0; i < 3000; i++) {
			const peer = join(room, new FakePeer(`p${i}`));
			const bytes = randomBytes(random, i % 48);
			if (i % 4 === 0 && bytes.length > 1) bytes[0] = i % 8 === 0 ? 0 : 1;
			expect(() => room.receive(peer, bytes)).not.toThrow();
			room.leave(peer);
		}
		const good = join(room, new FakePeer('g'));
		const watcher = join(room, new FakePeer('w'));
		room.receive(good, encodeUpdate(edit('vivo')));
		await settle(room);
		expect(watcher.document().getText('t').toString()).toContain('vivo');
		await room.close();
	});

	it('never asks a reader for its state (it would have to answer with sync step 2)', async () => {
		const room = new Room(1, new ScriptedStore(), limits, quiet);
		await room.loaded;
		const reader = join(room, new FakePeer('r', 'read'));
		const editor = join(room, new FakePeer('e'));
		expect(reader.syncMessages(0)).toHaveLength(0);
		expect(editor.syncMessages(0)).toHaveLength(1);
		await room.close();
	});

	it('closes only the sender of a malformed frame or update', async () => {
		const room = new Room(1, new ScriptedStore(), limits, quiet);
		await room.loaded;
		const good = join(room, new FakePeer('g'));
		for (const frame of [
			new Uint8Array([9]),
			new Uint8Array([0, 2, 3, 1, 2, 3]),
			encodeUpdate(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 255])),
			encodeSyncStep1(new Uint8Array([5, 1])),
			encodeAwarenessMessage(new Uint8Array([1, 2, 3, 3, 65, 66, 67]))
		]) {
			const bad = join(room, new FakePeer('b'));
			room.receive(bad, frame);
			expect(bad.closedWith).toBe(CLOSE.malformed);
		}
		room.receive(good, encodeUpdate(edit('sigue')));
		await settle(room);
		expect(good.closedWith).toBeUndefined();
		expect(room.doc.getText('t').toString()).toBe('sigue');
		await room.close();
	});

	it('refuses updates that would make the document exceed its limit', async () => {
		const store = new ScriptedStore();
		const room = new Room(1, store, { ...limits, maxDocBytes: 2000 }, quiet);
		await room.loaded;
		const a = join(room, new FakePeer('a'));
		room.receive(a, encodeUpdate(edit('pequeño')));
		const big = join(room, new FakePeer('b'));
		room.receive(big, encodeUpdate(edit('x'.repeat(3000))));
		expect(big.closedWith).toBe(CLOSE.tooLarge);
		await settle(room);
		expect(room.doc.getText('t').toString()).toBe('pequeño');
		await room.close();
	});

	it('lets a peer speak only for its own awareness clients', async () => {
		const room = new Room(1, new ScriptedStore(), limits, quiet);
		await room.loaded;
		const rosa = join(room, new FakePeer('rosa'));
		const eve = join(room, new FakePeer('eve'));
		const say = (peer: FakePeer, clock: number, state: unknown) =>
			room.receive(
				peer,
				encodeAwarenessMessage(
					encodeAwarenessUpdate([{ clientId: 11, clock, state: JSON.stringify(state) }])
				)
			);
		say(rosa, 1, { name: 'Rosa' });
		say(eve, 5, { name: 'Eve pretending' });
		expect(room.awareness.getStates().get(11)).toEqual({
			user: { id: 'rosa', name: 'Nombre de rosa', color: colorFor('rosa') }
		});
		room.leave(rosa);
		expect(room.awareness.getStates().has(11)).toBe(false);
		await room.close();
	});

	it('stamps each presence with the peer’s own user, keeps only the cursor, and bounds it', async () => {
		const room = new Room(1, new ScriptedStore(), limits, quiet);
		await room.loaded;
		const eve = join(room, new FakePeer('eve', 'read'));
		const say = (entries: { clientId: number; state: unknown }[], clock = 1) =>
			room.receive(
				eve,
				encodeAwarenessMessage(
					encodeAwarenessUpdate(
						entries.map((e) => ({ clientId: e.clientId, clock, state: JSON.stringify(e.state) }))
					)
				)
			);
		const cursor = { anchor: { item: { client: 1, clock: 2 } }, head: null };
		say([
			{
				clientId: 21,
				state: { user: { name: 'Justina (presidenta)', color: 'red;x' }, cursor, role: 'leader' }
			}
		]);
		expect(room.awareness.getStates().get(21)).toEqual({
			user: { id: 'eve', name: 'Nombre de eve', color: colorFor('eve') },
			cursor
		});
		// 2,000 clients from one socket: only a tab's worth get through.
		say(Array.from({ length: 2000 }, (_, i) => ({ clientId: 1000 + i, state: { cursor: null } })));
		expect(room.awareness.getStates().size).toBe(PRESENCE_CLIENTS_PER_SOCKET);
		// A state too large is dropped, not relayed (its client keeps the last one).
		say([{ clientId: 21, state: { cursor, pad: 'x'.repeat(PRESENCE_STATE_MAX) } }], 2);
		expect(room.awareness.getStates().get(21)).toMatchObject({ cursor });
		expect(JSON.stringify(room.awareness.getStates().get(21))).not.toContain('xxx');
		// Leaving removes them all.
		room.leave(eve);
		expect(room.awareness.getStates().size).toBe(0);
		await room.close();
	});

	it('drops the document and closes its peers when storing fails, so they resync elsewhere', async () => {
		const store = new ScriptedStore();
		let failed = false;
		const room = new Room(1, store, limits, quiet, () => (failed = true));
		await room.loaded;
		const a = join(room, new FakePeer('a'));
		const b = join(room, new FakePeer('b'));
		store.failAppend = true;
		room.receive(a, encodeUpdate(edit('perdido')));
		await settle(room);
		expect(failed).toBe(true);
		expect([a.closedWith, b.closedWith]).toEqual([CLOSE.unavailable, CLOSE.unavailable]);
		expect(b.syncMessages(2)).toHaveLength(0);
		await room.close();
	});

	it('stores a server change before relaying it, resolves once stored, and reports a failed store', async () => {
		const store = new ScriptedStore();
		const room = new Room(1, store, limits, quiet);
		await room.loaded;
		const a = join(room, new FakePeer('a'));
		const b = join(room, new FakePeer('b', 'read'));
		const gate = deferred<void>();
		store.gateAppend = gate.promise;
		room.receive(a, encodeUpdate(edit('de Rosa')));
		let done = false;
		const changing = room
			.change((doc) => doc.getMap('meta').set('title', 'Plan'))
			.then((update) => {
				done = true;
				return update;
			});
		await settle(room);
		expect([done, b.syncMessages(2).length]).toEqual([false, 0]);
		gate.resolve();
		const update = await changing;
		expect(store.document().getMap('meta').get('title')).toBe('Plan');
		expect(b.document().getMap('meta').get('title')).toBe('Plan');
		expect(b.document().getText('t').toString()).toBe('de Rosa');
		// Not an echo: the peer who was writing at the same time receives the server's change.
		expect(a.document().getMap('meta').get('title')).toBe('Plan');
		const alone = new Y.Doc();
		Y.applyUpdate(alone, update);
		expect(alone.getMap('meta').get('title')).toBe('Plan');

		store.failAppend = true;
		await expect(room.change((doc) => doc.getMap('meta').set('title', 'Otro'))).rejects.toThrow(
			'could not be stored'
		);
		await expect(room.change(() => {})).rejects.toThrow('unavailable');
		await room.close();
	});

	it('answers syncs from a compacted stored row as it is, and builds the document on the first write', async () => {
		const store = new ScriptedStore();
		const base = new Y.Doc();
		base.getText('t').insert(0, 'acta de la asamblea');
		const snapshot = Y.encodeStateAsUpdate(base);
		store.seed(snapshot);
		const room = new Room(1, store, limits, quiet);
		await room.loaded;
		const fresh = join(room, new FakePeer('r', 'read'));
		room.receive(fresh, encodeSyncStep1(new Uint8Array([0])));
		// A client that has part of it (its offline copy) gets only the rest.
		const partial = new Y.Doc();
		Y.applyUpdate(partial, snapshot);
		const offline = join(room, new FakePeer('o', 'read'));
		room.receive(offline, encodeSyncStep1(Y.encodeStateVector(partial)));
		const writer = join(room, new FakePeer('w'));
		await settle(room);
		expect(fresh.syncMessages(1)).toEqual([encodeSyncStep2(snapshot)]);
		const rest = new Y.Doc();
		Y.applyUpdate(rest, decodePayload(offline.syncMessages(1)[0]));
		expect(rest.getText('t').toString()).toBe('');
		// The editor is asked for what it has with the stored state's vector.
		expect(writer.syncMessages(0)).toEqual([encodeSyncStep1(Y.encodeStateVector(base))]);

		room.receive(writer, encodeUpdate(edit(' final', base)));
		await settle(room);
		// Only the edit is stored: the stored state is not written again.
		expect(store.appends).toHaveLength(1);
		expect(store.document().getText('t').toString()).toBe('acta de la asamblea final');
		expect(fresh.document().getText('t').toString()).toBe('acta de la asamblea final');
		const late = join(room, new FakePeer('l', 'read'));
		room.receive(late, encodeSyncStep1(new Uint8Array([0])));
		await settle(room);
		expect(late.document().getText('t').toString()).toBe('acta de la asamblea final');
		await room.close();
	});

	it('compacts its rows into one when they pass the threshold, and on close', async () => {
		const store = new ScriptedStore();
		const room = new Room(1, store, { ...limits, compactRows: 5 }, quiet);
		await room.loaded;
		const a = join(room, new FakePeer('a'));
		const doc = new Y.Doc();
		for (let i = 0; i < 12; i++) {
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(i, String(i % 10));
			room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
			await settle(room);
		}
		expect(store.compactions).toBeGreaterThanOrEqual(2);
		expect(store.rows.length).toBeLessThan(6);
		await room.close();
		expect(store.rows).toHaveLength(1);
		expect(store.document().getText('t').toString()).toBe('012345678901');
	});
});
