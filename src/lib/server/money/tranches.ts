// Tranches of the programme's money (domain.md §1.2, step 7). The treasurer requests tranche n
// with its descargo: the expenses since the previous tranche's cutoff with their receipts, the
// plan per source and the counterpart the households reached, frozen with its SHA-256 as the
// programme reads it (a PDF). Its arrival is an income movement of kind "tranche", named by the
// arrival row. Tranche n + 1 waits for tranche n to arrive.
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { formatBs } from '$lib/drafts/budget';
import type { Descargo, DescargoTranche, TrancheStatus } from '$lib/money/tranche';
import { trancheProblem } from '$lib/money/tranche';
import { readRowId } from '$lib/fields';
import { m } from '$lib/paraglide/messages.js';
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import { DomainError, invalid, type MessageRef } from '$lib/server/errors';
import { STORED } from '$lib/server/record';
import { householdStandings } from './counterpart';
import { getExecution } from './execution';
import { boliviaDate, readPositiveAmount, recordMovement, validDate } from './movements';

export type { Descargo, TrancheStatus };

export interface TrancheView {
	number: number;
	requested: number;
	since: string | null;
	cutoff: string;
	hash: string;
	requestedBy: string;
	requestedAt: number;
	status: TrancheStatus;
	received: { amount: number; on: string; seq: number } | null;
}

export interface TrancheRequestInput {
	/** Centavos. */
	amount: number;
	/** YYYY-MM-DD: the descargo covers the expenses up to this day. */
	cutoff: string;
}

export interface TrancheArrivalInput {
	accountId: number;
	amount: number;
	date: string;
}

export function readTrancheForm(
	form: Record<string, string>,
	now = Date.now()
): TrancheRequestInput {
	const fields: Record<string, string | MessageRef> = {};
	const amount = readPositiveAmount(form.amount, 'amount', fields);
	const cutoff = (form.cutoff ?? '').trim() || boliviaDate(now);
	if (!validDate(cutoff)) fields.cutoff = 'error_money_date';
	if (Object.keys(fields).length) throw invalid(fields);
	return { amount: amount!, cutoff };
}

export function readArrivalForm(
	form: Record<string, string>,
	now = Date.now()
): TrancheArrivalInput {
	const fields: Record<string, string | MessageRef> = {};
	const amount = readPositiveAmount(form.amount, 'amount', fields);
	const date = (form.date ?? '').trim() || boliviaDate(now);
	if (!validDate(date)) fields.date = 'error_money_date';
	const accountId = readRowId(form.account) || 0;
	if (!accountId) fields.account = 'error_choice';
	if (Object.keys(fields).length) throw invalid(fields);
	return { accountId, amount: amount!, date };
}

async function trancheRows(db: Db, associationId: number) {
	return db
		.selectFrom('money_tranche')
		.leftJoin('money_tranche_arrival', 'money_tranche_arrival.tranche_id', 'money_tranche.id')
		.select([
			'money_tranche.id',
			'money_tranche.number',
			'money_tranche.amount',
			'money_tranche.since',
			'money_tranche.cutoff',
			'money_tranche.descargo_hash',
			'money_tranche.requested_name',
			'money_tranche.requested_at',
			'money_tranche_arrival.amount as received_amount',
			'money_tranche_arrival.received_on',
			'money_tranche_arrival.movement_seq'
		])
		.where('money_tranche.association_id', '=', associationId)
		.orderBy('money_tranche.number')
		.execute();
}

type TrancheRow = Awaited<ReturnType<typeof trancheRows>>[number];

function view(r: TrancheRow): TrancheView {
	const received =
		r.movement_seq === null
			? null
			: { amount: Number(r.received_amount), on: r.received_on!, seq: Number(r.movement_seq) };
	return {
		number: Number(r.number),
		requested: Number(r.amount),
		since: r.since,
		cutoff: r.cutoff,
		hash: r.descargo_hash,
		requestedBy: r.requested_name,
		requestedAt: Number(r.requested_at),
		status: received ? 'received' : 'requested',
		received
	};
}

/** The tranches requested, first to last, with their arrival. */
export async function listTranches(db: Db, ctx: AssociationContext): Promise<TrancheView[]> {
	authorize(ctx.actor, 'money.view', ctx.association);
	return (await trancheRows(db, ctx.association.id)).map(view);
}

export interface TrancheOverview {
	tranches: TrancheView[];
	/** The programme's share of the approved plan and what of it arrived; null without a plan. */
	programme: { planned: number; received: number } | null;
	/** The next tranche the treasurer may request, or null while the last one has not arrived. */
	next: { number: number; since: string | null } | null;
	may: { request: boolean };
}

