import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { Debate, Draft, Stance } from '$lib/server/db/schema';
import { EDITABLE_STATUSES, getDraft } from '$lib/server/drafts';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import {
	argumentShape,
	BODY_MAX,
	isStance,
	PASSAGE_MAX,
	REASON_MAX,
	REPLY_STANCES,
	TITLE_MAX,
	withinEditWindow
} from '$lib/deliberation/rules';

// C0/C1 controls (tabs included, newlines apart) and bidi overrides that could disguise words.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text people write: NFC, controls removed, line ends kept, blank runs shortened, trimmed. */
export function cleanText(value: unknown): string {
	if (typeof value !== 'string') return '';
	return value
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.replace(CONTROL, '')
		.replace(/[ \t]+$/gm, '')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

// Debates in drafts that are decided or withdrawn are kept for the record, but closed.
const CLOSED_DRAFT = new Set<Draft['status']>(['decided', 'withdrawn']);

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
	const body = cleanText(input.body);
	const stance = input.stance === undefined || input.stance === '' ? 'neutral' : input.stance;
	const fields: Record<string, string> = {};
	if (!title) fields.title = 'error_required';
	else if (title.length > TITLE_MAX) fields.title = 'error_text_long';
	if (body.length > BODY_MAX) fields.body = 'error_text_long';
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
	const body = cleanText(input.body);
	const passage = cleanLine(input.passage);
	const stance = input.stance === undefined || input.stance === '' ? 'neutral' : input.stance;
	const fields: Record<string, string> = {};
	if (!body) fields.body = 'error_required';
	else if (body.length > BODY_MAX) fields.body = 'error_text_long';
	if (passage.length > PASSAGE_MAX) fields.passage = 'error_text_long';
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
	const body = cleanText(input.body);
	const keepStance =
		post.stance === 'amendment' || input.stance === undefined || input.stance === '';
	const stance = keepStance ? post.stance : input.stance;
	const fields: Record<string, string> = {};
	if (!body) fields.body = 'error_required';
	else if (body.length > BODY_MAX) fields.body = 'error_text_long';
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
	if (reason.length > REASON_MAX) throw invalid({ reason: 'error_text_long' });
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

/** The association's debates, the most recently active first; members and observers. */
/** The debates list shows the most recently active ones, at most this many. */
export const DEBATES_SHOWN = 50;

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

import type { AmendmentInfo, DebateView, PostView } from '$lib/deliberation/view';

export type { AmendmentInfo, DebateView, PostView };

/** Everything a debate page shows, as the actor may see it; `lastSeen` marks what is new. */
export async function debateView(
	db: Db,
	ctx: AssociationContext,
	target: DebateTarget,
	lastSeen: number,
	now = Date.now()
): Promise<DebateView> {
	const { debate } = target;
	const memberId = ctx.actor.membership?.memberId ?? -1;
	const moderator = can(ctx.actor, 'debate.moderate');
	const open = !(target.draft && CLOSED_DRAFT.has(target.draft.status));
	const rows = await db
		.selectFrom('post')
		.innerJoin('member', 'member.id', 'post.author_member_id')
		.leftJoin('amendment', 'amendment.post_id', 'post.id')
		.select((eb) => [
			'post.id',
			'post.parent_id',
			'post.stance',
			'post.body',
			'post.passage',
			'post.author_member_id',
			'post.created_at',
			'post.edited_at',
			'post.hidden_at',
			'post.hidden_by_name',
			'post.hidden_reason',
			'member.name as author_name',
			'member.role as author_role',
			'amendment.passage as a_passage',
			'amendment.proposal as a_proposal',
			'amendment.status as a_status',
			'amendment.decided_by_name as a_decided_by',
			'amendment.decided_at as a_decided_at',
			'amendment.decision_reason as a_reason',
			eb
				.selectFrom('post_support')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('post_support.post_id', '=', 'post.id')
				.as('supports'),
			eb
				.selectFrom('post_support')
				.select('post_support.member_id')
				.whereRef('post_support.post_id', '=', 'post.id')
				.where('post_support.member_id', '=', memberId)
				.as('my_support')
		])
		.where('post.debate_id', '=', debate.id)
		.orderBy('post.id')
		.execute();
	const ids = rows.filter((r) => r.edited_at !== null).map((r) => r.id);
	const revisions = ids.length
		? await db
				.selectFrom('post_revision')
				.select(['post_id', 'body', 'created_at'])
				.where('post_id', 'in', ids)
				.orderBy('id')
				.execute()
		: [];
	const canPost = open && can(ctx.actor, 'debate.post');
	const canSupport = open && can(ctx.actor, 'debate.support');
	const views = rows.map((r): PostView => {
		const mine = r.author_member_id === memberId;
		const hidden = r.hidden_at !== null;
		const showWords = !hidden || mine || moderator;
		return {
			id: r.id,
			parentId: r.parent_id,
			stance: r.stance,
			body: showWords ? r.body : '',
			passage: showWords ? r.passage : null,
			author: { name: r.author_name, role: r.author_role },
			mine,
			createdAt: r.created_at,
			editedAt: r.edited_at,
			revisions: showWords
				? revisions
						.filter((v) => v.post_id === r.id)
						.map(({ body, created_at }) => ({ body, created_at }))
				: [],
			hidden: hidden
				? { at: r.hidden_at!, by: r.hidden_by_name ?? '', reason: r.hidden_reason ?? '' }
				: null,
			supports: Number(r.supports ?? 0),
			supportedByMe: r.my_support !== null && r.my_support !== undefined,
			isNew: !mine && r.id > lastSeen,
			canEdit: canPost && mine && !hidden && withinEditWindow(r.created_at, now),
			canSupport: canSupport && !mine && !hidden,
			amendment:
				r.a_status && showWords
					? {
							passage: r.a_passage!,
							proposal: r.a_proposal!,
							status: r.a_status,
							decidedBy: r.a_decided_by,
							decidedAt: r.a_decided_at,
							reason: r.a_reason
						}
					: null,
			replies: []
		};
	});
	const byId = new Map(views.map((v) => [v.id, v]));
	const top: PostView[] = [];
	for (const v of views) {
		const parent = v.parentId === null ? undefined : byId.get(v.parentId);
		if (parent) parent.replies.push(v);
		else top.push(v);
	}
	return {
		id: debate.id,
		title: target.draft?.title ?? debate.title,
		draftId: debate.draft_id,
		open,
		posts: top,
		shape: argumentShape(
			views.map((v) => ({
				id: v.id,
				parentId: v.parentId,
				stance: v.stance,
				hidden: v.hidden !== null,
				supports: v.supports
			}))
		),
		latest: rows.length ? rows[rows.length - 1].id : 0,
		seen: lastSeen,
		permissions: {
			post: canPost,
			support: canSupport,
			moderate: moderator,
			amend:
				canPost && target.draft !== undefined && EDITABLE_STATUSES.includes(target.draft.status),
			decideAmendments: open && target.draftEditor
		}
	};
}

/**
 * Records that the actor has now seen the debate up to its newest post, and returns the newest
 * post they had seen before (0 the first time): what is newer is new to them.
 */
export async function markDebateRead(
	db: Db,
	ctx: AssociationContext,
	debateId: number,
	latest: number
): Promise<number> {
	if (!ctx.user) return latest;
	const userId = ctx.user.id;
	const previous = await db
		.selectFrom('debate_read')
		.select('last_post_id')
		.where('debate_id', '=', debateId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!previous || previous.last_post_id < latest) {
		await db
			.insertInto('debate_read')
			.values({ debate_id: debateId, user_id: userId, last_post_id: latest, seen_at: Date.now() })
			.onConflict((oc) =>
				oc
					.columns(['debate_id', 'user_id'])
					.doUpdateSet({ last_post_id: latest, seen_at: Date.now() })
			)
			.execute();
	}
	return previous?.last_post_id ?? 0;
}

/** The newest post of a debate the actor may read: what the live page polls. */
export async function debateActivity(
	db: Db,
	ctx: AssociationContext,
	target: { debateId: number } | { draftId: number }
): Promise<{ debate: number | null; latest: number }> {
	const found =
		'debateId' in target
			? await findDebate(db, ctx, target.debateId)
			: await findDraftDebate(db, ctx, target.draftId);
	if (!found) {
		if ('draftId' in target && (await getDraft(db, ctx, target.draftId))) {
			return { debate: null, latest: 0 };
		}
		throw new DomainError('not_found', 'error_debate_not_found');
	}
	const row = await db
		.selectFrom('post')
		.select((eb) => eb.fn.max('id').as('latest'))
		.where('debate_id', '=', found.debate.id)
		.executeTakeFirst();
	return { debate: found.debate.id, latest: Number(row?.latest ?? 0) };
}

/**
 * A debate as the actor opens it: what is new to them is marked, and the debate counts as seen
 * up to its newest post from now on.
 */
export async function openDebate(
	db: Db,
	ctx: AssociationContext,
	target: DebateTarget
): Promise<DebateView> {
	const previous = ctx.user
		? await db
				.selectFrom('debate_read')
				.select('last_post_id')
				.where('debate_id', '=', target.debate.id)
				.where('user_id', '=', ctx.user.id)
				.executeTakeFirst()
		: undefined;
	const view = await debateView(db, ctx, target, previous?.last_post_id ?? 0);
	await markDebateRead(db, ctx, target.debate.id, view.latest);
	return view;
}

/**
 * A debate as an open page refreshes it when others' posts arrive: what is new is marked against
 * `seen`, the post the reader had seen when they opened the page, and no visit is recorded. Only
 * opening the debate (openDebate) counts as having read it, so a post that arrived on a page left
 * open is still new when the reader opens the debate again, here or on another device.
 */
export async function refreshDebate(
	db: Db,
	ctx: AssociationContext,
	target: { debateId: number } | { draftId: number },
	seen: number
): Promise<DebateView | null> {
	const found =
		'debateId' in target
			? await findDebate(db, ctx, target.debateId)
			: await findDraftDebate(db, ctx, target.draftId);
	if (!found) {
		if ('draftId' in target && (await getDraft(db, ctx, target.draftId))) return null;
		throw new DomainError('not_found', 'error_debate_not_found');
	}
	return debateView(db, ctx, found, Number.isSafeInteger(seen) && seen > 0 ? seen : 0);
}

/** The debate shown beside a draft: empty, ready for its first post, until someone writes. */
export async function openDraftDebate(
	db: Db,
	ctx: AssociationContext,
	draft: Draft,
	draftEditor: boolean
): Promise<DebateView> {
	const target = await findDraftDebate(db, ctx, draft.id);
	if (target) return openDebate(db, ctx, target);
	const open = !CLOSED_DRAFT.has(draft.status);
	return {
		id: null,
		title: draft.title,
		draftId: draft.id,
		open,
		posts: [],
		shape: argumentShape([]),
		latest: 0,
		seen: 0,
		permissions: {
			post: open && can(ctx.actor, 'debate.post'),
			support: open && can(ctx.actor, 'debate.support'),
			moderate: can(ctx.actor, 'debate.moderate'),
			amend: open && can(ctx.actor, 'debate.post') && EDITABLE_STATUSES.includes(draft.status),
			decideAmendments: open && draftEditor
		}
	};
}
