// Purchases with quotations (domain.md §1.2 step 8): a leader opens a purchase on a line of the
// approved plan, the committee records the quotations (each with its document, one per supplier,
// never edited), Minka builds the cuadro comparativo, and the award is a decision in the register
// carrying the cuadro's figures and the documents' hashes. An expense above the rule set's
// threshold must then name the awarded purchase (movements.ts).
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { m } from '$lib/paraglide/messages.js';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { Purchase } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { formatBs } from '$lib/drafts/budget';
import { readAmount } from '$lib/money/amount';
import { DESCRIPTION_MAX, SUPPLIER_MAX, supplierKey } from '$lib/money/vocabulary';
import { compareQuotations, type Comparison } from '$lib/money/quotations';
import { appendEntry, STORED } from '$lib/server/record/register';
import { getRuleSet } from '$lib/server/voting/settings';
import { getApprovedPlan } from './execution';
import { checkReceipt, storeReceipt } from './receipts';

export const PURCHASE_TITLE_MAX = 120;
export const TERMS_MAX = 300;

export interface QuotationView {
	id: number;
	supplier: string;
	amount: number;
	terms: string;
	documentId: number;
	documentMime: string;
	documentSha256: string;
	recordedAt: number;
}

export interface PurchaseView {
	id: number;
	title: string;
	lineId: string;
	lineLabel: string;
	planHash: string;
	status: Purchase['status'];
	awardedQuotationId: number | null;
	awardSeq: number | null;
	awardReason: string | null;
	createdAt: number;
}

function purchaseView(row: Purchase, lineLabel: string): PurchaseView {
	return {
		id: Number(row.id),
		title: row.title,
		lineId: row.line_id,
		lineLabel,
		planHash: row.plan_hash,
		status: row.status,
		awardedQuotationId: row.awarded_quotation_id === null ? null : Number(row.awarded_quotation_id),
		awardSeq: row.award_seq === null ? null : Number(row.award_seq),
		awardReason: row.award_reason,
		createdAt: Number(row.created_at)
	};
}

async function lineLabels(db: Db, associationId: number): Promise<Map<string, string>> {
	const plan = await getApprovedPlan(db, associationId);
	return new Map((plan?.lines ?? []).map((l) => [l.id, l.code ? `${l.code} ${l.title}` : l.title]));
}

/** Opens a purchase on a line of the approved plan; leaders only. */
export async function openPurchase(
	db: Db,
	ctx: AssociationContext,
	input: { title: string; lineId: string },
	now = Date.now()
): Promise<number> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const title = cleanLine(input.title);
	const fields: Record<string, ReturnType<typeof tooLong> | string> = {};
	if (!title) fields.title = 'error_required';
	else if (title.length > PURCHASE_TITLE_MAX) fields.title = tooLong(PURCHASE_TITLE_MAX);
	const plan = await getApprovedPlan(db, ctx.association.id);
	const line = plan?.lines.find((l) => l.id === input.lineId);
	if (!plan || !line) fields.line = 'error_money_line';
	if (Object.keys(fields).length) throw invalid(fields);
	return writeTx(db, async (tx) => {
		const row = await tx
			.insertInto('purchase')
			.values({
				association_id: ctx.association.id,
				plan_hash: plan!.hash,
				line_id: line!.id,
				title,
				status: 'open',
				awarded_quotation_id: null,
				award_seq: null,
				award_reason: null,
				created_by: user.id,
				created_at: now,
				awarded_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'money.purchase_opened',
			subject: title,
			details: { purchase: Number(row.id) },
			at: now
		});
		return Number(row.id);
	});
}

