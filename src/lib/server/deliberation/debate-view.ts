// The debate page as the actor sees it: posts threaded under the post they answer, what is new
// to them since they last opened it, what they may do; and the newest post a live page polls.
import { can, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Draft } from '$lib/server/db/schema';
import { EDITABLE_STATUSES, getDraft } from '$lib/server/drafts';
import { DomainError } from '$lib/server/errors';
import { argumentShape, withinEditWindow } from '$lib/deliberation/rules';
import type { DebateView, PostView } from '$lib/deliberation/view';
import { CLOSED_DRAFT, findDebate, findDraftDebate, type DebateTarget } from './debates';

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
