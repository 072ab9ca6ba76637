// Attendance, as the secretary checks people in from a phone: present, represented by a carta
// poder (its holder present, within the rule set's limit), excused, or undone. Each mark is one
// row per member and assembly (the primary key), so a double tap changes nothing. Who counts
// (the electors) and the quorum as things stand come from the same marks.
import type { AttendanceInput } from '$lib/assemblies/forms';
import { actingUser, listMembers, type AssociationContext } from '$lib/server/associations';
import { writeTx } from '$lib/server/db';
import type { Db } from '$lib/server/db';
import type { Assembly, AttendanceStatus, Member } from '$lib/server/db/schema';
import { DomainError, invalid } from '$lib/server/errors';
import { isElector } from '$lib/associations/electorate';
import { callAt, countQuorum, type AttendanceRow, type QuorumCount } from '$lib/assemblies/quorum';
import { assemblyRules, runningAssembly } from './assemblies';

export interface Elector extends Pick<
	Member,
	'id' | 'name' | 'id_number' | 'household' | 'user_id'
> {
	role: Member['role'];
	office: string | null;
}

/** Who counts for the quorum: the electors of $lib/associations/electorate.ts, as a vote's electorate. */
export async function listElectors(db: Db, associationId: number): Promise<Elector[]> {
	const members = await listMembers(db, associationId);
	return members
		.filter(isElector)
		.map((p) => ({
			id: p.id,
			name: p.name,
			id_number: p.id_number,
			household: p.household,
			user_id: p.user_id,
			role: p.role,
			office: p.office
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'es') || a.id - b.id);
}

export async function listAttendance(db: Db, assemblyId: number): Promise<AttendanceRow[]> {
	return db
		.selectFrom('assembly_attendance')
		.select(['member_id', 'status', 'holder_member_id'])
		.where('assembly_id', '=', assemblyId)
		.execute();
}

/**
 * The quorum as things stand: at the call the assembly was installed at, or, before that, at the
 * call that applies now (second once its time has come).
 */
export async function assemblyQuorum(
	db: Db,
	assembly: Assembly,
	now = Date.now(),
	/** Count only these members: a vote's frozen electorate (without those not habilitados). */
	only?: ReadonlySet<number>
): Promise<QuorumCount> {
	const rules = await assemblyRules(db, assembly);
	const all = await listElectors(db, assembly.association_id);
	const electors = only ? all.filter((e) => only.has(e.id)) : all;
	const attendance = await listAttendance(db, assembly.id);
	const call = assembly.call ?? callAt(now, assembly.second_call_at);
	return countQuorum(electors, attendance, rules, call);
}

/** The members a vote was opened for: those habilitados when it opened. */
export async function voteElectorIds(db: Db, voteId: number): Promise<Set<number>> {
	const rows = await db
		.selectFrom('vote_elector')
		.select('member_id')
		.where('vote_id', '=', voteId)
		.execute();
	return new Set(rows.map((r) => Number(r.member_id)));
}

/**
 * Who may raise a hand on a point's vote: the assembly's attendance among the vote's electors
 * (a household in arrears, where the rules say so, is in the room but not habilitado).
 */
export async function handsInRoom(
	db: Db,
	assembly: Assembly,
	voteId: number,
	now = Date.now()
): Promise<QuorumCount> {
	return assemblyQuorum(db, assembly, now, await voteElectorIds(db, voteId));
}

export const ATTENDANCE_MARKS = ['present', 'proxy', 'excused', 'undo'] as const;
export type AttendanceAction = (typeof ATTENDANCE_MARKS)[number];

/**
 * Marks one member (leaders only, while the assembly is convened or in session). `input.member`
 * names them; for a proxy `input.holder` names the member present who carries the carta poder.
 */
export async function markAttendance(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	action: AttendanceAction,
	input: AttendanceInput,
	now = Date.now()
): Promise<Elector> {
	const user = actingUser(ctx);
	const assembly = await runningAssembly(db, ctx, assemblyId);
	const electors = await listElectors(db, ctx.association.id);
	const person = electors.find((e) => e.id === input.member);
	if (!person) throw invalid({ member: 'error_assembly_not_elector' });
	return writeTx(db, async (tx) => {
		const marks = await listAttendance(tx, assembly.id);
		const mark = (status: AttendanceStatus, holder: number | null) => {
			const row = { status, holder_member_id: holder, recorded_by: user.id, recorded_at: now };
			return tx
				.insertInto('assembly_attendance')
				.values({ assembly_id: assembly.id, member_id: person.id, ...row })
				.onConflict((oc) => oc.columns(['assembly_id', 'member_id']).doUpdateSet(row))
				.execute();
		};
		if (action === 'undo') {
			if (marks.some((a) => a.holder_member_id === person.id && a.status === 'proxy'))
				throw new DomainError('conflict', 'error_assembly_holder_has_proxies');
			await tx
				.deleteFrom('assembly_attendance')
				.where('assembly_id', '=', assembly.id)
				.where('member_id', '=', person.id)
				.execute();
		} else if (action === 'present' || action === 'excused') {
			if (action === 'excused' && marks.some((a) => a.holder_member_id === person.id))
				throw new DomainError('conflict', 'error_assembly_holder_has_proxies');
			await mark(action, null);
		} else {
			const holder = await checkProxy(tx, assembly, marks, person, electors, input.holder);
			await mark('proxy', holder.id);
		}
		await tx
			.updateTable('assembly')
			.set({ updated_at: now })
			.where('id', '=', assembly.id)
			.execute();
		return person;
	});
}

/**
 * A carta poder: allowed by the rules (those the assembly was installed with, once it is), carried
 * by someone present, within the limit per holder. Returns that holder.
 */
async function checkProxy(
	tx: Db,
	assembly: Assembly,
	marks: AttendanceRow[],
	absent: Elector,
	electors: Elector[],
	holderId: number | undefined
): Promise<Elector> {
	const rules = await assemblyRules(tx, assembly);
	if (!rules.proxiesAllowed) throw new DomainError('conflict', 'error_vote_proxies_not_allowed');
	const holder = electors.find((e) => e.id === holderId);
	if (!holder) throw invalid({ holder: 'error_choice' });
	if (holder.id === absent.id) throw invalid({ holder: 'error_vote_proxy_self' });
	if (marks.find((a) => a.member_id === holder.id)?.status !== 'present')
		throw invalid({ holder: 'error_assembly_holder_not_present' });
	if (marks.find((a) => a.member_id === absent.id)?.status === 'present')
		throw invalid({ member: 'error_assembly_absent_is_present' });
	if (marks.some((a) => a.holder_member_id === absent.id))
		throw invalid({ member: 'error_assembly_holder_has_proxies' });
	const carried = marks.filter(
		(a) => a.status === 'proxy' && a.holder_member_id === holder.id && a.member_id !== absent.id
	).length;
	if (carried >= rules.proxiesPerHolder)
		throw invalid({
			holder: { key: 'error_vote_proxy_limit', params: { max: rules.proxiesPerHolder } }
		});
	return holder;
}

export interface AttendanceLine extends Elector {
	status: AttendanceStatus | null;
	holder_member_id: number | null;
	holder_name: string | null;
	/** The absent members whose carta poder this person carries. */
	carries: string[];
}

/** Everyone who counts for the quorum, with their mark; for the secretary's list and the acta. */
export async function attendanceList(db: Db, assemblyId: number, associationId: number) {
	const electors = await listElectors(db, associationId);
	const marks = new Map((await listAttendance(db, assemblyId)).map((a) => [a.member_id, a]));
	const names = new Map(electors.map((e) => [e.id, e.name]));
	return electors.map((e): AttendanceLine => {
		const mark = marks.get(e.id);
		return {
			...e,
			status: mark?.status ?? null,
			holder_member_id: mark?.holder_member_id ?? null,
			holder_name: mark?.holder_member_id ? (names.get(mark.holder_member_id) ?? null) : null,
			carries: [...marks.values()]
				.filter((a) => a.status === 'proxy' && a.holder_member_id === e.id)
				.map((a) => names.get(a.member_id) ?? '')
		};
	});
}
