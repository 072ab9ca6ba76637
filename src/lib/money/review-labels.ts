// The review's words, with an icon beside each status (always with the words).
import { m } from '$lib/paraglide/messages.js';
import type { ReviewStatus } from './review';

const STATUS: Record<ReviewStatus, () => string> = {
	in_review: m.money_review_status_in_review,
	observed: m.money_review_status_observed,
	conforme: m.money_review_status_conforme,
	approved: m.money_review_status_approved
};
const ICON: Record<ReviewStatus, string> = {
	in_review: '🔎',
	observed: '❗',
	conforme: '✔️',
	approved: '🏛️'
};

export const reviewStatusLabel = (s: ReviewStatus) => STATUS[s]();
export const reviewStatusIcon = (s: ReviewStatus) => ICON[s];
