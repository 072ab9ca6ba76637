// Translated names for the money area's codes, and the icons of plan lines (always beside text).
import { m } from '$lib/paraglide/messages.js';
import type { ReviewStatus } from './review';
import type { TrancheStatus } from './tranche';
import type { Source } from './vocabulary';

const ACCOUNT_KIND: Record<string, () => string> = {
	bank: m.money_account_kind_bank,
	cash: m.money_account_kind_cash
};
const KIND: Record<string, () => string> = {
	income: m.money_kind_income,
	expense: m.money_kind_expense,
	transfer: m.money_kind_transfer
};
const INCOME: Record<string, () => string> = {
	tranche: m.money_income_tranche,
	counterpart: m.money_income_counterpart,
	municipality: m.money_income_municipality,
	sales: m.money_income_sales,
	fines: m.money_income_fines,
	other: m.money_income_other
};
const SOURCE: Record<string, () => string> = {
	par: m.money_source_par,
	cash: m.money_source_cash,
	in_kind: m.money_source_in_kind,
	municipality: m.money_source_municipality
};
/** Each funding source's colour, the same on the page and on paper (always beside its name). */
export const SOURCE_COLOUR: Record<Source, string> = {
	par: '#1f6f8b',
	cash: '#c7771a',
	in_kind: '#8a5a2b',
	municipality: '#4b8b3b'
};
const ICON: Record<string, string> = {
	infrastructure: '🏗️',
	equipment: '🛠️',
	inputs: '🌱',
	technical_assistance: '🧑‍🌾',
	training: '📚',
	organisation: '🤝',
	other: '📦'
};

export const accountKindLabel = (k: string) => ACCOUNT_KIND[k]?.() ?? k;
export const movementKindLabel = (k: string) => KIND[k]?.() ?? k;
export const incomeKindLabel = (k: string) => INCOME[k]?.() ?? k;
export const moneySourceLabel = (k: string) => SOURCE[k]?.() ?? k;
export const lineIcon = (category: string) => ICON[category] ?? ICON.other;

const PURCHASE_STATUS: Record<string, () => string> = {
	open: m.purchase_status_open,
	awarded: m.purchase_status_awarded,
	cancelled: m.purchase_status_cancelled
};
export const purchaseStatusLabel = (s: string) => (PURCHASE_STATUS[s] ?? m.purchase_status_open)();

/** A treasurer report's review, with an icon beside its words. */
const REVIEW_STATUS: Record<ReviewStatus, () => string> = {
	in_review: m.money_review_status_in_review,
	observed: m.money_review_status_observed,
	conforme: m.money_review_status_conforme,
	approved: m.money_review_status_approved
};
const REVIEW_ICON: Record<ReviewStatus, string> = {
	in_review: '🔎',
	observed: '❗',
	conforme: '✔️',
	approved: '🏛️'
};
export const reviewStatusLabel = (s: ReviewStatus) => REVIEW_STATUS[s]();
export const reviewStatusIcon = (s: ReviewStatus) => REVIEW_ICON[s];

const TRANCHE_ICON: Record<TrancheStatus, string> = { requested: '⏳', received: '✅' };
export const trancheStatusIcon = (s: TrancheStatus) => TRANCHE_ICON[s];
