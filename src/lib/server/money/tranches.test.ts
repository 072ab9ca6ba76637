// Tranches on a real database: requested with a frozen descargo (the expenses since the previous
// cutoff, with receipts, and the counterpart reached), arriving as an income movement, the next
// one waiting for the last to arrive; bad requests refused with nothing written.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/canonical';
import type { AssociationContext } from '$lib/server/associations';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { approvePlan } from '$lib/server/testing/money';
import { pdfText } from '$lib/server/testing/pdf';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import {
	accountBalances,
	createAccount,
	getTranche,
	listHouseholds,
	listMovements,
	readArrivalForm,
	readMovementForm,
	readTrancheForm,
	receiveTranche,
	recordMovement,
	renderDescargoPdf,
	requestTranche,
	setQuotas,
	readQuotaForm,
	tranchesOverview,
	verifyMoneyDb
} from './index';

let t: TestDb;
let fx: Fixture;
let treasurer: AssociationContext;
let member: AssociationContext;
let bank: number;

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 15, 15, 0);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	treasurer = (await addMember(t.db, fx, 'leader', 'tesorero')).ctx;
	member = (await addMember(t.db, fx, 'member')).ctx;
	bank = (await createAccount(t.db, treasurer, { kind: 'bank', name: 'Banco Unión' }, NOW)).id;
	await t.db
		.insertInto('rule_set')
		.values({
			association_id: fx.leaderCtx.association.id,
			rules: JSON.stringify({ quotationThresholdCents: 10_000_000 }),
			updated_by: null,
			updated_at: NOW
		})
		.execute();
	// PAR 104.000 in all: the tank 84.000 (+ cash 12.000), the seed 20.000.
	await approvePlan(t.db, fx, [
		['tank', 'I-01', 'Tanque', 8_400_000, 1_200_000],
		['seed', 'I-04', 'Semilla', 2_000_000, 0]
	]);
});
afterEach(async () => {
	await t.close();
});

const request = (amount: string, cutoff: string, now = NOW) =>
	requestTranche(t.db, treasurer, readTrancheForm({ amount, cutoff }, now), now);
const receive = (number: number, amount: string, date: string, now = NOW) =>
	receiveTranche(
		t.db,
		treasurer,
		number,
		readArrivalForm({ account: String(bank), amount, date }, now),
		now
	);

async function spend(date: string, amount: string, number: string, line = 'tank') {
	return recordMovement(
		t.db,
		treasurer,
		readMovementForm(
			{
				kind: 'expense',
				account: String(bank),
				amount,
				date,
				description: 'Compra',
				line,
				source: 'par',
				supplier: 'Inoxidables del Valle',
				receipt_number: number
			},
			NOW
		),
		PNG,
		NOW
	);
}

