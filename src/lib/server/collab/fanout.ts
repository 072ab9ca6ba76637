// Live editing across instances on one PostgreSQL database: LISTEN/NOTIFY.
//
// Every instance keeps ONE listening connection of its own (a pg.Client outside the pool, which
// LISTEN would pin). A notification carries ids only: the sending instance, the draft, and the
// `draft_update` row just stored (an edit, a compaction, a server-side change such as an accepted
// amendment); the receiving instances read the row from the table, so the database stays the one
// source of truth and the 8000-byte NOTIFY limit never applies to documents. Presence (awareness)
// is not stored: its small updates travel in the notification itself. Notifications are not
// queued for a connection that is down, so after the listener reconnects every loaded document
// catches up from the table (the rows it does not know yet) and asks again for presence.
// SQLite has one process and needs none of this (no fanout is made).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '$lib/server/db';
import type { Logger } from './peer';

/** What a room tells the other instances. */
export interface RoomFanout {
	/** A row of this draft was stored (committed) here. */
	stored(draftId: number, rowId: number): void;
	/** Presence changed here (an encoded awareness update). */
	presence(draftId: number, update: Uint8Array): void;
	/** Asks the other instances for the presence they hold of this draft. */
	ask(draftId: number): void;
}

export interface FanoutHandlers {
	stored(draftId: number, rowId: number): void;
	presence(draftId: number, update: Uint8Array): void;
	ask(draftId: number): void;
	/** The listener was down and is back: notifications may have been missed. */
	reconnected(): void;
}

export interface Fanout extends RoomFanout {
	readonly instance: string;
	/** Resolves once the listener has listened for the first time. */
	readonly ready: Promise<void>;
	/** The listening connection's backend pid (tests cut it), or undefined while it is down. */
	listenerPid(): number | undefined;
	close(): Promise<void>;
}

interface Message {
	/** Sending instance. */
	f: string;
	t: 'row' | 'presence' | 'ask';
	d: number;
	i?: number;
	/** Presence, base64. */
	u?: string;
}

/** NOTIFY's payload limit is 8000 bytes; presence beyond it stays local (and is logged). */
const MAX_PAYLOAD = 7900;

export function createPgFanout(options: {
	url: string;
	db: Kysely<DB>;
	handlers: FanoutHandlers;
	log: Logger;
	/** First wait before reconnecting a lost listener (doubles, up to 5 s). */
	retryMs?: number;
}): Fanout {
	const { url, db, handlers, log } = options;
	const instance = randomUUID();
	const retryMs = options.retryMs ?? 100;
	let closed = false;
	let client: pg.Client | undefined;
	let pid: number | undefined;
	let retry: NodeJS.Timeout | undefined;
	let attempt = 0;
	let listenedOnce = false;
	let markReady: () => void = () => {};
	const ready = new Promise<void>((resolve) => (markReady = resolve));

	// One channel per schema, so databases shared by schemas (the tests) do not hear each other.
	const channel = sql<{ s: string }>`select current_schema() as s`
		.execute(db)
		.then((r) => `minka_collab_${r.rows[0].s}`.slice(0, 63));
	channel.catch(() => {});

	function dispatch(text: string | undefined): void {
		let note: Message;
		try {
			note = JSON.parse(text ?? '') as Message;
		} catch {
			return;
		}
		if (note.f === instance || !Number.isSafeInteger(note.d)) return;
		try {
			if (note.t === 'row' && Number.isSafeInteger(note.i)) handlers.stored(note.d, note.i!);
			else if (note.t === 'presence' && typeof note.u === 'string')
				handlers.presence(note.d, new Uint8Array(Buffer.from(note.u, 'base64')));
			else if (note.t === 'ask') handlers.ask(note.d);
		} catch (err) {
			log.error('collab: a notification could not be handled', err);
		}
	}

	function lost(err?: unknown): void {
		const was = client;
		client = undefined;
		pid = undefined;
		was?.removeAllListeners();
		was?.on('error', () => {});
		void was?.end().catch(() => {});
		if (closed || retry) return;
		if (err) log.warn(`collab: listener lost (${String((err as Error).message ?? err)})`);
		const wait = Math.min(5000, retryMs * 2 ** Math.min(attempt++, 6));
		retry = setTimeout(() => {
			retry = undefined;
			void listen();
		}, wait);
		retry.unref();
	}

	async function listen(): Promise<void> {
		if (closed) return;
		const c = new pg.Client({ connectionString: url });
		client = c;
		c.on('error', (err) => lost(err));
		c.on('end', () => {
			if (client === c) lost(new Error('connection ended'));
		});
		c.on('notification', (n) => dispatch(n.payload));
		try {
			await c.connect();
			await c.query(`listen "${await channel}"`);
			if (client !== c || closed) return;
			const r = await c.query<{ pid: number }>('select pg_backend_pid() as pid');
			pid = r.rows[0].pid;
			attempt = 0;
			if (listenedOnce) handlers.reconnected();
			listenedOnce = true;
			markReady();
		} catch (err) {
			if (client === c) lost(err);
		}
	}

	function publish(message: Omit<Message, 'f'>): void {
		const payload = JSON.stringify({ f: instance, ...message });
		if (payload.length > MAX_PAYLOAD) {
			log.warn(`collab: draft ${message.d}: presence too large to share with other instances`);
			return;
		}
		void channel
			.then((ch) => sql`select pg_notify(${ch}, ${payload})`.execute(db))
			.catch((err: unknown) => {
				if (!closed) log.warn('collab: notify failed', err);
			});
	}

	void listen();

	return {
		instance,
		ready,
		listenerPid: () => pid,
		stored: (d, i) => publish({ t: 'row', d, i }),
		presence: (d, update) =>
			publish({ t: 'presence', d, u: Buffer.from(update).toString('base64') }),
		ask: (d) => publish({ t: 'ask', d }),
		async close() {
			closed = true;
			clearTimeout(retry);
			const c = client;
			client = undefined;
			c?.removeAllListeners();
			c?.on('error', () => {});
			await c?.end().catch(() => {});
		}
	};
}
