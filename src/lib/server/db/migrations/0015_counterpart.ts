import { sql, type Kysely } from 'kysely';
import { appendOnly, idColumn } from './helpers';

// The counterpart split per household, as the assembly agreed it: each instalment (cash and labour
// days due by a date), append-only like the money it asks for. Setting a household's instalment
// for a date again adds a row; the latest row for (household, date) is the one in force, so the
// earlier split stays readable. Labour days worked are `money_labour` (0010); cash paid is the
// counterpart income movement. A vote opened while the rules leave households in arrears out keeps
// who was left out and why, beside its frozen electorate.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('counterpart_quota')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('household', 'text', (c) => c.notNull())
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('cash_cents', 'bigint', (c) => c.notNull().check(sql`cash_cents >= 0`))
		.addColumn('labour_tenths', 'integer', (c) => c.notNull().check(sql`labour_tenths >= 0`))
		// The decision (register number) or the acta that agreed the split, in words.
		.addColumn('agreed_by', 'text', (c) => c.notNull())
		.addColumn('decision_seq', 'integer')
		.addColumn('recorded_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('counterpart_quota_household')
		.on('counterpart_quota')
		.columns(['association_id', 'household', 'due_on'])
		.execute();

	// JSON: the households left out of the electorate when the vote opened, with their standing.
	await db.schema.alterTable('vote').addColumn('exclusions', 'text').execute();

	await appendOnly(db, 'counterpart_quota');
}
