// The contract's calendar and its arithmetic, shared by the server and the pages: the period's
// months, a visit's state from its households' answers, a deliverable's progress (planned, done,
// confirmed, approved, paid) and what is due by a date. Pure: no database or framework.
import { FEE_FLOOR_SHARE, type Answer, type DeliverableKind } from './vocabulary';

/** YYYY-MM-DD that is a real calendar day. */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** YYYY-MM with a month 01–12. */
export function isMonth(value: string): boolean {
	return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month `n` months after YYYY-MM (n may be negative). */
export function addMonths(month: string, n: number): string {
	const [y, mo] = month.split('-').map(Number);
	const index = y * 12 + (mo - 1) + n;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export interface Period {
	/** First day, YYYY-MM-DD. */
	start: string;
	months: number;
}

/**
 * The last day of the period, YYYY-MM-DD: the day before the same date `months` later, or, when
 * that month is too short for it (a start on the 31st), its last day: from 31 August, six months
 * end on 28 February, never in March.
 */
export function periodEnd(period: Period): string {
	const [y, mo, d] = period.start.split('-').map(Number);
	const target = mo - 1 + period.months;
	const length = new Date(Date.UTC(y, target + 1, 0)).getUTCDate();
	const next = d <= length ? Date.UTC(y, target, d) : Date.UTC(y, target + 1, 1);
	return new Date(next - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The months the period touches, in order, YYYY-MM. */
export function periodMonths(period: Period): string[] {
	const first = period.start.slice(0, 7);
	const last = periodEnd(period).slice(0, 7);
	const out: string[] = [];
	for (let m0 = first; m0 <= last; m0 = addMonths(m0, 1)) out.push(m0);
	return out;
}

export function inPeriod(date: string, period: Period): boolean {
	return date >= period.start && date <= periodEnd(period);
}

/** Whether a negotiated fee (centavos) is within bounds of the elected candidate's fee. */
export function feeWithinBounds(fee: number, candidateFee: number): boolean {
	return (
		Number.isSafeInteger(fee) &&
		fee >= Math.ceil(candidateFee * FEE_FLOOR_SHARE) &&
		fee <= candidateFee
	);
}

export function feeFloor(candidateFee: number): number {
	return Math.ceil(candidateFee * FEE_FLOOR_SHARE);
}

export type VisitState = 'pending' | 'confirmed' | 'denied';

/**
 * A visit's state from its households' answers: denied when any household says it did not come,
 * confirmed only when every household said it came, pending otherwise (nobody answered, or not
 * all yet). A visit is never shown as done on the technician's word alone.
 */
export function visitState(answers: readonly Answer[]): VisitState {
	if (answers.includes('denied')) return 'denied';
	if (answers.length > 0 && answers.every((a) => a === 'confirmed')) return 'confirmed';
	return 'pending';
}

export interface AnswerCounts {
	confirmed: number;
	denied: number;
	pending: number;
}

export function countAnswers(answers: readonly Answer[]): AnswerCounts {
	const out: AnswerCounts = { confirmed: 0, denied: 0, pending: 0 };
	for (const a of answers) out[a] += 1;
	return out;
}

export interface DeliverableFacts {
	id: number;
	kind: DeliverableKind;
	/** YYYY-MM. */
	plannedMonth: string;
	/** Centavos paid once it is approved. */
	amount: number;
	/** A workshop or report marked delivered (visits are done by their logged visits). */
	delivered: boolean;
	approved: boolean;
	paid: boolean;
	/** The states of the visits logged against it. */
	visits: readonly VisitState[];
}

export interface DeliverableProgress {
	/** Logged (a visit) or marked delivered (a workshop, a report). */
	done: boolean;
	/** Backed by the families: a visit confirmed by its households; others, done. */
	confirmed: boolean;
	/** Whether the committee may approve it now. */
	approvable: boolean;
}

export function deliverableProgress(d: DeliverableFacts): DeliverableProgress {
	const done = d.kind === 'visit' ? d.visits.length > 0 : d.delivered;
	const confirmed = d.kind === 'visit' ? d.visits.includes('confirmed') : d.delivered;
	return { done, confirmed, approvable: confirmed && !d.approved };
}

export interface DueSummary {
	/** Deliverables planned in or before the date's month. */
	due: DeliverableFacts[];
	/** Of those, the ones not yet done or not yet confirmed: late. */
	late: DeliverableFacts[];
	/** Centavos scheduled for the deliverables due, approved, and paid. */
	scheduled: number;
	approved: number;
	paid: number;
}

/** What the schedule says is due by `date` (YYYY-MM-DD), and how far the work and pay have come. */
export function dueBy(deliverables: readonly DeliverableFacts[], date: string): DueSummary {
	const month = date.slice(0, 7);
	const due = deliverables.filter((d) => d.plannedMonth <= month);
	return {
		due,
		late: due.filter((d) => !deliverableProgress(d).confirmed),
		scheduled: due.reduce((s, d) => s + d.amount, 0),
		approved: deliverables.filter((d) => d.approved).reduce((s, d) => s + d.amount, 0),
		paid: deliverables.filter((d) => d.paid).reduce((s, d) => s + d.amount, 0)
	};
}

export interface Totals {
	planned: number;
	done: number;
	confirmed: number;
	approved: number;
	paid: number;
	/** Centavos. */
	scheduledAmount: number;
	paidAmount: number;
}

/** Planned / done / confirmed / approved / paid, side by side, for the contract page. */
export function totals(deliverables: readonly DeliverableFacts[]): Totals {
	const out: Totals = {
		planned: deliverables.length,
		done: 0,
		confirmed: 0,
		approved: 0,
		paid: 0,
		scheduledAmount: 0,
		paidAmount: 0
	};
	for (const d of deliverables) {
		const p = deliverableProgress(d);
		if (p.done) out.done += 1;
		if (p.confirmed) out.confirmed += 1;
		if (d.approved) out.approved += 1;
		if (d.paid) {
			out.paid += 1;
			out.paidAmount += d.amount;
		}
		out.scheduledAmount += d.amount;
	}
	return out;
}

/** The day an evaluation at month `n` looks back from: the last day of the contract's n-th month. */
export function evaluationDate(period: Period, n: number): string {
	return periodEnd({ start: period.start, months: n });
}

/**
 * Reads "3, 6" (months from the start at which the service is evaluated): whole months within
 * the period, in order, each once; undefined when any is not.
 */
export function readEvaluationMonths(text: string, months: number): number[] | undefined {
	const parts = text
		.split(/[\s,;]+/)
		.map((p) => p.trim())
		.filter(Boolean);
	if (!parts.every((p) => /^\d+$/.test(p))) return undefined;
	const values = [...new Set(parts.map(Number))].sort((a, b) => a - b);
	if (values.some((v) => v < 1 || v > months)) return undefined;
	return values;
}

/** Items grouped by their month (YYYY-MM), in the order the months first appear. */
export function byMonth<T>(items: readonly T[], monthOf: (item: T) => string) {
	const groups: { month: string; items: T[] }[] = [];
	for (const item of items) {
		const month = monthOf(item);
		const group = groups.find((g) => g.month === month);
		if (group) group.items.push(item);
		else groups.push({ month, items: [item] });
	}
	return groups;
}
