import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers';

// Secret ballots while the vote is open: sealed (encrypted with a key the database never holds)
// and written beside the voter's participation; the readable ballots are written only at the
// close, all in one transaction and in the order of their random ids (voting/secrecy.ts).
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);
	await db.schema
		.createTable('vote_sealed_ballot')
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('sealed', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addPrimaryKeyConstraint('vote_sealed_ballot_pk', ['vote_id', 'id'])
		.$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('vote_sealed_ballot').execute();
}
