import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { DomainError } from '$lib/server/errors';
import {
	addMember,
	contextOf,
	makeAssociation,
	makeUser,
	type Fixture,
	rejection
} from '$lib/server/testing';
import { listAudit } from './audit';
import {
	acceptInvitation,
	createInvitation,
	createPersonalInvitation,
	findInvitation,
	listOpenInvitations,
	revokeInvitation
} from './invitations';
import { decideJoinRequest, listJoinRequests } from './join-requests';
import { addMemberWithoutAccount, listMembers, setMemberStatus } from './members';

let t: TestDb;
let fx: Fixture;
beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
});
afterEach(async () => {
	vi.useRealTimers();
	await t.close();
});

describe('invitations', () => {
	it('let a logged-in person join with the invitation role', async () => {
		const inv = await createInvitation(t.db, fx.leaderCtx, {
			role: 'facilitator',
			days: '7',
			max_uses: '3'
		});
		expect(inv.code).toMatch(/^[a-z2-7]{10}$/);
		const user = await makeUser(t.db, 'Técnico');
		const { member, alreadyMember } = await acceptInvitation(
			t.db,
			user,
			fx.slug,
			inv.code.toUpperCase()
		);
		expect(alreadyMember).toBe(false);
		expect(member).toMatchObject({ role: 'facilitator', status: 'active', user_id: user.id });
		expect((await findInvitation(t.db, fx.slug, inv.code))?.invitation.uses).toBe(1);
		const actions = (await listAudit(t.db, fx.leaderCtx.association.id)).events.map(
			(e) => e.action
		);
		expect(actions.slice(0, 2)).toEqual(['member.joined', 'invitation.created']);
	});

	it('refuse bad role, days and uses', async () => {
		const err = await rejection(
			createInvitation(t.db, fx.leaderCtx, { role: 'admin', days: '0', max_uses: '9999' })
		);
		expect(Object.keys(err.fields).sort()).toEqual(['days', 'max_uses', 'role']);
	});

	it('are not reusable past their uses, even by parallel joins', async () => {
		const inv = await createInvitation(t.db, fx.leaderCtx, {
			role: 'member',
			days: 1,
			max_uses: 2
		});
		const users = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser(t.db)));
		const results = await Promise.allSettled(
			users.map((u) => acceptInvitation(t.db, u, fx.slug, inv.code))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
		for (const r of results.filter((r) => r.status === 'rejected')) {
			expect(((r as PromiseRejectedResult).reason as DomainError).messageRef.key).toBe(
				'error_invitation_used_up'
			);
		}
		expect(await listMembers(t.db, fx.leaderCtx.association.id)).toHaveLength(3);
		expect((await findInvitation(t.db, fx.slug, inv.code))?.state).toBe('used_up');
	});

	it('expire, and can be revoked', async () => {
		const inv = await createInvitation(t.db, fx.leaderCtx, {
			role: 'member',
			days: 1,
			max_uses: 5
		});
		const other = await createInvitation(t.db, fx.leaderCtx, {
			role: 'member',
			days: 1,
			max_uses: 5
		});
		await revokeInvitation(t.db, fx.leaderCtx, other.id);
		expect(
			(await rejection(acceptInvitation(t.db, await makeUser(t.db), fx.slug, other.code)))
				.messageRef.key
		).toBe('error_invitation_revoked');
		expect((await rejection(revokeInvitation(t.db, fx.leaderCtx, other.id))).code).toBe(
			'not_found'
		);
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 25 * 60 * 60 * 1000);
		expect(
			(await rejection(acceptInvitation(t.db, await makeUser(t.db), fx.slug, inv.code))).messageRef
				.key
		).toBe('error_invitation_expired');
		expect(await listOpenInvitations(t.db, fx.leaderCtx)).toEqual([]);
	});

	it('belong to one association: a code does not open another', async () => {
		const other = await makeAssociation(t.db);
		const inv = await createInvitation(t.db, fx.leaderCtx, {
			role: 'leader',
			days: 1,
			max_uses: 5
		});
		expect(await findInvitation(t.db, other.slug, inv.code)).toBeUndefined();
		expect(
			(await rejection(acceptInvitation(t.db, await makeUser(t.db), other.slug, inv.code))).code
		).toBe('not_found');
	});

	it('do not let a suspended member back in, and let a removed one back only with a leader', async () => {
		const suspended = await addMember(t.db, fx, 'member');
		const left = await addMember(t.db, fx, 'member');
		await setMemberStatus(t.db, fx.leaderCtx, suspended.ctx.member!.id, 'suspended');
		await setMemberStatus(t.db, fx.leaderCtx, left.ctx.member!.id, 'left');
		const inv = await createInvitation(t.db, fx.leaderCtx, {
			role: 'observer',
			days: 1,
			max_uses: 5
		});
		expect(
			(await rejection(acceptInvitation(t.db, suspended.user, fx.slug, inv.code))).messageRef.key
		).toBe('error_join_suspended');
		const asked = await acceptInvitation(t.db, left.user, fx.slug, inv.code);
		expect(asked.pending).toBe(true);
		expect(asked.member).toMatchObject({ id: left.ctx.member!.id, status: 'left' });
		// Asking twice files one request; the invitation is not used up by asking.
		expect((await acceptInvitation(t.db, left.user, fx.slug, inv.code)).pending).toBe(true);
		expect((await findInvitation(t.db, fx.slug, inv.code))?.invitation.uses).toBe(0);
		expect((await contextOf(t.db, fx.slug, left.user)).member?.status).toBe('left');
		const requests = await listJoinRequests(t.db, fx.leaderCtx);
		expect(requests).toMatchObject([{ name: left.ctx.member!.name, role: 'observer' }]);
		// Only leaders decide.
		expect(
			(await rejection(decideJoinRequest(t.db, suspended.ctx, requests[0].id, true))).code
		).toBe('forbidden');
		const back = await decideJoinRequest(t.db, fx.leaderCtx, requests[0].id, true);
		expect(back).toMatchObject({ id: left.ctx.member!.id, status: 'active', role: 'observer' });
		expect(await listJoinRequests(t.db, fx.leaderCtx)).toEqual([]);
		expect(
			(await rejection(decideJoinRequest(t.db, fx.leaderCtx, requests[0].id, false))).messageRef.key
		).toBe('error_join_request_not_found');
		const actions = (await listAudit(t.db, fx.leaderCtx.association.id)).events.map(
			(e) => e.action
		);
		expect(actions.slice(0, 2)).toEqual(['member.rejoin_approved', 'member.rejoin_requested']);
	});

	it('a declined request leaves the removed member out; they may ask again', async () => {
		const left = await addMember(t.db, fx, 'member');
		await setMemberStatus(t.db, fx.leaderCtx, left.ctx.member!.id, 'left');
		const inv = await createInvitation(t.db, fx.leaderCtx, {
			role: 'leader',
			days: 1,
			max_uses: 5
		});
		await acceptInvitation(t.db, left.user, fx.slug, inv.code);
		const [request] = await listJoinRequests(t.db, fx.leaderCtx);
		const declined = await decideJoinRequest(t.db, fx.leaderCtx, request.id, false);
		expect(declined.status).toBe('left');
		expect((await contextOf(t.db, fx.slug, left.user)).member?.status).toBe('left');
		expect((await acceptInvitation(t.db, left.user, fx.slug, inv.code)).pending).toBe(true);
		expect(await listJoinRequests(t.db, fx.leaderCtx)).toHaveLength(1);
	});

	it('opened by an active member change nothing', async () => {
		const inv = await createInvitation(t.db, fx.leaderCtx, {
			role: 'observer',
			days: 1,
			max_uses: 1
		});
		const result = await acceptInvitation(t.db, fx.leader, fx.slug, inv.code);
		expect(result.alreadyMember).toBe(true);
		expect(result.member.role).toBe('leader');
		expect((await findInvitation(t.db, fx.slug, inv.code))?.invitation.uses).toBe(0);
	});
});