async function purchaseRow(db: Db, associationId: number, id: number) {
	if (!isRowId(id)) return undefined;
	return db
		.selectFrom('purchase')
		.selectAll()
		.where('association_id', '=', associationId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export interface QuotationInput {
	supplier: string;
	/** As typed, in bolivianos. */
	amount: string;
	terms: string;
}

/** Records a quotation with its document on an open purchase; leaders only. */
export async function addQuotation(
	db: Db,
	ctx: AssociationContext,
	purchaseId: number,
	input: QuotationInput,
	documentBytes: Uint8Array | undefined,
	now = Date.now()
): Promise<number> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const fields: Record<string, ReturnType<typeof tooLong> | string> = {};
	const supplier = cleanLine(input.supplier);
	if (!supplier) fields.supplier = 'error_money_supplier';
	else if (supplier.length > SUPPLIER_MAX) fields.supplier = tooLong(SUPPLIER_MAX);
	const read = readAmount(input.amount ?? '');
	if (!read.ok || read.value <= 0) fields.amount = 'error_money_amount';
	const terms = cleanLine(input.terms);
	if (terms.length > TERMS_MAX) fields.terms = tooLong(TERMS_MAX);
	if (!documentBytes || documentBytes.length === 0)
		fields.document = 'error_purchase_document_missing';
	if (Object.keys(fields).length) throw invalid(fields);
	let document;
	try {
		document = checkReceipt(documentBytes!);
	} catch (e) {
		if (e instanceof DomainError && e.fields.receipt) throw invalid({ document: e.fields.receipt });
		throw e;
	}
	const purchase = await purchaseRow(db, ctx.association.id, purchaseId);
	if (!purchase) throw new DomainError('not_found', 'error_not_found');
	const key = supplierKey(supplier, '');
	return writeTx(db, async (tx) => {
		const now2 = await purchaseRow(tx, ctx.association.id, purchaseId);
		if (now2?.status !== 'open') throw new DomainError('conflict', 'error_purchase_not_open');
		const twice = await tx
			.selectFrom('quotation')
			.select('id')
			.where('purchase_id', '=', purchaseId)
			.where('supplier_key', '=', key)
			.executeTakeFirst();
		if (twice) throw invalid({ supplier: 'error_purchase_supplier_twice' });
		const documentId = await storeReceipt(tx, ctx.association.id, document, user.id, now);
		const row = await tx
			.insertInto('quotation')
			.values({
				association_id: ctx.association.id,
				purchase_id: purchaseId,
				supplier,
				supplier_key: key,
				amount: read.ok ? read.value : 0,
				terms,
				document_id: documentId,
				recorded_by: user.id,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'money.quotation_recorded',
			subject: supplier,
			details: { purchase: purchaseId, quotation: Number(row.id) },
			at: now
		});
		return Number(row.id);
	});
}

async function quotationsOf(db: Db, purchaseId: number): Promise<QuotationView[]> {
	const rows = await db
		.selectFrom('quotation')
		.innerJoin('money_receipt', 'money_receipt.id', 'quotation.document_id')
		.select([
			'quotation.id',
			'quotation.supplier',
			'quotation.amount',
			'quotation.terms',
			'quotation.document_id',
			'quotation.created_at',
			'money_receipt.mime',
			'money_receipt.sha256'
		])
		.where('quotation.purchase_id', '=', purchaseId)
		.orderBy('quotation.id')
		.execute();
	return rows.map((r) => ({
		id: Number(r.id),
		supplier: r.supplier,
		amount: Number(r.amount),
		terms: r.terms,
		documentId: Number(r.document_id),
		documentMime: r.mime,
		documentSha256: r.sha256,
		recordedAt: Number(r.created_at)
	}));
}

/** The association's purchases, newest first. */
export async function listPurchases(db: Db, ctx: AssociationContext): Promise<PurchaseView[]> {
	if (!can(ctx.actor, 'money.view', ctx.association))
		throw new DomainError('forbidden', 'error_forbidden');
	const labels = await lineLabels(db, ctx.association.id);
	const rows = await db
		.selectFrom('purchase')
		.selectAll()
		.where('association_id', '=', ctx.association.id)
		.orderBy('id', 'desc')
		.execute();
	return rows.map((r) => purchaseView(r, labels.get(r.line_id) ?? r.line_id));
}

/** A purchase with its quotations and the cuadro comparativo under the rules in force. */
export async function getPurchase(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<
	| { purchase: PurchaseView; quotations: QuotationView[]; comparison: Comparison<QuotationView> }
	| undefined
> {
	if (!can(ctx.actor, 'money.view', ctx.association))
		throw new DomainError('forbidden', 'error_forbidden');
	const row = await purchaseRow(db, ctx.association.id, id);
	if (!row) return undefined;
	const labels = await lineLabels(db, ctx.association.id);
	const quotations = await quotationsOf(db, Number(row.id));
	const rules = await getRuleSet(db, ctx.association.id);
	return {
		purchase: purchaseView(row, labels.get(row.line_id) ?? row.line_id),
		quotations,
		comparison: compareQuotations(quotations, rules)
	};
}

/**
 * Awards an open purchase to one of its quotations; leaders only. Above the threshold it needs
 * the rule set's number of quotations; a quotation that is not the cheapest needs a reason. The
 * register entry (with the cuadro's figures and each document's SHA-256) and the purchase's new
 * status are written together.
 */
export async function awardPurchase(
	db: Db,
	ctx: AssociationContext,
	purchaseId: number,
	input: { quotationId: number; reason: string },
	now = Date.now()
): Promise<number> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const reason = cleanLine(input.reason);
	if (reason.length > DESCRIPTION_MAX) throw invalid({ reason: tooLong(DESCRIPTION_MAX) });
	return writeTx(db, async (tx) => {
		const row = await purchaseRow(tx, ctx.association.id, purchaseId);
		if (!row) throw new DomainError('not_found', 'error_not_found');
		if (row.status !== 'open') throw new DomainError('conflict', 'error_purchase_not_open');
		const quotations = await quotationsOf(tx, purchaseId);
		const rules = await getRuleSet(tx, ctx.association.id);
		const comparison = compareQuotations(quotations, rules);
		const chosen = comparison.rows.find((r) => r.quotation.id === input.quotationId);
		if (!chosen) throw invalid({ quotation: 'error_choice' });
		if (!comparison.enough)
			throw new DomainError('conflict', {
				key: 'error_purchase_too_few',
				params: {
					required: comparison.required,
					count: quotations.length,
					threshold: formatBs(rules.quotationThresholdCents)
				}
			});
		if (!chosen.lowest && !reason) throw invalid({ reason: 'error_purchase_reason' });
		const labels = await lineLabels(tx, ctx.association.id);
		const line = labels.get(row.line_id) ?? row.line_id;
		const q = chosen.quotation;
		const decision = await appendEntry(
			tx,
			ctx.association,
			{
				kind: 'consensus',
				decision_kind: 'ordinary',
				title: m.purchase_entry_title({ title: row.title }, STORED),
				summary: chosen.lowest
					? m.purchase_entry_summary_lowest(
							{ title: row.title, line, supplier: q.supplier, amount: formatBs(q.amount) },
							STORED
						)
					: m.purchase_entry_summary_other(
							{ title: row.title, line, supplier: q.supplier, amount: formatBs(q.amount), reason },
							STORED
						),
				outcome: 'decided',
				recorded_by: user.display_name,
				subject: null,
				vote: null,
				corrects: null,
				assembly: null,
				decidedAt: now,
				award: {
					purchase: purchaseId,
					title: row.title,
					line: { id: row.line_id, label: line, plan: row.plan_hash },
					quotation: q.id,
					reason: reason || null,
					threshold: rules.quotationThresholdCents,
					required: comparison.required,
					quotations: comparison.rows.map((r) => ({
						id: r.quotation.id,
						supplier: r.quotation.supplier,
						amount: r.quotation.amount,
						terms: r.quotation.terms,
						lowest: r.lowest,
						difference: r.difference,
						document_sha256: r.quotation.documentSha256
					}))
				}
			},
			now
		);
		await tx
			.updateTable('purchase')
			.set({
				status: 'awarded',
				awarded_quotation_id: q.id,
				award_seq: Number(decision.seq),
				award_reason: reason || null,
				awarded_at: now
			})
			.where('id', '=', purchaseId)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'money.purchase_awarded',
			subject: row.title,
			details: { purchase: purchaseId, quotation: q.id, seq: Number(decision.seq) },
			at: now
		});
		return Number(decision.seq);
	});
}

/**
 * The awarded purchase an expense names, checked against its line and plan: returns its ids,
 * or throws with the field's message. Called inside the expense's write transaction.
 */
export async function awardedPurchaseFor(
	tx: Db,
	associationId: number,
	purchaseId: number,
	line: { planHashes: readonly string[]; lineId: string }
): Promise<{ id: number; quotationId: number }> {
	const row = await purchaseRow(tx, associationId, purchaseId);
	if (
		!row ||
		row.status !== 'awarded' ||
		row.awarded_quotation_id === null ||
		!line.planHashes.includes(row.plan_hash) ||
		row.line_id !== line.lineId
	)
		throw invalid({ purchase: 'error_money_purchase_not_awarded' });
	return { id: Number(row.id), quotationId: Number(row.awarded_quotation_id) };
}
