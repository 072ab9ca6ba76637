// Purchases with quotations on a real database: the award's rules, the register entry it writes,
// quotations that cannot be changed, and the expense above the threshold that must name an award.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { approvePlan } from '$lib/server/testing/money';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import type { AssociationContext } from '$lib/server/associations';
import type { RegisterEntry } from '$lib/record/chain';
import {
	addQuotation,
	awardPurchase,
	createAccount,
	getPurchase,
	listMovements,
	openPurchase,
	readMovementForm,
	recordMovement
} from './index';

let t: TestDb;
let fx: Fixture;
let treasurer: AssociationContext;
let member: AssociationContext;
let bank: number;

const NOW = Date.UTC(2026, 5, 15, 15, 0);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%cotizacion\n');

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	treasurer = (await addMember(t.db, fx, 'leader', 'tesorero')).ctx;
	member = (await addMember(t.db, fx, 'member')).ctx;
	bank = (await createAccount(t.db, treasurer, { kind: 'bank', name: 'Banco Unión' }, NOW)).id;
	await approvePlan(t.db, fx, [['tank', 'I-01', 'Tanque', 8_400_000, 0]]);
	await recordMovement(
		t.db,
		treasurer,
		readMovementForm(
			{
				kind: 'income',
				income_kind: 'tranche',
				account: String(bank),
				amount: '200.000',
				date: '2026-06-10',
				description: 'Primer desembolso'
			},
			NOW
		),
		undefined,
		NOW
	);
});
afterEach(async () => {
	await t.close();
});

const quote = (supplier: string, amount: string) => ({ supplier, amount, terms: '15 días' });

async function threeQuotations() {
	const id = await openPurchase(
		t.db,
		fx.leaderCtx,
		{ title: 'Tanque de frío', lineId: 'tank' },
		NOW
	);
	const a = await addQuotation(
		t.db,
		fx.leaderCtx,
		id,
		quote('Inoxidables del Valle', '80.000'),
		PDF,
		NOW
	);
	const b = await addQuotation(t.db, fx.leaderCtx, id, quote('Frío Andino', '72.500'), PNG, NOW);
	const c = await addQuotation(t.db, fx.leaderCtx, id, quote('Lácteos Cliza', '84.000'), PDF, NOW);
	return { id, a, b, c };
}

function expense(values: Record<string, string>) {
	return readMovementForm(
		{
			kind: 'expense',
			account: String(bank),
			supplier: 'Frío Andino',
			receipt_number: '001',
			date: '2026-06-10',
			description: 'Tanque de frío',
			line: 'tank',
			source: 'par',
			...values
		},
		NOW
	);
}

