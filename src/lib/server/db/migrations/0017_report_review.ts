import { sql, type Kysely } from 'kysely';
import { appendOnly, idColumn } from './helpers';

// Social control of the treasurer's report (domain.md §2.5): the treasurer hands in the report of
// a period, frozen as canonical JSON with its SHA-256; the vigilance committee observes it or
// finds it "conforme"; each observation gets the treasurer's written answer; the assembly approves
// it and the register entry carries the report's hash. Nothing here is ever changed or removed:
// the review is the list of its events.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('money_report')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('period_from', 'text', (c) => c.notNull())
		.addColumn('period_to', 'text', (c) => c.notNull())
		// The report as it was handed in (canonical JSON) and its SHA-256.
		.addColumn('report', 'text', (c) => c.notNull())
		.addColumn('report_hash', 'text', (c) => c.notNull())
		.addColumn('submitted_by', 'text', (c) => c.references('user.id'))
		.addColumn('submitted_name', 'text', (c) => c.notNull())
		.addColumn('submitted_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('money_report_period', ['association_id', 'period_from', 'period_to'])
		.execute();

	await db.schema
		.createTable('money_report_event')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('report_id', 'integer', (c) => c.notNull().references('money_report.id'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('observation', 'answer', 'conforme', 'approved')`)
		)
		.addColumn('body', 'text', (c) => c.notNull())
		// An answer names the observation it answers; each is answered once.
		.addColumn('answers_id', 'integer', (c) => c.references('money_report_event.id'))
		// The approval names its register entry.
		.addColumn('decision_seq', 'integer')
		.addColumn('actor_user', 'text', (c) => c.references('user.id'))
		.addColumn('actor_name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('money_report_event_answer', ['answers_id'])
		.execute();
	await db.schema
		.createIndex('money_report_event_report')
		.on('money_report_event')
		.columns(['report_id', 'id'])
		.execute();

	for (const table of ['money_report', 'money_report_event']) await appendOnly(db, table);
}
