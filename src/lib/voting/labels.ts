// Translated names for the voting area's codes: kinds, statuses, rules, channels.
import { m } from '$lib/paraglide/messages.js';
import { own } from '$lib/own';

type Locale = { locale?: 'es' | 'en' };
type Labels = Record<string, (inputs?: Record<string, never>, options?: Locale) => string>;

/** A code's name, in the request's language unless `options.locale` says otherwise. */
function label(table: Labels, code: string | null | undefined, options?: Locale): string {
	return code ? (own(table, code)?.({}, options) ?? code) : '';
}

const VOTE_KIND: Labels = {
	motion: m.vote_kind_motion,
	budget: m.vote_kind_budget,
	election: m.vote_kind_election
};
const VOTE_STATUS: Labels = {
	preparing: m.vote_status_preparing,
	open: m.vote_status_open,
	closed: m.vote_status_closed,
	cancelled: m.vote_status_cancelled
};
const DECISION_KIND: Labels = {
	ordinary: m.decision_kind_ordinary,
	statute: m.decision_kind_statute,
	assets: m.decision_kind_assets,
	exclusion: m.decision_kind_exclusion
};
const THRESHOLD: Labels = {
	simple: m.threshold_simple,
	absolute: m.threshold_absolute,
	two_thirds: m.threshold_two_thirds
};
const QUORUM: Labels = {
	half_plus_one: m.quorum_half_plus_one,
	two_thirds: m.quorum_two_thirds,
	third: m.quorum_third,
	quarter: m.quorum_quarter,
	present: m.quorum_present
};
const ELECTORATE: Labels = { member: m.electorate_member, household: m.electorate_household };
const TIE_BREAK: Labels = { status_quo: m.tie_break_status_quo, lot: m.tie_break_lot };
const BALLOT_STYLE: Labels = {
	single: m.ballot_style_single,
	approval: m.ballot_style_approval,
	ranking: m.ballot_style_ranking
};
const BUDGET_RULE: Labels = {
	equal_shares: m.budget_rule_equal_shares,
	greedy: m.budget_rule_greedy
};
const CHANNEL: Labels = {
	online: m.channel_online,
	proxy: m.channel_proxy,
	assisted: m.channel_assisted
};
const OUTCOME: Labels = {
	approved: m.vote_outcome_approved,
	rejected: m.vote_outcome_rejected,
	decided: m.vote_outcome_decided,
	no_quorum: m.vote_outcome_no_quorum,
	no_majority: m.vote_outcome_no_majority,
	no_votes: m.vote_outcome_no_votes
};
const ANSWER: Labels = { yes: m.answer_yes, no: m.answer_no, abstain: m.answer_abstain };

export const voteKindLabel = (code: string, options?: Locale) => label(VOTE_KIND, code, options);
export const voteStatusLabel = (code: string, options?: Locale) =>
	label(VOTE_STATUS, code, options);
export const decisionKindLabel = (code: string, options?: Locale) =>
	label(DECISION_KIND, code, options);
export const thresholdLabel = (code: string, options?: Locale) => label(THRESHOLD, code, options);
export const quorumLabel = (code: string, options?: Locale) => label(QUORUM, code, options);
export const electorateLabel = (code: string, options?: Locale) => label(ELECTORATE, code, options);
export const tieBreakLabel = (code: string, options?: Locale) => label(TIE_BREAK, code, options);
export const ballotStyleLabel = (code: string | null, options?: Locale) =>
	label(BALLOT_STYLE, code, options);
export const budgetRuleLabel = (code: string | null, options?: Locale) =>
	label(BUDGET_RULE, code, options);
export const channelLabel = (code: string, options?: Locale) => label(CHANNEL, code, options);
export const outcomeLabel = (code: string, options?: Locale) => label(OUTCOME, code, options);
export const answerLabel = (code: string, options?: Locale) => label(ANSWER, code, options);

/** Select options for a code list. */
export function choices(codes: readonly string[], of: (code: string) => string) {
	return codes.map((value) => ({ value, label: of(value) }));
}

/** What a ballot calls an option: the wording in force and amendments are named in the reader's language. */
export function optionLabel(option: { label: string; details: Record<string, unknown> }): string {
	const source = option.details.source;
	if (source === 'original') return m.vote_option_original();
	if (typeof source === 'string' && source.startsWith('amendment:'))
		return m.vote_option_amendment({ name: option.label });
	return option.label;
}
