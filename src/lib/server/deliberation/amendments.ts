import * as Y from 'yjs';
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { changeDraftDocument } from '$lib/server/collab';
import { writeTx, type Db } from '$lib/server/db';
import type { AmendmentStatus } from '$lib/server/db/schema';
import { EDITABLE_STATUSES, getDraft, loadDraftState } from '$lib/server/drafts';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { cleanText, ensureDraftDebate, insertPost, requirePost } from './debates';
import { hasPassage, replacePassage } from '$lib/deliberation/passage';
import { BODY_MAX, PASSAGE_MAX, PROPOSAL_MAX, REASON_MAX } from '$lib/deliberation/rules';

async function draftHasPassage(db: Db, draftId: number, passage: string): Promise<boolean> {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, await loadDraftState(db, draftId));
		return hasPassage(doc, passage);
	} finally {
		doc.destroy();
	}
}

/**
 * A member quotes a passage of a draft as it stands and proposes other words for it, with a
 * reason. The amendment is a post in the draft's debate, pending until the draft's editors decide.
 */
export async function proposeAmendment(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	input: { passage?: unknown; proposal?: unknown; body?: unknown }
): Promise<number> {
	authorize(ctx.actor, 'debate.post');
	const view = await getDraft(db, ctx, draftId);
	if (!view) throw new DomainError('not_found', 'error_draft_not_found');
	if (!EDITABLE_STATUSES.includes(view.draft.status)) {
		throw new DomainError('closed', 'error_amendment_draft_fixed');
	}
	const passage = cleanLine(input.passage);
	const proposal = cleanLine(input.proposal);
	const body = cleanText(input.body);
	const fields: Record<string, string> = {};
	if (!passage) fields.passage = 'error_required';
	else if (passage.length > PASSAGE_MAX) fields.passage = 'error_text_long';
	if (!proposal) fields.proposal = 'error_required';
	else if (proposal.length > PROPOSAL_MAX) fields.proposal = 'error_text_long';
	else if (proposal === passage) fields.proposal = 'error_amendment_same';
	if (!body) fields.body = 'error_required';
	else if (body.length > BODY_MAX) fields.body = 'error_text_long';
	if (Object.keys(fields).length) throw invalid(fields);
	if (!(await draftHasPassage(db, draftId, passage))) {
		throw invalid({ passage: 'error_amendment_passage_missing' });
	}
	return writeTx(db, async (tx) => {
		const debate = await ensureDraftDebate(tx, ctx, view.draft);
		const post = await insertPost(tx, ctx, debate.id, {
			stance: 'amendment',
			body,
			passage,
			now: Date.now()
		});
		await tx
			.insertInto('amendment')
			.values({ post_id: post.id, draft_id: draftId, passage, proposal, status: 'pending' })
			.execute();
		return post.id;
	});
}

async function requireDecidable(db: Db, ctx: AssociationContext, postId: number) {
	const { post, target } = await requirePost(db, ctx, postId);
	const amendment = await db
		.selectFrom('amendment')
		.selectAll()
		.where('post_id', '=', postId)
		.executeTakeFirst();
	if (!amendment || !target.draft) throw new DomainError('not_found', 'error_amendment_not_found');
	if (!target.draftEditor) throw new DomainError('forbidden', 'error_amendment_not_editor');
	if (!EDITABLE_STATUSES.includes(target.draft.status)) {
		throw new DomainError('closed', 'error_amendment_draft_fixed');
	}
	if (post.hidden_at !== null) throw new DomainError('conflict', 'error_debate_post_hidden');
	if (amendment.status !== 'pending') {
		throw new DomainError('conflict', 'error_amendment_decided');
	}
	return { amendment, target };
}

/**
 * One of the draft's editors accepts an amendment: the quoted passage is replaced in the live
 * draft (stored, then relayed to whoever has it open) and the amendment recorded as accepted.
 * Refused with a conflict when the passage no longer appears word for word.
 */
