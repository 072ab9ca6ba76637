// An assembly's quorum from its attendance, under the association's rule set: who counts as
// present or represented (per member, or per household), which call applies at a given time, and
// how many are needed. Pure: no database or framework, so it is tested exhaustively.
import { quorumRequired } from '$lib/voting/methods/rules';
import type { RuleSet } from '$lib/voting/rule-set';
import { electorKey } from '$lib/associations/electorate';
import type { AttendanceStatus } from './vocabulary';

/** An attendance mark, as the register of attendance stores it. */
export type AttendanceMark = AttendanceStatus;

export interface QuorumElector {
	id: number;
	household: string | null;
}

export interface AttendanceRow {
	member_id: number;
	status: AttendanceMark;
	holder_member_id: number | null;
}

export interface QuorumCount {
	/** Voting units: members, or households when the rules give one vote per household. */
	electorate: number;
	/** Units with someone in the room. */
	present: number;
	/** Units with nobody in the room but a carta poder carried by someone present. */
	represented: number;
	/** Units excused (never counted as present). */
	excused: number;
	/** present + represented. */
	total: number;
	call: 'first' | 'second';
	required: number;
	met: boolean;
	/** What the first call needs, for showing both. */
	requiredFirst: number;
	requiredSecond: number;
}

export type QuorumRules = Pick<
	RuleSet,
	'electorate' | 'quorumFirstCall' | 'quorumSecondCall' | 'proxiesAllowed' | 'proxiesPerHolder'
>;

/** The unit a member votes in: the same key the voting area freezes at a vote's opening. */
export { electorKey };

/** Which call applies at `now`: the second once its time has come. */
export function callAt(now: number, secondCallAt: number): 'first' | 'second' {
	return now >= secondCallAt ? 'second' : 'first';
}

/**
 * Counts the room. A proxy counts only when proxies are allowed, its holder is present and the
 * holder carries no more than the rules allow (the first ones recorded count); attendance of
 * people outside the electorate (facilitators, observers, suspended members) is ignored.
 */
export function countQuorum(
	electors: readonly QuorumElector[],
	attendance: readonly AttendanceRow[],
	rules: QuorumRules,
	call: 'first' | 'second'
): QuorumCount {
	const byId = new Map(electors.map((e) => [e.id, e]));
	const units = new Set(electors.map((e) => electorKey(e, rules.electorate)));
	const marks = new Map(
		attendance.filter((a) => byId.has(a.member_id)).map((a) => [a.member_id, a])
	);
	const presentUnits = new Set<string>();
	for (const a of marks.values())
		if (a.status === 'present')
			presentUnits.add(electorKey(byId.get(a.member_id)!, rules.electorate));
	const representedUnits = new Set<string>();
	const carried = new Map<number, number>();
	if (rules.proxiesAllowed) {
		for (const a of marks.values()) {
			if (a.status !== 'proxy' || a.holder_member_id === null) continue;
			if (marks.get(a.holder_member_id)?.status !== 'present') continue;
			const n = carried.get(a.holder_member_id) ?? 0;
			if (n >= rules.proxiesPerHolder) continue;
			carried.set(a.holder_member_id, n + 1);
			const key = electorKey(byId.get(a.member_id)!, rules.electorate);
			if (!presentUnits.has(key)) representedUnits.add(key);
		}
	}
	const excusedUnits = new Set<string>();
	for (const a of marks.values()) {
		if (a.status !== 'excused') continue;
		const key = electorKey(byId.get(a.member_id)!, rules.electorate);
		if (!presentUnits.has(key) && !representedUnits.has(key)) excusedUnits.add(key);
	}
	const electorate = units.size;
	const total = presentUnits.size + representedUnits.size;
	const requiredFirst = quorumRequired(electorate, rules.quorumFirstCall);
	const requiredSecond = quorumRequired(electorate, rules.quorumSecondCall);
	const required = call === 'first' ? requiredFirst : requiredSecond;
	return {
		electorate,
		present: presentUnits.size,
		represented: representedUnits.size,
		excused: excusedUnits.size,
		total,
		call,
		required,
		met: electorate > 0 && total >= required,
		requiredFirst,
		requiredSecond
	};
}
