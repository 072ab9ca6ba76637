import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from './helpers';

// General assemblies: the call (kind, place, first and second call), the agenda, attendance with
// proxies and excuses, and the acta's number, close and register head. A vote may belong to the
// assembly it was decided in, and records at which call that assembly met (its quorum rule).
// The photo of the signed acta is kept in the database, next to the acta it proves (one file to
// back up; the upload is small and bounded).
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);

	await db.schema
		.createTable('assembly')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) =>
			c.notNull().references('association.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ordinary', 'extraordinary')`))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull())
		.addColumn('first_call_at', 'bigint', (c) => c.notNull())
		.addColumn('second_call_at', 'bigint', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('convened', 'in_session', 'closed', 'cancelled')`)
		)
		.addColumn('call', 'text', (c) => c.check(sql`call in ('first', 'second')`))
		.addColumn('current_point_id', 'integer')
		.addColumn('started_at', 'bigint')
		.addColumn('ended_at', 'bigint')
		// Acta Nº number/year, given at the close.
		.addColumn('acta_number', 'integer')
		.addColumn('acta_year', 'integer')
		.addColumn('head_seq', 'integer')
		.addColumn('head_hash', 'text')
		// Attendance as it stood at the close, for the acta: JSON of the quorum count.
		.addColumn('closing_quorum', 'text')
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('assembly_acta_number', ['association_id', 'acta_year', 'acta_number'])
		.execute();
	await db.schema
		.createIndex('assembly_by_association')
		.on('assembly')
		.columns(['association_id', 'first_call_at'])
		.execute();

	await db.schema
		.createTable('assembly_point')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('assembly_id', 'integer', (c) =>
			c.notNull().references('assembly.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('previous_acta', 'report', 'decision', 'other')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('proposed_by', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('vote_id', 'integer', (c) => c.references('vote.id').onDelete('set null'))
		.addColumn('decision_seq', 'integer')
		.addColumn('resolution', 'text', (c) =>
			c.check(sql`resolution in ('vote', 'consensus', 'postponed')`)
		)
		// What was agreed, in the secretary's words (consensus), as the register records it.
		.addColumn('resolution_text', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.createIndex('assembly_point_order')
		.on('assembly_point')
		.columns(['assembly_id', 'position'])
		.execute();

	await db.schema
		.createTable('assembly_attendance')
		.addColumn('assembly_id', 'integer', (c) =>
			c.notNull().references('assembly.id').onDelete('cascade')
		)
		.addColumn('member_id', 'integer', (c) =>
			c.notNull().references('member.id').onDelete('cascade')
		)
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('present', 'proxy', 'excused')`)
		)
		.addColumn('holder_member_id', 'integer', (c) => c.references('member.id').onDelete('cascade'))
		.addColumn('recorded_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('recorded_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('assembly_attendance_pk', ['assembly_id', 'member_id'])
		.addCheckConstraint(
			'assembly_attendance_holder',
			sql`(status = 'proxy') = (holder_member_id is not null)`
		)
		.execute();

	await db.schema
		.createTable('assembly_photo')
		.addColumn('assembly_id', 'integer', (c) =>
			c.primaryKey().references('assembly.id').onDelete('cascade')
		)
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('uploaded_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.alterTable('vote')
		.addColumn('assembly_id', 'integer', (c) => c.references('assembly.id').onDelete('set null'))
		.execute();
	await db.schema
		.alterTable('vote')
		.addColumn('quorum_call', 'text', (c) => c.notNull().defaultTo('first'))
		.execute();
}
