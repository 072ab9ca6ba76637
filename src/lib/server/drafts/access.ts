// Who may write a draft, and who may only follow it. Pure: no database, no framework.
import type { Actor } from '$lib/server/associations/policy';
import type { DraftStatus } from '$lib/server/db/schema';

export type DraftAccess = 'edit' | 'read';

/** Drafts are written while being drafted and deliberated; from the vote on, the text is fixed. */
export const EDITABLE_STATUSES: readonly DraftStatus[] = ['drafting', 'deliberation'];

/**
 * Leaders and facilitators edit every draft of their association, co-authors the drafts they were
 * added to; every other active member (observers included) reads. Non-members and suspended
 * members get nothing.
 */
export function draftAccess(
	actor: Actor,
	draft: { status: DraftStatus },
	isCoAuthor: boolean
): DraftAccess | null {
	const membership = actor.membership;
	if (!membership || membership.status !== 'active') return null;
	if (!EDITABLE_STATUSES.includes(draft.status)) return 'read';
	if (membership.role === 'leader' || membership.role === 'facilitator') return 'edit';
	if (isCoAuthor && membership.role === 'member') return 'edit';
	return 'read';
}
