import { sql, type Kysely } from 'kysely';
import { appendOnly, idColumn } from './helpers';

// Tranches of the programme's money (domain.md §1.2, step 7): the treasurer requests tranche n
// with a descargo, the expenses since the previous one with their receipts and the counterpart
// reached, frozen as canonical JSON with its SHA-256; its arrival is an income movement, named
// here by its seq. And the vote that puts a treasurer report to the assembly (in the room or
// online), whose close approves it. Nothing is ever changed or removed.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('money_tranche')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
		// Centavos requested.
		.addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
		// The descargo covers the expenses after `since` (the previous tranche's cutoff) up to
		// and including `cutoff`, both YYYY-MM-DD; the first tranche has no `since`.
		.addColumn('since', 'text')
		.addColumn('cutoff', 'text', (c) => c.notNull())
		.addColumn('descargo', 'text', (c) => c.notNull())
		.addColumn('descargo_hash', 'text', (c) => c.notNull())
		.addColumn('requested_by', 'text', (c) => c.references('user.id'))
		.addColumn('requested_name', 'text', (c) => c.notNull())
		.addColumn('requested_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('money_tranche_number', ['association_id', 'number'])
		.execute();

	await db.schema
		.createTable('money_tranche_arrival')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('tranche_id', 'integer', (c) => c.notNull().references('money_tranche.id'))
		// The income movement that booked it.
		.addColumn('movement_seq', 'integer', (c) => c.notNull())
		.addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
		.addColumn('received_on', 'text', (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.references('user.id'))
		.addColumn('recorded_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('money_tranche_arrival_once', ['tranche_id'])
		.execute();

	await db.schema
		.createTable('money_report_vote')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('report_id', 'integer', (c) => c.notNull().references('money_report.id'))
		.addColumn('vote_id', 'integer', (c) => c.notNull().references('vote.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('money_report_vote_once', ['vote_id'])
		.execute();
	await db.schema
		.createIndex('money_report_vote_report')
		.on('money_report_vote')
		.columns(['report_id'])
		.execute();

	for (const table of ['money_tranche', 'money_tranche_arrival', 'money_report_vote'])
		await appendOnly(db, table);
}
