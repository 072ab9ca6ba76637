import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { writeTx, type Db } from '$lib/server/db';
import type { Association, Invitation, Member, Role } from '$lib/server/db/schema';
import { DomainError, invalid } from '$lib/server/errors';
import {
	actingUser,
	getAssociationBySlug,
	type ActingUser,
	type AssociationContext
} from './associations';
import { recordAudit } from './audit';
import { requestRejoin } from './join-requests';
import { getMember } from './members';
import { authorize } from './policy';
import { isRole } from '$lib/associations/roles';

const DAY = 24 * 60 * 60 * 1000;
export const INVITATION_MAX_DAYS = 90;
export const INVITATION_MAX_USES = 500;
const PERSONAL_INVITATION_DAYS = 30;

export type InvitationState = 'valid' | 'expired' | 'used_up' | 'revoked';

export function invitationState(inv: Invitation, now = Date.now()): InvitationState {
	if (inv.revoked_at !== null) return 'revoked';
	if (now >= inv.expires_at) return 'expired';
	if (inv.uses >= inv.max_uses) return 'used_up';
	return 'valid';
}

/** 10 characters, 50 bits: short enough to read out in an assembly, too many to guess. */
function generateCode(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(0, 10);
}

function leader(ctx: AssociationContext): ActingUser {
	authorize(ctx.actor, 'invitations.manage');
	return actingUser(ctx);
}

function boundedInt(value: unknown, min: number, max: number): number | undefined {
	const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export async function createInvitation(
	db: Db,
	ctx: AssociationContext,
	input: { role?: unknown; days?: unknown; max_uses?: unknown }
): Promise<Invitation> {
	const user = leader(ctx);
	const fields: Record<string, string> = {};
	const role = input.role;
	if (!isRole(role)) fields.role = 'error_role';
	const days = boundedInt(input.days, 1, INVITATION_MAX_DAYS);
	if (days === undefined) fields.days = 'error_invitation_days';
	const maxUses = boundedInt(input.max_uses, 1, INVITATION_MAX_USES);
	if (maxUses === undefined) fields.max_uses = 'error_invitation_uses';
	if (Object.keys(fields).length) throw invalid(fields);
	return insertInvitation(db, ctx, user, {
		role: role as Role,
		member_id: null,
		max_uses: maxUses!,
		expires_at: Date.now() + days! * DAY
	});
}

/** A single-use invitation that links a member registered without an account to whoever opens it. */
export async function createPersonalInvitation(
	db: Db,
	ctx: AssociationContext,
	memberId: number
): Promise<Invitation> {
	const user = leader(ctx);
	const member = await getMember(db, ctx.association.id, memberId);
	if (!member || member.status === 'left')
		throw new DomainError('not_found', 'error_member_not_found');
	if (member.user_id !== null) throw new DomainError('conflict', 'error_member_has_account');
	return insertInvitation(db, ctx, user, {
		role: member.role,
		member_id: member.id,
		max_uses: 1,
		expires_at: Date.now() + PERSONAL_INVITATION_DAYS * DAY
	});
}

async function insertInvitation(
	db: Db,
	ctx: AssociationContext,
	user: ActingUser,
	values: Pick<Invitation, 'role' | 'member_id' | 'max_uses' | 'expires_at'>
): Promise<Invitation> {
	return writeTx(db, async (tx) => {
		const invitation = await tx
			.insertInto('invitation')
			.values({
				...values,
				association_id: ctx.association.id,
				code: generateCode(),
				uses: 0,
				created_by: user.id,
				created_at: Date.now(),
				revoked_at: null
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'invitation.created',
			details: {
				role: invitation.role,
				max_uses: invitation.max_uses,
				expires_at: invitation.expires_at,
				personal: invitation.member_id !== null
			}
		});
		return invitation;
	});
}

export interface InvitationRow extends Invitation {
	member_name: string | null;
	state: InvitationState;
}

/** The invitations leaders can still hand out, newest first. */
export async function listOpenInvitations(
	db: Db,
	ctx: AssociationContext
): Promise<InvitationRow[]> {
	authorize(ctx.actor, 'invitations.manage');
	const now = Date.now();
	const rows = await db
		.selectFrom('invitation')
		.leftJoin('member', 'member.id', 'invitation.member_id')
		.selectAll('invitation')
		.select('member.name as member_name')
		.where('invitation.association_id', '=', ctx.association.id)
		.where('invitation.revoked_at', 'is', null)
		.where('invitation.expires_at', '>', now)
		.orderBy('invitation.id', 'desc')
		.execute();
	return rows
		.map((r) => ({ ...r, state: invitationState(r, now) }))
		.filter((r) => r.state === 'valid');
}

export async function revokeInvitation(
	db: Db,
	ctx: AssociationContext,
	invitationId: number
): Promise<void> {
	const user = leader(ctx);
	await writeTx(db, async (tx) => {
		const result = await tx
			.updateTable('invitation')
			.set({ revoked_at: Date.now() })
			.where('id', '=', invitationId)
			.where('association_id', '=', ctx.association.id)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) {
			throw new DomainError('not_found', 'error_invitation_not_found');
		}
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'invitation.revoked',
			details: { invitation: invitationId }
		});
	});
}

