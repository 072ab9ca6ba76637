// The technical assistance contract (issue 14): drawn from a closed hiring vote (the elected
// option, the frozen terms of reference's hash, the fee the candidate asked), with the fee agreed
// within bounds, the period and the communities served. Creating it is a decision in the register;
// the committee then enters the deliverables the terms of reference name, each with its planned
// month and the payment tied to it, names the technician's account (a non-voting member scoped to
// this contract) and attaches the photo of the signed copy.
import { m } from '$lib/paraglide/messages.js';
import {
	actingUser,
	authorize,
	can,
	listMembers,
	getMember,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isElector } from '$lib/associations/electorate';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { AssistanceContract, AssistanceDeliverable } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { formatBs } from '$lib/drafts/budget';
import { readAmount } from '$lib/money/amount';
import type { VoteResult } from '$lib/voting/result';
import {
	CONTRACT_MONTHS_MAX,
	DEFAULT_EVALUATION_MONTHS,
	DELIVERABLE_TITLE_MAX,
	isDeliverableKind,
	type DeliverableKind
} from '$lib/assistance/vocabulary';
import {
	deliverableProgress,
	feeFloor,
	feeWithinBounds,
	isIsoDate,
	isMonth,
	periodMonths,
	readEvaluationMonths,
	visitState,
	type DeliverableFacts
} from '$lib/assistance/schedule';
import { checkFile, storeFile } from './files';
import { appendEntry, STORED, voteDecisionSeq } from '$lib/server/record/register';
import { formatDay } from '$lib/format';
import { listVoteOptions, listVotes, voteRow } from '$lib/server/voting';

export interface HiringChoice {
	voteId: number;
	title: string;
	technician: string;
	/** Centavos a month, as the elected candidate asked; null when the option had none. */
	fee: number | null;
	contractId: number | null;
}

/** The communities the association's members live in, in order. */
export async function associationCommunities(db: Db, associationId: number): Promise<string[]> {
	const members = await listMembers(db, associationId);
	const set = new Set(
		members.filter((r) => r.status === 'active' && r.community).map((r) => r.community!.trim())
	);
	return [...set].filter(Boolean).sort((a, b) => a.localeCompare(b, 'es'));
}

interface Hired {
	vote: { id: number; title: string; contentHash: string };
	option: { id: number; label: string; amount: number | null };
}

/** A closed election on terms of reference with a winner, or the reason it cannot be contracted. */
async function hired(db: Db, ctx: AssociationContext, voteId: number): Promise<Hired> {
	const vote = await voteRow(db, ctx, voteId);
	if (vote.kind !== 'election' || vote.status !== 'closed' || !vote.content_hash || !vote.result)
		throw new DomainError('conflict', 'error_assistance_not_hired');
	const result = JSON.parse(vote.result) as VoteResult;
	const winner = result.kind === 'election' ? result.election.winner : null;
	const option = (await listVoteOptions(db, vote.id)).find((o) => String(o.id) === winner);
	if (!option) throw new DomainError('conflict', 'error_assistance_not_hired');
	return {
		vote: { id: vote.id, title: vote.title, contentHash: vote.content_hash },
		option: {
			id: option.id,
			label: option.label,
			amount: option.amount === null ? null : Number(option.amount)
		}
	};
}

/** Closed hiring votes with a winner, and the contract drawn from each, if any. */
export async function listHirings(db: Db, ctx: AssociationContext): Promise<HiringChoice[]> {
	authorize(ctx.actor, 'assistance.view');
	const closed = (await listVotes(db, ctx, { status: ['closed'] })).filter(
		(v) => v.kind === 'election'
	);
	const contracts = await db
		.selectFrom('assistance_contract')
		.select(['id', 'vote_id'])
		.where('association_id', '=', ctx.association.id)
		.execute();
	const byVote = new Map(contracts.map((c) => [Number(c.vote_id), Number(c.id)]));
	const out: HiringChoice[] = [];
	for (const v of closed) {
		let h: Hired;
		try {
			h = await hired(db, ctx, v.id);
		} catch {
			continue;
		}
		out.push({
			voteId: v.id,
			title: v.title,
			technician: h.option.label,
			fee: h.option.amount,
			contractId: byVote.get(v.id) ?? null
		});
	}
	return out;
}

