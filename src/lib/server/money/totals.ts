// Running totals of the ledger, kept in the transaction that appends each movement: every
// account's balance, and what each plan line spent per source with how many expenses it has.
// The money page and each new movement read them instead of summing the whole ledger, so their
// cost does not grow with its history. They are derived data: `npm run verify` recomputes them
// from the movements and names any that disagree.
import type { Db } from '$lib/server/db';
import type { MoneyMovement } from '$lib/server/db/schema';
import { movementEffect } from '$lib/money/ledger';

type Row = Pick<
	MoneyMovement,
	| 'kind'
	| 'account_id'
	| 'to_account_id'
	| 'amount'
	| 'plan_hash'
	| 'line_id'
	| 'source'
	| 'reverses_seq'
>;

export const accountKey = (accountId: number) => `a:${accountId}`;
/** The source comes before the line's id, which may hold any character. */
export const lineKey = (planHash: string, lineId: string, source: string) =>
	`l:${planHash}:${source}:${lineId}`;
export const planPrefix = (planHash: string) => `l:${planHash}:`;

/** What one movement adds to the totals: per account its effect, per line and source its spending. */
export function totalsOf(row: Row): { key: string; total: number; count: number }[] {
	const out = movementEffect({
		kind: row.kind,
		account: Number(row.account_id),
		toAccount: row.to_account_id === null ? null : Number(row.to_account_id),
		amount: Number(row.amount),
		lineId: row.line_id,
		source: row.source,
		reverses: row.reverses_seq === null ? null : Number(row.reverses_seq)
	}).map(([account, delta]) => ({ key: accountKey(account), total: delta, count: 1 }));
	if (row.kind === 'expense' && row.plan_hash && row.line_id && row.source)
		out.push({
			key: lineKey(row.plan_hash, row.line_id, row.source),
			total: Number(row.amount) * (row.reverses_seq === null ? 1 : -1),
			count: 1
		});
	return out;
}

/** Adds one movement to the totals; inside the transaction that appends it. */
export async function addToTotals(tx: Db, associationId: number, row: Row): Promise<void> {
	for (const { key, total, count } of totalsOf(row))
		await tx
			.insertInto('money_total')
			.values({ association_id: associationId, key, total, count })
			.onConflict((oc) =>
				oc.columns(['association_id', 'key']).doUpdateSet((eb) => ({
					total: eb('money_total.total', '+', eb.ref('excluded.total')),
					count: eb('money_total.count', '+', eb.ref('excluded.count'))
				}))
			)
			.execute();
}

/** The totals whose key starts with `prefix` (letters, digits and colons only), by key. */
export async function readTotals(
	db: Db,
	associationId: number,
	prefix: string
): Promise<Map<string, { total: number; count: number }>> {
	const rows = await db
		.selectFrom('money_total')
		.select(['key', 'total', 'count'])
		.where('association_id', '=', associationId)
		.where('key', 'like', `${prefix}%`)
		.execute();
	return new Map(rows.map((r) => [r.key, { total: Number(r.total), count: Number(r.count) }]));
}

/** The totals recomputed from every movement, as verify compares them. */
export function recomputeTotals(
	rows: Iterable<Row>
): Map<string, { total: number; count: number }> {
	const out = new Map<string, { total: number; count: number }>();
	for (const row of rows)
		for (const { key, total, count } of totalsOf(row)) {
			const t = out.get(key) ?? { total: 0, count: 0 };
			out.set(key, { total: t.total + total, count: t.count + count });
		}
	return out;
}
