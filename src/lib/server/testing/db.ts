// Test support: a fresh database with the real migrations, on a real SQLite file by default, or
// on a PostgreSQL schema of its own when TEST_POSTGRES_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest, type DB } from '$lib/server/db';

export interface TestDb {
	db: Kysely<DB>;
	url: string;
	close(): Promise<void>;
}

let counter = 0;

export async function createTestDb(): Promise<TestDb> {
	const pgUrl = process.env.TEST_POSTGRES_URL;
	if (pgUrl) return createPostgresTestDb(pgUrl);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-test-'));
	const url = path.join(dir, `test-${process.pid}-${++counter}.db`);
	const db = createDb(url);
	await migrateToLatest(db);
	return {
		db,
		url,
		async close() {
			await db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

async function createPostgresTestDb(baseUrl: string): Promise<TestDb> {
	const schema = `t_${process.pid}_${++counter}_${Date.now().toString(36)}`;
	const admin = createDb(baseUrl);
	await sql`create schema ${sql.id(schema)}`.execute(admin);
	await admin.destroy();
	const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
	const db = createDb(url);
	await migrateToLatest(db, schema);
	return {
		db,
		url,
		async close() {
			await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
			await db.destroy();
		}
	};
}
