// The area's words in the reader's language, and the icons beside them. Pure.
import { m } from '$lib/paraglide/messages.js';
import type { VisitState } from './schedule';
import type { SurveyQuestion, SurveyValue } from './survey';
import type { Answer, DeliverableKind, EvaluationOutcome } from './vocabulary';

export function deliverableKindLabel(kind: DeliverableKind): string {
	return {
		visit: m.assistance_kind_visit,
		workshop: m.assistance_kind_workshop,
		report: m.assistance_kind_report
	}[kind]();
}

export const VISIT_STATE_ICON: Record<VisitState, string> = {
	pending: '⏳',
	confirmed: '✅',
	denied: '❌'
};

export function visitStateLabel(state: VisitState): string {
	return {
		pending: m.visit_state_pending,
		confirmed: m.visit_state_confirmed,
		denied: m.visit_state_denied
	}[state]();
}

export function answerLabel(answer: Answer): string {
	return {
		pending: m.visit_answer_pending,
		confirmed: m.visit_answer_yes,
		denied: m.visit_answer_no
	}[answer]();
}

export function surveyQuestionLabel(q: SurveyQuestion): string {
	return {
		on_time: m.survey_q_on_time,
		understood: m.survey_q_understood,
		useful: m.survey_q_useful,
		respect: m.survey_q_respect
	}[q]();
}

export function surveyValueLabel(v: SurveyValue): string {
	return { yes: m.survey_v_yes, some: m.survey_v_some, no: m.survey_v_no }[v]();
}

export function evaluationOutcomeLabel(o: EvaluationOutcome): string {
	return {
		continue: m.evaluation_outcome_continue,
		warn: m.evaluation_outcome_warn,
		terminate: m.evaluation_outcome_terminate
	}[o]();
}
