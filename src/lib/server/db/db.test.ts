import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createDb,
	isUniqueViolation,
	migrateToLatest,
	poolSize,
	printableUrl,
	sqlitePath,
	writeTx
} from './index';
import { createTestDb, type TestDb } from '$lib/server/testing/db';

describe('DATABASE_URL', () => {
	it('names a SQLite file by path or file: URL', () => {
		expect(sqlitePath('./data/minka.db')).toBe('./data/minka.db');
		expect(sqlitePath('file:./data/x.db')).toBe('./data/x.db');
		expect(sqlitePath('file:///var/lib/minka/x.db')).toBe('/var/lib/minka/x.db');
		expect(sqlitePath('file:///tmp/a%20b.db?mode=rwc')).toBe('/tmp/a b.db');
		expect(sqlitePath('file:demo.db?mode=ro')).toBe('demo.db');
		expect(printableUrl('postgres://minka:secreto@db:5432/minka')).toBe(
			'postgres://***@db:5432/minka'
		);
	});

	it('takes the PostgreSQL pool size from DATABASE_POOL_SIZE', () => {
		expect(poolSize(undefined)).toBe(10);
		expect(poolSize('')).toBe(10);
		expect(poolSize('25')).toBe(25);
		for (const bad of ['0', '-3', '2.5', 'diez', '5000'])
			expect(() => poolSize(bad)).toThrow(/DATABASE_POOL_SIZE/);
	});

	it('creates the folder, and opens SQLite durable: WAL, synchronous FULL, foreign keys', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-db-'));
		const file = path.join(dir, 'nested', 'deeper', 'm.db');
		const db = createDb(`file:${file}`);
		try {
			const pragma = async (name: string) =>
				Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
			expect(await pragma('journal_mode')).toBe('wal');
			expect(await pragma('synchronous')).toBe(2);
			expect(await pragma('foreign_keys')).toBe(1);
			expect(await pragma('busy_timeout')).toBe(5000);
			expect(fs.existsSync(file)).toBe(true);
		} finally {
			await db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('migrations and transactions', () => {
	let t: TestDb;
	beforeEach(async () => {
		t = await createTestDb();
	});
	afterEach(() => t.close());

	it('migrate once: a second run is a no-op', async () => {
		await migrateToLatest(t.db);
		const tables = await t.db.introspection.getTables();
		expect(tables.map((x) => x.name)).toEqual(
			expect.arrayContaining([
				'user',
				'session',
				'association',
				'member',
				'invitation',
				'audit_event'
			])
		);
	});

	it('writeTx rolls everything back when its body throws', async () => {
		const insert = (id: string) =>
			t.db.insertInto('throttle').values({ key: id, failures: 1, window_start: 0 });
		await expect(
			writeTx(t.db, async (tx) => {
				await tx
					.insertInto('throttle')
					.values({ key: 'a', failures: 1, window_start: 0 })
					.execute();
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await t.db.selectFrom('throttle').selectAll().execute()).toEqual([]);
		await insert('b').execute();
		const err = await insert('b')
			.execute()
			.catch((e: unknown) => e);
		expect(isUniqueViolation(err)).toBe(true);
	});

	it('writeTx nests into an enclosing one instead of failing', async () => {
		await writeTx(t.db, async (tx) => {
			await writeTx(tx, async (inner) => {
				await inner
					.insertInto('throttle')
					.values({ key: 'n', failures: 1, window_start: 0 })
					.execute();
			});
		});
		expect(await t.db.selectFrom('throttle').select('key').execute()).toEqual([{ key: 'n' }]);
	});

	it('refuses a member of an association that does not exist', async () => {
		const err = await t.db
			.insertInto('member')
			.values({
				association_id: 999,
				user_id: null,
				name: 'X',
				id_number: null,
				community: null,
				role: 'member',
				office: null,
				status: 'active',
				created_at: 0,
				updated_at: 0
			})
			.execute()
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(Error);
	});
});
