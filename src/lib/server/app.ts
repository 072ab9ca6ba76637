import { createDb, type DB } from '$lib/server/db';
import type { Kysely } from 'kysely';

// The one database handle of the running app, opened on first use from DATABASE_URL.
let instance: Kysely<DB> | undefined;

export function getDb(): Kysely<DB> {
	instance ??= createDb(process.env.DATABASE_URL);
	return instance;
}

export async function closeDb(): Promise<void> {
	const db = instance;
	instance = undefined;
	await db?.destroy();
}
