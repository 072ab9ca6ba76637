// The assemblies area's forms, read into the typed input its domain functions take. Readers only
// map field names and types: what is checked (a kind, a place's length, a date, a hand count)
// stays with the domain, which gives the errors their fields. An id that is not a row's id reads
// as NaN, which matches no row. Pure: the demo and the tests build the same input.
import { readRowId } from '$lib/fields';
import { readHandCountForm } from '$lib/voting/ballot-form';

/** The call of an assembly: kind, place, date and the two times, as the leader typed them. */
export interface AssemblyCallInput {
	/** `ordinary` (the default when empty) or `extraordinary`; anything else is refused. */
	kind?: string;
	place: string;
	/** YYYY-MM-DD, Bolivian time. */
	date: string;
	/** HH:MM of the first call. */
	time: string;
	/** HH:MM of the second call; empty or left out: the first call plus the rules' wait. */
	secondTime?: string;
}

/** A point of the agenda, by its id. */
export interface PointInput {
	point: number;
}

/** A new point of the agenda. */
export interface NewPointInput {
	/** A point kind; empty or left out: `decision`. */
	kind?: string;
	title: string;
	/** Who proposes it; empty or left out: the board. */
	proposedBy?: string;
}

/** A point moved one place. */
export interface MovePointInput extends PointInput {
	/** `up` or `down`; anything else is refused. */
	direction: 'up' | 'down' | (string & {});
}

/** The secretary's summary of a point. */
export interface SummaryInput extends PointInput {
	summary: string;
	/** Who proposed the point; left out, it stays as it is. */
	proposedBy?: string;
}

/** A vote opened on a point for those in the room. */
export interface OpenPointVoteInput extends PointInput {
	/** `hands` (a hand count) or `phones` (ballots on their phones); anything else is refused. */
	method: 'hands' | 'phones' | (string & {});
	/** The decision's kind (the majority it needs); empty or left out: `ordinary`. */
	decisionKind?: string;
}

/** A vote prepared elsewhere, linked to a point. */
export interface LinkPointVoteInput extends PointInput {
	vote: number;
}

/** The raised hands for a point's vote, per hand-count key (`yes`, `no`, `abstain`, an option). */
export interface PointHandCountInput extends PointInput {
	/** Raised hands per option key; NaN where the form's field is not a whole number. */
	counts: Record<string, number>;
}

/** A point decided by consensus. */
export interface PointConsensusInput extends PointInput {
	/** What was agreed. */
	resolution: string;
	/** The decision's kind; empty or left out: `ordinary`. */
	decisionKind?: string;
}

/** A point left for another assembly. */
export interface PostponePointInput extends PointInput {
	/** Why, or to when, as the acta will say; optional. */
	resolution?: string;
}

/** One member's mark in the attendance; for a carta poder, the member present who holds it. */
export interface AttendanceInput {
	member: number;
	holder?: number;
}

/** A row's id from a form field; NaN when the field is not one. */
const rowId = readRowId;

/** Reads the call form (`kind`, `place`, `date`, `time`, `second_time`). */
export function readAssemblyCallForm(form: Record<string, string>): AssemblyCallInput {
	return {
		kind: form.kind,
		place: form.place ?? '',
		date: form.date ?? '',
		time: form.time ?? '',
		secondTime: form.second_time
	};
}

/** Reads a form that names a point (`point`). */
export function readPointForm(form: Record<string, string>): PointInput {
	return { point: rowId(form.point) };
}

/** Reads the new point form (`kind`, `title`, `proposed_by`). */
export function readNewPointForm(form: Record<string, string>): NewPointInput {
	return { kind: form.kind, title: form.title ?? '', proposedBy: form.proposed_by };
}

/** Reads the move buttons' form (`point`, `direction`). */
export function readMovePointForm(form: Record<string, string>): MovePointInput {
	return { point: rowId(form.point), direction: form.direction ?? '' };
}

/** Reads the summary form (`point`, `summary`, `proposed_by` when the form has it). */
export function readSummaryForm(form: Record<string, string>): SummaryInput {
	return { point: rowId(form.point), summary: form.summary ?? '', proposedBy: form.proposed_by };
}

/** Reads the form that opens a point's vote (`point`, `method`, `decision_kind`). */
export function readOpenPointVoteForm(form: Record<string, string>): OpenPointVoteInput {
	return {
		point: rowId(form.point),
		method: form.method ?? '',
		decisionKind: form.decision_kind
	};
}

/** Reads the form that links a prepared vote to a point (`point`, `vote`). */
export function readLinkPointVoteForm(form: Record<string, string>): LinkPointVoteInput {
	return { point: rowId(form.point), vote: rowId(form.vote) };
}

/** Reads the hand count form (`point`, `count_<key>`); present and represented come from the room. */
export function readPointHandCountForm(form: Record<string, string>): PointHandCountInput {
	return { point: rowId(form.point), counts: readHandCountForm(form).counts };
}

/** Reads the consensus form (`point`, `resolution`, `decision_kind`). */
export function readPointConsensusForm(form: Record<string, string>): PointConsensusInput {
	return {
		point: rowId(form.point),
		resolution: form.resolution ?? '',
		decisionKind: form.decision_kind
	};
}

/** Reads the postpone form (`point`, `resolution`). */
export function readPostponePointForm(form: Record<string, string>): PostponePointInput {
	return { point: rowId(form.point), resolution: form.resolution };
}

/** Reads an attendance button's form (`member`, `holder` for a carta poder). */
export function readAttendanceForm(form: Record<string, string>): AttendanceInput {
	return { member: rowId(form.member), holder: rowId(form.holder) };
}
