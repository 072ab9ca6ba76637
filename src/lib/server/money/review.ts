// Social control of the money (domain.md §2.5): the treasurer hands in the report of a period,
// frozen with its SHA-256; the vigilance committee observes it, each observation answered in
// writing by the treasurer, until the committee finds it "conforme"; the assembly then approves
// it, and the register entry carries the report's hash. Every step is an append-only event; the
// period handed in is closed to new movements (./periods.ts).
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { formatDay } from '$lib/format';
import {
	mayApprove,
	mayConform,
	mayObserve,
	reviewState,
	type ReviewState
} from '$lib/money/review';
import { REVIEW_NOTE_MAX } from '$lib/money/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { ReportEventKind, VoteStatus } from '$lib/server/db/schema';
import type { RegisterEntry } from '$lib/record/chain';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { appendEntry, readDecidedAt, STORED } from '$lib/server/record';
import { cleanParagraphs } from '$lib/server/text';
import { boliviaDate } from './movements';
import { treasurerReport, type ReportPeriod, type TreasurerReport } from './reports';

export interface ReviewEventView {
	id: number;
	kind: ReportEventKind;
	body: string;
	answersId: number | null;
	decisionSeq: number | null;
	actor: string;
	at: number;
}

export interface ReportSummary {
	id: number;
	period: ReportPeriod;
	hash: string;
	submittedBy: string;
	submittedAt: number;
	state: ReviewState;
}

export interface ReportReview extends ReportSummary {
	report: TreasurerReport;
	events: ReviewEventView[];
	/** The approval's register entry, once approved. */
	decisionSeq: number | null;
	/** The votes that put it to the assembly, and the one still to be decided. */
	votes: { id: number; status: VoteStatus }[];
	pendingVote: number | null;
	may: {
		observe: boolean;
		conform: boolean;
		answer: boolean;
		approve: boolean;
		putToVote: boolean;
	};
}

function readNote(value: unknown, field: string, required = true): string {
	const text = cleanParagraphs(value);
	if (!text && required) throw invalid({ [field]: 'error_money_review_note_required' });
	if (text.length > REVIEW_NOTE_MAX) throw invalid({ [field]: tooLong(REVIEW_NOTE_MAX) });
	return text;
}

/**
 * Hands in the report of a period for review (the treasurer only): the period must have ended,
 * and may not overlap one handed in before. The report is frozen as it reads now.
 */
export async function submitReport(
	db: Db,
	ctx: AssociationContext,
	period: ReportPeriod,
	now = Date.now()
): Promise<{ id: number; hash: string }> {
	authorize(ctx.actor, 'money.record');
	const user = actingUser(ctx);
	if (period.to > boliviaDate(now))
		throw new DomainError('invalid', 'error_money_report_not_ended', {
			to: 'error_money_report_not_ended'
		});
	return writeTx(db, async (tx) => {
		const overlap = await tx
			.selectFrom('money_report')
			.select(['period_from', 'period_to'])
			.where('association_id', '=', ctx.association.id)
			.where('period_from', '<=', period.to)
			.where('period_to', '>=', period.from)
			.executeTakeFirst();
		if (overlap)
			throw new DomainError(
				'conflict',
				{
					key: 'error_money_report_overlap',
					params: { from: overlap.period_from, to: overlap.period_to }
				},
				{ from: 'error_money_report_overlap_field' }
			);
		const report = await treasurerReport(tx, ctx, period);
		const text = canonicalJson(report);
		const hash = sha256Hex(text);
		const row = await tx
			.insertInto('money_report')
			.values({
				association_id: ctx.association.id,
				period_from: period.from,
				period_to: period.to,
				report: text,
				report_hash: hash,
				submitted_by: user.id,
				submitted_name: user.display_name,
				submitted_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'money.report_submitted',
			subject: `${period.from} – ${period.to}`,
			at: now
		});
		return { id: Number(row.id), hash };
	});
}

async function eventsOf(db: Db, reportIds: number[]): Promise<Map<number, ReviewEventView[]>> {
	const out = new Map<number, ReviewEventView[]>(reportIds.map((id) => [id, []]));
	if (!reportIds.length) return out;
	const rows = await db
		.selectFrom('money_report_event')
		.selectAll()
		.where('report_id', 'in', reportIds)
		.orderBy('id')
		.execute();
	for (const r of rows)
		out.get(Number(r.report_id))!.push({
			id: Number(r.id),
			kind: r.kind,
			body: r.body,
			answersId: r.answers_id === null ? null : Number(r.answers_id),
			decisionSeq: r.decision_seq === null ? null : Number(r.decision_seq),
			actor: r.actor_name,
			at: Number(r.created_at)
		});
	return out;
}

