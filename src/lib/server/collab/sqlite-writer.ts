// Appends live-document updates to a SQLite file through a connection of their own (WAL,
// synchronous=FULL, prepared statements), so that an update is committed with the least work
// between receiving it and relaying it. Two ways, measured against each other (see the collab
// benchmark): `direct` commits on the calling thread, `thread` in a worker thread that owns the
// connection (sockets keep being served during the fsync, at the price of two thread hand-offs
// per commit). Either way a caller learns of the commit only once SQLite has acknowledged it, and
// the room relays an update only then. WAL checkpoints run in the worker thread, never inside a
// commit someone is waiting for.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** The worker, as CommonJS source: it must run unchanged from the sources, a build or a bundle. */
const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
// Checkpoints are run here when idle, never inside a commit that someone is waiting for.
db.pragma('wal_autocheckpoint = 0');
const insert = db.prepare(
	'insert into draft_update (draft_id, data, size, created_at) values (?, ?, ?, ?)'
);
const begin = db.prepare('begin immediate');
const commit = db.prepare('commit');
const rollback = db.prepare('rollback');
let queue = [];
let scheduled = false;
let commitsSinceCheckpoint = 0;

const savepoint = db.prepare('savepoint one');
const release = db.prepare('release one');
const undo = db.prepare('rollback to one');

function message(err) {
	return String(err && err.message ? err.message : err);
}

function drain() {
	scheduled = false;
	const batch = queue;
	queue = [];
	if (batch.length === 0) return;
	const now = Date.now();
	if (batch.length === 1) {
		// Alone: one autocommit insert is its own transaction.
		const item = batch[0];
		let result;
		try {
			const data = Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength);
			const info = insert.run(item.draftId, data, data.byteLength, now);
			result = { id: item.id, rowId: Number(info.lastInsertRowid) };
		} catch (err) {
			result = { id: item.id, error: message(err) };
		}
		parentPort.postMessage([result]);
		committed();
		return;
	}
	const results = [];
	try {
		begin.run();
		for (const item of batch) {
			// A savepoint per append: one bad row (a draft just deleted) fails alone.
			savepoint.run();
			try {
				const data = Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength);
				const info = insert.run(item.draftId, data, data.byteLength, now);
				release.run();
				results.push({ id: item.id, rowId: Number(info.lastInsertRowid) });
			} catch (err) {
				undo.run();
				release.run();
				results.push({ id: item.id, error: message(err) });
			}
		}
		commit.run();
	} catch (err) {
		if (db.inTransaction) rollback.run();
		parentPort.postMessage(batch.map((item) => ({ id: item.id, error: message(err) })));
		return;
	}
	parentPort.postMessage(results);
	committed();
}

function committed() {
	commitsSinceCheckpoint += 1;
	if (commitsSinceCheckpoint >= workerData.checkpointEvery) setImmediate(checkpoint);
}

function checkpoint() {
	const due = workerData.checkpointEvery;
	// Idle is the time for it; under steady load, once the WAL has grown a few times over (else
	// the app's own connection would checkpoint it, on the event-loop thread).
	if (commitsSinceCheckpoint < due || (queue.length > 0 && commitsSinceCheckpoint < 4 * due)) {
		return;
	}
	commitsSinceCheckpoint = 0;
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch (err) {
		parentPort.postMessage([{ warning: 'checkpoint failed: ' + String(err) }]);
	}
}

