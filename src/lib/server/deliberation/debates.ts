// Debates and their posts: a free-standing debate or a draft's, posts and replies, the author's
// corrections, supports and a leader's moderation, and the association's list of debates. What
// the debate page shows is debate-view.ts.
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { Debate, Draft, Stance } from '$lib/server/db/schema';
import { getDraft } from '$lib/server/drafts';
import { DomainError, invalid, tooLong, type MessageRef } from '$lib/server/errors';
import { cleanLine, cleanParagraphs } from '$lib/server/text';
import {
	BODY_MAX,
	isStance,
	PASSAGE_MAX,
	REASON_MAX,
	REPLY_STANCES,
	TITLE_MAX,
	withinEditWindow
} from '$lib/deliberation/rules';

/** Debates in drafts that are decided or withdrawn are kept for the record, but closed. */
export const CLOSED_DRAFT = new Set<Draft['status']>(['decided', 'withdrawn']);

export interface DebateTarget {
	debate: Debate;
	draft?: Draft;
	/** The actor may edit the draft (and so decide on its amendments). */
	draftEditor: boolean;
}

/** A debate of the association the actor may read; undefined if there is none to see. */
export async function findDebate(
	db: Db,
	ctx: AssociationContext,
	debateId: number
): Promise<DebateTarget | undefined> {
	if (!can(ctx.actor, 'association.view_private')) return undefined;
	const debate = await db
		.selectFrom('debate')
		.selectAll()
		.where('id', '=', debateId)
		.where('association_id', '=', ctx.association.id)
		.executeTakeFirst();
	if (!debate) return undefined;
	if (debate.draft_id === null) return { debate, draftEditor: false };
	const view = await getDraft(db, ctx, debate.draft_id);
	if (!view) return undefined;
	return { debate, draft: view.draft, draftEditor: view.access === 'edit' };
}

async function requireDebate(db: Db, ctx: AssociationContext, debateId: number) {
	const target = await findDebate(db, ctx, debateId);
	if (!target) throw new DomainError('not_found', 'error_debate_not_found');
	return target;
}

export function requireOpen(target: DebateTarget) {
	if (target.draft && CLOSED_DRAFT.has(target.draft.status)) {
		throw new DomainError('closed', 'error_debate_closed');
	}
}

/** A free-standing debate, e.g. "¿Subimos la multa por inasistencia?", with its opening post. */
export async function createDebate(
	db: Db,
	ctx: AssociationContext,
	input: { title?: unknown; body?: unknown; stance?: unknown }
): Promise<Debate> {
	authorize(ctx.actor, 'debate.post');
	const user = actingUser(ctx);
	const title = cleanLine(input.title);
	const body = cleanParagraphs(input.body);
	const stance = input.stance === undefined || input.stance === '' ? 'neutral' : input.stance;
	const fields: Record<string, string | MessageRef> = {};
	if (!title) fields.title = 'error_required';
	else if (title.length > TITLE_MAX) fields.title = tooLong(TITLE_MAX);
	if (body.length > BODY_MAX) fields.body = tooLong(BODY_MAX);
	if (!isStance(stance) || !REPLY_STANCES.includes(stance)) fields.stance = 'error_debate_stance';
	if (Object.keys(fields).length) throw invalid(fields);
	const now = Date.now();
	return writeTx(db, async (tx) => {
		const debate = await tx
			.insertInto('debate')
			.values({
				association_id: ctx.association.id,
				draft_id: null,
				title,
				created_by: user.id,
				created_at: now,
				last_post_at: now
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		if (body) await insertPost(tx, ctx, debate.id, { stance: stance as Stance, body, now });
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'debate.created',
			subject: title,
			details: { debate: debate.id }
		});
		return debate;
	});
}

/** The debate of a draft, made the first time someone posts in it. */
export async function ensureDraftDebate(
	tx: Db,
	ctx: AssociationContext,
	draft: Draft
): Promise<Debate> {
	const existing = () =>
		tx.selectFrom('debate').selectAll().where('draft_id', '=', draft.id).executeTakeFirst();
	// Looked up first: a refused insert would still use up an id, and debates are shown by id.
	const found = await existing();
	if (found) return found;
	const now = Date.now();
	await tx
		.insertInto('debate')
		.values({
			association_id: ctx.association.id,
			draft_id: draft.id,
			title: draft.title,
			created_by: ctx.user?.id ?? null,
			created_at: now,
			last_post_at: now
		})
		.onConflict((oc) => oc.column('draft_id').doNothing())
		.execute();
	return (await existing())!;
}

