// A vote's life after preparation: opened (its electorate and rules frozen), cancelled, closed by
// hand or by the scheduler (`runDueVotes`), counted (`tallyVote`), and its decision written to the
// register in the same transaction as the close.
import { STORED } from '$lib/server/record/register';
import {
	actingUser,
	authorize,
	listVotingMembers,
	type AssociationContext
} from '$lib/server/associations';
import { forUpdate, scrubFreedSpace, writeTx, type Db } from '$lib/server/db';
import type { Vote, VoteOption } from '$lib/server/db/schema';
import { recordEnactment, setDraftStatus } from '$lib/server/drafts';
import { DomainError } from '$lib/server/errors';
import { formatBs } from '$lib/drafts/budget';
import { VOTE_BUDGET_MAX, amountProblem } from '$lib/money/amount';
import { readRules, type RuleSet } from '$lib/voting/rule-set';
import { electorKey } from '$lib/associations/electorate';
import type { VoteExclusion } from '$lib/money/counterpart';
import {
	boliviaDate,
	householdKey,
	householdStandings,
	noteReportApproved,
	reportOfVote
} from '$lib/server/money';
import { recordVoteDecision } from '$lib/server/record/vote-entry';
import { m } from '$lib/paraglide/messages.js';
import { getRuleSet } from './settings';
import { computeResult, type VoteResult } from './results';
import { compactSecretBallots } from './secrecy';
import { noteRuleChangeEntry, settleRuleChange } from './rule-change-close';
import { enactDecidedText, syncEnactedText } from './enact';
import { listVoteOptions } from './options';
import { auditVote, preparingVote, voteRow, voteRules } from './votes';

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
	const rules = await rulesAtOpening(tx, vote);
	const everyone = await listVotingMembers(tx, vote.association_id);
	const exclusions = rules.arrearsDisqualify
		? await arrearsExclusions(tx, vote.association_id, everyone, now)
		: [];
	const excluded = new Set(exclusions.flatMap((e) => e.members.map((p) => p.id)));
	const members = everyone.filter((member) => !excluded.has(member.id));
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
			exclusions: exclusions.length ? JSON.stringify(exclusions) : null,
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

/**
 * The households in arrears with their counterpart on the day the vote opens (Bolivia's date), with
 * the people of each who would have voted: they are not «habilitados» while the rules say so.
 * Their standing is kept with the vote, so the reason stays as it was when it opened.
 */
async function arrearsExclusions(
	tx: Db,
	associationId: number,
	voting: readonly { id: number; name: string; household: string | null }[],
	now: number
): Promise<VoteExclusion[]> {
	const standings = await householdStandings(tx, associationId, boliviaDate(now));
	const exclusions: VoteExclusion[] = [];
	for (const h of standings) {
		if (h.status !== 'arrears') continue;
		const members = voting
			.filter((p) => householdKey(p) === h.key)
			.map((p) => ({ id: p.id, name: p.name }));
		if (!members.length) continue;
		exclusions.push({
			reason: 'counterpart_arrears',
			household: h.key,
			name: h.name,
			members,
			dueCents: h.dueCents,
			paidCents: h.paidCents,
			dueTenths: h.dueTenths,
			workedTenths: h.workedTenths
		});
	}
	return exclusions;
}

/**
 * The rules a vote opens under: those in force, or, for a vote of an assembly in session, the
 * rules that assembly was installed with (as changed in it, from the point after the change).
 */
async function rulesAtOpening(tx: Db, vote: Vote): Promise<RuleSet> {
	if (vote.assembly_id !== null) {
		const assembly = await tx
			.selectFrom('assembly')
			.select(['rules', 'status'])
			.where('id', '=', vote.assembly_id)
			.executeTakeFirst();
		if (assembly?.status === 'in_session' && assembly.rules) return readRules(assembly.rules);
	}
	return getRuleSet(tx, vote.association_id);
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
	if (!db.isTransaction) await syncEnactedText(db, vote.id);
	return result;
}

/** Who a scheduled close was recorded by, in the register (written in the association's language). */
const SCHEDULED_CLOSE = () => m.record_recorded_by_schedule({}, STORED);

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
	// A rule change decided by this vote, and the rule text it puts in force, land with its entry.
	const ruleChange = await settleRuleChange(tx, vote, result.approved, closedAt);
	const enacted = await enactDecidedText(tx, vote, result, closedAt);
	// A treasurer report the vote puts to the assembly: the entry carries its hash.
	const report = await reportOfVote(tx, vote);
	const entry = await recordVoteDecision(tx, vote, result, recordedBy, closedAt, {
		money_report: report ?? undefined,
		rule_change: ruleChange ?? undefined,
		enacted: enacted
			? { draft_id: enacted.draft_id, version: enacted.number, content_hash: enacted.content_hash }
			: undefined
	});
	if (ruleChange) await noteRuleChangeEntry(tx, vote.id, Number(entry.seq));
	if (report && result.approved)
		await noteReportApproved(tx, vote, report.id, Number(entry.seq), recordedBy, closedAt);
	if (enacted)
		await recordEnactment(tx, {
			version: enacted,
			voteId: vote.id,
			decisionSeq: Number(entry.seq),
			title: vote.title,
			at: closedAt
		});
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
			await syncEnactedText(db, id);
			closed++;
		} catch (err) {
			if (!(err instanceof DomainError && err.code === 'conflict')) report(id, err);
		}
	}
	return { opened, closed };
}
