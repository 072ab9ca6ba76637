import type { Kysely } from 'kysely';

// Running totals of the ledger (src/lib/server/money/totals.ts): each account's balance and what
// each plan line spent per source, with how many movements; kept in the transaction that appends
// a movement, so reading them does not grow with the ledger. Filled here from the movements so
// far. Derived data: verify recomputes them.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('money_total')
		.addColumn('association_id', 'integer', (c) => c.notNull().references('association.id'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('total', 'bigint', (c) => c.notNull())
		.addColumn('count', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('money_total_pk', ['association_id', 'key'])
		.execute();

	// A period's report reads the movements after a day: the totals less those.
	await db.schema
		.createIndex('money_movement_day')
		.on('money_movement')
		.columns(['association_id', 'occurred_on'])
		.execute();

	// The latest expenses charged to no plan line, found without reading the others.
	await db.schema
		.createIndex('money_movement_unlined')
		.on('money_movement')
		.columns(['association_id', 'kind', 'line_id', 'seq'])
		.execute();

	const rows = await db
		.selectFrom('money_movement')
		.select([
			'association_id',
			'kind',
			'account_id',
			'to_account_id',
			'amount',
			'plan_hash',
			'line_id',
			'source',
			'reverses_seq'
		])
		.execute();
	const totals = new Map<
		string,
		{ association_id: number; key: string; total: number; count: number }
	>();
	const add = (association: number, key: string, delta: number) => {
		const id = `${association} ${key}`;
		const t = totals.get(id) ?? { association_id: association, key, total: 0, count: 0 };
		t.total += delta;
		t.count += 1;
		totals.set(id, t);
	};
	for (const r of rows) {
		const a = Number(r.association_id);
		const amount = Number(r.amount) * (r.reverses_seq === null ? 1 : -1);
		if (r.kind === 'income') add(a, `a:${r.account_id}`, amount);
		else add(a, `a:${r.account_id}`, -amount);
		if (r.kind === 'transfer') add(a, `a:${r.to_account_id ?? r.account_id}`, amount);
		if (r.kind === 'expense' && r.plan_hash && r.line_id && r.source)
			add(a, `l:${r.plan_hash}:${r.source}:${r.line_id}`, amount);
	}
	const values = [...totals.values()];
	for (let i = 0; i < values.length; i += 500)
		await db
			.insertInto('money_total')
			.values(values.slice(i, i + 500))
			.execute();
}
