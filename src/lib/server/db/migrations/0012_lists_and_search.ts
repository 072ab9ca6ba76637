import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers';

// Pages whose cost does not grow with the association's history: the register's word search by a
// full-text index (SQLite FTS5, PostgreSQL tsvector + GIN) instead of a LIKE over every entry, the
// corrections of a decision by an index, and the votes of one status newest first by an index.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('decision_corrects')
		.on('decision')
		.columns(['association_id', 'corrects_seq', 'seq'])
		.execute();
	await db.schema
		.createIndex('vote_by_status')
		.on('vote')
		.columns(['association_id', 'status', 'id'])
		.execute();

	if (isPostgres(db)) {
		await sql`create index decision_search on decision using gin (to_tsvector('simple', search_text))`.execute(
			db
		);
		return;
	}
	// The register is append-only (its triggers refuse UPDATE and DELETE), so the index follows
	// inserts only.
	await sql`
		create virtual table decision_fts using fts5(
			search_text, content = 'decision', content_rowid = 'id', tokenize = 'unicode61'
		)`.execute(db);
	await sql`insert into decision_fts (rowid, search_text) select id, search_text from decision`.execute(
		db
	);
	await sql`
		create trigger decision_fts_insert after insert on decision
		begin
			insert into decision_fts (rowid, search_text) values (new.id, new.search_text);
		end`.execute(db);
}