export interface ContractInput {
	voteId: number;
	/** As typed, in bolivianos a month; empty: the candidate's own. */
	fee: string;
	start: string;
	months: string;
	communities: string[];
	/** "3, 6": months from the start at which the service is evaluated. */
	evaluations?: string;
}

/** Each community ticked is a checkbox `community_<n>` whose value is its name. */
export function readContractForm(form: Record<string, string>): ContractInput {
	return {
		voteId: Number(form.vote),
		fee: form.fee ?? '',
		start: (form.start ?? '').trim(),
		months: (form.months ?? '').trim(),
		evaluations: form.evaluations,
		communities: Object.entries(form)
			.filter(([k]) => /^community_\d+$/.test(k))
			.map(([, v]) => v)
	};
}

export function readDeliverableForm(form: Record<string, string>): DeliverableInput {
	return {
		kind: form.kind ?? '',
		title: form.title ?? '',
		month: (form.month ?? '').trim(),
		community: form.community ?? '',
		amount: form.amount ?? ''
	};
}

/** Draws the contract from a closed hiring vote and writes it in the register; leaders only. */
export async function createContract(
	db: Db,
	ctx: AssociationContext,
	input: ContractInput,
	now = Date.now()
): Promise<{ id: number; seq: number }> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	const h = await hired(db, ctx, input.voteId);
	const fields: Record<string, string | ReturnType<typeof tooLong>> = {};
	const candidateFee = h.option.amount;
	let fee = candidateFee ?? 0;
	if (input.fee.trim()) {
		const read = readAmount(input.fee);
		fee = read.ok ? read.value : -1;
	}
	if (fee <= 0) fields.fee = 'error_money_amount';
	else if (candidateFee !== null && !feeWithinBounds(fee, candidateFee))
		fields.fee = {
			key: 'error_assistance_fee_bounds',
			params: { min: formatBs(feeFloor(candidateFee)), max: formatBs(candidateFee) }
		};
	if (!isIsoDate(input.start)) fields.start = 'error_assistance_date';
	const months = Number(input.months);
	if (!/^\d+$/.test(input.months) || months < 1 || months > CONTRACT_MONTHS_MAX)
		fields.months = { key: 'error_assistance_months', params: { max: CONTRACT_MONTHS_MAX } };
	const evaluations =
		input.evaluations === undefined
			? DEFAULT_EVALUATION_MONTHS.filter((n) => n <= months)
			: readEvaluationMonths(input.evaluations, months);
	if (!evaluations && !fields.months) fields.evaluations = 'error_assistance_evaluations';
	const known = await associationCommunities(db, ctx.association.id);
	const communities = input.communities.filter((c) => known.includes(c));
	if (known.length && communities.length === 0) fields.communities = 'error_assistance_communities';
	if (Object.keys(fields).length) throw invalid(fields);
	return writeTx(db, async (tx) => {
		const twice = await tx
			.selectFrom('assistance_contract')
			.select('id')
			.where('vote_id', '=', h.vote.id)
			.executeTakeFirst();
		if (twice) throw new DomainError('conflict', 'error_assistance_contract_exists');
		const voteSeq = await voteDecisionSeq(tx, ctx.association.id, h.vote.id);
		const row = await tx
			.insertInto('assistance_contract')
			.values({
				association_id: ctx.association.id,
				vote_id: h.vote.id,
				option_id: h.option.id,
				technician_name: h.option.label,
				tor_hash: h.vote.contentHash,
				candidate_fee: candidateFee ?? fee,
				fee,
				start_date: input.start,
				months,
				communities: JSON.stringify(communities),
				decision_seq: 0,
				evaluation_months: JSON.stringify(evaluations),
				technician_member_id: null,
				signed_file_id: null,
				created_by: user.id,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const id = Number(row.id);
		const decision = await appendEntry(
			tx,
			ctx.association,
			{
				kind: 'consensus',
				decision_kind: 'ordinary',
				title: m.assistance_entry_title({ name: h.option.label }, STORED),
				summary: (voteSeq ? m.assistance_entry_summary_vote : m.assistance_entry_summary)(
					{
						name: h.option.label,
						months,
						start: formatDay(input.start, STORED.locale),
						fee: formatBs(fee),
						seq: voteSeq ?? 0
					},
					STORED
				),
				outcome: 'decided',
				recorded_by: user.display_name,
				subject: null,
				vote: null,
				corrects: null,
				assembly: null,
				decidedAt: now,
				contract: {
					id,
					vote: h.vote.id,
					vote_seq: voteSeq,
					technician: h.option.label,
					tor_hash: h.vote.contentHash,
					candidate_fee: candidateFee ?? fee,
					fee,
					start: input.start,
					months,
					communities,
					evaluations: evaluations!
				}
			},
			now
		);
		const seq = Number(decision.seq);
		await tx
			.updateTable('assistance_contract')
			.set({ decision_seq: seq })
			.where('id', '=', id)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_created',
			subject: h.option.label,
			details: { contract: id, seq },
			at: now
		});
		return { id, seq };
	});
}

