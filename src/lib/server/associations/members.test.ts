import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import {
	addMember,
	contextOf,
	makeAssociation,
	type Fixture,
	rejection
} from '$lib/server/testing';
import { listAudit } from './audit';
import {
	addMemberWithoutAccount,
	changeMemberRole,
	countMembers,
	listBoard,
	listMembers,
	setMemberStatus,
	updateMemberDetails
} from './members';

let t: TestDb;
let fx: Fixture;
beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
});
afterEach(() => t.close());

describe('members without an account', () => {
	it('are registered, counted and audited', async () => {
		const m = await addMemberWithoutAccount(t.db, fx.leaderCtx, {
			name: '  Juana   Choque ',
			id_number: '4567891 CB',
			community: 'Chullpa K’asa'
		});
		expect(m).toMatchObject({ name: 'Juana Choque', user_id: null, role: 'member' });
		expect(await countMembers(t.db, fx.leaderCtx.association.id)).toEqual({
			active: 2,
			voting: 2,
			withoutAccount: 1
		});
		const audit = await listAudit(t.db, fx.leaderCtx.association.id);
		expect(audit.events[0]).toMatchObject({ action: 'member.added', subject: 'Juana Choque' });
	});

	it('refuses a missing name, a malformed or duplicate ID number', async () => {
		expect(
			(await rejection(addMemberWithoutAccount(t.db, fx.leaderCtx, { name: '' }))).fields
		).toHaveProperty('name.key', 'error_required');
		expect(
			(
				await rejection(
					addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'X', id_number: '<b>' })
				)
			).fields
		).toHaveProperty('id_number.key', 'error_id_number_format');
		await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'A', id_number: '123456' });
		const err = await rejection(
			addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'B', id_number: '123456' })
		);
		expect(err.fields).toHaveProperty('id_number.key', 'error_id_number_taken');
		expect((await listMembers(t.db, fx.leaderCtx.association.id)).map((m) => m.name)).not.toContain(
			'B'
		);
	});
});

describe('roles and offices', () => {
	it('makes a member secretary of the minutes, and shows them on the board', async () => {
		const { ctx } = await addMember(t.db, fx, 'member');
		const updated = await changeMemberRole(t.db, fx.leaderCtx, ctx.member!.id, {
			role: 'leader',
			office: 'secretario_actas'
		});
		expect(updated).toMatchObject({ role: 'leader', office: 'secretario_actas' });
		const board = await listBoard(t.db, fx.leaderCtx.association.id);
		expect(board.map((b) => b.office)).toEqual(['presidente', 'secretario_actas']);
		const [last] = (await listAudit(t.db, fx.leaderCtx.association.id)).events;
		expect(last).toMatchObject({
			action: 'member.role_changed',
			details: { from: 'member', to: 'leader', to_office: 'secretario_actas' }
		});
	});

	it('drops the office of anyone who is not a leader, and refuses unknown roles and offices', async () => {
		const { ctx } = await addMember(t.db, fx, 'member');
		const id = ctx.member!.id;
		expect(
			await changeMemberRole(t.db, fx.leaderCtx, id, { role: 'facilitator', office: 'tesorero' })
		).toMatchObject({ role: 'facilitator', office: null });
		expect(
			(await rejection(changeMemberRole(t.db, fx.leaderCtx, id, { role: 'rey' }))).fields
		).toHaveProperty('role.key', 'error_role');
		expect(
			(await rejection(changeMemberRole(t.db, fx.leaderCtx, id, { role: 'leader', office: 'rey' })))
				.fields
		).toHaveProperty('office.key', 'error_office');
	});

	it('cannot reach a member of another association', async () => {
		const other = await makeAssociation(t.db);
		const err = await rejection(
			changeMemberRole(t.db, fx.leaderCtx, other.leaderCtx.member!.id, { role: 'member' })
		);
		expect(err.code).toBe('not_found');
		expect((await contextOf(t.db, other.slug, other.leader)).member?.role).toBe('leader');
	});
});

