import { DRAFT_TITLE_MAX as TITLE_MAX } from '$lib/drafts/limits';
import {
	actingUser,
	authorize,
	getMember,
	listMembers,
	loadAssociationContext,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { Draft, DraftKind } from '$lib/server/db/schema';
import { DomainError, invalid, type MessageRef } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { draftAccess, type DraftAccess } from './access';

export const DRAFT_KINDS: readonly DraftKind[] = [
	'investment_plan',
	'rule',
	'terms_of_reference',
	'general'
];

export function isDraftKind(value: unknown): value is DraftKind {
	return (DRAFT_KINDS as readonly unknown[]).includes(value);
}

export async function createDraft(
	db: Db,
	ctx: AssociationContext,
	input: { kind?: unknown; title?: unknown },
	now = Date.now()
): Promise<Draft> {
	authorize(ctx.actor, 'draft.edit');
	const user = actingUser(ctx);
	const title = cleanLine(input.title);
	const fields: Record<string, string | MessageRef> = {};
	if (!isDraftKind(input.kind)) fields.kind = 'error_draft_kind';
	if (!title) fields.title = 'error_required';
	else if (title.length > TITLE_MAX)
		fields.title = { key: 'error_text_max', params: { max: TITLE_MAX } };
	if (Object.keys(fields).length) throw invalid(fields);
	return writeTx(db, async (tx) => {
		const draft = await tx
			.insertInto('draft')
			.values({
				association_id: ctx.association.id,
				kind: input.kind as DraftKind,
				title,
				status: 'drafting',
				created_by: user.id,
				created_at: now,
				updated_at: now
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'draft.created',
			subject: title,
			details: { draft: draft.id, kind: draft.kind },
			at: now
		});
		return draft;
	});
}

export interface DraftListItem {
	id: number;
	kind: DraftKind;
	title: string;
	status: Draft['status'];
	updated_at: number;
	created_by_name: string | null;
}

/** The association's drafts, most recently changed first; members only. */
export async function listDrafts(db: Db, ctx: AssociationContext): Promise<DraftListItem[]> {
	authorize(ctx.actor, 'association.view_private');
	return db
		.selectFrom('draft')
		.leftJoin('user', 'user.id', 'draft.created_by')
		.select([
			'draft.id',
			'draft.kind',
			'draft.title',
			'draft.status',
			'draft.updated_at',
			'user.display_name as created_by_name'
		])
		.where('draft.association_id', '=', ctx.association.id)
		.orderBy('draft.updated_at', 'desc')
		.orderBy('draft.id', 'desc')
		.execute();
}

async function isCoAuthor(db: Db, draftId: number, memberId: number | undefined) {
	if (memberId === undefined) return false;
	const row = await db
		.selectFrom('draft_author')
		.select('member_id')
		.where('draft_id', '=', draftId)
		.where('member_id', '=', memberId)
		.executeTakeFirst();
	return row !== undefined;
}

export interface DraftView {
	draft: Draft;
	access: DraftAccess;
	coAuthors: { member_id: number; name: string }[];
}

/** One draft of the association as the actor may see it; undefined if it is not theirs to see. */
export async function getDraft(
	db: Db,
	ctx: AssociationContext,
	draftId: number
): Promise<DraftView | undefined> {
	const draft = await db
		.selectFrom('draft')
		.selectAll()
		.where('id', '=', draftId)
		.where('association_id', '=', ctx.association.id)
		.executeTakeFirst();
	if (!draft) return undefined;
	const access = draftAccess(
		ctx.actor,
		draft,
		await isCoAuthor(db, draft.id, ctx.actor.membership?.memberId)
	);
	if (!access) return undefined;
	const coAuthors = await db
		.selectFrom('draft_author')
		.innerJoin('member', 'member.id', 'draft_author.member_id')
		.select(['draft_author.member_id', 'member.name'])
		.where('draft_author.draft_id', '=', draft.id)
		.orderBy('member.name')
		.execute();
	return { draft, access, coAuthors };
}

/**
 * What a logged-in user may do with a draft, wherever it is: the collaboration server asks this
 * when a socket opens and again while it stays open.
 */
export async function draftAccessForUser(
	db: Db,
	userId: string,
	draftId: number
): Promise<{ draft: Draft; access: DraftAccess; memberName: string | null } | undefined> {
	const row = await db
		.selectFrom('draft')
		.innerJoin('association', 'association.id', 'draft.association_id')
		.select('association.slug')
		.where('draft.id', '=', draftId)
		.executeTakeFirst();
	if (!row) return undefined;
	const ctx = await loadAssociationContext(db, row.slug, { id: userId, display_name: '' });
	if (!ctx) return undefined;
	const view = await getDraft(db, ctx, draftId);
	return view
		? { draft: view.draft, access: view.access, memberName: ctx.member?.name ?? null }
		: undefined;
}

/** The active members (not leaders or facilitators, who edit anyway) not yet co-authors. */
export async function listCoAuthorCandidates(
	db: Db,
	ctx: AssociationContext,
	view: DraftView
): Promise<{ id: number; name: string }[]> {
	const authors = new Set(view.coAuthors.map((a) => a.member_id));
	return (await listMembers(db, ctx.association.id))
		.filter((mb) => mb.role === 'member' && mb.status === 'active' && !authors.has(mb.id))
		.map((mb) => ({ id: mb.id, name: mb.name }));
}

/** Adds an active member as co-author; anyone who may edit the draft may do it. */
export async function addCoAuthor(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	memberId: number
): Promise<void> {
	const user = actingUser(ctx);
	const view = await getDraft(db, ctx, draftId);
	if (!view) throw new DomainError('not_found', 'error_draft_not_found');
	if (view.access !== 'edit') throw new DomainError('forbidden', 'error_forbidden');
	const member = await getMember(db, ctx.association.id, memberId);
	if (!member || member.status !== 'active') {
		throw new DomainError('not_found', 'error_member_not_found');
	}
	if (member.role !== 'member') throw invalid({ member: 'error_coauthor_role' });
	await writeTx(db, async (tx) => {
		const inserted = await tx
			.insertInto('draft_author')
			.values({ draft_id: draftId, member_id: memberId, added_by: user.id, created_at: Date.now() })
			.onConflict((oc) => oc.columns(['draft_id', 'member_id']).doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'draft.author_added',
			subject: member.name,
			details: { draft: draftId, title: view.draft.title }
		});
	});
}

/**
 * Marks the draft as changed (the list shows drafts by their last change) and, when the live
 * document has a title, keeps the list's title in step with it.
 */
export async function touchDraft(
	db: Db,
	draftId: number,
	{ at = Date.now(), title }: { at?: number; title?: string } = {}
): Promise<void> {
	const cleaned = cleanLine(title).slice(0, TITLE_MAX);
	await db
		.updateTable('draft')
		.set(cleaned ? { updated_at: at, title: cleaned } : { updated_at: at })
		.where('id', '=', draftId)
		.where('updated_at', '<', at)
		.execute();
}

/** Moves a draft along its life (e.g. `decided` when a vote approves it). */
export async function setDraftStatus(
	db: Db,
	draftId: number,
	status: Draft['status']
): Promise<void> {
	await db
		.updateTable('draft')
		.set({ status, updated_at: Date.now() })
		.where('id', '=', draftId)
		.execute();
}