/** The debate of a draft the actor may read; undefined while nobody has posted in it. */
export async function findDraftDebate(
	db: Db,
	ctx: AssociationContext,
	draftId: number
): Promise<DebateTarget | undefined> {
	const row = await db
		.selectFrom('debate')
		.select('id')
		.where('draft_id', '=', draftId)
		.where('association_id', '=', ctx.association.id)
		.executeTakeFirst();
	return row ? findDebate(db, ctx, row.id) : undefined;
}

export interface PostInput {
	stance?: unknown;
	body?: unknown;
	passage?: unknown;
	parent?: unknown;
}

export interface CleanPost {
	stance: Stance;
	body: string;
	passage?: string | null;
	parentId?: number | null;
	now: number;
}

function validatePost(input: PostInput): Omit<CleanPost, 'now' | 'parentId'> {
	const body = cleanParagraphs(input.body);
	const passage = cleanLine(input.passage);
	const stance = input.stance === undefined || input.stance === '' ? 'neutral' : input.stance;
	const fields: Record<string, string | MessageRef> = {};
	if (!body) fields.body = 'error_required';
	else if (body.length > BODY_MAX) fields.body = tooLong(BODY_MAX);
	if (passage.length > PASSAGE_MAX) fields.passage = tooLong(PASSAGE_MAX);
	// Amendments are proposed with their passage and wording (amendments.ts), not as plain posts.
	if (!isStance(stance) || !REPLY_STANCES.includes(stance)) fields.stance = 'error_debate_stance';
	if (Object.keys(fields).length) throw invalid(fields);
	return { stance: stance as Stance, body, passage: passage || null };
}

