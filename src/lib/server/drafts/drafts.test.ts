import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, setMemberStatus } from '$lib/server/associations';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import type { MemberStatus, Role } from '$lib/server/db/schema';
import {
	addMember,
	contextOf,
	makeAssociation,
	makeUser,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { draftAccess } from './access';
import {
	addCoAuthor,
	createDraft,
	draftAccessForUser,
	getDraft,
	listDrafts,
	touchDraft
} from './drafts';

describe('draftAccess', () => {
	const actor = (role: Role, status: MemberStatus = 'active') => ({
		userId: 'u',
		membership: { memberId: 1, role, status }
	});
	const drafting = { status: 'drafting' as const };

	it('leaders and facilitators edit, co-authors too, other members and observers read', () => {
		expect(draftAccess(actor('leader'), drafting, false)).toBe('edit');
		expect(draftAccess(actor('facilitator'), drafting, false)).toBe('edit');
		expect(draftAccess(actor('member'), drafting, true)).toBe('edit');
		expect(draftAccess(actor('member'), drafting, false)).toBe('read');
		expect(draftAccess(actor('observer'), drafting, true)).toBe('read');
	});

	it('suspended, departed and non-members get nothing', () => {
		expect(draftAccess(actor('leader', 'suspended'), drafting, false)).toBeNull();
		expect(draftAccess(actor('member', 'left'), drafting, true)).toBeNull();
		expect(draftAccess({ userId: 'u', membership: null }, drafting, false)).toBeNull();
		expect(draftAccess({ userId: null, membership: null }, drafting, false)).toBeNull();
	});

	it('from the vote on, the text is read-only for everyone', () => {
		for (const status of ['voting', 'decided', 'withdrawn'] as const) {
			expect(draftAccess(actor('leader'), { status }, false)).toBe('read');
		}
		expect(draftAccess(actor('leader'), { status: 'deliberation' }, false)).toBe('edit');
	});
});

describe('drafts', () => {
	let t: TestDb;
	let fx: Fixture;
	beforeEach(async () => {
		t = await createTestDb();
		fx = await makeAssociation(t.db);
	});
	afterEach(() => t.close());

	it('are created by leaders and facilitators, listed for members, audited', async () => {
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const plan = await createDraft(t.db, facilitator.ctx, {
			kind: 'investment_plan',
			title: '  Plan de Alianza 2027 '
		});
		expect(plan).toMatchObject({ title: 'Plan de Alianza 2027', status: 'drafting' });
		const member = await addMember(t.db, fx, 'member');
		expect(
			(await rejection(createDraft(t.db, member.ctx, { kind: 'rule', title: 'X' }))).code
		).toBe('forbidden');
		const list = await listDrafts(t.db, member.ctx);
		expect(list).toEqual([expect.objectContaining({ id: plan.id, kind: 'investment_plan' })]);
		const stranger = await contextOf(t.db, fx.slug, await makeUser(t.db));
		expect((await rejection(listDrafts(t.db, stranger))).code).toBe('forbidden');
		const audit = await listAudit(t.db, fx.leaderCtx.association.id);
		expect(audit.events.find((e) => e.action === 'draft.created')).toMatchObject({
			actor_name: facilitator.user.display_name,
			subject: 'Plan de Alianza 2027'
		});
	});

	it('refuse an unknown kind or an empty title', async () => {
		const err = await rejection(createDraft(t.db, fx.leaderCtx, { kind: 'novela', title: '' }));
		expect(Object.keys(err.fields).sort()).toEqual(['kind', 'title']);
	});

	it('give edit to co-authors, read to members, nothing to outsiders, wherever asked from', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, {
			kind: 'rule',
			title: 'Reglamento interno'
		});
		const member = await addMember(t.db, fx, 'member');
		const other = await makeAssociation(t.db);
		expect((await draftAccessForUser(t.db, member.user.id, draft.id))?.access).toBe('read');
		expect(await draftAccessForUser(t.db, other.leader.id, draft.id)).toBeUndefined();
		expect(await getDraft(t.db, other.leaderCtx, draft.id)).toBeUndefined();
		expect(await draftAccessForUser(t.db, member.user.id, 9999)).toBeUndefined();

		await addCoAuthor(t.db, fx.leaderCtx, draft.id, member.ctx.member!.id);
		await addCoAuthor(t.db, fx.leaderCtx, draft.id, member.ctx.member!.id); // idempotent
		expect((await draftAccessForUser(t.db, member.user.id, draft.id))?.access).toBe('edit');
		expect((await getDraft(t.db, member.ctx, draft.id))?.coAuthors).toEqual([
			{ member_id: member.ctx.member!.id, name: member.ctx.member!.name }
		]);
		const added = (await listAudit(t.db, fx.leaderCtx.association.id)).events.filter(
			(e) => e.action === 'draft.author_added'
		);
		expect(added).toHaveLength(1);

		await setMemberStatus(t.db, fx.leaderCtx, member.ctx.member!.id, 'suspended');
		expect(await draftAccessForUser(t.db, member.user.id, draft.id)).toBeUndefined();
	});

	it('only members can become co-authors, added by someone who edits', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'general', title: 'Acta' });
		const observer = await addMember(t.db, fx, 'observer');
		const member = await addMember(t.db, fx, 'member');
		expect(
			(await rejection(addCoAuthor(t.db, fx.leaderCtx, draft.id, observer.ctx.member!.id))).fields
		).toHaveProperty('member.key', 'error_coauthor_role');
		expect(
			(await rejection(addCoAuthor(t.db, member.ctx, draft.id, member.ctx.member!.id))).code
		).toBe('forbidden');
	});

	it('touchDraft only moves the last change forward, and takes the live title', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'general', title: 'Acta' });
		await touchDraft(t.db, draft.id, { at: draft.updated_at + 5000, title: '  Acta  de marzo ' });
		await touchDraft(t.db, draft.id, { at: draft.updated_at + 1000, title: 'Más vieja' });
		await touchDraft(t.db, draft.id, { at: draft.updated_at + 6000, title: '' });
		expect((await getDraft(t.db, fx.leaderCtx, draft.id))?.draft).toMatchObject({
			updated_at: draft.updated_at + 6000,
			title: 'Acta de marzo'
		});
	});
});
