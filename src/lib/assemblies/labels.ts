// Translated words for assemblies: kinds, statuses, calls, agenda points, attendance marks, the
// quorum sentence and each point's resolution. Pure: the pages, the big screen and the acta PDF say
// the same words.
import { m } from '$lib/paraglide/messages.js';
import { own } from '$lib/own';
import { outcomeLabel } from '$lib/voting/labels';

type Labels = Record<string, () => string>;

function label(table: Labels, code: string | null | undefined): string {
	return code ? (own(table, code)?.() ?? code) : '';
}

const KIND: Labels = {
	ordinary: () => m.assembly_kind_ordinary(),
	extraordinary: () => m.assembly_kind_extraordinary()
};
const STATUS: Labels = {
	convened: () => m.assembly_status_convened(),
	in_session: () => m.assembly_status_in_session(),
	closed: () => m.assembly_status_closed(),
	cancelled: () => m.assembly_status_cancelled()
};
const CALL: Labels = {
	first: () => m.assembly_call_first(),
	second: () => m.assembly_call_second()
};
const POINT_KIND: Labels = {
	previous_acta: () => m.assembly_point_kind_previous_acta(),
	report: () => m.assembly_point_kind_report(),
	decision: () => m.assembly_point_kind_decision(),
	other: () => m.assembly_point_kind_other()
};
const MARK: Labels = {
	present: () => m.assembly_mark_present(),
	proxy: () => m.assembly_mark_proxy(),
	excused: () => m.assembly_mark_excused()
};

export const assemblyKindLabel = (code: string) => label(KIND, code);
export const assemblyStatusLabel = (code: string) => label(STATUS, code);
export const callLabel = (code: string | null) => label(CALL, code);
export const pointKindLabel = (code: string) => label(POINT_KIND, code);
/** Present, represented, excused; absent when there is no mark. */
export const markLabel = (code: string | null) =>
	code ? label(MARK, code) : m.assembly_mark_absent();

/** Points to decide (and the previous acta, approved or not) end with a resolution; reports and
 * "varios" only when one was taken. */
export function expectsResolution(kind: string): boolean {
	return kind === 'decision' || kind === 'previous_acta';
}

export interface QuorumFacts {
	electorate: number;
	present: number;
	represented: number;
	total: number;
	required: number;
	met: boolean;
	call: 'first' | 'second';
}

/** "Hay quórum: 14 de 24, se necesitan 13" — or "Todavía no hay quórum: …". */
export function quorumSentence(q: QuorumFacts): string {
	const params = { total: q.total, electorate: q.electorate, required: q.required };
	return q.met ? m.assembly_quorum_met(params) : m.assembly_quorum_not_met(params);
}

/** "12 presentes y 2 representados (carta poder)". */
export function attendanceSentence(q: QuorumFacts): string {
	return m.assembly_attendance_counts({ present: q.present, represented: q.represented });
}

export type ResolutionFacts =
	| {
			kind: 'vote';
			outcome: string;
			method: 'hand_count' | 'ballots';
			counts: { yes: number; no: number; abstain: number } | null;
			winner: string | null;
			cast: number;
	  }
	/** `seq`: the register entry that records it. */
	| { kind: 'consensus'; text: string; seq: number | null }
	| { kind: 'postponed'; text: string };

/** The resolution as the acta writes it. */
export function resolutionSentence(r: ResolutionFacts): string {
	if (r.kind === 'consensus') return m.acta_resolution_consensus({ text: r.text });
	if (r.kind === 'postponed')
		return r.text
			? m.acta_resolution_postponed_because({ text: r.text })
			: m.acta_resolution_postponed();
	const outcome = outcomeLabel(r.outcome);
	const how = r.method === 'hand_count' ? m.acta_by_hands() : m.acta_by_ballots();
	if (r.counts)
		return m.acta_resolution_votes({
			outcome,
			how,
			yes: r.counts.yes,
			no: r.counts.no,
			abstain: r.counts.abstain
		});
	if (r.winner) return m.acta_resolution_winner({ outcome, how, winner: r.winner, cast: r.cast });
	return m.acta_resolution_outcome({ outcome, how, cast: r.cast });
}