/** The reports handed in, newest period first, each with where its review stands. */
export async function listReports(db: Db, ctx: AssociationContext): Promise<ReportSummary[]> {
	authorize(ctx.actor, 'money.view', ctx.association);
	const rows = await db
		.selectFrom('money_report')
		.select(['id', 'period_from', 'period_to', 'report_hash', 'submitted_name', 'submitted_at'])
		.where('association_id', '=', ctx.association.id)
		.orderBy('period_to', 'desc')
		.execute();
	const events = await eventsOf(
		db,
		rows.map((r) => Number(r.id))
	);
	return rows.map((r) => ({
		id: Number(r.id),
		period: { from: r.period_from, to: r.period_to },
		hash: r.report_hash,
		submittedBy: r.submitted_name,
		submittedAt: Number(r.submitted_at),
		state: reviewState(events.get(Number(r.id))!)
	}));
}

/** The review as stored, without the reader's rights; undefined when there is no such report. */
async function readReview(
	db: Db,
	associationId: number,
	id: number
): Promise<Omit<ReportReview, 'may'> | undefined> {
	const row = isRowId(id)
		? await db
				.selectFrom('money_report')
				.selectAll()
				.where('association_id', '=', associationId)
				.where('id', '=', id)
				.executeTakeFirst()
		: undefined;
	if (!row) return undefined;
	const events = (await eventsOf(db, [Number(row.id)])).get(Number(row.id))!;
	const votes = await db
		.selectFrom('money_report_vote')
		.innerJoin('vote', 'vote.id', 'money_report_vote.vote_id')
		.select(['vote.id', 'vote.status'])
		.where('money_report_vote.report_id', '=', row.id)
		.orderBy('vote.id')
		.execute();
	const pending = votes.find((v) => v.status === 'preparing' || v.status === 'open');
	return {
		id: Number(row.id),
		period: { from: row.period_from, to: row.period_to },
		hash: row.report_hash,
		submittedBy: row.submitted_name,
		submittedAt: Number(row.submitted_at),
		state: reviewState(events),
		report: JSON.parse(row.report) as TreasurerReport,
		events,
		decisionSeq: events.find((e) => e.kind === 'approved')?.decisionSeq ?? null,
		votes: votes.map((v) => ({ id: Number(v.id), status: v.status })),
		pendingVote: pending ? Number(pending.id) : null
	};
}

export async function getReportReview(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<ReportReview> {
	authorize(ctx.actor, 'money.view', ctx.association);
	const review = await readReview(db, ctx.association.id, id);
	if (!review) throw new DomainError('not_found', 'error_not_found');
	const { state } = review;
	const approvable = mayApprove(state) && review.pendingVote === null;
	return {
		...review,
		may: {
			observe: can(ctx.actor, 'money.review') && mayObserve(state),
			conform: can(ctx.actor, 'money.review') && mayConform(state),
			answer: can(ctx.actor, 'money.record') && state.unanswered.length > 0,
			approve: can(ctx.actor, 'register.record') && approvable,
			putToVote: can(ctx.actor, 'vote.manage') && approvable
		}
	};
}

/** What the register entry of the report's approval carries: its period, hash and review. */
export function approvalFacts(
	review: Pick<ReportReview, 'id' | 'period' | 'hash' | 'state' | 'events'>
): NonNullable<RegisterEntry['money_report']> {
	const conforme = review.events.find((e) => e.kind === 'conforme');
	return {
		id: review.id,
		from: review.period.from,
		to: review.period.to,
		hash: review.hash,
		observations: review.state.observations,
		conforme_by: conforme?.actor ?? ''
	};
}

/**
 * Inside the transaction that closes a vote: the report the vote puts to the assembly, as its
 * register entry names it, or null when the vote is not about a report.
 */
export async function reportOfVote(
	tx: Db,
	vote: { id: number; association_id: number }
): Promise<NonNullable<RegisterEntry['money_report']> | null> {
	const link = await tx
		.selectFrom('money_report_vote')
		.select('report_id')
		.where('vote_id', '=', vote.id)
		.executeTakeFirst();
	if (!link) return null;
	const review = await readReview(tx, vote.association_id, Number(link.report_id));
	return review ? approvalFacts(review) : null;
}

/** The approval event of a report a vote approved, naming the vote's register entry. */
export async function noteReportApproved(
	tx: Db,
	vote: { association_id: number },
	reportId: number,
	decisionSeq: number,
	recordedBy: string,
	now: number
): Promise<void> {
	await tx
		.insertInto('money_report_event')
		.values({
			association_id: vote.association_id,
			report_id: reportId,
			kind: 'approved',
			body: '',
			answers_id: null,
			decision_seq: decisionSeq,
			actor_user: null,
			actor_name: recordedBy,
			created_at: now
		})
		.execute();
}

/** Adds one event after checking, inside the transaction, that the step still holds. */
async function addEvent(
	db: Db,
	ctx: AssociationContext,
	id: number,
	kind: ReportEventKind,
	check: (review: ReportReview) => void,
	fields: { body: string; answersId?: number | null; decisionSeq?: number | null },
	now: number
): Promise<ReportReview> {
	const user = actingUser(ctx);
	const review = await getReportReview(db, ctx, id);
	check(review);
	await db
		.insertInto('money_report_event')
		.values({
			association_id: ctx.association.id,
			report_id: review.id,
			kind,
			body: fields.body,
			answers_id: fields.answersId ?? null,
			decision_seq: fields.decisionSeq ?? null,
			actor_user: user.id,
			actor_name: user.display_name,
			created_at: now
		})
		.execute();
	if (kind !== 'approved')
		await recordAudit(db, {
			associationId: ctx.association.id,
			actor: user,
			action:
				kind === 'observation'
					? 'money.report_observed'
					: kind === 'answer'
						? 'money.report_answered'
						: 'money.report_conforme',
			subject: `${review.period.from} – ${review.period.to}`,
			at: now
		});
	return review;
}

const notNow = () => new DomainError('conflict', 'error_money_review_step');

/** An observation of the vigilance committee, which the treasurer must answer in writing. */
export async function observeReport(
	db: Db,
	ctx: AssociationContext,
	id: number,
	input: { body?: string },
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'money.review');
	const body = readNote(input.body, 'body');
	await writeTx(db, (tx) =>
		addEvent(
			tx,
			ctx,
			id,
			'observation',
			(r) => {
				if (!mayObserve(r.state)) throw notNow();
			},
			{ body },
			now
		)
	);
}

