import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Shared by migrations only; migrations must not import application code, so this file stays
// frozen in behaviour once a migration that uses it has landed.

export function isPostgres(db: Kysely<any>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer primary key that the database numbers, on SQLite and PostgreSQL alike. */
export function idColumn(db: Kysely<any>, c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
	return isPostgres(db)
		? c.primaryKey().generatedByDefaultAsIdentity()
		: c.primaryKey().autoIncrement();
}