describe('the last leader', () => {
	it('can be neither demoted, suspended nor removed', async () => {
		const id = fx.leaderCtx.member!.id;
		const attempts = [
			() => changeMemberRole(t.db, fx.leaderCtx, id, { role: 'member' }),
			() => setMemberStatus(t.db, fx.leaderCtx, id, 'suspended'),
			() => setMemberStatus(t.db, fx.leaderCtx, id, 'left')
		];
		for (const attempt of attempts) {
			const err = await rejection(attempt());
			expect(err.code).toBe('conflict');
			expect(err.messageRef.key).toBe('error_last_leader');
		}
		expect((await contextOf(t.db, fx.slug, fx.leader)).member).toMatchObject({
			role: 'leader',
			status: 'active'
		});
	});

	it('a leader without an account does not count: someone must be able to log in', async () => {
		const m = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Don Evaristo' });
		await changeMemberRole(t.db, fx.leaderCtx, m.id, { role: 'leader', office: 'vocal' });
		const err = await rejection(
			setMemberStatus(t.db, fx.leaderCtx, fx.leaderCtx.member!.id, 'left')
		);
		expect(err.messageRef.key).toBe('error_last_leader');
	});

	it('with a second leader, one may step down; two leaders demoting each other at once leave one', async () => {
		const second = await addMember(t.db, fx, 'leader', 'vicepresidente');
		const results = await Promise.allSettled([
			changeMemberRole(t.db, fx.leaderCtx, second.ctx.member!.id, { role: 'member' }),
			changeMemberRole(t.db, second.ctx, fx.leaderCtx.member!.id, { role: 'member' })
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const leaders = (await listMembers(t.db, fx.leaderCtx.association.id)).filter(
			(m) => m.role === 'leader'
		);
		expect(leaders).toHaveLength(1);
	});
});

describe('suspension and removal', () => {
	it('suspends, reactivates and removes, each in the audit log; the removed leave the list', async () => {
		const { ctx } = await addMember(t.db, fx, 'member');
		const id = ctx.member!.id;
		expect((await setMemberStatus(t.db, fx.leaderCtx, id, 'suspended')).status).toBe('suspended');
		const suspendedCtx = await contextOf(t.db, fx.slug, ctx.user as never);
		expect(suspendedCtx.actor.membership?.status).toBe('suspended');
		expect((await setMemberStatus(t.db, fx.leaderCtx, id, 'active')).status).toBe('active');
		await setMemberStatus(t.db, fx.leaderCtx, id, 'left');
		expect((await listMembers(t.db, fx.leaderCtx.association.id)).map((m) => m.id)).not.toContain(
			id
		);
		const actions = (await listAudit(t.db, fx.leaderCtx.association.id)).events.map(
			(e) => e.action
		);
		expect(actions.slice(0, 3)).toEqual([
			'member.removed',
			'member.reactivated',
			'member.suspended'
		]);
		expect((await rejection(setMemberStatus(t.db, fx.leaderCtx, id, 'active'))).code).toBe(
			'not_found'
		);
	});
});

describe('offices', () => {
	it('one presidente/a at a time, any number of vocales', async () => {
		const a = await addMember(t.db, fx, 'member');
		const b = await addMember(t.db, fx, 'member');
		const err = await rejection(
			changeMemberRole(t.db, fx.leaderCtx, a.ctx.member!.id, {
				role: 'leader',
				office: 'presidente'
			})
		);
		expect(err.code).toBe('conflict');
		expect(err.fields.office).toEqual({
			key: 'error_office_taken',
			params: { name: fx.leader.display_name }
		});
		for (const who of [a, b]) {
			await changeMemberRole(t.db, fx.leaderCtx, who.ctx.member!.id, {
				role: 'leader',
				office: 'vocal'
			});
		}
		const board = await listBoard(t.db, fx.leaderCtx.association.id);
		expect(board.map((s) => s.office)).toEqual(['presidente', 'vocal', 'vocal']);
	});

	it('a suspended tesorero/a cannot come back onto a seat someone else took meanwhile', async () => {
		const first = await addMember(t.db, fx, 'leader', 'tesorero');
		await setMemberStatus(t.db, fx.leaderCtx, first.ctx.member!.id, 'suspended');
		await addMember(t.db, fx, 'leader', 'tesorero');
		const err = await rejection(
			setMemberStatus(t.db, fx.leaderCtx, first.ctx.member!.id, 'active')
		);
		expect(err.fields.office?.key).toBe('error_office_taken');
	});
});

describe('the list of members', () => {
	it('shows the board in office order, then the others by name', async () => {
		const tesorero = await addMember(t.db, fx, 'leader', 'tesorero');
		await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Zenobia' });
		await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Abdón' });
		const list = await listMembers(t.db, fx.leaderCtx.association.id);
		expect(list.map((m) => m.office ?? m.name)).toEqual([
			'presidente',
			'tesorero',
			'Abdón',
			'Zenobia'
		]);
		expect(list[1].id).toBe(tesorero.ctx.member!.id);
	});
});

describe('member details', () => {
	it('leaders correct name, ID number and community; the change is audited', async () => {
		const { ctx } = await addMember(t.db, fx, 'member');
		const updated = await updateMemberDetails(t.db, fx.leaderCtx, ctx.member!.id, {
			name: 'Hilda Choque Rocha',
			id_number: '5543210',
			community: 'Villa Rivero'
		});
		expect(updated).toMatchObject({ name: 'Hilda Choque Rocha', community: 'Villa Rivero' });
		const [last] = (await listAudit(t.db, fx.leaderCtx.association.id)).events;
		expect(last).toMatchObject({
			action: 'member.updated',
			details: { fields: ['name', 'id_number', 'community'] }
		});
		expect(
			(await rejection(updateMemberDetails(t.db, ctx, fx.leaderCtx.member!.id, { name: 'X' }))).code
		).toBe('forbidden');
		expect(
			(await rejection(updateMemberDetails(t.db, fx.leaderCtx, ctx.member!.id, { name: '' })))
				.fields
		).toHaveProperty('name.key', 'error_required');
	});
});