parentPort.on('message', (message) => {
	if (message.type === 'checkpoint') {
		commitsSinceCheckpoint = workerData.checkpointEvery;
		setImmediate(checkpoint);
		return;
	}
	if (message.type === 'close') {
		drain();
		try {
			db.pragma('wal_checkpoint(PASSIVE)');
		} catch {}
		db.close();
		parentPort.postMessage([{ closed: true }]);
		return;
	}
	queue.push(message);
	if (!scheduled) {
		scheduled = true;
		// Whatever else has arrived by the next turn joins this transaction.
		setImmediate(drain);
	}
});
`;

interface Result {
	id?: number;
	rowId?: number;
	error?: string;
	warning?: string;
	closed?: boolean;
}

export interface SqliteWriter {
	/** Appends one update to `draft_update`; resolves with its row id once committed. */
	append(draftId: number, update: Uint8Array): Promise<number>;
	/** Finishes every append, checkpoints, and stops the thread. */
	close(): Promise<void>;
}

export interface WriterOptions {
	/** Where the commit happens: on the calling thread (default here) or in the worker thread. */
	mode?: 'direct' | 'thread';
	/**
	 * Direct mode: where an append goes when another connection holds the write lock (the app's
	 * own connection in a transaction): waiting for it here would block the very thread that has
	 * to finish that transaction.
	 */
	fallback?: (draftId: number, update: Uint8Array) => Promise<number>;
	/** Commits between two idle checkpoints of the WAL. */
	checkpointEvery?: number;
	warn?: (message: string) => void;
}

/** better-sqlite3's entry file, found from this module or, in a bundle elsewhere, the cwd. */
function driverPath(): string {
	const bases = [import.meta.url, path.join(process.cwd(), 'package.json')];
	for (const base of bases) {
		try {
			return createRequire(base).resolve('better-sqlite3');
		} catch {
			// try the next place
		}
	}
	throw new Error('better-sqlite3 not found');
}

export function createSqliteWriter(file: string, options: WriterOptions = {}): SqliteWriter {
	const thread = createThreadWriter(file, options);
	if (options.mode === 'thread') return thread;
	const every = options.checkpointEvery ?? 200;
	let db: SQLite.Database | undefined;
	let insert: SQLite.Statement | undefined;
	let commits = 0;
	let closed = false;
	return {
		append(draftId, update) {
			if (closed) return Promise.reject(new Error('the SQLite writer is closed'));
			try {
				if (!db || !insert) {
					db = new SQLite(file);
					db.pragma('journal_mode = WAL');
					db.pragma('synchronous = FULL');
					db.pragma('foreign_keys = ON');
					db.pragma('busy_timeout = 0');
					db.pragma('wal_autocheckpoint = 0');
					insert = db.prepare(
						'insert into draft_update (draft_id, data, size, created_at) values (?, ?, ?, ?)'
					);
				}
				const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
				const info = insert.run(draftId, data, data.byteLength, Date.now());
				commits += 1;
				if (commits % every === 0) thread.checkpoint();
				return Promise.resolve(Number(info.lastInsertRowid));
			} catch (err) {
				if ((err as { code?: string }).code === 'SQLITE_BUSY' && options.fallback) {
					return options.fallback(draftId, update);
				}
				return Promise.reject(err instanceof Error ? err : new Error(String(err)));
			}
		},
		async close() {
			closed = true;
			db?.close();
			db = undefined;
			await thread.close();
		}
	};
}

function createThreadWriter(
	file: string,
	options: WriterOptions
): SqliteWriter & { checkpoint(): void } {
	const warn = options.warn ?? ((message: string) => console.warn(message));
	const pending = new Map<
		number,
		{ resolve: (rowId: number) => void; reject: (err: Error) => void }
	>();
	let nextId = 1;
	let worker: Worker | undefined;
	let closing: Promise<void> | undefined;

	function failAll(err: Error): void {
		for (const waiter of pending.values()) waiter.reject(err);
		pending.clear();
	}

	function start(): Worker {
		const w = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: {
				file,
				driver: driverPath(),
				checkpointEvery: options.checkpointEvery ?? 200
			}
		});
		w.on('message', (results: Result[]) => {
			for (const r of results) {
				if (r.warning) warn(`collab: ${r.warning}`);
				if (r.id === undefined) continue;
				const waiter = pending.get(r.id);
				if (!waiter) continue;
				pending.delete(r.id);
				if (r.error !== undefined) waiter.reject(new Error(`storing an update failed: ${r.error}`));
				else waiter.resolve(r.rowId as number);
			}
		});
		w.on('error', (err) => {
			warn(`collab: the SQLite writer thread failed: ${err.message}`);
		});
		w.on('exit', (code) => {
			if (worker === w) worker = undefined;
			failAll(new Error(`the SQLite writer thread stopped (${code})`));
		});
		// Only appends in flight keep the process alive.
		w.unref();
		return w;
	}

	return {
		checkpoint() {
			if (closing) return;
			worker ??= start();
			worker.postMessage({ type: 'checkpoint' });
		},
		append(draftId, update) {
			if (closing) return Promise.reject(new Error('the SQLite writer is closed'));
			worker ??= start();
			const id = nextId++;
			const done = new Promise<number>((resolve, reject) => pending.set(id, { resolve, reject }));
			worker.ref();
			const w = worker;
			void done.then(
				() => pending.size === 0 && w.unref(),
				() => pending.size === 0 && w.unref()
			);
			worker.postMessage({ id, draftId, data: update });
			return done;
		},
		close() {
			closing ??= (async () => {
				const w = worker;
				if (!w) return;
				await new Promise<void>((resolve) => {
					w.ref();
					w.once('exit', () => resolve());
					w.on('message', (results: Result[]) => {
						if (results.some((r) => r.closed)) void w.terminate();
					});
					w.postMessage({ type: 'close' });
				});
			})();
			return closing;
		}
	};
}