/** The member a personal invitation was made for. */
async function memberNameOf(db: Db, invitation: Invitation): Promise<string | null> {
	if (invitation.member_id === null) return null;
	return (await getMember(db, invitation.association_id, invitation.member_id))?.name ?? null;
}

export interface InvitationView {
	association: Association;
	invitation: Invitation;
	state: InvitationState;
	/** For a personal invitation, the member it links to. */
	memberName: string | null;
}

/** What someone opening an invitation link sees; undefined when the code is not of this association. */
export async function findInvitation(
	db: Db,
	slug: string,
	code: string
): Promise<InvitationView | undefined> {
	const association = await getAssociationBySlug(db, slug);
	if (!association) return undefined;
	const invitation = await db
		.selectFrom('invitation')
		.selectAll()
		.where('association_id', '=', association.id)
		.where('code', '=', code.trim().toLowerCase())
		.executeTakeFirst();
	if (!invitation) return undefined;
	return {
		association,
		invitation,
		state: invitationState(invitation),
		memberName: await memberNameOf(db, invitation)
	};
}

const STATE_ERROR: Record<Exclude<InvitationState, 'valid'>, string> = {
	expired: 'error_invitation_expired',
	used_up: 'error_invitation_used_up',
	revoked: 'error_invitation_revoked'
};

/**
 * Joins the user to the invitation's association, or links them to the member the personal
 * invitation was made for. One transaction: the use count cannot be overrun by parallel joins.
 * Someone removed from the association does not come back this way: their join becomes a
 * request that a leader approves (`pending`). A suspended member stays suspended.
 */
export async function acceptInvitation(
	db: Db,
	user: ActingUser,
	slug: string,
	code: string
): Promise<{ association: Association; member: Member; alreadyMember: boolean; pending: boolean }> {
	authorize({ userId: user.id, membership: null }, 'invitation.accept');
	return writeTx(db, async (tx) => {
		const view = await findInvitation(tx, slug, code);
		if (!view) throw new DomainError('not_found', 'error_invitation_not_found');
		const { association, invitation } = view;
		const existing = await tx
			.selectFrom('member')
			.selectAll()
			.where('association_id', '=', association.id)
			.where('user_id', '=', user.id)
			.executeTakeFirst();
		if (existing?.status === 'active')
			return { association, member: existing, alreadyMember: true, pending: false };
		if (existing?.status === 'suspended')
			throw new DomainError('forbidden', 'error_join_suspended');
		if (view.state !== 'valid') throw new DomainError('closed', STATE_ERROR[view.state]);
		// Removal was a leader's act: coming back is one too. The invitation is not used up.
		if (existing?.status === 'left' && invitation.member_id === null) {
			await requestRejoin(tx, user, existing, invitation);
			return { association, member: existing, alreadyMember: false, pending: true };
		}

		const used = await tx
			.updateTable('invitation')
			.set((eb) => ({ uses: eb('uses', '+', 1) }))
			.where('id', '=', invitation.id)
			.where('uses', '<', invitation.max_uses)
			.executeTakeFirst();
		if (Number(used.numUpdatedRows) === 0) {
			throw new DomainError('closed', 'error_invitation_used_up');
		}

		const now = Date.now();
		let member: Member;
		let action: 'member.joined' | 'member.linked' = 'member.joined';
		if (invitation.member_id !== null) {
			if (existing) throw new DomainError('conflict', 'error_join_personal_conflict');
			// Made for someone since removed: the link no longer leads anywhere.
			const target = await getMember(tx, association.id, invitation.member_id);
			if (!target || target.status === 'left')
				throw new DomainError('closed', 'error_invitation_revoked');
			const linked = await tx
				.updateTable('member')
				.set({ user_id: user.id, updated_at: now })
				.where('id', '=', invitation.member_id)
				.where('user_id', 'is', null)
				.where('status', '!=', 'left')
				.returningAll()
				.executeTakeFirst();
			if (!linked) throw new DomainError('closed', 'error_invitation_used_up');
			member = linked;
			action = 'member.linked';
		} else {
			member = await tx
				.insertInto('member')
				.values({
					association_id: association.id,
					user_id: user.id,
					name: user.display_name,
					id_number: null,
					community: null,
					role: invitation.role,
					office: invitation.role === 'leader' ? 'vocal' : null,
					status: 'active',
					created_at: now,
					updated_at: now
				})
				.returningAll()
				.executeTakeFirstOrThrow();
		}
		await recordAudit(tx, {
			associationId: association.id,
			actor: user,
			action,
			subject: member.name,
			details: { role: member.role, invitation: invitation.id }
		});
		return { association, member, alreadyMember: false, pending: false };
	});
}

/** One invitation of the association, for its leaders. */
export async function findInvitationById(
	db: Db,
	ctx: AssociationContext,
	invitationId: number
): Promise<{ invitation: Invitation; memberName: string | null } | undefined> {
	authorize(ctx.actor, 'invitations.manage');
	const invitation = await db
		.selectFrom('invitation')
		.selectAll()
		.where('association_id', '=', ctx.association.id)
		.where('id', '=', invitationId)
		.executeTakeFirst();
	if (!invitation) return undefined;
	return { invitation, memberName: await memberNameOf(db, invitation) };
}
