// Votes: created by leaders (from a frozen draft version or a plain question), prepared (options,
// candidates, criteria), opened (the electorate and the rules frozen), closed (the result stored).
import {
	OPTION_LABEL_MAX as LABEL_MAX,
	OPTIONS_MAX,
	VOTE_TEXT_MAX as TEXT_MAX,
	VOTE_TITLE_MAX as TITLE_MAX
} from '$lib/voting/limits';
import {
	actingUser,
	authorize,
	can,
	listVotingMembers,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { forUpdate, scrubFreedSpace, writeTx, type Db } from '$lib/server/db';
import type {
	BallotStyle,
	BudgetRule,
	DecisionKind,
	Vote,
	VoteKind,
	VoteOption,
	VoteStatus
} from '$lib/server/db/schema';
import { getAmendment } from '$lib/server/deliberation';
import { assertSoundPlan, getFrozenVersion, setDraftStatus } from '$lib/server/drafts';
import { DomainError, invalid, type MessageRef } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { formatBs } from '$lib/drafts/budget';
import {
	AMOUNT_MAX,
	VOTE_BUDGET_MAX,
	amountProblem,
	readAmount,
	type AmountProblem
} from '$lib/money/amount';
import { parseLocalDateTime } from '$lib/format';
import { checked, DECISION_KINDS, oneOf, readRules, type RuleSet } from '$lib/voting/rule-set';
import { electorKey } from '$lib/associations/electorate';
import { getRuleSet } from './settings';
import { computeResult, type VoteResult } from './results';
import { recordVoteDecision } from '$lib/server/record/vote-entry';
import { compactSecretBallots } from './secrecy';
import { m } from '$lib/paraglide/messages.js';

export { OPTIONS_MAX, TEXT_MAX, TITLE_MAX };
const BALLOT_STYLES: readonly BallotStyle[] = ['single', 'approval', 'ranking'];
const BUDGET_RULES: readonly BudgetRule[] = ['equal_shares', 'greedy'];

export interface VoteDetails extends Omit<Vote, 'rules' | 'result'> {
	rules: RuleSet;
	version_number: number | null;
}

function parseVote(row: Vote, versionNumber: number | null = null): VoteDetails {
	// The stored result is shown through the result view, only when it may be seen.
	const { rules, result, ...rest } = row;
	void result;
	return { ...rest, rules: readRules(rules), version_number: versionNumber };
}

export function voteRules(row: Pick<Vote, 'rules'>): RuleSet {
	return readRules(row.rules);
}

type Fields = Record<string, string | MessageRef>;

/** What an amount field says when it is refused: what is wrong, and the limit. */
export function amountMessage(problem: AmountProblem, max: number): string | MessageRef {
	if (problem === 'negative') return 'error_amount_negative';
	if (problem === 'too_large')
		return { key: 'error_amount_too_large', params: { max: formatBs(max) } };
	return 'error_amount_format';
}

function kindForDraft(kind: string): VoteKind {
	if (kind === 'investment_plan') return 'budget';
	if (kind === 'terms_of_reference') return 'election';
	return 'motion';
}

interface ParsedVote {
	title: string;
	description: string;
	decision_kind: DecisionKind;
	secret: number;
	changeable: number;
	live_results: number;
	in_room: number;
	ballot_style: BallotStyle | null;
	budget: number | null;
	decides_by: BudgetRule | null;
	opens_at: number | null;
	closes_at: number | null;
}

/** The settings a leader chooses for a vote, checked together; `kind` decides which apply. */
function parseVoteSettings(
	form: Record<string, string>,
	kind: VoteKind,
	fields: Fields,
	now: number,
	defaults: { title?: string } = {}
): ParsedVote {
	const title = cleanLine(form.title) || defaults.title || '';
	if (!title) fields.title = 'error_required';
	else if (title.length > TITLE_MAX)
		fields.title = { key: 'error_text_max', params: { max: TITLE_MAX } };
	const description = (form.description ?? '').trim();
	if (description.length > TEXT_MAX)
		fields.description = { key: 'error_text_max', params: { max: TEXT_MAX } };
	const decisionKind = form.decision_kind || 'ordinary';
	if (!oneOf(DECISION_KINDS, decisionKind)) fields.decision_kind = 'error_choice';
	const secret = checked(form.secret);
	const inRoom = checked(form.in_room);
	let ballotStyle: BallotStyle | null = null;
	if (kind === 'election') {
		const style = form.ballot_style || 'single';
		if (oneOf(BALLOT_STYLES, style)) ballotStyle = style;
		else fields.ballot_style = 'error_choice';
		if (inRoom && style !== 'single') fields.ballot_style = 'error_vote_hand_count_single';
	}
	let budget: number | null = null;
	let decidesBy: BudgetRule | null = null;
	if (kind === 'budget') {
		const read = readAmount(form.budget ?? '', VOTE_BUDGET_MAX);
		if (!(form.budget ?? '').trim() || (read.ok && read.value === 0))
			fields.budget = 'error_vote_budget';
		else if (!read.ok) fields.budget = amountMessage(read.problem, VOTE_BUDGET_MAX);
		else budget = read.value;
		const rule = form.decides_by || 'equal_shares';
		if (oneOf(BUDGET_RULES, rule)) decidesBy = rule;
		else fields.decides_by = 'error_choice';
		if (inRoom) fields.in_room = 'error_vote_budget_in_room';
	}
	const time = (field: 'opens_at' | 'closes_at'): number | null => {
		const text = (form[field] ?? '').trim();
		if (!text) return null;
		const ms = parseLocalDateTime(text);
		if (ms === undefined) fields[field] = 'error_date_format';
		return ms ?? null;
	};
	const opensAt = time('opens_at');
	const closesAt = time('closes_at');
	if (closesAt !== null && !fields.closes_at) {
		if (closesAt <= now) fields.closes_at = 'error_vote_close_past';
		else if (opensAt !== null && closesAt <= opensAt)
			fields.closes_at = 'error_vote_close_before_open';
	}
	if (opensAt !== null && !fields.opens_at && opensAt <= now - 60_000)
		fields.opens_at = 'error_vote_open_past';
	if (inRoom && (opensAt !== null || closesAt !== null))
		fields.in_room = 'error_vote_in_room_times';
	return {
		title,
		description,
		decision_kind: decisionKind as DecisionKind,
		secret: secret && !inRoom ? 1 : 0,
		// Secret ballots are final; a public one may be changed until the close if the vote says so.
		changeable: !secret && !inRoom && checked(form.changeable) ? 1 : 0,
		live_results: !secret && checked(form.live_results) ? 1 : 0,
		in_room: inRoom ? 1 : 0,
		ballot_style: ballotStyle,
		budget,
		decides_by: decidesBy,
		opens_at: opensAt,
		closes_at: closesAt
	};
}

/** Records an act on a vote in the association's audit log, by the acting user. */
export async function auditVote(
	db: Db,
	ctx: AssociationContext,
	action: Parameters<typeof recordAudit>[1]['action'],
	vote: Pick<Vote, 'id' | 'title'>,
	details: Record<string, unknown> = {},
	at?: number
) {
	await recordAudit(db, {
		associationId: ctx.association.id,
		actor: actingUser(ctx),
		action,
		subject: vote.title,
		details: { vote: vote.id, ...details },
		at
	});
}

/**
 * Creates a vote in preparation; leaders only. Without `form.version` it is a motion on a plain
 * question; `form.version` = "draftId:number" names a frozen version: an investment plan becomes a
 * budget vote on its lines, terms of reference an election, anything else a motion on the text.
 */
export async function createVote(
	db: Db,
	ctx: AssociationContext,
	form: Record<string, string>,
	assembly: VoteAssembly | null = null,
	now = Date.now()
): Promise<Vote> {
	authorize(ctx.actor, 'vote.manage');
	const user = actingUser(ctx);
	const fields: Fields = {};
	let frozen: Awaited<ReturnType<typeof getFrozenVersion>> | undefined;
	if (form.version) {
		const match = /^([1-9][0-9]{0,9}):([1-9][0-9]{0,5})$/.exec(form.version);
		if (!match) fields.version = 'error_vote_version';
		else frozen = await getFrozenVersion(db, ctx, Number(match[1]), Number(match[2]));
	}
	const kind: VoteKind = frozen ? kindForDraft(frozen.draft.kind) : 'motion';
	const settings = parseVoteSettings(form, kind, fields, now, { title: frozen?.document.title });
	const lines = kind === 'budget' && frozen ? frozen.document.items : [];
	if (kind === 'budget') assertSoundPlan(lines);
	if (kind === 'budget' && !fields.budget) {
		if (lines.length === 0) fields.version = 'error_vote_no_lines';
		else if (lines.length > OPTIONS_MAX) fields.version = 'error_vote_too_many_options';
	}
	if (Object.keys(fields).length) throw invalid(fields);
	const rules = await getRuleSet(db, ctx.association.id);

	return writeTx(db, async (tx) => {
		const vote = await tx
			.insertInto('vote')
			.values({
				association_id: ctx.association.id,
				kind,
				...settings,
				draft_id: frozen?.draft.id ?? null,
				version_id: frozen?.id ?? null,
				content_hash: frozen?.content_hash ?? null,
				status: 'preparing',
				opened_at: null,
				closed_at: null,
				rules: JSON.stringify(rules),
				electorate_size: null,
				result: null,
				created_by: user.id,
				created_at: now,
				updated_at: now,
				assembly_id: assembly?.id ?? null,
				quorum_call: assembly?.call ?? 'first'
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		if (frozen && kind === 'budget') {
			const totals = new Map(frozen.document.totals.lines.map((l) => [l.id, l.total]));
			await tx
				.insertInto('vote_option')
				.values(
					lines.map((line, i) => ({
						vote_id: vote.id,
						position: i + 1,
						label: line.title || line.code || `#${i + 1}`,
						description: line.description,
						amount: totals.get(line.id) ?? 0,
						details: JSON.stringify(line)
					}))
				)
				.execute();
		}
		await auditVote(tx, ctx, 'vote.created', vote, { kind, hash: vote.content_hash }, now);
		return vote;
	});
}

/** The assembly a vote is decided in, and the call it met at (the vote's quorum rule). */
export interface VoteAssembly {
	id: number;
	call: 'first' | 'second';
}

/**
 * Ties a vote that has not closed to the assembly deciding it (leaders only): its quorum is then
 * counted at the call the assembly met at, and its register entry names the assembly.
 */
export async function attachVoteToAssembly(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	assembly: VoteAssembly
): Promise<Vote> {
	authorize(ctx.actor, 'vote.manage');
	const vote = await voteRow(db, ctx, voteId);
	if (vote.assembly_id !== null && vote.assembly_id !== assembly.id)
		throw new DomainError('conflict', 'error_vote_other_assembly');
	const done = await db
		.updateTable('vote')
		.set({ assembly_id: assembly.id, quorum_call: assembly.call, updated_at: Date.now() })
		.where('id', '=', vote.id)
		.where('status', 'in', ['preparing', 'open'])
		.executeTakeFirst();
	if (Number(done.numUpdatedRows) !== 1) throw new DomainError('conflict', 'error_vote_closed');
	return { ...vote, assembly_id: assembly.id, quorum_call: assembly.call };
}

async function voteRow(db: Db, ctx: AssociationContext, voteId: number): Promise<Vote> {
	const row = Number.isSafeInteger(voteId)
		? await db
				.selectFrom('vote')
				.selectAll()
				.where('id', '=', voteId)
				.where('association_id', '=', ctx.association.id)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new DomainError('not_found', 'error_vote_not_found');
	return row;
}

/** A vote the actor may see (members of the association) — undefined-free: not found throws. */
export async function getVote(db: Db, ctx: AssociationContext, voteId: number): Promise<Vote> {
	authorize(ctx.actor, 'association.view_private');
	return voteRow(db, ctx, voteId);
}

async function preparingVote(db: Db, ctx: AssociationContext, voteId: number): Promise<Vote> {
	authorize(ctx.actor, 'vote.manage');
	const vote = await voteRow(db, ctx, voteId);
	if (vote.status !== 'preparing') throw new DomainError('conflict', 'error_vote_not_preparing');
	return vote;
}

/** Changes a vote's settings while it is being prepared; leaders only. */
export async function updateVote(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	form: Record<string, string>
): Promise<void> {
	const vote = await preparingVote(db, ctx, voteId);
	const fields: Fields = {};
	const settings = parseVoteSettings(form, vote.kind, fields, Date.now());
	if (Object.keys(fields).length) throw invalid(fields);
	await writeTx(db, async (tx) => {
		const done = await tx
			.updateTable('vote')
			.set({ ...settings, updated_at: Date.now() })
			.where('id', '=', vote.id)
			.where('status', '=', 'preparing')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1)
			throw new DomainError('conflict', 'error_vote_not_preparing');
		await auditVote(tx, ctx, 'vote.changed', { ...vote, title: settings.title });
	});
}

/**
 * Adds a candidate (elections) or an alternative wording (motions, e.g. an amendment put against
 * the original) while the vote is prepared; leaders only.
 */
export async function addVoteOption(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	input: { label?: string; description?: string; fee?: string; proposal?: string },
	now = Date.now()
): Promise<VoteOption> {
	const vote = await preparingVote(db, ctx, voteId);
	if (vote.kind === 'budget') throw new DomainError('conflict', 'error_vote_budget_options');
	const fields: Fields = {};
	const label = cleanLine(input.label);
	if (!label) fields.label = 'error_required';
	else if (label.length > LABEL_MAX)
		fields.label = { key: 'error_text_max', params: { max: LABEL_MAX } };
	const description = (input.description ?? '').trim();
	if (description.length > TEXT_MAX)
		fields.description = { key: 'error_text_max', params: { max: TEXT_MAX } };
	const proposal = (input.proposal ?? '').trim();
	if (proposal.length > TEXT_MAX)
		fields.proposal = { key: 'error_text_max', params: { max: TEXT_MAX } };
	let amount: number | null = null;
	if (vote.kind === 'election' && (input.fee ?? '').trim()) {
		const fee = readAmount(input.fee ?? '');
		if (!fee.ok) fields.fee = amountMessage(fee.problem, AMOUNT_MAX);
		else amount = fee.value;
	}
	if (Object.keys(fields).length) throw invalid(fields);
	return writeTx(db, async (tx) => {
		const last = await tx
			.selectFrom('vote_option')
			.select((eb) => eb.fn.max('position').as('position'))
			.where('vote_id', '=', vote.id)
			.executeTakeFirst();
		const position = Number(last?.position ?? 0) + 1;
		if (position > OPTIONS_MAX) throw new DomainError('conflict', 'error_vote_too_many_options');
		const option = await tx
			.insertInto('vote_option')
			.values({
				vote_id: vote.id,
				position,
				label,
				description,
				amount,
				details: JSON.stringify(proposal ? { proposal } : {})
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await auditVote(tx, ctx, 'vote.changed', vote, { option_added: label }, now);
		return option;
	});
}

export async function removeVoteOption(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	optionId: number
): Promise<void> {
	const vote = await preparingVote(db, ctx, voteId);
	if (vote.kind === 'budget') throw new DomainError('conflict', 'error_vote_budget_options');
	await writeTx(db, async (tx) => {
		const option = await tx
			.deleteFrom('vote_option')
			.where('vote_id', '=', vote.id)
			.where('id', '=', optionId)
			.returning('label')
			.executeTakeFirst();
		if (!option) throw new DomainError('not_found', 'error_vote_option_not_found');
		await auditVote(tx, ctx, 'vote.changed', vote, { option_removed: option.label });
	});
}

export async function listVoteOptions(db: Db, voteId: number): Promise<VoteOption[]> {
	return db
		.selectFrom('vote_option')
		.selectAll()
		.where('vote_id', '=', voteId)
		.orderBy('position')
		.execute();
}

/** Why a prepared vote cannot open yet, or undefined when it can. */
function notReady(vote: Vote, options: VoteOption[]): string | undefined {
	if (vote.kind === 'election' && options.length < 2) return 'error_vote_needs_candidates';
	if (vote.kind === 'motion' && options.length === 1) return 'error_vote_needs_alternatives';
	return undefined;
}

/**
 * Opens a vote: freezes its electorate (active leaders and members, accounts or not; one elector
 * per household when the rules say so) and its rules. Facilitators and observers never vote.
 */
export async function openVote(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	now = Date.now(),
	room?: VoteRoom
): Promise<void> {
	const vote = await preparingVote(db, ctx, voteId);
	await writeTx(db, async (tx) => {
		await openInTx(tx, vote, now, room);
		await auditVote(tx, ctx, 'vote.opened', vote, {}, now);
	});
}

/**
 * An assembly's room, for a vote on phones: only the members present or represented there vote,
 * and the quorum is the assembly's (`present` = present + represented), counted against the whole
 * electorate.
 */
export interface VoteRoom {
	members: ReadonlySet<number>;
	present: number;
}

async function openInTx(tx: Db, vote: Vote, now: number, room?: VoteRoom): Promise<void> {
	const options = await listVoteOptions(tx, vote.id);
	const reason = notReady(vote, options);
	if (reason) throw new DomainError('conflict', reason);
	if (vote.closes_at !== null && vote.closes_at <= now)
		throw new DomainError('conflict', 'error_vote_close_past');
	// A vote prepared by an older build may hold amounts it no longer accepts: refused here, with
	// the line named, rather than found unclosable later.
	if (vote.kind === 'budget') {
		const bad = options.find((o) => amountProblem(Number(o.amount ?? 0)));
		if (bad)
			throw new DomainError('conflict', {
				key: 'error_vote_line_amount',
				params: { label: bad.label }
			});
		if (amountProblem(vote.budget, VOTE_BUDGET_MAX))
			throw new DomainError('conflict', {
				key: 'error_amount_too_large',
				params: { max: formatBs(VOTE_BUDGET_MAX) }
			});
	}
	const rules = await getRuleSet(tx, vote.association_id);
	const members = await listVotingMembers(tx, vote.association_id);
	const electors = members.map((member) => ({
		vote_id: vote.id,
		member_id: member.id,
		elector_key: electorKey(member, rules.electorate)
	}));
	const voters = room ? electors.filter((e) => room.members.has(e.member_id)) : electors;
	if (voters.length === 0) throw new DomainError('conflict', 'error_vote_no_electorate');
	const done = await tx
		.updateTable('vote')
		.set({
			status: 'open',
			opened_at: now,
			opens_at: vote.opens_at ?? now,
			rules: JSON.stringify(rules),
			electorate_size: new Set(electors.map((e) => e.elector_key)).size,
			room_present: room ? room.present : null,
			updated_at: now
		})
		.where('id', '=', vote.id)
		.where('status', '=', 'preparing')
		.executeTakeFirst();
	if (Number(done.numUpdatedRows) !== 1)
		throw new DomainError('conflict', 'error_vote_not_preparing');
	for (let i = 0; i < voters.length; i += 200)
		await tx
			.insertInto('vote_elector')
			.values(voters.slice(i, i + 200))
			.execute();
	// The draft itself stays as it is: the ballot binds the frozen, hashed version, and the live
	// draft may go on towards its next version. An approved vote closes the draft (`decided`).
}

/** Cancels a vote that has not closed; what was cast is kept but never counted. Leaders only. */
export async function cancelVote(db: Db, ctx: AssociationContext, voteId: number): Promise<void> {
	authorize(ctx.actor, 'vote.manage');
	const vote = await voteRow(db, ctx, voteId);
	await writeTx(db, async (tx) => {
		const done = await tx
			.updateTable('vote')
			.set({ status: 'cancelled', updated_at: Date.now() })
			.where('id', '=', vote.id)
			.where('status', 'in', ['preparing', 'open'])
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1) throw new DomainError('conflict', 'error_vote_closed');
		await auditVote(tx, ctx, 'vote.cancelled', vote);
	});
}

/** Closes an open vote by hand; leaders only. Hand-count votes close when their count is confirmed. */
export async function closeVote(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	now = Date.now()
): Promise<VoteResult> {
	authorize(ctx.actor, 'vote.manage');
	const vote = await voteRow(db, ctx, voteId);
	if (vote.in_room) throw new DomainError('conflict', 'error_vote_needs_hand_count');
	const result = await writeTx(db, async (tx) => {
		const result = await closeInTx(tx, vote.id, now, actingUser(ctx).display_name);
		await auditVote(tx, ctx, 'vote.closed', vote, { outcome: result.outcome }, now);
		return result;
	});
	if (vote.secret) await scrubFreedSpace(db);
	return result;
}

/** Who a scheduled close was recorded by, in the register (written in the association's language). */
const SCHEDULED_CLOSE = () => m.record_recorded_by_schedule({}, { locale: 'es' });

/**
 * Counts and closes, inside the caller's write transaction, and appends the decision to the
 * association's register in the same transaction. The close time is the scheduled one when it has
 * passed, so a vote closed late by the scheduler still says when it really closed.
 */
export async function closeInTx(
	tx: Db,
	voteId: number,
	now: number,
	recordedBy: string
): Promise<VoteResult> {
	const vote = await forUpdate(
		tx,
		tx.selectFrom('vote').selectAll().where('id', '=', voteId)
	).executeTakeFirst();
	if (!vote) throw new DomainError('not_found', 'error_vote_not_found');
	if (vote.status !== 'open') throw new DomainError('conflict', 'error_vote_not_open');
	const closedAt = vote.closes_at !== null ? Math.min(now, vote.closes_at) : now;
	if (vote.secret) await compactSecretBallots(tx, vote.id);
	const result = await tallyVote(tx, vote);
	await tx
		.updateTable('vote')
		.set({
			status: 'closed',
			closed_at: closedAt,
			result: JSON.stringify(result),
			updated_at: now
		})
		.where('id', '=', vote.id)
		.where('status', '=', 'open')
		.execute();
	if (vote.draft_id !== null && result.approved) await setDraftStatus(tx, vote.draft_id, 'decided');
	await recordVoteDecision(tx, vote, result, recordedBy, closedAt);
	return result;
}

/** The vote's result from its ballots (or its confirmed hand count), as things stand. */
export async function tallyVote(db: Db, vote: Vote): Promise<VoteResult> {
	const options = await listVoteOptions(db, vote.id);
	const rules = voteRules(vote);
	const electorate = Number(vote.electorate_size ?? 0);
	if (vote.in_room) {
		const count = await db
			.selectFrom('hand_count')
			.selectAll()
			.where('vote_id', '=', vote.id)
			.where('confirmed_at', 'is not', null)
			.executeTakeFirst();
		return computeResult({
			vote,
			options,
			rules,
			electorate,
			source: {
				kind: 'hand_count',
				counts: JSON.parse(count?.counts ?? '{}') as Record<string, number>,
				present: Number(count?.present ?? 0),
				represented: Number(count?.represented ?? 0)
			}
		});
	}
	const ballots = await db
		.selectFrom('vote_ballot')
		.select('choice')
		.where('vote_id', '=', vote.id)
		.orderBy('id')
		.execute();
	return computeResult({
		vote,
		options,
		rules,
		electorate,
		source: {
			kind: 'ballots',
			choices: ballots.map((b) => JSON.parse(b.choice) as unknown),
			present: vote.room_present ?? undefined
		}
	});
}

/**
 * Opens the votes whose opening time has come and closes those whose closing time has passed,
 * each in its own transaction; the scheduler calls this every few seconds. A vote that cannot open
 * (no candidates yet) stays in preparation and is reported.
 */
export async function runDueVotes(
	db: Db,
	now = Date.now(),
	report: (voteId: number, err: unknown) => void = () => {}
): Promise<{ opened: number; closed: number }> {
	let opened = 0;
	let closed = 0;
	const dueOpen = await db
		.selectFrom('vote')
		.selectAll()
		.where('status', '=', 'preparing')
		.where('opens_at', '<=', now)
		.where('in_room', '=', 0)
		.execute();
	for (const vote of dueOpen) {
		try {
			await writeTx(db, (tx) => openInTx(tx, vote, now));
			opened++;
		} catch (err) {
			report(vote.id, err);
		}
	}
	const dueClose = await db
		.selectFrom('vote')
		.select(['id', 'secret'])
		.where('status', '=', 'open')
		.where('closes_at', '<=', now)
		.execute();
	for (const { id, secret } of dueClose) {
		try {
			await writeTx(db, (tx) => closeInTx(tx, id, now, SCHEDULED_CLOSE()));
			if (secret) await scrubFreedSpace(db);
			closed++;
		} catch (err) {
			if (!(err instanceof DomainError && err.code === 'conflict')) report(id, err);
		}
	}
	return { opened, closed };
}

export interface VoteListItem {
	id: number;
	kind: VoteKind;
	title: string;
	status: Vote['status'];
	secret: number;
	in_room: number;
	opens_at: number | null;
	closes_at: number | null;
	closed_at: number | null;
	/** Whether the actor has voted (open votes only). */
	voted: boolean;
	/** Whether the actor may still cast in it. */
	can_vote: boolean;
	/** A closed vote's outcome (approved, rejected, decided, no_quorum…). */
	outcome: string | null;
}

/** The association's votes, newest first; members only (closed ones are public through the register). */
/** Which votes a list shows: of these statuses, older than `before` (an id), at most `limit`. */
export interface VoteListScope {
	status?: readonly VoteStatus[];
	before?: number;
	limit?: number;
}

export async function listVotes(
	db: Db,
	ctx: AssociationContext,
	scope: VoteListScope = {}
): Promise<VoteListItem[]> {
	authorize(ctx.actor, 'association.view_private');
	// A page of several statuses: one indexed read per status (newest first, at most `limit`
	// each), merged; a single `status in (…)` would sort all of them first.
	if (scope.status && scope.status.length > 1 && scope.limit !== undefined) {
		const lists = await Promise.all(
			scope.status.map((status) => listVotes(db, ctx, { ...scope, status: [status] }))
		);
		return lists
			.flat()
			.sort((a, b) => b.id - a.id)
			.slice(0, scope.limit);
	}
	const memberId = ctx.member?.id ?? -1;
	let query = db
		.selectFrom('vote')
		.leftJoin('vote_elector', (j) =>
			j.onRef('vote_elector.vote_id', '=', 'vote.id').on('vote_elector.member_id', '=', memberId)
		)
		.leftJoin('vote_participation', (j) =>
			j
				.onRef('vote_participation.vote_id', '=', 'vote.id')
				.onRef('vote_participation.elector_key', '=', 'vote_elector.elector_key')
		)
		.select([
			'vote.id',
			'vote.kind',
			'vote.title',
			'vote.status',
			'vote.secret',
			'vote.in_room',
			'vote.opens_at',
			'vote.closes_at',
			'vote.closed_at',
			'vote.result',
			'vote_elector.member_id as elector',
			'vote_participation.member_id as voter'
		])
		.where('vote.association_id', '=', ctx.association.id)
		.orderBy('vote.id', 'desc');
	if (scope.status) query = query.where('vote.status', 'in', [...scope.status]);
	if (scope.before !== undefined) query = query.where('vote.id', '<', scope.before);
	if (scope.limit !== undefined) query = query.limit(scope.limit);
	const rows = await query.execute();
	const castRight = can(ctx.actor, 'vote.cast');
	return rows.map(({ elector, voter, result, ...row }) => ({
		...row,
		outcome: result ? (JSON.parse(result) as VoteResult).outcome : null,
		voted: voter !== null && voter !== undefined,
		can_vote:
			castRight &&
			row.status === 'open' &&
			!row.in_room &&
			elector !== null &&
			elector !== undefined &&
			(voter === null || voter === undefined)
	}));
}

/** At most this many votes of one kind (open, being prepared) are listed at once. */
export const OPEN_VOTES_SHOWN = 50;
/** Closed votes are listed this many a page, newest first. */
export const CLOSED_VOTES_PAGE = 20;

/** The open votes of the association, for its home page. */
export async function listOpenVotes(db: Db, ctx: AssociationContext): Promise<VoteListItem[]> {
	return listVotes(db, ctx, { status: ['open'], limit: OPEN_VOTES_SHOWN });
}

export async function voteDetails(db: Db, vote: Vote): Promise<VoteDetails> {
	let number: number | null = null;
	if (vote.version_id !== null) {
		const row = await db
			.selectFrom('draft_version')
			.select('number')
			.where('id', '=', vote.version_id)
			.executeTakeFirst();
		number = row ? Number(row.number) : null;
	}
	return parseVote(vote, number);
}

/**
 * Puts a pending or declined amendment of the voted rule to the assembly as an alternative: the
 * ballot then offers the wording in force (added first, once) against each amendment chosen.
 * Leaders only, while the vote is prepared.
 */
export async function addAmendmentAlternative(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	amendmentId: number
): Promise<void> {
	const vote = await preparingVote(db, ctx, voteId);
	const amendment = Number.isSafeInteger(amendmentId)
		? await getAmendment(db, ctx, amendmentId)
		: undefined;
	if (
		vote.kind !== 'motion' ||
		!amendment ||
		amendment.draftId !== vote.draft_id ||
		amendment.status === 'accepted'
	)
		throw new DomainError('not_found', 'error_vote_amendment_not_found');
	await writeTx(db, async (tx) => {
		const options = await listVoteOptions(tx, vote.id);
		const key = `amendment:${amendment.id}`;
		if (options.some((o) => (JSON.parse(o.details) as { source?: string }).source === key))
			throw new DomainError('conflict', 'error_vote_amendment_added');
		const rows = [];
		// The page names these options in the reader's language from `details.source`.
		if (options.length === 0)
			rows.push({
				label: amendment.passage.slice(0, LABEL_MAX),
				description: amendment.passage,
				details: JSON.stringify({ source: 'original' })
			});
		rows.push({
			label: amendment.authorName.slice(0, LABEL_MAX),
			description: amendment.proposal,
			details: JSON.stringify({ source: key, reason: amendment.reason })
		});
		let position = options.length;
		for (const row of rows) {
			position += 1;
			await tx
				.insertInto('vote_option')
				.values({ vote_id: vote.id, position, amount: null, ...row })
				.execute();
		}
		await auditVote(tx, ctx, 'vote.changed', vote, { amendment_added: amendment.id });
	});
}
