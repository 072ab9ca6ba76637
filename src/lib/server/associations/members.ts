import {
	ID_NUMBER_MAX,
	ID_NUMBER_MIN,
	MEMBER_NAME_MAX as NAME_MAX
} from '$lib/associations/limits';
import { isUniqueViolation, writeTx, type Db } from '$lib/server/db';
import type { Member, MemberStatus, Role } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong, type MessageRef } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { actingUser, type AssociationContext } from './associations';
import { recordAudit } from './audit';
import { authorize } from './policy';
import {
	isOffice,
	isRole,
	OFFICES,
	SINGLE_SEAT_OFFICES,
	VIGILANCE_OFFICE
} from '$lib/associations/roles';
import { ELECTOR_ROLES, ELECTOR_STATUS, isElector } from '$lib/associations/electorate';

export interface MemberRow extends Member {
	username: string | null;
}

const ID_NUMBER = new RegExp(`^[\\p{L}\\p{N} .-]{${ID_NUMBER_MIN},${ID_NUMBER_MAX}}$`, 'u');

/** Board order: presidente/a first, vocales last. */
function officeRank(office: string | null): number {
	const i = OFFICES.indexOf(office as (typeof OFFICES)[number]);
	return i < 0 ? OFFICES.length : i;
}

/** Everyone in the association who has not left: the board in office order, then by name. */
// One collator for every comparison: localeCompare with a locale builds one per call.
const byName = new Intl.Collator('es');

export async function listMembers(db: Db, associationId: number): Promise<MemberRow[]> {
	const rows = await db
		.selectFrom('member')
		.leftJoin('user', 'user.id', 'member.user_id')
		.selectAll('member')
		.select('user.username')
		.where('member.association_id', '=', associationId)
		.where('member.status', '!=', 'left')
		.execute();
	const order: Record<Role, number> = { leader: 0, member: 1, facilitator: 2, observer: 3 };
	return rows.sort(
		(a, b) =>
			order[a.role] - order[b.role] ||
			(a.role === 'leader' ? officeRank(a.office) - officeRank(b.office) : 0) ||
			byName.compare(a.name, b.name)
	);
}

export interface MemberCounts {
	active: number;
	/** Active leaders and members: those who vote (facilitators and observers never do). */
	voting: number;
	withoutAccount: number;
}

export async function countMembers(db: Db, associationId: number): Promise<MemberCounts> {
	const rows = await db
		.selectFrom('member')
		.select(['role', 'user_id'])
		.where('association_id', '=', associationId)
		.where('status', '=', 'active')
		.execute();
	return {
		active: rows.length,
		voting: rows.filter((r) => isElector({ status: 'active', role: r.role })).length,
		withoutAccount: rows.filter((r) => r.user_id === null).length
	};
}

export async function getMember(
	db: Db,
	associationId: number,
	memberId: number
): Promise<Member | undefined> {
	return db
		.selectFrom('member')
		.selectAll()
		.where('association_id', '=', associationId)
		.where('id', '=', memberId)
		.executeTakeFirst();
}

export interface MemberDetailsInput {
	name?: unknown;
	id_number?: unknown;
	community?: unknown;
	/** The household (family) they vote with when the rules give one vote per household. */
	household?: unknown;
}

/** A member's name, ID number, community and household, cleaned and checked. */
function memberDetails(input: MemberDetailsInput) {
	const name = cleanLine(input.name);
	const idNumber = cleanLine(input.id_number) || null;
	const community = cleanLine(input.community) || null;
	const household = cleanLine(input.household) || null;
	const fields: Record<string, string | MessageRef> = {};
	if (!name) fields.name = 'error_required';
	else if (name.length > NAME_MAX) fields.name = tooLong(NAME_MAX);
	if (idNumber && !ID_NUMBER.test(idNumber)) fields.id_number = 'error_id_number_format';
	if (community && community.length > NAME_MAX) fields.community = tooLong(NAME_MAX);
	if (household && household.length > NAME_MAX) fields.household = tooLong(NAME_MAX);
	if (Object.keys(fields).length) throw invalid(fields);
	return { name, id_number: idNumber, community, household };
}

