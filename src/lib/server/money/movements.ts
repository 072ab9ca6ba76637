// Recording money: income, expenses (charged to a plan line and source, with the receipt) and
// transfers between accounts. Append-only and hash-chained per association: the head is read
// and the new movement written in one write transaction, and UNIQUE (association, seq) and
// (association, prev_hash) keep the chain from forking. A mistake is undone by a reversal.
import {
	actingUser,
	authorize,
	getMember,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { Member, MoneyMovement } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong, type MessageRef } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { closedThrough } from './periods';
import { formatBs } from '$lib/drafts/budget';
import { GENESIS, LEDGER_VERSION, sealMovement, type MovementEntry } from '$lib/money/chain';
import { fitsLine, planExecution } from '$lib/money/ledger';
import { amountProblem, readAmount, type AmountProblem } from '$lib/money/amount';
import { readRowId } from '$lib/fields';
import {
	DESCRIPTION_MAX,
	RECEIPT_NUMBER_MAX,
	SUPPLIER_MAX,
	isIncomeKind,
	isMovementKind,
	isSpendingSource,
	supplierKey,
	type IncomeKind,
	type MovementKind,
	type MovementView,
	type Source
} from '$lib/money/vocabulary';

export type { MovementView };
import { accountBalances } from './accounts';
import { addToTotals } from './totals';
import { getApprovedPlan, spentOnPlan } from './execution';
import { checkReceipt, storeReceipt } from './receipts';
import { awardedPurchaseFor } from './purchases';
import { getRuleSet } from '$lib/server/voting/settings';

export interface MovementInput {
	kind: MovementKind;
	incomeKind: IncomeKind | null;
	accountId: number;
	toAccountId: number | null;
	/** Centavos. */
	amount: number;
	/** YYYY-MM-DD, in Bolivia. */
	date: string;
	description: string;
	lineId: string | null;
	source: Source | null;
	supplier: string | null;
	receiptNumber: string | null;
	/** The member whose household pays counterpart, and the member who witnessed it. */
	payerMemberId: number | null;
	witnessMemberId: number | null;
	/** Save even though the same supplier and number were recorded before. */
	allowDuplicate: boolean;
	/** The awarded purchase an expense pays; required above the quotation threshold. */
	purchaseId?: number | null;
	/**
	 * The technical assistance contract a payment is made under (set by the assistance area, never
	 * by a form): its hiring decision in the register stands for the award above the threshold.
	 */
	contractId?: number | null;
}

// Bolivia keeps UTC−4 all year.
const LA_PAZ_OFFSET_MS = 4 * 60 * 60 * 1000;