export async function insertPost(
	tx: Db,
	ctx: AssociationContext,
	debateId: number,
	post: CleanPost
) {
	const user = actingUser(ctx);
	const memberId = ctx.actor.membership?.memberId;
	if (memberId === undefined) throw new DomainError('forbidden', 'error_forbidden');
	const row = await tx
		.insertInto('post')
		.values({
			debate_id: debateId,
			parent_id: post.parentId ?? null,
			author_member_id: memberId,
			author_user_id: user.id,
			stance: post.stance,
			body: post.body,
			passage: post.passage ?? null,
			created_at: post.now
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	await tx
		.updateTable('debate')
		.set({ last_post_at: post.now })
		.where('id', '=', debateId)
		.execute();
	return row;
}

/** The top-level post a reply hangs from: replies to replies join the same thread. */
async function threadRoot(db: Db, debateId: number, parent: unknown): Promise<number | null> {
	if (parent === undefined || parent === null || parent === '') return null;
	const id = typeof parent === 'number' ? parent : Number(parent);
	if (!Number.isSafeInteger(id) || id <= 0)
		throw invalid({ parent: 'error_debate_post_not_found' });
	const row = await db
		.selectFrom('post')
		.select(['id', 'parent_id'])
		.where('id', '=', id)
		.where('debate_id', '=', debateId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found', 'error_debate_post_not_found');
	return row.parent_id ?? row.id;
}

/** A post (or, with `parent`, a reply) in a debate the actor may read. */
export async function addPost(
	db: Db,
	ctx: AssociationContext,
	debateId: number,
	input: PostInput
): Promise<number> {
	authorize(ctx.actor, 'debate.post');
	const target = await requireDebate(db, ctx, debateId);
	requireOpen(target);
	const clean = validatePost(input);
	if (clean.passage && !target.draft) clean.passage = null;
	return writeTx(db, async (tx) => {
		const parentId = await threadRoot(tx, debateId, input.parent);
		const row = await insertPost(tx, ctx, debateId, { ...clean, parentId, now: Date.now() });
		return row.id;
	});
}

/** A post in the debate of a draft, which is started by the first one. */
export async function addDraftPost(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	input: PostInput
): Promise<{ debateId: number; postId: number }> {
	authorize(ctx.actor, 'debate.post');
	const view = await getDraft(db, ctx, draftId);
	if (!view) throw new DomainError('not_found', 'error_draft_not_found');
	if (CLOSED_DRAFT.has(view.draft.status)) throw new DomainError('closed', 'error_debate_closed');
	const debate = await writeTx(db, (tx) => ensureDraftDebate(tx, ctx, view.draft));
	return { debateId: debate.id, postId: await addPost(db, ctx, debate.id, input) };
}

export interface PostRow {
	id: number;
	debate_id: number;
	parent_id: number | null;
	author_member_id: number;
	stance: Stance;
	body: string;
	created_at: number;
	hidden_at: number | null;
}

/** A post with its debate, if the actor may read that debate. */
export async function findPost(
	db: Db,
	ctx: AssociationContext,
	postId: number
): Promise<{ post: PostRow; target: DebateTarget } | undefined> {
	const post = await db
		.selectFrom('post')
		.innerJoin('debate', 'debate.id', 'post.debate_id')
		.select([
			'post.id',
			'post.debate_id',
			'post.parent_id',
			'post.author_member_id',
			'post.stance',
			'post.body',
			'post.created_at',
			'post.hidden_at'
		])
		.where('post.id', '=', postId)
		.where('debate.association_id', '=', ctx.association.id)
		.executeTakeFirst();
	if (!post) return undefined;
	const target = await findDebate(db, ctx, post.debate_id);
	return target ? { post, target } : undefined;
}

export async function requirePost(db: Db, ctx: AssociationContext, postId: number) {
	const found = await findPost(db, ctx, postId);
	if (!found) throw new DomainError('not_found', 'error_debate_post_not_found');
	return found;
}

/**
 * The author corrects a post within the edit window; the earlier text is kept and the post is
 * marked as edited. Nobody else can change a person's words.
 */
export async function editPost(
	db: Db,
	ctx: AssociationContext,
	postId: number,
	input: { body?: unknown; stance?: unknown },
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'debate.post');
	const { post, target } = await requirePost(db, ctx, postId);
	requireOpen(target);
	if (post.author_member_id !== ctx.actor.membership?.memberId) {
		throw new DomainError('forbidden', 'error_debate_not_author');
	}
	if (post.hidden_at !== null) throw new DomainError('conflict', 'error_debate_post_hidden');
	if (!withinEditWindow(post.created_at, now)) {
		throw new DomainError('closed', 'error_debate_edit_window');
	}
	const body = cleanParagraphs(input.body);
	const keepStance =
		post.stance === 'amendment' || input.stance === undefined || input.stance === '';
	const stance = keepStance ? post.stance : input.stance;
	const fields: Record<string, string | MessageRef> = {};
	if (!body) fields.body = 'error_required';
	else if (body.length > BODY_MAX) fields.body = tooLong(BODY_MAX);
	const allowed = post.stance === 'amendment' ? ['amendment'] : REPLY_STANCES;
	if (!isStance(stance) || !allowed.includes(stance)) fields.stance = 'error_debate_stance';
	if (Object.keys(fields).length) throw invalid(fields);
	if (body === post.body && stance === post.stance) return;
	await writeTx(db, async (tx) => {
		const current = await tx
			.selectFrom('post')
			.select(['body', 'stance', 'created_at', 'edited_at'])
			.where('id', '=', postId)
			.where('hidden_at', 'is', null)
			.executeTakeFirst();
		if (!current) throw new DomainError('conflict', 'error_debate_post_hidden');
		await tx
			.insertInto('post_revision')
			.values({
				post_id: postId,
				body: current.body,
				stance: current.stance,
				created_at: current.edited_at ?? current.created_at,
				replaced_at: now
			})
			.execute();
		await tx
			.updateTable('post')
			.set({ body, stance: stance as Stance, edited_at: now })
			.where('id', '=', postId)
			.execute();
	});
}

/** A member backs an argument, once; supporting again changes nothing. */
export async function supportPost(db: Db, ctx: AssociationContext, postId: number): Promise<void> {
	authorize(ctx.actor, 'debate.support');
	const { post, target } = await requirePost(db, ctx, postId);
	requireOpen(target);
	const memberId = ctx.actor.membership!.memberId;
	if (post.author_member_id === memberId) throw invalid({ post: 'error_debate_support_own' });
	if (post.hidden_at !== null) throw new DomainError('conflict', 'error_debate_post_hidden');
	// The primary key (post, member) makes a second support, however concurrent, a no-op.
	await db
		.insertInto('post_support')
		.values({ post_id: postId, member_id: memberId, created_at: Date.now() })
		.onConflict((oc) => oc.columns(['post_id', 'member_id']).doNothing())
		.execute();
}

export async function withdrawSupport(
	db: Db,
	ctx: AssociationContext,
	postId: number
): Promise<void> {
	authorize(ctx.actor, 'debate.support');
	const { target } = await requirePost(db, ctx, postId);
	requireOpen(target);
	await db
		.deleteFrom('post_support')
		.where('post_id', '=', postId)
		.where('member_id', '=', ctx.actor.membership!.memberId)
		.execute();
}

/**
 * A leader hides a post, saying why. The post stays where it was, showing who hid it and why,
 * and the act goes to the audit log.
 */
export async function hidePost(
	db: Db,
	ctx: AssociationContext,
	postId: number,
	input: { reason?: unknown }
): Promise<void> {
	authorize(ctx.actor, 'debate.moderate');
	const user = actingUser(ctx);
	const { post, target } = await requirePost(db, ctx, postId);
	const reason = cleanLine(input.reason);
	if (!reason) throw invalid({ reason: 'error_debate_reason_required' });
	if (reason.length > REASON_MAX) throw invalid({ reason: tooLong(REASON_MAX) });
	await writeTx(db, async (tx) => {
		const now = Date.now();
		const hidden = await tx
			.updateTable('post')
			.set({
				hidden_at: now,
				hidden_by: user.id,
				hidden_by_name: user.display_name,
				hidden_reason: reason
			})
			.where('id', '=', postId)
			.where('hidden_at', 'is', null)
			.executeTakeFirst();
		if (Number(hidden.numUpdatedRows) === 0) {
			throw new DomainError('conflict', 'error_debate_post_hidden');
		}
		const author = await tx
			.selectFrom('member')
			.select('name')
			.where('id', '=', post.author_member_id)
			.executeTakeFirst();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'debate.post_hidden',
			subject: author?.name ?? null,
			details: { debate: target.debate.id, post: postId, title: target.debate.title, reason }
		});
	});
}

