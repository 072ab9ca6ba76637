// The demo's money as a new user finds it (issue 13): the plan approved and half executed, with
// domain.md's first-quarter figures, receipts beside the expenses, and the chain intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { loadAssociationContext } from '$lib/server/associations';
import {
	getExecution,
	getReportReview,
	householdStandings,
	listAccounts,
	listMovements,
	listReports,
	listTranches,
	renderReportPdf,
	treasurerReport,
	verifyMoneyDb
} from '$lib/server/money';
import type { RegisterEntry } from '$lib/record/chain';
import { readExclusions } from '$lib/money/counterpart';
import { DEMO_IN_ARREARS } from '../scripts/demo/data';
import { pdfText } from '$lib/server/testing/pdf';
import { seedDemo } from '../scripts/demo/seed';

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

	it('bought the tank after comparing three quotations, the award a decision in the register', async () => {
		const purchases = await t.db
			.selectFrom('purchase')
			.selectAll()
			.where('association_id', '=', associationId)
			.execute();
		expect(purchases).toHaveLength(4);
		expect(purchases.every((p) => p.status === 'awarded' && p.award_seq !== null)).toBe(true);
		const tank = purchases.find((p) => p.title.startsWith('Tanque'))!;
		const quotations = await t.db
			.selectFrom('quotation')
			.select(['id'])
			.where('purchase_id', '=', tank.id)
			.execute();
		expect(quotations).toHaveLength(3);
		const paid = await t.db
			.selectFrom('money_movement')
			.select(['quotation_id'])
			.where('association_id', '=', associationId)
			.where('purchase_id', '=', tank.id)
			.execute();
		expect(paid).toHaveLength(3);
		expect(paid.every((mv) => Number(mv.quotation_id) === Number(tank.awarded_quotation_id))).toBe(
			true
		);
	});

	it('keeps its balances: Bs 1.475 in the cash box and Bs 81.250 in the bank today, after two technician fees', async () => {
		const accounts = await listAccounts(t.db, associationId);
		expect(accounts.map((a) => [a.kind, a.balance])).toEqual([
			['bank', 8_125_000],
			['cash', 147_500]
		]);
	});

	it("reproduces domain.md's first-quarter report: 3.420 + 215.730 − 96.085 = 123.065", async () => {
		const day = (n: number) =>
			new Date(Date.now() - n * 86_400_000 - 4 * 3_600_000).toISOString().slice(0, 10);
		const ctx = (await loadAssociationContext(t.db, 'sumaj-lichi', null))!;
		const report = await treasurerReport(t.db, ctx, { from: day(124), to: day(50) });
		const sum = (rows: { balance: number }[]) => rows.reduce((n, r) => n + r.balance, 0);
		expect(sum(report.opening)).toBe(342_000);
		expect(report.incomeTotal).toBe(21_573_000);
		expect(Object.fromEntries(report.income.map((i) => [i.kind, i.amount]))).toEqual({
			counterpart: 3_528_000,
			tranche: 18_000_000,
			fines: 45_000
		});
		expect(report.expenseTotal).toBe(9_608_500);
		expect(report.closing.map((r) => r.balance)).toEqual([12_205_000, 101_500]);
		expect(report.expenses.find((e) => e.number === '00123')).toMatchObject({
			line: 'I-01',
			source: 'par',
			amount: 4_800_000
		});
		const { text } = await pdfText(await renderReportPdf(report, 'carta'));
		expect(text).toContain('Informe económico del tesorero');
		expect(text).toContain('Bs 123.065,00');
	});

	it('received the first tranche and requested the second with its descargo', async () => {
		const ctx = (await loadAssociationContext(t.db, 'sumaj-lichi', null))!;
		const tranches = await listTranches(t.db, ctx);
		expect(tranches.map((tr) => [tr.number, tr.status, tr.requested])).toEqual([
			[1, 'received', 18_000_000],
			[2, 'requested', 15_000_000]
		]);
		expect(tranches[0].received?.amount).toBe(18_000_000);
		expect(tranches[1].since).toBe(tranches[0].cutoff);
	});

	it('splits the counterpart per family: six in arrears, the rest up to date, none habilitado in arrears', async () => {
		const day = new Date(Date.now() - 4 * 3_600_000).toISOString().slice(0, 10);
		const standings = await householdStandings(t.db, associationId, day);
		expect(standings).toHaveLength(24);
		const late = standings.filter((s) => s.status === 'arrears').map((s) => s.name);
		expect(late.sort()).toEqual([...DEMO_IN_ARREARS].sort());
		const upToDate = standings.find((s) => s.status === 'up_to_date')!;
		expect(upToDate).toMatchObject({ quotaCents: 441_000, dueCents: 294_000, paidCents: 294_000 });
		expect(upToDate.workedTenths).toBe(120);
		// The votes opened today leave the households in arrears out, and say why.
		const open = await t.db
			.selectFrom('vote')
			.select(['title', 'exclusions', 'electorate_size'])
			.where('association_id', '=', associationId)
			.where('status', '=', 'open')
			.execute();
		expect(open.length).toBeGreaterThan(0);
		for (const vote of open) {
			const names = readExclusions(vote.exclusions).map((e) => e.name);
			expect(names.sort(), vote.title).toEqual([...DEMO_IN_ARREARS].sort());
		}
	});

	it('had the first report observed, answered, found conforme and approved by hands; the next in review', async () => {
		const ctx = (await loadAssociationContext(t.db, 'sumaj-lichi', null))!;
		const reports = await listReports(t.db, ctx);
		expect(reports.map((r) => r.state.status)).toEqual(['observed', 'approved']);
		const first = await getReportReview(t.db, ctx, reports[1].id);
		expect(first.events.map((e) => e.kind)).toEqual([
			'observation',
			'answer',
			'conforme',
			'approved'
		]);
		const row = await t.db
			.selectFrom('decision')
			.select(['entry', 'kind'])
			.where('association_id', '=', associationId)
			.where('seq', '=', first.decisionSeq!)
			.executeTakeFirstOrThrow();
		expect(row.kind).toBe('hand_count');
		const entry = JSON.parse(row.entry) as RegisterEntry;
		expect(entry.money_report?.hash).toBe(first.hash);
		expect(entry.outcome).toBe('approved');
	});

	it('verifies', async () => {
		const report = await verifyMoneyDb(t.db);
		expect(report.ok).toBe(true);
	});
});
