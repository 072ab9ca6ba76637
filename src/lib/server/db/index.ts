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

export function createDb(
	url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
): Kysely<DB> {
	if (isPostgresUrl(url)) {
		pg.types.setTypeParser(pg.types.builtins.INT8, Number);
		return new Kysely<DB>({
			dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) })
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
	return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
}

export async function migrateToLatest(db: Kysely<DB>): Promise<void> {
	const migrator = new Migrator({ db, provider: migrationProvider });
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

/**
 * Runs a read-modify-write as one serialised write transaction: `BEGIN IMMEDIATE` on SQLite (the
 * write lock is taken before the first read) and SERIALIZABLE on PostgreSQL, retried when the
 * database reports a serialisation conflict.
 */
export async function writeTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	// Already inside one: compose with the caller's transaction.
	if (db.isTransaction || openSqliteTx.has(db)) return fn(db);
	if (isSqlite(db)) {
		return db.connection().execute(async (conn) => {
			await sql`begin immediate`.execute(conn);
			openSqliteTx.add(conn);
			try {
				const result = await fn(conn);
				await sql`commit`.execute(conn);
				return result;
			} catch (err) {
				await sql`rollback`.execute(conn);
				throw err;
			} finally {
				openSqliteTx.delete(conn);
			}
		});
	}
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.transaction().setIsolationLevel('serializable').execute(fn);
		} catch (err) {
			const code = (err as { code?: string }).code;
			if ((code !== '40001' && code !== '40P01') || attempt >= 5) throw err;
		}
	}
}

/** True when `err` is the database refusing a duplicate key (UNIQUE or PRIMARY KEY). */
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