export async function acceptAmendment(
	db: Db,
	ctx: AssociationContext,
	postId: number
): Promise<void> {
	const user = actingUser(ctx);
	const { amendment, target } = await requireDecidable(db, ctx, postId);
	const claim = (status: AmendmentStatus, from: AmendmentStatus, decided: boolean) =>
		db
			.updateTable('amendment')
			.set({
				status,
				decided_by: decided ? user.id : null,
				decided_by_name: decided ? user.display_name : null,
				decided_at: decided ? Date.now() : null
			})
			.where('post_id', '=', postId)
			.where('status', '=', from)
			.executeTakeFirst();
	// Claimed first, so two editors accepting at once cannot both change the text.
	const claimed = await claim('accepted', 'pending', true);
	if (Number(claimed.numUpdatedRows) === 0) {
		throw new DomainError('conflict', 'error_amendment_decided');
	}
	try {
		await changeDraftDocument(db, amendment.draft_id, (doc) => {
			if (!replacePassage(doc, amendment.passage, amendment.proposal)) {
				throw new DomainError('conflict', 'error_amendment_passage_gone');
			}
		});
	} catch (err) {
		await claim('pending', 'accepted', false);
		throw err;
	}
	await recordAudit(db, {
		associationId: ctx.association.id,
		actor: user,
		action: 'debate.amendment_accepted',
		subject: target.draft!.title,
		details: { draft: amendment.draft_id, post: postId }
	});
}

/** One of the draft's editors declines an amendment, saying why; it stays visible as declined. */
export async function declineAmendment(
	db: Db,
	ctx: AssociationContext,
	postId: number,
	input: { reason?: unknown }
): Promise<void> {
	const user = actingUser(ctx);
	const reason = cleanLine(input.reason);
	if (!reason) throw invalid({ reason: 'error_debate_reason_required' });
	if (reason.length > REASON_MAX) throw invalid({ reason: 'error_text_long' });
	const { amendment, target } = await requireDecidable(db, ctx, postId);
	await writeTx(db, async (tx) => {
		const done = await tx
			.updateTable('amendment')
			.set({
				status: 'declined',
				decided_by: user.id,
				decided_by_name: user.display_name,
				decided_at: Date.now(),
				decision_reason: reason
			})
			.where('post_id', '=', postId)
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) === 0) {
			throw new DomainError('conflict', 'error_amendment_decided');
		}
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'debate.amendment_declined',
			subject: target.draft!.title,
			details: { draft: amendment.draft_id, post: postId, reason }
		});
	});
}

export interface AmendmentDetail {
	/** The amendment's id: the id of the post that proposed it. */
	id: number;
	draftId: number;
	debateId: number;
	passage: string;
	proposal: string;
	/** Why its author proposes it. */
	reason: string;
	authorName: string;
	status: AmendmentStatus;
	decidedBy: string | null;
	decidedAt: number | null;
	decisionReason: string | null;
	createdAt: number;
}

function amendmentQuery(db: Db) {
	return db
		.selectFrom('amendment')
		.innerJoin('post', 'post.id', 'amendment.post_id')
		.innerJoin('member', 'member.id', 'post.author_member_id')
		.select([
			'amendment.post_id as id',
			'amendment.draft_id as draftId',
			'post.debate_id as debateId',
			'amendment.passage',
			'amendment.proposal',
			'post.body as reason',
			'member.name as authorName',
			'amendment.status',
			'amendment.decided_by_name as decidedBy',
			'amendment.decided_at as decidedAt',
			'amendment.decision_reason as decisionReason',
			'post.created_at as createdAt'
		])
		.where('post.hidden_at', 'is', null);
}

/**
 * The amendments of a draft that may go to the assembly as alternatives to the original
 * (pending or declined, not hidden), oldest first. For the voting area.
 */
export async function listAmendmentsForVote(
	db: Db,
	ctx: AssociationContext,
	draftId: number
): Promise<AmendmentDetail[]> {
	if (!(await getDraft(db, ctx, draftId)))
		throw new DomainError('not_found', 'error_draft_not_found');
	return amendmentQuery(db)
		.where('amendment.draft_id', '=', draftId)
		.where('amendment.status', 'in', ['pending', 'declined'])
		.orderBy('amendment.post_id')
		.execute();
}

/** One amendment of a draft the actor may read; undefined otherwise (or when hidden). */
export async function getAmendment(
	db: Db,
	ctx: AssociationContext,
	amendmentId: number
): Promise<AmendmentDetail | undefined> {
	const row = await amendmentQuery(db)
		.innerJoin('draft', 'draft.id', 'amendment.draft_id')
		.where('amendment.post_id', '=', amendmentId)
		.where('draft.association_id', '=', ctx.association.id)
		.executeTakeFirst();
	if (!row || !(await getDraft(db, ctx, row.draftId))) return undefined;
	return row;
}
