// Where a treasurer's report stands in its review (domain.md §2.5), from the list of what happened
// to it: observations of the vigilance committee, the treasurer's answers, the committee's
// "conforme" and the assembly's approval. Pure: the server decides what may happen next with it,
// and the page shows the same answer.

export const REVIEW_STATUSES = ['in_review', 'observed', 'conforme', 'approved'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewEvent {
	id: number;
	kind: 'observation' | 'answer' | 'conforme' | 'approved';
	answersId: number | null;
}

export interface ReviewState {
	status: ReviewStatus;
	observations: number;
	/** Observations still waiting for the treasurer's answer. */
	unanswered: number[];
}

export function reviewState(events: readonly ReviewEvent[]): ReviewState {
	const observations = events.filter((e) => e.kind === 'observation').map((e) => e.id);
	const answered = new Set(events.filter((e) => e.kind === 'answer').map((e) => e.answersId));
	const unanswered = observations.filter((id) => !answered.has(id));
	const status: ReviewStatus = events.some((e) => e.kind === 'approved')
		? 'approved'
		: events.some((e) => e.kind === 'conforme')
			? 'conforme'
			: observations.length
				? 'observed'
				: 'in_review';
	return { status, observations: observations.length, unanswered };
}

/** What each step needs: the committee observes or agrees only before it has agreed; the
 * treasurer answers an open observation; "conforme" needs every observation answered; the
 * assembly approves only what the committee found conforme. */
export function mayObserve(state: ReviewState): boolean {
	return state.status === 'in_review' || state.status === 'observed';
}

export function mayConform(state: ReviewState): boolean {
	return mayObserve(state) && state.unanswered.length === 0;
}

export function mayApprove(state: ReviewState): boolean {
	return state.status === 'conforme';
}
