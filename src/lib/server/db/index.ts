import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
	Kysely,
	Migrator,
	PostgresDialect,
	SqliteAdapter,
	SqliteDialect,
	type SqliteDatabase,
	sql,
	type Transaction
} from 'kysely';
import { migrationProvider } from './migrations';
import type { DB } from './schema';

export type { DB } from './schema';
export type Db = Kysely<DB> | Transaction<DB>;

export const DEFAULT_DATABASE_URL = './data/minka.db';

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}

/** The SQLite file a DATABASE_URL names: a plain path, or a `file:` URL (decoded, query dropped). */
export function sqlitePath(url: string): string {
	if (!url.startsWith('file:')) return url;
	if (url.startsWith('file://')) return fileURLToPath(url.split('?')[0]);
	return decodeURIComponent(url.slice('file:'.length).split('?')[0]);
}

/** A database URL fit to print: PostgreSQL credentials masked. */
export function printableUrl(url: string): string {
	return url.replace(/\/\/[^/@]*@/, '//***@');
}

/**
 * Connections per instance to PostgreSQL (`DATABASE_POOL_SIZE`, default 10). With several
 * instances, their sum (plus one listening connection each, see collab) must stay below the
 * server's `max_connections`.
 */
export function poolSize(value = process.env.DATABASE_POOL_SIZE): number {
	if (value === undefined || value.trim() === '') return 10;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 1000)
		throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to 1000, not "${value}"`);
	return n;
}

export function createDb(
	url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
): Kysely<DB> {
	if (isPostgresUrl(url)) {
		pg.types.setTypeParser(pg.types.builtins.INT8, Number);
		return new Kysely<DB>({
			dialect: new PostgresDialect({
				pool: new pg.Pool({ connectionString: url, max: poolSize() })
			})
		});
	}
	const file = sqlitePath(url);
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const database = new SQLite(file);
	// Durability over speed: a vote or decision acknowledged must survive power loss, not just a
	// crash (shared/reference/security.md, finding 5).
	database.pragma('journal_mode = WAL');
	database.pragma('synchronous = FULL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	// Deleted rows are overwritten with zeros, not left in free space (secret ballots: secrecy.ts).
	database.pragma('secure_delete = ON');
	return new Kysely<DB>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) });
}

const STATEMENT_CACHE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; compiling the same few hundred statements over
 * and over was the largest cost of a request. Statements are kept by their SQL (the connection is
 * one, and queries run one at a time on it) and the least recently used are dropped beyond a bound.
 */
function reusingStatements(database: SQLite.Database): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => database.close(),
		prepare(sql: string) {
			let statement = statements.get(sql);
			if (statement) statements.delete(sql);
			else {
				statement = database.prepare(sql);
				if (statements.size >= STATEMENT_CACHE)
					statements.delete(statements.keys().next().value as string);
			}
			statements.set(sql, statement);
			return statement;
		}
	};
}

/**
 * Brings the database to the latest migration. `schema` (PostgreSQL) keeps the migrator's own
 * tables in that schema: otherwise it would take another schema's for its own and skip creating them.
 */
export async function migrateToLatest(db: Kysely<DB>, schema?: string): Promise<void> {
	const migrator = new Migrator({
		db,
		provider: migrationProvider,
		...(schema ? { migrationTableSchema: schema } : {})
	});
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
			cause: error
		});
	}
}

const openSqliteTx = new WeakSet<Db>();

function isSqlite(db: Db): boolean {
	return db.getExecutor().adapter instanceof SqliteAdapter;
}

interface Job {
	fn: (tx: Db) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (err: unknown) => void;
}

const waiting = new WeakMap<Kysely<DB>, Job[]>();

/**
 * SQLite group commit. Every commit with synchronous=FULL waits for the disk, and the one
 * connection runs one transaction at a time anyway, so the write transactions requested in the
 * same turn of the event loop run one after the other inside a single `BEGIN IMMEDIATE … COMMIT`,
 * each in a savepoint of its own: a job that fails is rolled back alone, and every job is
 * answered only after the commit, so nothing is acknowledged before it is durable.
 */
function enqueue<T>(db: Kysely<DB>, fn: (tx: Db) => Promise<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let jobs = waiting.get(db);
		if (!jobs) {
			jobs = [];
			waiting.set(db, jobs);
			setImmediate(() => void runJobs(db));
		}
		jobs.push({ fn, resolve: resolve as (value: unknown) => void, reject });
	});
}

async function runJobs(db: Kysely<DB>): Promise<void> {
	const jobs = waiting.get(db) ?? [];
	waiting.delete(db);
	await db
		.connection()
		.execute(async (conn) => {
			const done: [Job, unknown][] = [];
			await sql`begin immediate`.execute(conn);
			openSqliteTx.add(conn);
			try {
				for (const job of jobs) {
					await sql`savepoint minka_job`.execute(conn);
					try {
						const value = await job.fn(conn);
						await sql`release minka_job`.execute(conn);
						done.push([job, value]);
					} catch (err) {
						await sql`rollback to minka_job`.execute(conn);
						await sql`release minka_job`.execute(conn);
						job.reject(err);
					}
				}
				await sql`commit`.execute(conn);
			} catch (err) {
				await sql`rollback`.execute(conn).catch(() => {});
				// Nothing of this batch is durable: every job still waiting hears so.
				for (const job of jobs) job.reject(err);
				return;
			} finally {
				openSqliteTx.delete(conn);
			}
			for (const [job, value] of done) job.resolve(value);
		})
		.catch((err: unknown) => {
			// BEGIN itself failed (e.g. the database is locked beyond the busy timeout).
			for (const job of jobs) job.reject(err);
		});
}

/**
 * Runs a read-modify-write as one serialised write transaction: `BEGIN IMMEDIATE` on SQLite (the
 * write lock is taken before the first read; concurrent ones share one commit, see `enqueue`) and
 * SERIALIZABLE on PostgreSQL, retried when the database reports a serialisation conflict.
 */
export async function writeTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	// Already inside one: compose with the caller's transaction.
	if (db.isTransaction || openSqliteTx.has(db)) return fn(db);
	if (isSqlite(db)) return enqueue(db as Kysely<DB>, fn);
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.transaction().setIsolationLevel('serializable').execute(fn);
		} catch (err) {
			const code = (err as { code?: string }).code;
			if ((code !== '40001' && code !== '40P01') || attempt >= 8) throw err;
			// Back off a little, at random, so the transactions that collided do not collide again.
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
		}
	}
}

/**
 * Locks the rows a write transaction reads with `FOR UPDATE` on PostgreSQL, so writers of the same
 * row (casting and closing one vote) queue instead of failing to serialise; on SQLite the write
 * transaction already holds the database.
 */
export function forUpdate<QB extends { forUpdate(): QB }>(db: Db, qb: QB): QB {
	return isSqlite(db) ? qb : qb.forUpdate();
}

/**
 * After a secret vote closes on SQLite: rewrites the file (VACUUM), then checkpoints the WAL and
 * truncates it to nothing, so no old copy of a ballot stays anywhere in the file. secure_delete
 * zeroes what is deleted, but b-tree balancing moves cells and can leave stale bytes in a page's
 * free space (seen: one or two receipts of 1,000 in about one close in five); VACUUM rebuilds
 * every page. It costs time in proportion to the file and runs only at a secret close. Best
 * effort: readers can hold frames back; PostgreSQL: no-op.
 */
export async function scrubFreedSpace(db: Db): Promise<void> {
	if (!isSqlite(db) || db.isTransaction || openSqliteTx.has(db)) return;
	await sql`vacuum`.execute(db).catch(() => {});
	await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db).catch(() => {});
}

/** True when `err` is the database refusing a duplicate key (UNIQUE or PRIMARY KEY). */
/** Whether a value can be a row's id: a positive safe integer (anything else matches no row). */
export function isRowId(value: number): boolean {
	return Number.isSafeInteger(value) && value > 0;
}

export function isUniqueViolation(err: unknown): boolean {
	const code = (err as { code?: string } | undefined)?.code;
	return (
		code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
		code === '23505'
	);
}

export async function databaseStatus(db: Kysely<DB>): Promise<'ok' | 'error'> {
	try {
		await sql`select 1`.execute(db);
		return 'ok';
	} catch {
		return 'error';
	}
}

/** Bytes for a BLOB (SQLite) or bytea (PostgreSQL) column: both drivers take a Buffer. */
export function toBuffer(data: Uint8Array): Buffer {
	return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