/** The treasurer's written answer to one observation. */
export async function answerObservation(
	db: Db,
	ctx: AssociationContext,
	id: number,
	input: { observationId: number; body?: string },
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'money.record');
	const body = readNote(input.body, 'body');
	await writeTx(db, (tx) =>
		addEvent(
			tx,
			ctx,
			id,
			'answer',
			(r) => {
				if (!r.state.unanswered.includes(input.observationId))
					throw new DomainError('conflict', 'error_money_review_answered');
			},
			{ body, answersId: input.observationId },
			now
		)
	);
}

/** The committee finds the report "conforme": only once every observation has its answer. */
export async function conformReport(
	db: Db,
	ctx: AssociationContext,
	id: number,
	input: { body?: string },
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'money.review');
	const body = readNote(input.body, 'body', false);
	await writeTx(db, (tx) =>
		addEvent(
			tx,
			ctx,
			id,
			'conforme',
			(r) => {
				if (r.state.unanswered.length)
					throw new DomainError('conflict', {
						key: 'error_money_review_unanswered',
						params: { count: r.state.unanswered.length }
					});
				if (!mayConform(r.state)) throw notNow();
			},
			{ body },
			now
		)
	);
}

/**
 * The assembly's approval of a report the committee found conforme, written into the register by
 * a leader: the entry carries the report's period, SHA-256 and review.
 */
export async function approveReport(
	db: Db,
	ctx: AssociationContext,
	id: number,
	input: { decidedAt?: string; summary?: string },
	now = Date.now()
): Promise<{ seq: number }> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const fields: Record<string, string> = {};
	const decidedAt = readDecidedAt(input.decidedAt, now, fields);
	if (Object.keys(fields).length) throw invalid(fields);
	const note = readNote(input.summary, 'summary', false);
	return writeTx(db, async (tx) => {
		const review = await getReportReview(tx, ctx, id);
		if (!review.may.approve) throw notNow();
		// The register's words are the association's: its days written as dates.
		const from = formatDay(review.period.from, STORED.locale);
		const to = formatDay(review.period.to, STORED.locale);
		const summary = [
			m.money_review_entry_summary(
				{ from, to, hash: review.hash, observations: review.state.observations },
				STORED
			),
			note
		]
			.filter(Boolean)
			.join('\n\n');
		const decision = await appendEntry(
			tx,
			ctx.association,
			{
				kind: 'consensus',
				decision_kind: 'ordinary',
				title: m.money_review_entry_title({ from, to }, STORED),
				summary,
				outcome: 'consensus',
				recorded_by: user.display_name,
				subject: null,
				vote: null,
				corrects: null,
				assembly: null,
				money_report: approvalFacts(review),
				decidedAt
			},
			now
		);
		await addEvent(tx, ctx, id, 'approved', () => {}, { body: '', decisionSeq: decision.seq }, now);
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'decision.recorded',
			subject: decision.title,
			details: { seq: decision.seq },
			at: now
		});
		return { seq: Number(decision.seq) };
	});
}