export async function contractRow(
	db: Db,
	associationId: number,
	id: number
): Promise<AssistanceContract | undefined> {
	if (!isRowId(id)) return undefined;
	return db
		.selectFrom('assistance_contract')
		.selectAll()
		.where('association_id', '=', associationId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function requireContract(
	db: Db,
	associationId: number,
	id: number
): Promise<AssistanceContract> {
	const row = await contractRow(db, associationId, id);
	if (!row) throw new DomainError('not_found', 'error_not_found');
	return row;
}

export function contractCommunities(row: Pick<AssistanceContract, 'communities'>): string[] {
	return JSON.parse(row.communities) as string[];
}

export function contractEvaluationMonths(row: Pick<AssistanceContract, 'evaluation_months'>) {
	return JSON.parse(row.evaluation_months) as number[];
}

export function contractPeriod(row: Pick<AssistanceContract, 'start_date' | 'months'>) {
	return { start: row.start_date, months: Number(row.months) };
}

/** Whether the actor logs this contract's work: a leader, or the technician it names. */
export function mayLog(ctx: AssociationContext, contract: AssistanceContract): boolean {
	if (can(ctx.actor, 'assistance.manage')) return true;
	const m0 = ctx.actor.membership;
	return (
		m0 !== null &&
		m0.status === 'active' &&
		!isElector(m0) &&
		contract.technician_member_id !== null &&
		Number(contract.technician_member_id) === m0.memberId
	);
}

/**
 * Names the technician's account: an active member with an account who does not vote (an
 * observer or a facilitator); leaders only. The account logs this contract's visits and nothing
 * else.
 */
export async function setTechnician(
	db: Db,
	ctx: AssociationContext,
	contractId: number,
	memberId: number,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	const contract = await requireContract(db, ctx.association.id, contractId);
	const member = isRowId(memberId) ? await getMember(db, ctx.association.id, memberId) : undefined;
	if (!member || member.status !== 'active' || !member.user_id || isElector(member))
		throw invalid({ technician: 'error_assistance_technician' });
	await writeTx(db, async (tx) => {
		await tx
			.updateTable('assistance_contract')
			.set({ technician_member_id: member.id })
			.where('id', '=', contract.id)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_changed',
			subject: contract.technician_name,
			details: { contract: contract.id, technician: member.id },
			at: now
		});
	});
}

