// The words of the technical assistance area, as stored, and its limits: one constant feeds the
// server's validation and the form's maxlength. Pure.

export const DELIVERABLE_KINDS = ['visit', 'workshop', 'report'] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

/** A household's answer about a visit: not yet, «Sí vino», «No vino». */
export const ANSWERS = ['pending', 'confirmed', 'denied'] as const;
export type Answer = (typeof ANSWERS)[number];
/** Who gave the answer: the household on its own phone, or a leader in the assembly. */
export const ANSWER_CHANNELS = ['self', 'assembly'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

/** What an evaluation decides: the service goes on, goes on with a warning, or ends. */
export const EVALUATION_OUTCOMES = ['continue', 'warn', 'terminate'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];
export const DEFAULT_EVALUATION_MONTHS = [3, 6];
export const SCORE_MAX = 10;
export const EVALUATION_SUMMARY_MAX = 1000;

export const CONTRACT_MONTHS_MAX = 36;
export const DELIVERABLE_TITLE_MAX = 120;
export const VISIT_WORK_MAX = 1000;
export const VISIT_HOUSEHOLDS_MAX = 60;
export const VISIT_PHOTOS_MAX = 3;
export const COMMUNITY_MAX = 80;

/**
 * The contracted monthly fee may be negotiated down from what the elected candidate asked, to no
 * less than half; never above it (the assembly elected that offer).
 */
export const FEE_FLOOR_SHARE = 0.5;

export function isDeliverableKind(value: unknown): value is DeliverableKind {
	return (DELIVERABLE_KINDS as readonly unknown[]).includes(value);
}

export function isEvaluationOutcome(value: unknown): value is EvaluationOutcome {
	return (EVALUATION_OUTCOMES as readonly unknown[]).includes(value);
}
