// Votes: created by leaders (from a frozen draft version or a plain question), prepared (options,
// candidates, criteria: options.ts), opened and closed (closing.ts), listed. This file holds the
// vote itself: creating it, changing its settings, finding it, listing the association's votes.
import {
	OPTIONS_MAX,
	VOTE_TEXT_MAX as TEXT_MAX,
	VOTE_TITLE_MAX as TITLE_MAX
} from '$lib/voting/limits';
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { Vote, VoteKind, VoteStatus } from '$lib/server/db/schema';
import { assertSoundPlan, getFrozenVersion } from '$lib/server/drafts';
import { DomainError, invalid } from '$lib/server/errors';
import { readRules, type RuleSet } from '$lib/voting/rule-set';
import { getRuleSet } from './settings';
import type { VoteResult } from './results';
import {
	kindForDraft,
	parseVoteSettings,
	type Fields,
	type NewVoteInput,
	type VoteSettingsInput
} from './vote-form';

export { OPTIONS_MAX, TEXT_MAX, TITLE_MAX };

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
 * Creates a vote in preparation; leaders only. Without `input.version` it is a motion on a plain
 * question; `input.version` names a frozen version of a draft: an investment plan becomes a budget
 * vote on its lines, terms of reference an election, anything else a motion on the text.
 */
export async function createVote(
	db: Db,
	ctx: AssociationContext,
	input: NewVoteInput,
	assembly: VoteAssembly | null = null,
	now = Date.now()
): Promise<Vote> {
	authorize(ctx.actor, 'vote.manage');
	const user = actingUser(ctx);
	const fields: Fields = {};
	let frozen: Awaited<ReturnType<typeof getFrozenVersion>> | undefined;
	const version = input.version;
	if (version) {
		if (!isRowId(version.draftId) || !isRowId(version.number))
			fields.version = 'error_vote_version';
		else frozen = await getFrozenVersion(db, ctx, version.draftId, version.number);
	}
	const kind: VoteKind = frozen ? kindForDraft(frozen.draft.kind) : 'motion';
	const settings = parseVoteSettings(input, kind, fields, now, { title: frozen?.document.title });
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

export async function voteRow(db: Db, ctx: AssociationContext, voteId: number): Promise<Vote> {
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

/**
 * A vote as this reader may see it: members see every vote; when the register is public, anyone
 * sees a closed one, whose result the register already holds.
 */
export async function getVote(db: Db, ctx: AssociationContext, voteId: number): Promise<Vote> {
	if (can(ctx.actor, 'association.view_private')) return voteRow(db, ctx, voteId);
	authorize(ctx.actor, 'association.view', ctx.association);
	const vote = await voteRow(db, ctx, voteId);
	if (vote.status !== 'closed') throw new DomainError('forbidden', 'error_forbidden');
	return vote;
}

export async function preparingVote(
	db: Db,
	ctx: AssociationContext,
	voteId: number
): Promise<Vote> {
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
	input: VoteSettingsInput
): Promise<void> {
	const vote = await preparingVote(db, ctx, voteId);
	const fields: Fields = {};
	const settings = parseVoteSettings(input, vote.kind, fields, Date.now());
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