/** Attaches the photo or PDF of the signed contract, once; leaders only. */
export async function attachSignedCopy(
	db: Db,
	ctx: AssociationContext,
	contractId: number,
	bytes: Uint8Array | undefined,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	if (!bytes || bytes.length === 0) throw invalid({ receipt: 'error_assistance_signed_missing' });
	const file = checkFile(bytes);
	await writeTx(db, async (tx) => {
		const contract = await requireContract(tx, ctx.association.id, contractId);
		if (contract.signed_file_id !== null)
			throw new DomainError('conflict', 'error_assistance_signed_twice');
		const id = await storeFile(tx, ctx.association.id, file, user.id, now);
		await tx
			.updateTable('assistance_contract')
			.set({ signed_file_id: id })
			.where('id', '=', contract.id)
			.where('signed_file_id', 'is', null)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_changed',
			subject: contract.technician_name,
			details: { contract: contract.id, signed_sha256: file.sha256 },
			at: now
		});
	});
}

export interface DeliverableInput {
	kind: string;
	title: string;
	month: string;
	community: string;
	/** As typed, in bolivianos: what is paid once it is approved. */
	amount: string;
}

/**
 * Adds a deliverable from the terms of reference to the contract's schedule; leaders only. Its
 * month falls within the period, its community among the contract's, and the schedule's payments
 * never add up to more than the contract's fee for the whole period.
 */
export async function addDeliverable(
	db: Db,
	ctx: AssociationContext,
	contractId: number,
	input: DeliverableInput,
	now = Date.now()
): Promise<number> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	const contract = await requireContract(db, ctx.association.id, contractId);
	const fields: Record<string, string | ReturnType<typeof tooLong>> = {};
	if (!isDeliverableKind(input.kind)) fields.kind = 'error_choice';
	const title = cleanLine(input.title);
	if (!title) fields.title = 'error_required';
	else if (title.length > DELIVERABLE_TITLE_MAX) fields.title = tooLong(DELIVERABLE_TITLE_MAX);
	if (!isMonth(input.month) || !periodMonths(contractPeriod(contract)).includes(input.month))
		fields.month = 'error_assistance_month';
	const community = cleanLine(input.community);
	if (community && !contractCommunities(contract).includes(community))
		fields.community = 'error_visit_community';
	const read = readAmount(input.amount.trim() || '0');
	if (!read.ok || read.value < 0) fields.amount = 'error_money_amount';
	if (Object.keys(fields).length) throw invalid(fields);
	const amount = read.ok ? read.value : 0;
	return writeTx(db, async (tx) => {
		const scheduled = await tx
			.selectFrom('assistance_deliverable')
			.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
			.where('contract_id', '=', contract.id)
			.executeTakeFirstOrThrow();
		const ceiling = Number(contract.fee) * Number(contract.months);
		if (Number(scheduled.total) + amount > ceiling)
			throw invalid({
				amount: {
					key: 'error_assistance_schedule_over',
					params: { total: formatBs(ceiling), left: formatBs(ceiling - Number(scheduled.total)) }
				}
			});
		const row = await tx
			.insertInto('assistance_deliverable')
			.values({
				association_id: ctx.association.id,
				contract_id: contract.id,
				kind: input.kind as DeliverableKind,
				title,
				planned_month: input.month,
				community: community || null,
				amount,
				delivered_at: null,
				approved_at: null,
				approved_by: null,
				created_by: user.id,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_changed',
			subject: title,
			details: { contract: contract.id, deliverable: Number(row.id) },
			at: now
		});
		return Number(row.id);
	});
}

