import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from './helpers';

// The association's money: its accounts (bank, cash box), the receipts that prove expenses, and
// the movements, one hash chain per association like the decision register. A movement is never
// changed or removed (the database refuses): a mistake is corrected by a reversing movement that
// cites it. Labour days of the counterpart are recorded the same append-only way.
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);

	await db.schema
		.createTable('money_account')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bank', 'cash')`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('money_account_name', ['association_id', 'name'])
		.execute();

	await db.schema
		.createTable('money_receipt')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.references('user.id'))
		.addColumn('uploaded_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('money_movement')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('income', 'expense', 'transfer')`)
		)
		.addColumn('income_kind', 'text')
		.addColumn('account_id', 'integer', (c) => c.notNull().references('money_account.id'))
		.addColumn('to_account_id', 'integer', (c) => c.references('money_account.id'))
		// Centavos, always positive; a reversal undoes its original's effect.
		.addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
		.addColumn('occurred_on', 'text', (c) => c.notNull())
		.addColumn('line_id', 'text')
		.addColumn('source', 'text')
		.addColumn('plan_hash', 'text')
		.addColumn('supplier', 'text')
		.addColumn('receipt_number', 'text')
		.addColumn('supplier_key', 'text')
		.addColumn('receipt_id', 'integer', (c) => c.references('money_receipt.id'))
		.addColumn('household', 'text')
		.addColumn('reverses_seq', 'integer')
		.addColumn('entry', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('money_movement_seq', ['association_id', 'seq'])
		// Two movements can never follow the same one: the chain cannot fork inside the database.
		.addUniqueConstraint('money_movement_prev', ['association_id', 'prev_hash'])
		// A movement is reversed at most once.
		.addUniqueConstraint('money_movement_reverses', ['association_id', 'reverses_seq'])
		.execute();
	await db.schema
		.createIndex('money_movement_line')
		.on('money_movement')
		.columns(['association_id', 'plan_hash', 'line_id', 'seq'])
		.execute();
	await db.schema
		.createIndex('money_movement_supplier')
		.on('money_movement')
		.columns(['association_id', 'supplier_key'])
		.execute();
	await db.schema
		.createIndex('money_movement_household')
		.on('money_movement')
		.columns(['association_id', 'household'])
		.execute();

	await db.schema
		.createTable('money_labour')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('household', 'text', (c) => c.notNull())
		// Labour days, in tenths of a day (half a jornal is 5).
		.addColumn('tenths', 'integer', (c) => c.notNull().check(sql`tenths <> 0`))
		.addColumn('occurred_on', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('witness_member_id', 'integer', (c) => c.references('member.id'))
		.addColumn('recorded_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('money_labour_household')
		.on('money_labour')
		.columns(['association_id', 'household'])
		.execute();

	for (const table of ['money_movement', 'money_receipt', 'money_labour']) {
		if (pg) {
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
			continue;
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
}
