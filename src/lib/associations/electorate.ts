// Who votes, and in which unit: the one rule that votes (their frozen electorate), assemblies
// (their quorum) and the member pages share. Pure: no database or framework.
import type { MemberStatus, Role } from './vocabulary';

/** The roles that vote: leaders and members. Facilitators and observers never do. */
export const ELECTOR_ROLES = ['leader', 'member'] as const satisfies readonly Role[];
/** The status a member must have to vote today. */
export const ELECTOR_STATUS = 'active' satisfies MemberStatus;

/** Whether a member votes today: active leaders and members, with or without an account. */
export function isElector(member: { status: MemberStatus; role: Role }): boolean {
	return (
		member.status === ELECTOR_STATUS && (ELECTOR_ROLES as readonly Role[]).includes(member.role)
	);
}

/**
 * The unit a member votes in: themselves (`m:<id>`), or their household (`h:<name>`, case folded)
 * when the rules give one vote per household. Frozen with a vote's electorate at its opening and
 * counted by an assembly's quorum.
 */
export function electorKey(
	member: { id: number; household: string | null },
	electorate: 'member' | 'household'
): string {
	return electorate === 'household' && member.household
		? `h:${member.household.toLocaleLowerCase('es')}`
		: `m:${member.id}`;
}