export async function deliverableRow(
	db: Db,
	associationId: number,
	id: number
): Promise<AssistanceDeliverable | undefined> {
	if (!isRowId(id)) return undefined;
	return db
		.selectFrom('assistance_deliverable')
		.selectAll()
		.where('association_id', '=', associationId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The facts the pure schedule reads for each of a contract's deliverables. */
export async function deliverableFacts(
	db: Db,
	contractId: number
): Promise<{ rows: AssistanceDeliverable[]; facts: DeliverableFacts[] }> {
	const rows = await db
		.selectFrom('assistance_deliverable')
		.selectAll()
		.where('contract_id', '=', contractId)
		.orderBy('planned_month')
		.orderBy('id')
		.execute();
	const answers = await db
		.selectFrom('assistance_visit')
		.innerJoin(
			'assistance_visit_household',
			'assistance_visit_household.visit_id',
			'assistance_visit.id'
		)
		.select(['assistance_visit.id', 'assistance_visit.deliverable_id', 'answer'])
		.where('assistance_visit.contract_id', '=', contractId)
		.where('assistance_visit.deliverable_id', 'is not', null)
		.execute();
	const byVisit = new Map<
		number,
		{ deliverable: number; answers: (typeof answers)[number]['answer'][] }
	>();
	for (const a of answers) {
		const entry = byVisit.get(Number(a.id)) ?? {
			deliverable: Number(a.deliverable_id),
			answers: []
		};
		entry.answers.push(a.answer);
		byVisit.set(Number(a.id), entry);
	}
	const paid = new Set(
		(
			await db
				.selectFrom('assistance_payment')
				.select('deliverable_id')
				.where('contract_id', '=', contractId)
				.execute()
		).map((p) => Number(p.deliverable_id))
	);
	const facts = rows.map((r) => ({
		id: Number(r.id),
		kind: r.kind,
		plannedMonth: r.planned_month,
		amount: Number(r.amount),
		delivered: r.delivered_at !== null,
		approved: r.approved_at !== null,
		paid: paid.has(Number(r.id)),
		visits: [...byVisit.values()]
			.filter((v) => v.deliverable === Number(r.id))
			.map((v) => visitState(v.answers))
	}));
	return { rows, facts };
}

/** Marks a workshop or report delivered: a leader, or the contract's technician. */
export async function markDelivered(
	db: Db,
	ctx: AssociationContext,
	deliverableId: number,
	now = Date.now()
): Promise<void> {
	const user = actingUser(ctx);
	await writeTx(db, async (tx) => {
		const row = await deliverableRow(tx, ctx.association.id, deliverableId);
		if (!row) throw new DomainError('not_found', 'error_not_found');
		const contract = await requireContract(tx, ctx.association.id, Number(row.contract_id));
		if (!mayLog(ctx, contract)) throw new DomainError('forbidden', 'error_forbidden');
		if (row.kind === 'visit') throw new DomainError('conflict', 'error_assistance_visit_by_visits');
		if (row.delivered_at !== null) throw new DomainError('conflict', 'error_assistance_delivered');
		await tx
			.updateTable('assistance_deliverable')
			.set({ delivered_at: now })
			.where('id', '=', row.id)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_changed',
			subject: row.title,
			details: { deliverable: Number(row.id), delivered: true },
			at: now
		});
	});
}

/**
 * The committee approves a deliverable: a visit confirmed by its households, or a workshop or
 * report delivered. Leaders only; once.
 */
export async function approveDeliverable(
	db: Db,
	ctx: AssociationContext,
	deliverableId: number,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	await writeTx(db, async (tx) => {
		const row = await deliverableRow(tx, ctx.association.id, deliverableId);
		if (!row) throw new DomainError('not_found', 'error_not_found');
		const { facts } = await deliverableFacts(tx, Number(row.contract_id));
		const fact = facts.find((f) => f.id === Number(row.id))!;
		if (fact.approved) throw new DomainError('conflict', 'error_assistance_approved_twice');
		if (!deliverableProgress(fact).approvable)
			throw new DomainError('conflict', 'error_assistance_not_confirmed');
		await tx
			.updateTable('assistance_deliverable')
			.set({ approved_at: now, approved_by: user.id })
			.where('id', '=', row.id)
			.where('approved_at', 'is', null)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.deliverable_approved',
			subject: row.title,
			details: { deliverable: Number(row.id) },
			at: now
		});
	});
}
