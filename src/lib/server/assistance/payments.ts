// Payments follow the work (issue 14 item 5): a payment to the technician is an expense of the
// money area (recordMovement, the treasurer's), allowed only against a deliverable the committee
// approved, once, for the amount the schedule ties to it; the expense and its link are written
// in one transaction.
import { STORED } from '$lib/server/record/register';
import { m } from '$lib/paraglide/messages.js';
import { authorize, type AssociationContext } from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import { DomainError, invalid } from '$lib/server/errors';
import { boliviaDate, recordMovement, validDate } from '$lib/server/money/movements';
import { cleanLine } from '$lib/server/text';
import { readRowId } from '$lib/fields';
import { isSpendingSource, type Source } from '$lib/money/vocabulary';
import { deliverableRow, requireContract } from './contracts';

export interface PaymentInput {
	accountId: number;
	/** YYYY-MM-DD. */
	date: string;
	receiptNumber: string | null;
	/** The plan line and source the fee is charged to (the plan's technical assistance line). */
	lineId: string | null;
	source: Source | null;
}

/** Reads the payment form; the day and the amounts are checked again where the expense is kept. */
export function readPaymentForm(form: Record<string, string>, now = Date.now()): PaymentInput {
	const fields: Record<string, string> = {};
	const accountId = readRowId(form.account) || 0;
	if (!accountId) fields.account = 'error_choice';
	const date = (form.date ?? '').trim() || boliviaDate(now);
	if (!validDate(date)) fields.date = 'error_money_date';
	else if (date > boliviaDate(now)) fields.date = 'error_money_date_future';
	const lineId = (form.line ?? '').trim().slice(0, 100) || null;
	let source: Source | null = null;
	if (lineId) {
		if (isSpendingSource(form.source)) source = form.source;
		else fields.source = 'error_money_source';
	}
	if (Object.keys(fields).length) throw invalid(fields);
	return {
		accountId,
		date,
		receiptNumber: cleanLine(form.receipt_number) || null,
		lineId,
		source
	};
}

export async function payDeliverable(
	db: Db,
	ctx: AssociationContext,
	deliverableId: number,
	input: PaymentInput,
	receiptBytes?: Uint8Array,
	now = Date.now()
): Promise<{ seq: number }> {
	authorize(ctx.actor, 'money.record');
	return writeTx(db, async (tx) => {
		const row = await deliverableRow(tx, ctx.association.id, deliverableId);
		if (!row) throw new DomainError('not_found', 'error_not_found');
		if (row.approved_at === null)
			throw new DomainError('conflict', 'error_assistance_pay_unapproved');
		if (Number(row.amount) <= 0) throw new DomainError('conflict', 'error_assistance_pay_nothing');
		const paid = await tx
			.selectFrom('assistance_payment')
			.select('id')
			.where('deliverable_id', '=', row.id)
			.executeTakeFirst();
		if (paid) throw new DomainError('conflict', 'error_assistance_paid_twice');
		const contract = await requireContract(tx, ctx.association.id, Number(row.contract_id));
		const movement = await recordMovement(
			tx,
			ctx,
			{
				kind: 'expense',
				incomeKind: null,
				accountId: input.accountId,
				toAccountId: null,
				amount: Number(row.amount),
				date: input.date,
				description: m.assistance_payment_description(
					{ title: row.title, name: contract.technician_name },
					STORED
				),
				lineId: input.lineId,
				source: input.source,
				contractId: contract.id,
				supplier: input.receiptNumber ? contract.technician_name : null,
				receiptNumber: input.receiptNumber,
				payerMemberId: null,
				witnessMemberId: null,
				allowDuplicate: false
			},
			receiptBytes,
			now
		);
		await tx
			.insertInto('assistance_payment')
			.values({
				association_id: ctx.association.id,
				contract_id: contract.id,
				deliverable_id: row.id,
				movement_seq: Number(movement.seq),
				amount: Number(row.amount),
				created_by: ctx.user?.id ?? null,
				created_at: now
			})
			.execute();
		return { seq: Number(movement.seq) };
	});
}

/** The payments made on a contract, by deliverable. */
export async function contractPayments(db: Db, contractId: number) {
	const rows = await db
		.selectFrom('assistance_payment')
		.select(['deliverable_id', 'movement_seq', 'amount', 'created_at'])
		.where('contract_id', '=', contractId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		deliverableId: Number(r.deliverable_id),
		seq: Number(r.movement_seq),
		amount: Number(r.amount),
		at: Number(r.created_at)
	}));
}