/** Registers a person who has no account (no phone, no e-mail): they count and vote in the room. */
export async function addMemberWithoutAccount(
	db: Db,
	ctx: AssociationContext,
	input: MemberDetailsInput
): Promise<Member> {
	authorize(ctx.actor, 'members.manage');
	const user = actingUser(ctx);
	const { name, id_number: idNumber, community, household } = memberDetails(input);
	const now = Date.now();
	try {
		return await writeTx(db, async (tx) => {
			const member = await tx
				.insertInto('member')
				.values({
					association_id: ctx.association.id,
					user_id: null,
					name,
					id_number: idNumber,
					community,
					household,
					role: 'member',
					office: null,
					status: 'active',
					created_at: now,
					updated_at: now
				})
				.returningAll()
				.executeTakeFirstOrThrow();
			await recordAudit(tx, {
				associationId: ctx.association.id,
				actor: user,
				action: 'member.added',
				subject: name,
				details: { community }
			});
			return member;
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw invalid({ id_number: 'error_id_number_taken' });
		throw err;
	}
}

/**
 * Refuses a change that would leave the association without an active leader who can log in:
 * someone must always be able to manage it.
 */
async function assertLeaderRemains(
	db: Db,
	before: Member,
	after: { role: Role; status: MemberStatus }
) {
	const wasLeader =
		before.role === 'leader' && before.status === 'active' && before.user_id !== null;
	const staysLeader = after.role === 'leader' && after.status === 'active';
	if (!wasLeader || staysLeader) return;
	const others = await db
		.selectFrom('member')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('association_id', '=', before.association_id)
		.where('role', '=', 'leader')
		.where('status', '=', 'active')
		.where('user_id', 'is not', null)
		.where('id', '!=', before.id)
		.executeTakeFirstOrThrow();
	if (Number(others.n) === 0) throw new DomainError('conflict', 'error_last_leader');
}

/** Refuses a change that would seat a second presidente/a (or tesorero/a…) on the board. */
async function assertOfficeFree(
	db: Db,
	before: Member,
	after: { role: Role; office: string | null; status: MemberStatus }
) {
	if (after.role !== 'leader' || after.status !== 'active' || !after.office) return;
	if (!(SINGLE_SEAT_OFFICES as readonly string[]).includes(after.office)) return;
	const holder = await db
		.selectFrom('member')
		.select('name')
		.where('association_id', '=', before.association_id)
		.where('role', '=', 'leader')
		.where('status', '=', 'active')
		.where('office', '=', after.office)
		.where('id', '!=', before.id)
		.executeTakeFirst();
	if (holder) {
		throw new DomainError('conflict', 'error_form_invalid', {
			office: { key: 'error_office_taken', params: { name: holder.name } }
		});
	}
}

async function changeMember(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	change: (m: Member) => { role: Role; office: string | null; status: MemberStatus },
	audit: (
		before: Member,
		after: ReturnType<typeof change>
	) => {
		action: Parameters<typeof recordAudit>[1]['action'];
		details?: Record<string, unknown>;
	} | null
): Promise<Member> {
	authorize(ctx.actor, 'members.manage');
	const user = actingUser(ctx);
	return writeTx(db, async (tx) => {
		const before = await getMember(tx, ctx.association.id, memberId);
		if (!before || before.status === 'left')
			throw new DomainError('not_found', 'error_member_not_found');
		const after = change(before);
		await assertLeaderRemains(tx, before, after);
		await assertOfficeFree(tx, before, after);
		const updated = await tx
			.updateTable('member')
			.set({ ...after, updated_at: Date.now() })
			.where('id', '=', before.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		const entry = audit(before, after);
		if (entry) {
			await recordAudit(tx, {
				associationId: ctx.association.id,
				actor: user,
				action: entry.action,
				subject: before.name,
				details: entry.details
			});
		}
		return updated;
	});
}

/**
 * Sets a member's role and office: a leader's seat on the board (vocal by default), or for a
 * member, a seat on the vigilance committee (or none).
 */
export async function changeMemberRole(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	input: { role?: unknown; office?: unknown }
): Promise<Member> {
	const role = input.role;
	const asked = cleanLine(input.office);
	const office =
		role === 'leader'
			? asked || 'vocal'
			: role === 'member' && asked === VIGILANCE_OFFICE
				? VIGILANCE_OFFICE
				: null;
	if (!isRole(role)) throw invalid({ role: 'error_role' });
	if (office !== null && !isOffice(office)) throw invalid({ office: 'error_office' });
	if (role === 'leader' && office === VIGILANCE_OFFICE)
		throw invalid({ office: 'error_office_vigilance_leader' });
	return changeMember(
		db,
		ctx,
		memberId,
		(current) => ({ role, office, status: current.status }),
		(before) =>
			before.role === role && before.office === office
				? null
				: {
						action: 'member.role_changed',
						details: { from: before.role, from_office: before.office, to: role, to_office: office }
					}
	);
}

const STATUS_ACTION = {
	active: 'member.reactivated',
	suspended: 'member.suspended',
	left: 'member.removed'
} as const;

/** Suspends, reactivates or removes a member. Removed members stay in the history. */
export async function setMemberStatus(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	status: MemberStatus
): Promise<Member> {
	return changeMember(
		db,
		ctx,
		memberId,
		(current) => ({ role: current.role, office: current.office, status }),
		(before) => (before.status === status ? null : { action: STATUS_ACTION[status] })
	);
}

export interface BoardSeat {
	name: string;
	office: string | null;
}

/** The association's active leaders and their offices: public wherever the association is. */
export async function listBoard(db: Db, associationId: number): Promise<BoardSeat[]> {
	const rows = await db
		.selectFrom('member')
		.select(['name', 'office'])
		.where('association_id', '=', associationId)
		.where('role', '=', 'leader')
		.where('status', '=', 'active')
		.execute();
	return rows.sort(
		(a, b) => officeRank(a.office) - officeRank(b.office) || a.name.localeCompare(b.name, 'es')
	);
}

/** Corrects a member's name, ID number or community, as the association's register of members. */
export async function updateMemberDetails(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	input: MemberDetailsInput
): Promise<Member> {
	authorize(ctx.actor, 'members.manage');
	const user = actingUser(ctx);
	const details = memberDetails(input);
	try {
		return await writeTx(db, async (tx) => {
			const before = await getMember(tx, ctx.association.id, memberId);
			if (!before || before.status === 'left') {
				throw new DomainError('not_found', 'error_member_not_found');
			}
			const updated = await tx
				.updateTable('member')
				.set({ ...details, updated_at: Date.now() })
				.where('id', '=', before.id)
				.returningAll()
				.executeTakeFirstOrThrow();
			const changed = (['name', 'id_number', 'community', 'household'] as const).filter(
				(k) => before[k] !== details[k]
			);
			if (changed.length) {
				await recordAudit(tx, {
					associationId: ctx.association.id,
					actor: user,
					action: 'member.updated',
					subject: details.name,
					details: { fields: changed, ...(changed.includes('name') ? { from: before.name } : {}) }
				});
			}
			return updated;
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw invalid({ id_number: 'error_id_number_taken' });
		throw err;
	}
}

export interface VotingMember {
	id: number;
	name: string;
	user_id: string | null;
	household: string | null;
}

/** The members who vote today: active leaders and members, with or without an account. */
export async function listVotingMembers(db: Db, associationId: number): Promise<VotingMember[]> {
	return db
		.selectFrom('member')
		.select(['id', 'name', 'user_id', 'household'])
		.where('association_id', '=', associationId)
		.where('status', '=', ELECTOR_STATUS)
		.where('role', 'in', ELECTOR_ROLES)
		.orderBy('name')
		.orderBy('id')
		.execute();
}
