// Coming back after a removal. Removing a member is a governance act, so a removed member who
// opens the association's standing invitation does not rejoin: they ask, and a leader approves
// or declines on the members page, both in the audit log.
import { isUniqueViolation, writeTx, type Db } from '$lib/server/db';
import type { Invitation, Member, Role } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { actingUser, type ActingUser, type AssociationContext } from './associations';
import { recordAudit } from './audit';
import { authorize } from './policy';

/** Files the request (once: asking again while one is pending changes nothing). */
export async function requestRejoin(
	tx: Db,
	user: ActingUser,
	member: Member,
	invitation: Invitation,
	now = Date.now()
): Promise<void> {
	if (await pendingRequestOf(tx, member.id)) return;
	try {
		await tx
			.insertInto('join_request')
			.values({
				association_id: member.association_id,
				member_id: member.id,
				user_id: user.id,
				role: invitation.role,
				invitation_id: invitation.id,
				created_at: now,
				decided_at: null,
				decided_by: null,
				outcome: null
			})
			.execute();
	} catch (err) {
		if (isUniqueViolation(err)) return;
		throw err;
	}
	await recordAudit(tx, {
		associationId: member.association_id,
		actor: user,
		action: 'member.rejoin_requested',
		subject: member.name,
		details: { role: invitation.role, invitation: invitation.id },
		at: now
	});
}

async function pendingRequestOf(db: Db, memberId: number) {
	return db
		.selectFrom('join_request')
		.select('id')
		.where('member_id', '=', memberId)
		.where('decided_at', 'is', null)
		.executeTakeFirst();
}

/** Whether the member (removed) has asked to come back and waits for a leader. */
export async function hasPendingRejoin(db: Db, memberId: number): Promise<boolean> {
	return (await pendingRequestOf(db, memberId)) !== undefined;
}

export interface JoinRequestRow {
	id: number;
	member_id: number;
	name: string;
	username: string;
	role: Role;
	created_at: number;
}

/** The requests waiting for a leader, oldest first. */
export async function listJoinRequests(db: Db, ctx: AssociationContext): Promise<JoinRequestRow[]> {
	authorize(ctx.actor, 'members.manage');
	const rows = await db
		.selectFrom('join_request')
		.innerJoin('member', 'member.id', 'join_request.member_id')
		.innerJoin('user', 'user.id', 'join_request.user_id')
		.select([
			'join_request.id',
			'join_request.member_id',
			'member.name',
			'user.username',
			'join_request.role',
			'join_request.created_at'
		])
		.where('join_request.association_id', '=', ctx.association.id)
		.where('join_request.decided_at', 'is', null)
		.orderBy('join_request.id')
		.execute();
	return rows.map((r) => ({ ...r, id: Number(r.id), member_id: Number(r.member_id) }));
}

/**
 * A leader lets the removed member back in (with the role the invitation offered) or not. One
 * transaction: a request is decided once.
 */
export async function decideJoinRequest(
	db: Db,
	ctx: AssociationContext,
	requestId: number,
	approve: boolean,
	now = Date.now()
): Promise<Member> {
	authorize(ctx.actor, 'members.manage');
	const user = actingUser(ctx);
	return writeTx(db, async (tx) => {
		const decided = await tx
			.updateTable('join_request')
			.set({ decided_at: now, decided_by: user.id, outcome: approve ? 'approved' : 'declined' })
			.where('id', '=', requestId)
			.where('association_id', '=', ctx.association.id)
			.where('decided_at', 'is', null)
			.returningAll()
			.executeTakeFirst();
		if (!decided) throw new DomainError('not_found', 'error_join_request_not_found');
		let member = await tx
			.selectFrom('member')
			.selectAll()
			.where('id', '=', decided.member_id)
			.executeTakeFirstOrThrow();
		if (approve) {
			if (member.status !== 'left')
				throw new DomainError('conflict', 'error_join_request_not_found');
			member = await tx
				.updateTable('member')
				.set({
					status: 'active',
					role: decided.role,
					office: decided.role === 'leader' ? 'vocal' : null,
					updated_at: now
				})
				.where('id', '=', member.id)
				.returningAll()
				.executeTakeFirstOrThrow();
		}
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: approve ? 'member.rejoin_approved' : 'member.rejoin_declined',
			subject: member.name,
			details: { role: decided.role },
			at: now
		});
		return member;
	});
}