/** Today's date in Bolivia, YYYY-MM-DD. */
export function boliviaDate(ms: number): string {
	return new Date(ms - LA_PAZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function validDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const AMOUNT_PROBLEM: Record<AmountProblem, string> = {
	format: 'error_money_amount',
	not_whole: 'error_money_amount',
	negative: 'error_money_amount_positive',
	too_large: 'error_money_amount_large'
};

/** Reads a typed amount of bolivianos as positive centavos, or names its problem in `fields`. */
export function readPositiveAmount(
	text: string | undefined,
	field: string,
	fields: Record<string, string | MessageRef>
): number | undefined {
	const read = readAmount(text ?? '');
	if (!read.ok) fields[field] = AMOUNT_PROBLEM[read.problem];
	else if (read.value <= 0) fields[field] = 'error_money_amount_positive';
	else return read.value;
	return undefined;
}

/** Reads the movement form; every field in error is reported at once. */
export function readMovementForm(form: Record<string, string>, now = Date.now()): MovementInput {
	const fields: Record<string, string | MessageRef> = {};
	const kind = form.kind;
	if (!isMovementKind(kind)) fields.kind = 'error_choice';
	const amount = readPositiveAmount(form.amount, 'amount', fields);
	const date = (form.date ?? '').trim() || boliviaDate(now);
	if (!validDate(date)) fields.date = 'error_money_date';
	else if (date > boliviaDate(now)) fields.date = 'error_money_date_future';
	const description = cleanLine(form.description);
	if (!description) fields.description = 'error_required';
	else if (description.length > DESCRIPTION_MAX) fields.description = tooLong(DESCRIPTION_MAX);
	const accountId = readRowId(form.account) || 0;
	if (!accountId) fields.account = 'error_choice';
	let toAccountId: number | null = null;
	let incomeKind: IncomeKind | null = null;
	let lineId: string | null = null;
	let source: Source | null = null;
	let supplier: string | null = null;
	let receiptNumber: string | null = null;
	let payerMemberId: number | null = null;
	let witnessMemberId: number | null = null;
	if (kind === 'transfer') {
		toAccountId = readRowId(form.to_account) || 0;
		if (!toAccountId) fields.to_account = 'error_choice';
		else if (toAccountId === accountId) fields.to_account = 'error_money_transfer_same';
	}
	if (kind === 'income') {
		if (!isIncomeKind(form.income_kind)) fields.income_kind = 'error_choice';
		else incomeKind = form.income_kind;
		if (incomeKind === 'counterpart') {
			payerMemberId = readRowId(form.payer) || null;
			witnessMemberId = readRowId(form.witness) || null;
			if (!payerMemberId) fields.payer = 'error_money_payer';
			if (!witnessMemberId) fields.witness = 'error_money_witness';
			else if (witnessMemberId === payerMemberId) fields.witness = 'error_money_witness_self';
		}
	}
	if (kind === 'expense') {
		const line = (form.line ?? '').trim();
		if (line) {
			lineId = line.slice(0, 100);
			if (!isSpendingSource(form.source)) fields.source = 'error_money_source';
			else source = form.source;
		}
		supplier = cleanLine(form.supplier) || null;
		receiptNumber = cleanLine(form.receipt_number) || null;
		if (!supplier) fields.supplier = 'error_money_supplier';
		else if (supplier.length > SUPPLIER_MAX) fields.supplier = tooLong(SUPPLIER_MAX);
		if (!receiptNumber) fields.receipt_number = 'error_money_receipt_number';
		else if (receiptNumber.length > RECEIPT_NUMBER_MAX)
			fields.receipt_number = tooLong(RECEIPT_NUMBER_MAX);
	}
	if (Object.keys(fields).length) throw invalid(fields);
	return {
		kind: kind as MovementKind,
		incomeKind,
		accountId,
		toAccountId,
		amount: amount!,
		date,
		description,
		lineId,
		source,
		supplier,
		receiptNumber,
		payerMemberId,
		witnessMemberId,
		allowDuplicate: form.allow_duplicate === 'on',
		purchaseId: kind === 'expense' ? readRowId(form.purchase) || null : null
	};
}

/** The key a household's counterpart is counted under: its household, or the member alone. */
export function householdKey(member: Pick<Member, 'id' | 'household'>): string {
	return member.household ? `h:${member.household.toLocaleLowerCase('es')}` : `m:${member.id}`;
}

async function head(tx: Db, associationId: number): Promise<{ seq: number; hash: string }> {
	const last = await tx
		.selectFrom('money_movement')
		.select(['seq', 'hash'])
		.where('association_id', '=', associationId)
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS };
}

async function accountsOf(tx: Db, associationId: number) {
	const rows = await tx
		.selectFrom('money_account')
		.select(['id', 'kind', 'name'])
		.where('association_id', '=', associationId)
		.execute();
	return new Map(rows.map((r) => [Number(r.id), r]));
}

type Row = Omit<MoneyMovement, 'id'>;

async function append(
	tx: Db,
	ctx: AssociationContext,
	columns: Omit<Row, 'seq' | 'entry' | 'prev_hash' | 'hash' | 'association_id'>,
	entry: Omit<MovementEntry, 'v' | 'association' | 'seq' | 'prev'>
): Promise<MoneyMovement> {
	const last = await head(tx, ctx.association.id);
	const full: MovementEntry = {
		...entry,
		v: LEDGER_VERSION,
		association: ctx.association.slug,
		seq: last.seq + 1,
		prev: last.hash
	};
	const sealed = sealMovement(full);
	const row = await tx
		.insertInto('money_movement')
		.values({
			...columns,
			association_id: ctx.association.id,
			seq: full.seq,
			entry: sealed.text,
			prev_hash: last.hash,
			hash: sealed.hash
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	await addToTotals(tx, ctx.association.id, row);
	return row;
}

/** Refuses a movement that would leave an account below zero (a cash box cannot). */
function checkBalances(
	balances: Map<number, number>,
	effects: [number, number][],
	accounts: Map<number, { name: string }>
): void {
	for (const [account, delta] of effects) {
		const after = (balances.get(account) ?? 0) + delta;
		if (delta < 0 && after < 0)
			throw new DomainError('conflict', {
				key: 'error_money_balance_short',
				params: {
					account: accounts.get(account)?.name ?? '',
					balance: formatBs(balances.get(account) ?? 0)
				}
			});
	}
}

/** Refuses a movement dated inside a period already handed in for review. */
async function assertPeriodOpen(db: Db, associationId: number, date: string): Promise<void> {
	const closed = await closedThrough(db, associationId);
	if (closed === null || date > closed) return;
	const ref = { key: 'error_money_period_closed', params: { to: closed } };
	throw new DomainError('conflict', ref, { date: ref });
}

/**
 * What every movement must be, whoever built its input (the form's reader, the tranches, the
 * technician's payments): a real day not in the future, a description and receipt within their
 * limits, a positive whole amount within bounds, a kind that fits its fields.
 */
function checkMovementInput(input: MovementInput, now: number): void {
	const fields: Record<string, string | MessageRef> = {};
	if (!isMovementKind(input.kind)) fields.kind = 'error_choice';
	const amountWrong = amountProblem(input.amount);
	if (amountWrong) fields.amount = AMOUNT_PROBLEM[amountWrong];
	else if (input.amount <= 0) fields.amount = 'error_money_amount_positive';
	if (!validDate(input.date)) fields.date = 'error_money_date';
	else if (input.date > boliviaDate(now)) fields.date = 'error_money_date_future';
	const description = cleanLine(input.description);
	if (!description) fields.description = 'error_required';
	else if (description.length > DESCRIPTION_MAX) fields.description = tooLong(DESCRIPTION_MAX);
	if ((input.supplier?.length ?? 0) > SUPPLIER_MAX) fields.supplier = tooLong(SUPPLIER_MAX);
	if ((input.receiptNumber?.length ?? 0) > RECEIPT_NUMBER_MAX)
		fields.receipt_number = tooLong(RECEIPT_NUMBER_MAX);
	if (input.kind === 'income' && !isIncomeKind(input.incomeKind))
		fields.income_kind = 'error_choice';
	if (input.kind !== 'income' && input.incomeKind !== null) fields.income_kind = 'error_choice';
	if (input.kind === 'transfer' && input.toAccountId === input.accountId)
		fields.to_account = 'error_money_transfer_same';
	if (input.lineId !== null && (input.kind !== 'expense' || !isSpendingSource(input.source)))
		fields.source = 'error_money_source';
	if (Object.keys(fields).length) throw invalid(fields);
}

/**
 * Records one movement, with its receipt file if given; the treasurer only. An expense charged
 * to a plan line must fit what is left of that line's source, carry its receipt, and not repeat
 * a supplier and number already recorded (unless `allowDuplicate`, after the warning).
 */
export async function recordMovement(
	db: Db,
	ctx: AssociationContext,
	input: MovementInput,
	receiptBytes?: Uint8Array,
	now = Date.now()
): Promise<MoneyMovement> {
	authorize(ctx.actor, 'money.record');
	const user = actingUser(ctx);
	checkMovementInput(input, now);
	input = { ...input, description: cleanLine(input.description) };
	const receipt = receiptBytes && receiptBytes.length > 0 ? checkReceipt(receiptBytes) : null;
	const associationId = ctx.association.id;
	let payer: Member | undefined;
	let witness: Member | undefined;
	if (input.payerMemberId) {
		payer = await getMember(db, associationId, input.payerMemberId);
		if (!payer || payer.status === 'left') throw invalid({ payer: 'error_money_payer' });
	}
	if (input.witnessMemberId) {
		witness = await getMember(db, associationId, input.witnessMemberId);
		if (!witness || witness.status !== 'active') throw invalid({ witness: 'error_money_witness' });
	}

	return writeTx(db, async (tx) => {
		await assertPeriodOpen(tx, associationId, input.date);
		const accounts = await accountsOf(tx, associationId);
		const account = accounts.get(input.accountId);
		if (!account) throw invalid({ account: 'error_choice' });
		const to = input.toAccountId === null ? null : accounts.get(input.toAccountId);
		if (input.toAccountId !== null && !to) throw invalid({ to_account: 'error_choice' });

		let plan: { hash: string; code: string } | null = null;
		let purchase: { id: number; quotationId: number } | null = null;
		if (input.kind === 'expense' && input.lineId !== null) {
			const approved = await getApprovedPlan(tx, associationId);
			const line = approved?.lines.find((l) => l.id === input.lineId);
			if (!approved || !line) throw invalid({ line: 'error_money_line' });
			const execution = planExecution(
				approved.lines,
				await spentOnPlan(tx, associationId, approved.hashes)
			);
			const fits = fitsLine(execution, line.id, input.source!, input.amount);
			if (!fits.ok)
				throw new DomainError(
					'conflict',
					{
						key: 'error_money_line_over',
						params: {
							line: line.code || line.title,
							remaining: formatBs(Math.max(0, fits.remaining))
						}
					},
					{ amount: 'error_money_line_over_field' }
				);
			if (!receipt) throw invalid({ receipt: 'error_money_receipt_missing' });
			plan = { hash: approved.hash, code: line.code };
			// Above the threshold, the expense pays a purchase awarded on this line.
			const rules = await getRuleSet(tx, associationId);
			if (input.purchaseId)
				purchase = await awardedPurchaseFor(tx, associationId, input.purchaseId, {
					planHashes: approved.hashes,
					lineId: line.id
				});
			else if (input.amount > rules.quotationThresholdCents && !input.contractId)
				throw new DomainError(
					'conflict',
					{
						key: 'error_money_purchase_required',
						params: { threshold: formatBs(rules.quotationThresholdCents) }
					},
					{ purchase: 'error_money_purchase_not_awarded' }
				);
		}
		const key =
			input.supplier && input.receiptNumber
				? supplierKey(input.supplier, input.receiptNumber)
				: null;
		if (key && !input.allowDuplicate) {
			const twice = await tx
				.selectFrom('money_movement')
				.select('seq')
				.where('association_id', '=', associationId)
				.where('supplier_key', '=', key)
				.where('reverses_seq', 'is', null)
				.executeTakeFirst();
			if (twice)
				throw new DomainError(
					'conflict',
					{ key: 'error_money_receipt_duplicate', params: { seq: Number(twice.seq) } },
					{ receipt_number: 'error_money_receipt_duplicate_field' }
				);
		}
		const delta = input.amount;
		const effects: [number, number][] =
			input.kind === 'income'
				? [[input.accountId, delta]]
				: input.kind === 'expense'
					? [[input.accountId, -delta]]
					: [
							[input.accountId, -delta],
							[input.toAccountId!, delta]
						];
		checkBalances(await accountBalances(tx, associationId), effects, accounts);

		const receiptId = receipt ? await storeReceipt(tx, associationId, receipt, user.id, now) : null;
		const household = payer ? householdKey(payer) : null;
		const movement = await append(
			tx,
			ctx,
			{
				kind: input.kind,
				income_kind: input.incomeKind,
				account_id: input.accountId,
				to_account_id: input.toAccountId,
				amount: input.amount,
				occurred_on: input.date,
				line_id: input.lineId,
				source: input.source,
				plan_hash: plan?.hash ?? null,
				supplier: input.supplier,
				receipt_number: input.receiptNumber,
				supplier_key: key,
				receipt_id: receiptId,
				household,
				reverses_seq: null,
				purchase_id: purchase?.id ?? null,
				quotation_id: purchase?.quotationId ?? null,
				recorded_by: user.id,
				created_at: now
			},
			{
				kind: input.kind,
				income_kind: input.incomeKind,
				account: account.name,
				to_account: to?.name ?? null,
				amount: input.amount,
				date: input.date,
				description: input.description,
				line:
					plan && input.lineId
						? { id: input.lineId, code: plan.code, source: input.source!, plan: plan.hash }
						: null,
				receipt:
					input.supplier && input.receiptNumber
						? {
								supplier: input.supplier,
								number: input.receiptNumber,
								sha256: receipt?.sha256 ?? null
							}
						: null,
				household:
					payer && household
						? { key: household, name: payer.name, witness: witness?.name ?? null }
						: null,
				reverses: null,
				recorded_by: user.display_name,
				recorded_at: new Date(now).toISOString()
			}
		);
		await recordAudit(tx, {
			associationId,
			actor: user,
			action: 'money.movement_recorded',
			subject: input.description,
			details: { seq: movement.seq, amount: input.amount },
			at: now
		});
		return movement;
	});
}

/**
 * Reverses movement `seq`: a new movement with the same accounts, line and source that undoes
 * it, citing it; the original stays as it was. A movement is reversed once; a reversal is not
 * reversed (record the movement again instead).
 */
export async function reverseMovement(
	db: Db,
	ctx: AssociationContext,
	seq: number,
	reason: string,
	now = Date.now()
): Promise<MoneyMovement> {
	authorize(ctx.actor, 'money.record');
	if (!isRowId(seq)) throw new DomainError('not_found', 'error_not_found');
	const user = actingUser(ctx);
	const why = cleanLine(reason);
	if (!why) throw invalid({ reason: 'error_money_reason' });
	if (why.length > DESCRIPTION_MAX) throw invalid({ reason: tooLong(DESCRIPTION_MAX) });
	const associationId = ctx.association.id;
	return writeTx(db, async (tx) => {
		const original = await tx
			.selectFrom('money_movement')
			.selectAll()
			.where('association_id', '=', associationId)
			.where('seq', '=', seq)
			.executeTakeFirst();
		if (!original) throw new DomainError('not_found', 'error_not_found');
		if (original.reverses_seq !== null)
			throw new DomainError('conflict', 'error_money_reverse_reversal');
		const already = await tx
			.selectFrom('money_movement')
			.select('seq')
			.where('association_id', '=', associationId)
			.where('reverses_seq', '=', seq)
			.executeTakeFirst();
		if (already) throw new DomainError('conflict', 'error_money_already_reversed');
		await assertPeriodOpen(tx, associationId, boliviaDate(now));
		const accounts = await accountsOf(tx, associationId);
		const amount = Number(original.amount);
		const effects: [number, number][] =
			original.kind === 'income'
				? [[original.account_id, -amount]]
				: original.kind === 'expense'
					? [[original.account_id, amount]]
					: [
							[original.account_id, amount],
							[original.to_account_id!, -amount]
						];
		checkBalances(await accountBalances(tx, associationId), effects, accounts);
		const was = JSON.parse(original.entry) as MovementEntry;
		const movement = await append(
			tx,
			ctx,
			{
				kind: original.kind,
				income_kind: original.income_kind,
				account_id: original.account_id,
				to_account_id: original.to_account_id,
				amount,
				occurred_on: boliviaDate(now),
				line_id: original.line_id,
				source: original.source,
				plan_hash: original.plan_hash,
				supplier: original.supplier,
				receipt_number: original.receipt_number,
				supplier_key: original.supplier_key,
				receipt_id: original.receipt_id,
				household: original.household,
				reverses_seq: seq,
				purchase_id: original.purchase_id,
				quotation_id: original.quotation_id,
				recorded_by: user.id,
				created_at: now
			},
			{
				kind: was.kind,
				income_kind: was.income_kind,
				account: was.account,
				to_account: was.to_account,
				amount,
				date: boliviaDate(now),
				description: why,
				line: was.line,
				receipt: was.receipt,
				household: was.household,
				reverses: seq,
				recorded_by: user.display_name,
				recorded_at: new Date(now).toISOString()
			}
		);
		await recordAudit(tx, {
			associationId,
			actor: user,
			action: 'money.movement_reversed',
			subject: why,
			details: { seq: movement.seq, reverses: seq },
			at: now
		});
		return movement;
	});
}

function view(row: MoneyMovement & { receipt_mime: string | null }): MovementView {
	const entry = JSON.parse(row.entry) as MovementEntry;
	return {
		seq: Number(row.seq),
		kind: row.kind,
		incomeKind: row.income_kind,
		account: entry.account,
		toAccount: entry.to_account,
		amount: Number(row.amount),
		date: row.occurred_on,
		description: entry.description,
		lineId: row.line_id,
		lineCode: entry.line?.code ?? null,
		source: row.source,
		supplier: row.supplier,
		receiptNumber: row.receipt_number,
		receiptId: row.receipt_id === null ? null : Number(row.receipt_id),
		receiptMime: row.receipt_mime,
		household: entry.household?.name ?? null,
		witness: entry.household?.witness ?? null,
		reverses: row.reverses_seq === null ? null : Number(row.reverses_seq),
		reversedBy: null,
		hash: row.hash
	};
}

export interface MovementFilter {
	/** Only expenses of this plan version (hash). */
	/** Expenses charged to these plan versions (ApprovedPlan.hashes). */
	planHashes?: readonly string[];
	/** Only movements of this kind. */
	kind?: MovementKind;
	/** Only expenses charged to no plan line. */
	withoutLine?: boolean;
	/** Only expenses on this line (with planHashes). */
	lineId?: string;
	/** Newest first, at most this many. */
	limit?: number;
	/** Occurred on or after / on or before (YYYY-MM-DD). */
	from?: string;
	to?: string;
}

/** Movements, newest first, with who reversed each. */
export async function listMovements(
	db: Db,
	associationId: number,
	filter: MovementFilter = {}
): Promise<MovementView[]> {
	let q = db
		.selectFrom('money_movement')
		.leftJoin('money_receipt', 'money_receipt.id', 'money_movement.receipt_id')
		.selectAll('money_movement')
		.select('money_receipt.mime as receipt_mime')
		.where('money_movement.association_id', '=', associationId);
	if (filter.planHashes)
		q = q
			.where('money_movement.plan_hash', 'in', filter.planHashes)
			.where('money_movement.kind', '=', 'expense');
	if (filter.kind) q = q.where('money_movement.kind', '=', filter.kind);
	if (filter.withoutLine)
		q = q.where('money_movement.kind', '=', 'expense').where('money_movement.line_id', 'is', null);
	if (filter.lineId) q = q.where('money_movement.line_id', '=', filter.lineId);
	if (filter.from) q = q.where('money_movement.occurred_on', '>=', filter.from);
	if (filter.to) q = q.where('money_movement.occurred_on', '<=', filter.to);
	q = q.orderBy('money_movement.seq', 'desc');
	if (filter.limit) q = q.limit(filter.limit);
	const rows = (await q.execute()).map(view);
	const bySeq = new Map(rows.map((r) => [r.seq, r]));
	for (const r of rows)
		if (r.reverses !== null) {
			const original = bySeq.get(r.reverses);
			if (original) original.reversedBy = r.seq;
		}
	return rows;
}