export async function tranchesOverview(db: Db, ctx: AssociationContext): Promise<TrancheOverview> {
	const tranches = await listTranches(db, ctx);
	const found = await getExecution(db, ctx.association.id);
	const last = tranches.at(-1);
	const next =
		found && (!last || last.status === 'received')
			? { number: (last?.number ?? 0) + 1, since: last?.cutoff ?? null }
			: null;
	return {
		tranches,
		programme: found
			? {
					planned: found.execution.bySource.par.planned,
					received: tranches.reduce((n, t) => n + (t.received?.amount ?? 0), 0)
				}
			: null,
		next,
		may: { request: next !== null && can(ctx.actor, 'money.record') }
	};
}

export interface TranchePage {
	tranche: TrancheView;
	descargo: Descargo;
	may: { receive: boolean };
}

export async function getTranche(
	db: Db,
	ctx: AssociationContext,
	number: number
): Promise<TranchePage> {
	authorize(ctx.actor, 'money.view', ctx.association);
	const row = (await trancheRows(db, ctx.association.id)).find((r) => Number(r.number) === number);
	if (!row) throw new DomainError('not_found', 'error_not_found');
	const text = await db
		.selectFrom('money_tranche')
		.select('descargo')
		.where('id', '=', row.id)
		.executeTakeFirstOrThrow();
	const tranche = view(row);
	return {
		tranche,
		descargo: JSON.parse(text.descargo) as Descargo,
		may: { receive: tranche.status === 'requested' && can(ctx.actor, 'money.record') }
	};
}

/** The expenses after `since` up to `cutoff`, oldest first, with their receipts' SHA-256. */
async function expensesBetween(
	db: Db,
	associationId: number,
	since: string | null,
	cutoff: string
) {
	const rows = await db
		.selectFrom('money_movement')
		.leftJoin('money_receipt', 'money_receipt.id', 'money_movement.receipt_id')
		.select([
			'money_movement.seq',
			'money_movement.occurred_on',
			'money_movement.line_id',
			'money_movement.source',
			'money_movement.supplier',
			'money_movement.receipt_number',
			'money_movement.entry',
			'money_movement.amount',
			'money_movement.reverses_seq',
			'money_receipt.sha256'
		])
		.where('money_movement.association_id', '=', associationId)
		.where('money_movement.kind', '=', 'expense')
		.$if(since !== null, (q) => q.where('money_movement.occurred_on', '>', since!))
		.where('money_movement.occurred_on', '<=', cutoff)
		.orderBy('money_movement.occurred_on')
		.orderBy('money_movement.seq')
		.execute();
	return rows.map((r) => {
		const entry = JSON.parse(r.entry) as {
			description: string;
			line: { code: string } | null;
		};
		return {
			seq: Number(r.seq),
			date: r.occurred_on,
			line: entry.line?.code ?? null,
			source: r.source,
			supplier: r.supplier,
			number: r.receipt_number,
			sha256: r.sha256 ?? null,
			description: entry.description,
			amount: Number(r.amount) * (r.reverses_seq === null ? 1 : -1)
		};
	});
}

async function buildDescargo(
	db: Db,
	ctx: AssociationContext,
	input: TrancheRequestInput,
	number: number,
	since: string | null,
	previous: DescargoTranche[]
): Promise<Descargo> {
	const id = ctx.association.id;
	const found = await getExecution(db, id, input.cutoff);
	if (!found)
		throw new DomainError('conflict', 'error_money_tranche_no_plan', {
			amount: 'error_money_tranche_no_plan'
		});
	const expenses = await expensesBetween(db, id, since, input.cutoff);
	const spentBySource: Record<string, number> = {};
	for (const e of expenses)
		if (e.source) spentBySource[e.source] = (spentBySource[e.source] ?? 0) + e.amount;
	const standings = await householdStandings(db, id, input.cutoff);
	const owing = standings.filter((s) => s.quotaCents > 0 || s.quotaTenths > 0);
	const total = (pick: (s: (typeof owing)[number]) => number) =>
		owing.reduce((n, s) => n + pick(s), 0);
	return {
		association: { slug: ctx.association.slug, name: ctx.association.name },
		number,
		requested: input.amount,
		since,
		cutoff: input.cutoff,
		plan: { hash: found.plan.hash, title: found.plan.title, version: found.plan.version },
		expenses,
		expenseTotal: expenses.reduce((n, e) => n + e.amount, 0),
		spentBySource,
		execution: found.execution.bySource,
		counterpart: {
			households: owing.length,
			inArrears: owing.filter((s) => s.status === 'arrears').length,
			quotaCents: total((s) => s.quotaCents),
			dueCents: total((s) => s.dueCents),
			paidCents: total((s) => s.paidCents),
			quotaTenths: total((s) => s.quotaTenths),
			dueTenths: total((s) => s.dueTenths),
			workedTenths: total((s) => s.workedTenths)
		},
		previous,
		programme: {
			planned: found.execution.bySource.par.planned,
			received: previous.reduce((n, t) => n + (t.received ?? 0), 0)
		}
	};
}

