import { sql, type Kysely } from 'kysely';
import { appendOnly, idColumn, isPostgres } from './helpers';

// Purchases with quotations (domain.md §1.2 step 8): a purchase charged to a plan line, the
// quotations the committee records for it (each with its document, kept like a receipt: type
// from its bytes, SHA-256, never changed), and the award, a decision in the register. A quotation
// is never edited or removed (the database refuses); an expense above the threshold names the
// awarded purchase and quotation.
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);

	await db.schema
		.createTable('purchase')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('plan_hash', 'text', (c) => c.notNull())
		.addColumn('line_id', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('open', 'awarded', 'cancelled')`)
		)
		.addColumn('awarded_quotation_id', 'integer')
		.addColumn('award_seq', 'integer')
		.addColumn('award_reason', 'text')
		.addColumn('created_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('awarded_at', 'bigint')
		.execute();
	await db.schema
		.createIndex('purchase_line')
		.on('purchase')
		.columns(['association_id', 'plan_hash', 'line_id'])
		.execute();

	await db.schema
		.createTable('quotation')
		.addColumn('id', 'integer', (c) => idColumn(db, c))
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('purchase_id', 'integer', (c) => c.notNull().references('purchase.id'))
		.addColumn('supplier', 'text', (c) => c.notNull())
		// The supplier as compared: one quotation per supplier and purchase.
		.addColumn('supplier_key', 'text', (c) => c.notNull())
		.addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
		.addColumn('terms', 'text', (c) => c.notNull())
		.addColumn('document_id', 'integer', (c) => c.notNull().references('money_receipt.id'))
		.addColumn('recorded_by', 'text', (c) => c.references('user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('quotation_supplier', ['purchase_id', 'supplier_key'])
		.execute();

	await db.schema
		.alterTable('money_movement')
		.addColumn('purchase_id', 'integer', (c) => c.references('purchase.id'))
		.execute();
	await db.schema
		.alterTable('money_movement')
		.addColumn('quotation_id', 'integer', (c) => c.references('quotation.id'))
		.execute();

	await appendOnly(db, 'quotation');
	if (pg) {
		// An awarded or cancelled purchase stays as it was.
		await sql`
			create function purchase_settled() returns trigger language plpgsql as $$
			begin
				if tg_op = 'DELETE' or old.status <> 'open' then
					raise exception 'purchase % is settled: % refused', old.id, tg_op
						using errcode = 'integrity_constraint_violation';
				end if;
				return new;
			end
			$$`.execute(db);
		await sql`
			create trigger purchase_no_change before update or delete on purchase
			for each row execute function purchase_settled()`.execute(db);
		return;
	}
	await sql`
		create trigger purchase_no_change before update on purchase when old.status <> 'open'
		begin
			select raise(abort, 'purchase is settled: UPDATE refused');
		end`.execute(db);
	await sql`
		create trigger purchase_no_delete before delete on purchase
		begin
			select raise(abort, 'purchase: DELETE refused');
		end`.execute(db);
}
