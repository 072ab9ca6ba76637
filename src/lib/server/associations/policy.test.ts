import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import type { MemberStatus, Role } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { addMember, contextOf, makeAssociation, makeUser, type Fixture } from '$lib/server/testing';
import { addMemberWithoutAccount, changeMemberRole, setMemberStatus } from './members';
import {
	createInvitation,
	createPersonalInvitation,
	findInvitationById,
	listOpenInvitations,
	revokeInvitation
} from './invitations';
import { ACTIONS, can, type Action, type Actor } from './policy';
import type { AssociationContext } from './associations';

const ROLES: Role[] = ['leader', 'member', 'facilitator', 'observer'];
const STATUSES: MemberStatus[] = ['active', 'suspended', 'left'];

type Subject = 'anonymous' | 'non_member' | `${Role}_${MemberStatus}`;

function actorFor(subject: Subject): Actor {
	if (subject === 'anonymous') return { userId: null, membership: null };
	if (subject === 'non_member') return { userId: 'u1', membership: null };
	const [role, status] = subject.split('_') as [Role, MemberStatus];
	return { userId: 'u1', membership: { memberId: 1, role, status } };
}

const SUBJECTS: Subject[] = [
	'anonymous',
	'non_member',
	...ROLES.flatMap((r) => STATUSES.map((s) => `${r}_${s}` as Subject))
];
const LOGGED_IN = SUBJECTS.filter((s) => s !== 'anonymous');
const ACTIVE = ROLES.map((r) => `${r}_active` as Subject);

// Written out by hand, not derived from the policy: this table is the specification.
const EXPECTED: Record<Action, { public: Subject[]; private: Subject[] }> = {
	'association.create': { public: LOGGED_IN, private: LOGGED_IN },
	'invitation.accept': { public: LOGGED_IN, private: LOGGED_IN },
	'association.view': { public: SUBJECTS, private: ACTIVE },
	'association.view_private': { public: ACTIVE, private: ACTIVE },
	'members.view': { public: ACTIVE, private: ACTIVE },
	'audit.view': { public: ACTIVE, private: ACTIVE },
	'members.manage': { public: ['leader_active'], private: ['leader_active'] },
	'invitations.manage': { public: ['leader_active'], private: ['leader_active'] },
	'vote.manage': { public: ['leader_active'], private: ['leader_active'] },
	'vote.score': {
		public: ['leader_active', 'facilitator_active'],
		private: ['leader_active', 'facilitator_active']
	},
	'settings.manage': { public: ['leader_active'], private: ['leader_active'] },
	'register.record': { public: ['leader_active'], private: ['leader_active'] },
	'assembly.manage': { public: ['leader_active'], private: ['leader_active'] },
	'draft.edit': {
		public: ['leader_active', 'facilitator_active'],
		private: ['leader_active', 'facilitator_active']
	},
	'debate.post': {
		public: ['leader_active', 'member_active', 'facilitator_active'],
		private: ['leader_active', 'member_active', 'facilitator_active']
	},
	'vote.cast': {
		public: ['leader_active', 'member_active'],
		private: ['leader_active', 'member_active']
	},
	'debate.support': {
		public: ['leader_active', 'member_active'],
		private: ['leader_active', 'member_active']
	},
	'debate.moderate': { public: ['leader_active'], private: ['leader_active'] },
	'money.view': { public: SUBJECTS, private: ACTIVE },
	// Only the treasurer's office records (below); no subject here holds an office.
	'money.record': { public: [], private: [] },
	// Only the vigilance committee's office reviews (below).
	'money.review': { public: [], private: [] },
	'wording.manage': { public: ['leader_active'], private: ['leader_active'] },
	'cards.manage': { public: ['leader_active'], private: ['leader_active'] },
	'counterpart.manage': { public: ['leader_active'], private: ['leader_active'] },
	'assistance.read': { public: SUBJECTS, private: ACTIVE },
	'assistance.view': { public: ACTIVE, private: ACTIVE },
	'assistance.manage': { public: ['leader_active'], private: ['leader_active'] },
	'assistance.answer': {
		public: ['leader_active', 'member_active'],
		private: ['leader_active', 'member_active']
	},
	'voice.record': { public: ['leader_active'], private: ['leader_active'] }
};