/**
 * Requests the next tranche (the treasurer only): the previous one must have arrived, and the
 * amount fit in what the programme still owes on the plan. The descargo is frozen as it reads now.
 */
export async function requestTranche(
	db: Db,
	ctx: AssociationContext,
	input: TrancheRequestInput,
	now = Date.now()
): Promise<{ number: number; hash: string }> {
	authorize(ctx.actor, 'money.record');
	const user = actingUser(ctx);
	return writeTx(db, async (tx) => {
		const rows = (await trancheRows(tx, ctx.association.id)).map(view);
		const last = rows.at(-1) ?? null;
		const previous: DescargoTranche[] = rows.map((t) => ({
			number: t.number,
			requested: t.requested,
			received: t.received?.amount ?? null,
			receivedOn: t.received?.on ?? null
		}));
		const number = (last?.number ?? 0) + 1;
		const descargo = await buildDescargo(tx, ctx, input, number, last?.cutoff ?? null, previous);
		const owed = descargo.programme.planned - descargo.programme.received;
		const problem = trancheProblem(
			last && { cutoff: last.cutoff, received: last.status === 'received' },
			input,
			owed,
			boliviaDate(now)
		);
		if (problem) {
			const ref: MessageRef = {
				key: problem.key,
				params: {
					number: last?.number ?? 0,
					cutoff: last?.cutoff ?? '',
					owed: formatBs(Math.max(0, owed))
				}
			};
			throw new DomainError(problem.field === 'number' ? 'conflict' : 'invalid', ref, {
				[problem.field === 'number' ? 'amount' : problem.field]: ref
			});
		}
		const text = canonicalJson(descargo);
		const hash = sha256Hex(text);
		await tx
			.insertInto('money_tranche')
			.values({
				association_id: ctx.association.id,
				number,
				amount: input.amount,
				since: descargo.since,
				cutoff: input.cutoff,
				descargo: text,
				descargo_hash: hash,
				requested_by: user.id,
				requested_name: user.display_name,
				requested_at: now
			})
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'money.tranche_requested',
			subject: m.money_tranche_name({ number }, STORED),
			details: { number, amount: input.amount, hash },
			at: now
		});
		return { number, hash };
	});
}

/**
 * Books the arrival of a requested tranche (the treasurer only): an income movement of kind
 * "tranche" into the account it reached, for at most what was requested, on or after the day it
 * was requested.
 */
export async function receiveTranche(
	db: Db,
	ctx: AssociationContext,
	number: number,
	input: TrancheArrivalInput,
	now = Date.now()
): Promise<{ seq: number }> {
	authorize(ctx.actor, 'money.record');
	const user = actingUser(ctx);
	return writeTx(db, async (tx) => {
		const row = (await trancheRows(tx, ctx.association.id)).find(
			(r) => Number(r.number) === number
		);
		if (!row) throw new DomainError('not_found', 'error_not_found');
		const tranche = view(row);
		if (tranche.received) throw new DomainError('conflict', 'error_money_tranche_received');
		const fields: Record<string, string | MessageRef> = {};
		const requestedOn = boliviaDate(tranche.requestedAt);
		if (input.date > boliviaDate(now)) fields.date = 'error_money_date_future';
		else if (input.date < requestedOn)
			fields.date = { key: 'error_money_tranche_before_request', params: { date: requestedOn } };
		if (input.amount > tranche.requested)
			fields.amount = {
				key: 'error_money_tranche_more',
				params: { amount: formatBs(tranche.requested) }
			};
		if (Object.keys(fields).length) throw invalid(fields);
		const movement = await recordMovement(
			tx,
			ctx,
			{
				kind: 'income',
				incomeKind: 'tranche',
				accountId: input.accountId,
				toAccountId: null,
				amount: input.amount,
				date: input.date,
				description: m.money_tranche_income({ number }, STORED),
				lineId: null,
				source: null,
				supplier: null,
				receiptNumber: null,
				payerMemberId: null,
				witnessMemberId: null,
				allowDuplicate: false
			},
			undefined,
			now
		);
		await tx
			.insertInto('money_tranche_arrival')
			.values({
				association_id: ctx.association.id,
				tranche_id: row.id,
				movement_seq: movement.seq,
				amount: input.amount,
				received_on: input.date,
				recorded_by: user.id,
				recorded_at: now
			})
			.execute();
		return { seq: Number(movement.seq) };
	});
}
