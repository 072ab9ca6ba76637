// The members' survey of the service (issue 14 item 3): four questions, each answered with one
// of three faces, in icons and colours with the words beside them; read from its form without
// JavaScript, and counted per period. Pure.

export const SURVEY_QUESTIONS = ['on_time', 'understood', 'useful', 'respect'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];
export const SURVEY_VALUES = ['yes', 'some', 'no'] as const;
export type SurveyValue = (typeof SURVEY_VALUES)[number];
export type SurveyAnswers = Record<SurveyQuestion, SurveyValue>;

export const SURVEY_ICON: Record<SurveyValue, string> = { yes: '😊', some: '😐', no: '☹️' };
export const SURVEY_COLOUR: Record<SurveyValue, string> = {
	yes: '#2e7d32',
	some: '#f9a825',
	no: '#c62828'
};

function isValue(v: unknown): v is SurveyValue {
	return (SURVEY_VALUES as readonly unknown[]).includes(v);
}

/** The answers a form holds (`q_<question>` = yes / some / no), or the questions left unanswered. */
export function readSurveyForm(
	form: Record<string, string | undefined>
): { ok: true; answers: SurveyAnswers } | { ok: false; missing: SurveyQuestion[] } {
	const missing = SURVEY_QUESTIONS.filter((q) => !isValue(form[`q_${q}`]));
	if (missing.length) return { ok: false, missing };
	return {
		ok: true,
		answers: Object.fromEntries(SURVEY_QUESTIONS.map((q) => [q, form[`q_${q}`]])) as SurveyAnswers
	};
}

export type SurveyCounts = Record<SurveyQuestion, Record<SurveyValue, number>>;

export function emptyCounts(): SurveyCounts {
	return Object.fromEntries(
		SURVEY_QUESTIONS.map((q) => [q, Object.fromEntries(SURVEY_VALUES.map((v) => [v, 0]))])
	) as SurveyCounts;
}

/** How many households gave each answer to each question. */
export function countSurvey(answers: readonly SurveyAnswers[]): SurveyCounts {
	const counts = emptyCounts();
	for (const a of answers) for (const q of SURVEY_QUESTIONS) counts[q][a[q]] += 1;
	return counts;
}

/** The share (0..1) of households that answered «yes» to a question, or null with no answers. */
export function yesShare(counts: Record<SurveyValue, number>): number | null {
	const total = SURVEY_VALUES.reduce((s, v) => s + counts[v], 0);
	return total ? counts.yes / total : null;
}