describe('policy matrix', () => {
	for (const visibility of ['public', 'private'] as const) {
		const target = { register_public: visibility === 'public' ? 1 : 0 };
		for (const action of ACTIONS) {
			it(`${action} on a ${visibility} association`, () => {
				const allowed = SUBJECTS.filter((s) => can(actorFor(s), action, target));
				expect(allowed.sort()).toEqual([...EXPECTED[action][visibility]].sort());
			});
		}
	}

	it('facilitators and observers never vote; suspended leaders manage nothing', () => {
		expect(can(actorFor('facilitator_active'), 'vote.cast')).toBe(false);
		expect(can(actorFor('observer_active'), 'vote.cast')).toBe(false);
		expect(can(actorFor('leader_suspended'), 'members.manage')).toBe(false);
	});

	it('only an active leader in the tesorero office records money', () => {
		const with_ = (role: Role, status: MemberStatus, office: string | null): Actor => ({
			userId: 'u1',
			membership: { memberId: 1, role, status, office }
		});
		expect(can(with_('leader', 'active', 'tesorero'), 'money.record')).toBe(true);
		expect(can(with_('leader', 'active', 'presidente'), 'money.record')).toBe(false);
		expect(can(with_('leader', 'suspended', 'tesorero'), 'money.record')).toBe(false);
		expect(can(with_('member', 'active', 'tesorero'), 'money.record')).toBe(false);
		expect(can(with_('member', 'active', 'vigilancia'), 'money.review')).toBe(true);
		expect(can(with_('member', 'suspended', 'vigilancia'), 'money.review')).toBe(false);
		expect(can(with_('leader', 'active', 'vigilancia'), 'money.review')).toBe(false);
		expect(can(with_('leader', 'active', 'tesorero'), 'money.review')).toBe(false);
	});
});

describe('every leader-only domain function refuses everyone else', () => {
	let t: TestDb;
	let fx: Fixture;
	let subjects: Record<string, AssociationContext>;
	let accountless: number;
	let invitationId: number;

	beforeAll(async () => {
		t = await createTestDb();
		const db = t.db;
		fx = await makeAssociation(db);
		const other = await makeAssociation(db);
		accountless = (await addMemberWithoutAccount(db, fx.leaderCtx, { name: 'Sin Cuenta' })).id;
		invitationId = (
			await createInvitation(db, fx.leaderCtx, { role: 'member', days: 1, max_uses: 5 })
		).id;
		const member = await addMember(db, fx, 'member');
		const facilitator = await addMember(db, fx, 'facilitator');
		const observer = await addMember(db, fx, 'observer');
		const suspendedLeader = await addMember(db, fx, 'leader', 'vocal');
		const leftLeader = await addMember(db, fx, 'leader', 'tesorero');
		await setMemberStatus(db, fx.leaderCtx, suspendedLeader.ctx.member!.id, 'suspended');
		await setMemberStatus(db, fx.leaderCtx, leftLeader.ctx.member!.id, 'left');
		const stranger = await makeUser(db, 'Extraño');
		subjects = {
			anonymous: await contextOf(db, fx.slug, null),
			non_member: await contextOf(db, fx.slug, stranger),
			// A leader of another association is nobody here.
			other_association_leader: await contextOf(db, fx.slug, other.leader),
			member: await contextOf(db, fx.slug, member.user),
			facilitator: await contextOf(db, fx.slug, facilitator.user),
			observer: await contextOf(db, fx.slug, observer.user),
			suspended_leader: await contextOf(db, fx.slug, suspendedLeader.user),
			left_leader: await contextOf(db, fx.slug, leftLeader.user)
		};
	});
	afterAll(() => t.close());

	const acts: Record<string, (ctx: AssociationContext) => Promise<unknown>> = {
		addMemberWithoutAccount: (ctx) => addMemberWithoutAccount(t.db, ctx, { name: 'Intruso' }),
		changeMemberRole: (ctx) =>
			changeMemberRole(t.db, ctx, fx.leaderCtx.member!.id, { role: 'member' }),
		suspend: (ctx) => setMemberStatus(t.db, ctx, fx.leaderCtx.member!.id, 'suspended'),
		createInvitation: (ctx) =>
			createInvitation(t.db, ctx, { role: 'leader', days: 1, max_uses: 1 }),
		createPersonalInvitation: (ctx) => createPersonalInvitation(t.db, ctx, accountless),
		listOpenInvitations: (ctx) => listOpenInvitations(t.db, ctx),
		findInvitationById: (ctx) => findInvitationById(t.db, ctx, invitationId),
		revokeInvitation: (ctx) => revokeInvitation(t.db, ctx, invitationId),
		remove: (ctx) => setMemberStatus(t.db, ctx, accountless, 'left')
	};

	for (const [name, act] of Object.entries(acts)) {
		it(`${name} is forbidden to every non-leader and changes nothing`, async () => {
			const before = await snapshot(t);
			for (const [who, ctx] of Object.entries(subjects)) {
				const err = await act(ctx).then(
					() => null,
					(e: unknown) => e
				);
				expect(err, who).toBeInstanceOf(DomainError);
				expect((err as DomainError).code, who).toBe('forbidden');
			}
			expect(await snapshot(t)).toEqual(before);
		});
	}

	it('the leader may do all of it', async () => {
		for (const [name, act] of Object.entries(acts)) {
			if (name === 'suspend' || name === 'changeMemberRole') continue; // would hit the last-leader rule
			await expect(
				act(fx.leaderCtx).then(() => 'done'),
				name
			).resolves.toBe('done');
		}
	});
});

async function snapshot(t: TestDb) {
	const [members, invitations, audit] = await Promise.all([
		t.db.selectFrom('member').selectAll().orderBy('id').execute(),
		t.db.selectFrom('invitation').selectAll().orderBy('id').execute(),
		t.db.selectFrom('audit_event').select('id').orderBy('id').execute()
	]);
	return { members, invitations, audit };
}
