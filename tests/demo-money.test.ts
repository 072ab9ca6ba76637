// The demo's money as a new user finds it (issue 13): the plan approved and half executed, with
// domain.md's first-quarter figures, receipts beside the expenses, and the chain intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/db/test-db';
import { getExecution, listAccounts, listMovements, verifyMoneyDb } from '$lib/server/money';
import { seedDemo } from '../scripts/seed-demo';

let t: TestDb;
let associationId: number;

beforeAll(async () => {
	t = await createTestDb();
	await seedDemo(t.db);
	associationId = Number(
		(await t.db.selectFrom('association').select('id').executeTakeFirstOrThrow()).id
	);
}, 120_000);
afterAll(() => t.close());

describe('the demo money', () => {
	it('executes the approved plan version 2 against its lines, with receipts', async () => {
		const found = (await getExecution(t.db, associationId))!;
		expect(found.plan.lines).toHaveLength(11);
		expect(found.execution.total.planned).toBe(53_060_000);
		const tank = found.execution.lines.find((l) => l.code === 'I-01')!;
		// The tank bought: PAR 84.000 and the counterpart's 12.000, all spent.
		expect(tank.bySource.par.spent).toBe(8_400_000);
		expect(tank.bySource.cash.remaining).toBe(0);
		const expenses = (await listMovements(t.db, associationId)).filter(
			(mv) => mv.kind === 'expense' && mv.lineId
		);
		expect(expenses.every((mv) => mv.receiptId !== null)).toBe(true);
	});

	it("keeps domain.md's balances: Bs 1.475 in the cash box and Bs 92.250 in the bank today", async () => {
		const accounts = await listAccounts(t.db, associationId);
		expect(accounts.map((a) => [a.kind, a.balance])).toEqual([
			['bank', 9_225_000],
			['cash', 147_500]
		]);
	});

	it('verifies', async () => {
		const report = await verifyMoneyDb(t.db);
		expect(report.ok).toBe(true);
	});
});