describe('tranches and their descargo', () => {
	it('requests the first, books its arrival, then accounts for the spending with the second', async () => {
		const MAY_1 = Date.UTC(2026, 4, 1, 15, 0);
		const first = await request('50.000', '2026-05-01', MAY_1);
		expect(first.number).toBe(1);
		// The next waits for this one to arrive.
		const early = await rejection(request('20.000', '2026-05-01', MAY_1));
		expect(early.messageRef.key).toBe('error_money_tranche_pending');

		const { seq } = await receive(1, '50.000', '2026-05-05', MAY_1 + 4 * DAY);
		const movements = await listMovements(t.db, fx.leaderCtx.association.id);
		expect(movements.find((mv) => mv.seq === seq)).toMatchObject({
			kind: 'income',
			incomeKind: 'tranche',
			amount: 5_000_000,
			description: 'Desembolso Nº 1 del programa'
		});
		expect((await accountBalances(t.db, fx.leaderCtx.association.id)).get(bank)).toBe(5_000_000);
		expect((await rejection(receive(1, '50.000', '2026-05-06'))).messageRef.key).toBe(
			'error_money_tranche_received'
		);

		await spend('2026-05-01', '1.000', 'A-1'); // before the first cutoff: not in the second
		await spend('2026-05-20', '30.000', 'A-2');
		await spend('2026-06-02', '5.000', 'S-1', 'seed');
		await spend('2026-06-12', '2.000', 'A-3'); // after the second cutoff
		const second = await request('40.000', '2026-06-10');
		expect(second.number).toBe(2);

		const page = await getTranche(t.db, member, 2);
		expect(page.may.receive).toBe(false);
		const d = page.descargo;
		expect(d.since).toBe('2026-05-01');
		expect(d.expenses.map((e) => e.number)).toEqual(['A-2', 'S-1']);
		expect(d.expenses[0].sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(d.expenseTotal).toBe(3_500_000);
		expect(d.spentBySource.par).toBe(3_500_000);
		expect(d.execution.par.planned).toBe(10_400_000);
		expect(d.programme).toEqual({ planned: 10_400_000, received: 5_000_000 });
		expect(d.previous).toEqual([
			{ number: 1, requested: 5_000_000, received: 5_000_000, receivedOn: '2026-05-05' }
		]);
		// Frozen as requested: its text hashes to its hash, and verify checks it.
		const row = await t.db
			.selectFrom('money_tranche')
			.select(['descargo', 'descargo_hash'])
			.where('number', '=', 2)
			.executeTakeFirstOrThrow();
		expect(sha256Hex(row.descargo)).toBe(row.descargo_hash);
		expect(page.tranche.hash).toBe(row.descargo_hash);
		expect((await verifyMoneyDb(t.db)).ok).toBe(true);

		const { text } = await pdfText(await renderDescargoPdf(d, page.tranche.hash, 'carta', 'es'));
		expect(text).toContain('Descargo para el desembolso Nº 2');
		expect(text).toContain('Inoxidables del Valle Nº A-2');
		expect(text).toContain('Bs 35.000,00');
		expect(text).toContain(page.tranche.hash.slice(0, 16));
	});

	it('puts the counterpart reached by the cutoff into the descargo', async () => {
		// Bs 500 and 2 jornales by 31 May for each of the three households; none paid.
		const households = await listHouseholds(t.db, fx.leaderCtx.association.id);
		await setQuotas(
			t.db,
			treasurer,
			readQuotaForm({
				due_on: '2026-05-31',
				agreed_by: 'Acta 3/2026',
				cash_all: '500',
				days_all: '2',
				...Object.fromEntries(households.map((h) => [`cash:${h.key}`, '']))
			}),
			NOW
		);
		await request('10.000', '2026-06-10');
		const d = (await getTranche(t.db, member, 1)).descargo;
		expect(d.counterpart).toEqual({
			households: 3,
			inArrears: 3,
			quotaCents: 150_000,
			dueCents: 150_000,
			paidCents: 0,
			quotaTenths: 60,
			dueTenths: 60,
			workedTenths: 0
		});
	});

	it('refuses what does not hold, writing nothing', async () => {
		// More than the programme owes on the plan (PAR 104.000).
		const over = await rejection(request('104.000,01', '2026-05-01'));
		expect(over.messageRef.key).toBe('error_money_tranche_over');
		expect(over.fields.amount).toBeTruthy();
		// A cutoff in the future.
		expect((await rejection(request('10.000', '2026-06-16'))).fields.cutoff).toMatchObject({
			key: 'error_money_date_future'
		});
		// Nonsense amounts are refused by the reader.
		for (const amount of ['-5', '0', 'mil', '99999999999999999'])
			expect(
				(
					await rejection(
						Promise.resolve().then(() => readTrancheForm({ amount, cutoff: '2026-05-01' }))
					)
				).fields.amount
			).toBeTruthy();
		// Only the treasurer.
		await expect(
			requestTranche(t.db, member, { amount: 100, cutoff: '2026-05-01' }, NOW)
		).rejects.toThrow();
		expect(await t.db.selectFrom('money_tranche').selectAll().execute()).toEqual([]);

		await request('10.000', '2026-05-01');
		// The arrival: not before the request, not more than requested, not in the future.
		// Requested on 15 June (NOW): it cannot have arrived on the 1st.
		const before = await rejection(receive(1, '10.000', '2026-06-01'));
		expect(before.fields.date).toMatchObject({ key: 'error_money_tranche_before_request' });
		expect((await rejection(receive(1, '10.000,01', '2026-06-15'))).fields.amount).toMatchObject({
			key: 'error_money_tranche_more'
		});
		expect((await rejection(receive(1, '10.000', '2026-06-16'))).fields.date).toMatchObject({
			key: 'error_money_date_future'
		});
		expect(await t.db.selectFrom('money_tranche_arrival').selectAll().execute()).toEqual([]);
		expect(await listMovements(t.db, fx.leaderCtx.association.id)).toEqual([]);

		// The second cutoff must come after the first.
		await receive(1, '10.000', '2026-06-15');
		expect(
			(await rejection(request('10.000', '2026-05-01', NOW + DAY))).fields.cutoff
		).toMatchObject({
			key: 'error_money_tranche_cutoff'
		});
	});

	it('shows the overview: what the programme owes, and the next tranche only once the last arrived', async () => {
		let overview = await tranchesOverview(t.db, treasurer);
		expect(overview.next).toEqual({ number: 1, since: null });
		expect(overview.may.request).toBe(true);
		await request('10.000', '2026-05-01');
		overview = await tranchesOverview(t.db, member);
		expect(overview.next).toBeNull();
		expect(overview.tranches[0]).toMatchObject({ number: 1, status: 'requested', received: null });
		await receive(1, '9.000', '2026-06-15');
		overview = await tranchesOverview(t.db, member);
		expect(overview.programme).toEqual({ planned: 10_400_000, received: 900_000 });
		expect(overview.next).toEqual({ number: 2, since: '2026-05-01' });
		expect(overview.may.request).toBe(false);
	});

	it('is append-only, and verify names a descargo altered behind the app’s back', async () => {
		await request('10.000', '2026-05-01');
		await expect(t.db.updateTable('money_tranche').set({ amount: 1 }).execute()).rejects.toThrow(
			/append-only/
		);
		await expect(t.db.deleteFrom('money_tranche').execute()).rejects.toThrow(/append-only/);
		expect((await verifyMoneyDb(t.db)).altered).toEqual([]);
		// Someone with the database drops the trigger and edits the frozen descargo.
		await sql`drop trigger ${sql.raw(process.env.TEST_POSTGRES_URL ? 'money_tranche_no_change on money_tranche' : 'money_tranche_no_update')}`.execute(
			t.db
		);
		await sql`update money_tranche set descargo = replace(descargo, '"requested":1000000', '"requested":9000000')`.execute(
			t.db
		);
		const report = await verifyMoneyDb(t.db);
		expect(report.ok).toBe(false);
		expect(report.altered).toEqual([{ association: fx.slug, document: 'descargo', id: 1 }]);
	});
});
