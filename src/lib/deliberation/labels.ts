// Names for a debate's codes, in the reader's language.
import { m } from '$lib/paraglide/messages.js';
import { own } from '$lib/own';

const STANCE: Record<string, () => string> = {
	for: m.stance_for,
	against: m.stance_against,
	question: m.stance_question,
	neutral: m.stance_neutral,
	amendment: m.stance_amendment
};

const AMENDMENT_STATUS: Record<string, () => string> = {
	pending: m.amendment_status_pending,
	accepted: m.amendment_status_accepted,
	declined: m.amendment_status_declined
};

export function stanceLabel(stance: string): string {
	return own(STANCE, stance)?.() ?? stance;
}

export function amendmentStatusLabel(status: string): string {
	return own(AMENDMENT_STATUS, status)?.() ?? status;
}

/** The stances a person picks when writing (amendments have their own form). */
export function stanceOptions(): { value: string; label: string }[] {
	return ['for', 'against', 'question', 'neutral'].map((value) => ({
		value,
		label: stanceLabel(value)
	}));
}
