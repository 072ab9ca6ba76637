import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

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

/**
 * Makes `table` append-only: the database itself refuses UPDATE and DELETE (and TRUNCATE on
 * PostgreSQL), whatever code runs against it. The messages say "append-only", which `npm run
 * verify` looks for.
 */
export async function appendOnly(db: Kysely<any>, table: string): Promise<void> {
	if (isPostgres(db)) {
		await sql`
			create function ${sql.raw(table)}_append_only() returns trigger language plpgsql as $$
			begin
				raise exception '${sql.raw(table)} is append-only: % refused', tg_op
					using errcode = 'integrity_constraint_violation';
			end
			$$`.execute(db);
		await sql`
			create trigger ${sql.raw(table)}_no_change before update or delete on ${sql.raw(table)}
			for each row execute function ${sql.raw(table)}_append_only()`.execute(db);
		await sql`
			create trigger ${sql.raw(table)}_no_truncate before truncate on ${sql.raw(table)}
			for each statement execute function ${sql.raw(table)}_append_only()`.execute(db);
		return;
	}
	await sql`
		create trigger ${sql.raw(table)}_no_update before update on ${sql.raw(table)}
		begin
			select raise(abort, '${sql.raw(table)} is append-only: UPDATE refused');
		end`.execute(db);
	await sql`
		create trigger ${sql.raw(table)}_no_delete before delete on ${sql.raw(table)}
		begin
			select raise(abort, '${sql.raw(table)} is append-only: DELETE refused');
		end`.execute(db);
}
