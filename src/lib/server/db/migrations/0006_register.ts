import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from './helpers';

// The decision register: one hash chain per association. A row is its entry's canonical JSON,
// that text's SHA-256 and the previous entry's hash; the other columns repeat what the entry says
// so the archive can search and filter (the verifier checks they agree). The database refuses to
// change or remove a row: a correction is a new entry.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('decision')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('vote', 'hand_count', 'consensus', 'correction')`)
		)
		.addColumn('outcome', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		// Title and summary, lower case and without accents, for the archive's word search.
		.addColumn('search_text', 'text', (c) => c.notNull())
		.addColumn('decided_at', 'bigint', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('vote_id', 'integer', (c) => c.references('vote.id'))
		.addColumn('corrects_seq', 'integer')
		.addColumn('entry', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('decision_seq', ['association_id', 'seq'])
		// Two entries can never follow the same one: the chain cannot fork inside the database.
		.addUniqueConstraint('decision_prev', ['association_id', 'prev_hash'])
		// A vote is decided once.
		.addUniqueConstraint('decision_vote', ['vote_id'])
		.execute();
	await db.schema
		.createIndex('decision_archive')
		.on('decision')
		.columns(['association_id', 'year', 'kind', 'outcome'])
		.execute();

	if (isPostgres(db)) {
		await sql`
			create function decision_append_only() returns trigger language plpgsql as $$
			begin
				raise exception 'the decision register is append-only: % refused', tg_op
					using errcode = 'integrity_constraint_violation';
			end
			$$`.execute(db);
		await sql`
			create trigger decision_no_change before update or delete on decision
			for each row execute function decision_append_only()`.execute(db);
		await sql`
			create trigger decision_no_truncate before truncate on decision
			for each statement execute function decision_append_only()`.execute(db);
		return;
	}
	await sql`
		create trigger decision_no_update before update on decision
		begin
			select raise(abort, 'the decision register is append-only: UPDATE refused');
		end`.execute(db);
	await sql`
		create trigger decision_no_delete before delete on decision
		begin
			select raise(abort, 'the decision register is append-only: DELETE refused');
		end`.execute(db);
}