describe('purchases with quotations', () => {
	it('builds the cuadro, awards the lowest into the register with the figures and hashes', async () => {
		const { id, b } = await threeQuotations();
		const view = (await getPurchase(t.db, member, id))!;
		expect(view.comparison.rows.map((r) => [r.quotation.supplier, r.lowest, r.difference])).toEqual(
			[
				['Frío Andino', true, 0],
				['Inoxidables del Valle', false, 750_000],
				['Lácteos Cliza', false, 1_150_000]
			]
		);
		const seq = await awardPurchase(t.db, fx.leaderCtx, id, { quotationId: b, reason: '' }, NOW);
		const row = await t.db
			.selectFrom('decision')
			.select(['entry', 'title'])
			.where('association_id', '=', fx.leaderCtx.association.id)
			.where('seq', '=', seq)
			.executeTakeFirstOrThrow();
		const entry = JSON.parse(row.entry) as RegisterEntry;
		expect(entry.award?.quotation).toBe(b);
		expect(entry.award?.quotations.map((q) => q.amount)).toEqual([7_250_000, 8_000_000, 8_400_000]);
		expect(entry.award?.quotations.every((q) => /^[0-9a-f]{64}$/.test(q.document_sha256))).toBe(
			true
		);
		expect(entry.summary).toContain('Frío Andino');
		const after = (await getPurchase(t.db, member, id))!;
		expect(after.purchase).toMatchObject({
			status: 'awarded',
			awardedQuotationId: b,
			awardSeq: seq
		});
		// Awarded once: no second award, no more quotations.
		expect(
			(await rejection(awardPurchase(t.db, fx.leaderCtx, id, { quotationId: b, reason: '' })))
				.messageRef.key
		).toBe('error_purchase_not_open');
		expect(
			(await rejection(addQuotation(t.db, fx.leaderCtx, id, quote('Otro', '70.000'), PDF)))
				.messageRef.key
		).toBe('error_purchase_not_open');
	});

	it('refuses an award above the threshold with too few quotations, and a non-lowest without reason', async () => {
		const id = await openPurchase(t.db, fx.leaderCtx, { title: 'Tanque', lineId: 'tank' }, NOW);
		const a = await addQuotation(t.db, fx.leaderCtx, id, quote('A', '80.000'), PDF, NOW);
		const b = await addQuotation(t.db, fx.leaderCtx, id, quote('B', '90.000'), PDF, NOW);
		const few = await rejection(
			awardPurchase(t.db, fx.leaderCtx, id, { quotationId: a, reason: '' })
		);
		expect(few.messageRef).toMatchObject({
			key: 'error_purchase_too_few',
			params: { required: 3, count: 2 }
		});
		await addQuotation(t.db, fx.leaderCtx, id, quote('C', '95.000'), PDF, NOW);
		const noReason = await rejection(
			awardPurchase(t.db, fx.leaderCtx, id, { quotationId: b, reason: ' ' })
		);
		expect(noReason.fields.reason.key).toBe('error_purchase_reason');
		const decisions = await t.db
			.selectFrom('decision')
			.select('seq')
			.where('association_id', '=', fx.leaderCtx.association.id)
			.execute();
		expect(decisions).toHaveLength(1); // only the plan's approval: nothing half-written
		await awardPurchase(
			t.db,
			fx.leaderCtx,
			id,
			{ quotationId: b, reason: 'Entrega en 5 días' },
			NOW
		);
		expect((await getPurchase(t.db, member, id))!.purchase.awardReason).toBe('Entrega en 5 días');
	});

	it('validates quotations: document, type by bytes, same supplier twice, members cannot', async () => {
		const id = await openPurchase(t.db, fx.leaderCtx, { title: 'Tanque', lineId: 'tank' }, NOW);
		expect(
			(await rejection(addQuotation(t.db, fx.leaderCtx, id, quote('A', '80.000'), undefined)))
				.fields.document.key
		).toBe('error_purchase_document_missing');
		expect(
			(
				await rejection(
					addQuotation(
						t.db,
						fx.leaderCtx,
						id,
						quote('A', '80.000'),
						new TextEncoder().encode('hola')
					)
				)
			).fields.document.key
		).toBe('error_money_receipt_type');
		expect(
			(await rejection(addQuotation(t.db, fx.leaderCtx, id, quote('A', '-5'), PDF))).fields.amount
				.key
		).toBe('error_money_amount');
		await addQuotation(t.db, fx.leaderCtx, id, quote('Frío Andino', '80.000'), PDF, NOW);
		expect(
			(await rejection(addQuotation(t.db, fx.leaderCtx, id, quote('frio andino', '70.000'), PDF)))
				.fields.supplier.key
		).toBe('error_purchase_supplier_twice');
		expect((await rejection(addQuotation(t.db, member, id, quote('B', '70.000'), PDF))).code).toBe(
			'forbidden'
		);
		expect(
			(await rejection(openPurchase(t.db, fx.leaderCtx, { title: 'X', lineId: 'silo' }))).fields
				.line.key
		).toBe('error_money_line');
		// The database keeps quotations as they were recorded.
		await expect(sql`update quotation set amount = 1`.execute(t.db)).rejects.toThrow();
		await expect(sql`delete from quotation`.execute(t.db)).rejects.toThrow();
	});

	it('an expense above the threshold needs an awarded purchase on its line, and links to it', async () => {
		const refused = await rejection(
			recordMovement(t.db, treasurer, expense({ amount: '72.500' }), PDF, NOW)
		);
		expect(refused.messageRef).toMatchObject({
			key: 'error_money_purchase_required',
			params: { threshold: 'Bs 5.000,00' }
		});
		// At or below the threshold, no purchase is needed.
		await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '5.000', receipt_number: '000' }),
			PDF,
			NOW
		);
		const { id, b } = await threeQuotations();
		// An open purchase is not an award.
		expect(
			(
				await rejection(
					recordMovement(t.db, treasurer, expense({ amount: '72.500', purchase: String(id) }), PDF)
				)
			).fields.purchase.key
		).toBe('error_money_purchase_not_awarded');
		await awardPurchase(t.db, fx.leaderCtx, id, { quotationId: b, reason: '' }, NOW);
		const movement = await recordMovement(
			t.db,
			treasurer,
			expense({ amount: '72.500', purchase: String(id) }),
			PDF,
			NOW
		);
		expect(movement).toMatchObject({ purchase_id: id, quotation_id: b });
		expect((await listMovements(t.db, fx.leaderCtx.association.id)).length).toBe(3);
	});
});
