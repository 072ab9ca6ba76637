import { sql, type Kysely } from 'kysely';
import { appendOnly, idColumn, isPostgres } from './helpers';

// Spoken explanations (issue 18, item 3): a leader records what a proposal, a budget line, a vote,
// an option or candidate, a decision or an agenda point means, in a language noted beside it, for
// members who do not read. The bytes are kept in the database with their SHA-256 (one file to back
// up). Nothing is changed or removed: a recording withdrawn gets a retirement row of its own.
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);
	await db.schema
		.createTable('voice_recording')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		// draft | draft_line | vote | vote_option | decision | agenda_point
		.addColumn('subject_kind', 'text', (c) => c.notNull())
		// The subject's id as text: a row id, a register seq, or `draftId:lineId` for a budget line.
		.addColumn('subject_ref', 'text', (c) => c.notNull())
		// es | qu | ay | other
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
		// Seconds, as read from the file or reported by the recorder, bounded; null when unknown.
		.addColumn('duration', 'integer', (c) => c.check(sql`duration >= 0`))
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.references('user.id'))
		.addColumn('recorded_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('voice_recording_subject')
		.on('voice_recording')
		.columns(['association_id', 'subject_kind', 'subject_ref'])
		.execute();

	await db.schema
		.createTable('voice_retirement')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('recording_id', 'integer', (c) => c.notNull().references('voice_recording.id'))
		.addColumn('retired_by', 'text', (c) => c.references('user.id'))
		.addColumn('retired_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('voice_retirement_once', ['recording_id'])
		.execute();

	for (const table of ['voice_recording', 'voice_retirement']) await appendOnly(db, table);
}
