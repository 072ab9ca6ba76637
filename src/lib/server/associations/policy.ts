// Who may do what inside an association. Pure: no database, no framework. Every load and action
// that needs a permission asks `can`, and every domain function that changes state asks
// `authorize`, so a route that forgets its guard still cannot act.

import { ELECTOR_ROLES } from '$lib/associations/electorate';
import type { MemberStatus, Role } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';

export interface Membership {
	memberId: number;
	role: Role;
	status: MemberStatus;
	/** The board or committee seat held (tesorero…), if any. */
	office?: string | null;
}

export interface Actor {
	/** null for an anonymous visitor. */
	userId: string | null;
	/** The actor's membership in the association at hand, whatever its status; null if none. */
	membership: Membership | null;
}

export interface AssociationTarget {
	register_public: number;
}

export const ACTIONS = [
	'association.create',
	'association.view',
	'association.view_private',
	'members.view',
	'members.manage',
	'invitations.manage',
	'invitation.accept',
	'audit.view',
	'draft.edit',
	'debate.post',
	'debate.support',
	'debate.moderate',
	'vote.cast',
	'vote.manage',
	'vote.score',
	'settings.manage',
	'register.record',
	'assembly.manage',
	'money.view',
	'money.record',
	'money.review',
	'counterpart.manage',
	'wording.manage',
	'cards.manage',
	'assistance.read',
	'assistance.view',
	'assistance.manage',
	'assistance.answer',
	'voice.record'
] as const;
export type Action = (typeof ACTIONS)[number];

const VOTING_ROLES: readonly Role[] = ELECTOR_ROLES;
const DRAFTING_ROLES: readonly Role[] = ['leader', 'facilitator'];
const POSTING_ROLES: readonly Role[] = ['leader', 'member', 'facilitator'];

function activeRole(actor: Actor): Role | null {
	return actor.membership?.status === 'active' ? actor.membership.role : null;
}

export function can(actor: Actor, action: Action, target?: AssociationTarget): boolean {
	const role = activeRole(actor);
	switch (action) {
		case 'association.create':
		case 'invitation.accept':
			return actor.userId !== null;
		case 'association.view':
			// Communities review past decisions: a public register opens the association's front page.
			return role !== null || target?.register_public === 1;
		// "¿En qué se gastó la plata?", and the technical assistance contract with its deliverables,
		// payments and visits as counts: every member, and anyone when the register is public. The
		// households' names stay with the members (assistance.view).
		case 'money.view':
		case 'assistance.read':
			return role !== null || target?.register_public === 1;
		case 'money.record':
			// The treasurer keeps the books: a leader holding the tesorero office.
			return role === 'leader' && actor.membership?.office === 'tesorero';
		case 'money.review':
			// The vigilance committee: members elected to watch the board, not leaders.
			return role === 'member' && actor.membership?.office === 'vigilancia';
		case 'association.view_private':
		case 'members.view':
		case 'audit.view':
		case 'assistance.view':
			return role !== null;
		case 'members.manage':
		case 'invitations.manage':
		case 'vote.manage':
		case 'settings.manage':
		case 'register.record':
		case 'assembly.manage':
		case 'debate.moderate':
		case 'wording.manage':
		case 'cards.manage':
		case 'voice.record':
		case 'counterpart.manage':
		case 'assistance.manage':
			// The assembly's split of the counterpart: the treasurer or any other leader writes it.
			// The committee writes the assistance contract and approves its deliverables; the
			// technician it names logs visits (checked against that contract in $lib/server/assistance).
			// Spoken explanations (voice.record) are the board's word on a subject, like a summary.
			return role === 'leader';
		case 'draft.edit':
		case 'vote.score':
			// The hiring committee: leaders and the facilitator (the programme's technician).
			return role !== null && DRAFTING_ROLES.includes(role);
		case 'debate.post':
			return role !== null && POSTING_ROLES.includes(role);
		// Supports count members' backing of an argument: facilitators argue, but do not back. A
		// household says whether the technician came: its voting members, never the technician.
		case 'debate.support':
		case 'vote.cast':
		case 'assistance.answer':
			return role !== null && VOTING_ROLES.includes(role);
	}
}

/** Throws `forbidden` unless the actor may do the action. */
export function authorize(actor: Actor, action: Action, target?: AssociationTarget): void {
	if (!can(actor, action, target)) throw new DomainError('forbidden', 'error_forbidden');
}