export interface DebateListItem {
	id: number;
	title: string;
	draft_id: number | null;
	posts: number;
	/** Posts by others since the actor last opened the debate. */
	unread: number;
	last_post_at: number;
}

/** The debates list shows the most recently active ones, at most this many. */
export const DEBATES_SHOWN = 50;

/** The association's debates, the most recently active first; members and observers. */
export async function listDebates(
	db: Db,
	ctx: AssociationContext,
	limit = DEBATES_SHOWN
): Promise<DebateListItem[]> {
	authorize(ctx.actor, 'association.view_private');
	const memberId = ctx.actor.membership?.memberId ?? -1;
	const rows = await db
		.selectFrom('debate')
		.leftJoin('draft', 'draft.id', 'debate.draft_id')
		.leftJoin('debate_read', (join) =>
			join
				.onRef('debate_read.debate_id', '=', 'debate.id')
				.on('debate_read.user_id', '=', ctx.user?.id ?? '')
		)
		.select((eb) => [
			'debate.id',
			'debate.draft_id',
			'debate.last_post_at',
			eb.fn.coalesce('draft.title', 'debate.title').as('title'),
			eb
				.selectFrom('post')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('post.debate_id', '=', 'debate.id')
				.as('posts'),
			eb
				.selectFrom('post')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('post.debate_id', '=', 'debate.id')
				.where('post.author_member_id', '!=', memberId)
				.where((w) =>
					w.or([
						w('debate_read.last_post_id', 'is', null),
						w('post.id', '>', w.ref('debate_read.last_post_id'))
					])
				)
				.as('unread')
		])
		.where('debate.association_id', '=', ctx.association.id)
		.orderBy('debate.last_post_at', 'desc')
		.orderBy('debate.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		draft_id: r.draft_id,
		last_post_at: r.last_post_at,
		posts: Number(r.posts ?? 0),
		unread: Number(r.unread ?? 0)
	}));
}