describe('personal invitations', () => {
	it('link a new account to the member registered without one', async () => {
		const m = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Justina Flores' });
		const inv = await createPersonalInvitation(t.db, fx.leaderCtx, m.id);
		expect(inv).toMatchObject({ member_id: m.id, max_uses: 1, role: 'member' });
		const view = await findInvitation(t.db, fx.slug, inv.code);
		expect(view?.memberName).toBe('Justina Flores');
		const user = await makeUser(t.db, 'Justi');
		const { member } = await acceptInvitation(t.db, user, fx.slug, inv.code);
		expect(member).toMatchObject({ id: m.id, name: 'Justina Flores', user_id: user.id });
		expect((await contextOf(t.db, fx.slug, user)).member?.id).toBe(m.id);
		expect((await listAudit(t.db, fx.leaderCtx.association.id)).events[0].action).toBe(
			'member.linked'
		);
		// Single use, and the member now has an account.
		expect(
			(await rejection(acceptInvitation(t.db, await makeUser(t.db), fx.slug, inv.code))).code
		).toBe('closed');
		expect(
			(await rejection(createPersonalInvitation(t.db, fx.leaderCtx, m.id))).messageRef.key
		).toBe('error_member_has_account');
	});

	it('cannot give a second record to someone who already has one', async () => {
		const m = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Otra Persona' });
		const inv = await createPersonalInvitation(t.db, fx.leaderCtx, m.id);
		const left = await addMember(t.db, fx, 'member');
		await setMemberStatus(t.db, fx.leaderCtx, left.ctx.member!.id, 'left');
		expect(
			(await rejection(acceptInvitation(t.db, left.user, fx.slug, inv.code))).messageRef.key
		).toBe('error_join_personal_conflict');
		expect((await findInvitation(t.db, fx.slug, inv.code))?.invitation.uses).toBe(0);
	});

	it('made for someone since removed no longer links anyone', async () => {
		const m = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Don Removido' });
		const inv = await createPersonalInvitation(t.db, fx.leaderCtx, m.id);
		await setMemberStatus(t.db, fx.leaderCtx, m.id, 'left');
		const user = await makeUser(t.db);
		expect((await rejection(acceptInvitation(t.db, user, fx.slug, inv.code))).messageRef.key).toBe(
			'error_invitation_revoked'
		);
		expect((await contextOf(t.db, fx.slug, user)).member).toBeUndefined();
	});
});
