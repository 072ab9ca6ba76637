// The words of the voting area, as stored: kinds of vote and of decision, statuses, ballot styles,
// budget rules and the channels a ballot arrives by. Pure: the one list of each, for the server's
// validation, the database types and the forms' choices.

export const VOTE_KINDS = ['motion', 'budget', 'election'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];
/** What a decision is about; each kind has its own threshold in the rule set. */
export const DECISION_KINDS = ['ordinary', 'statute', 'assets', 'exclusion'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const VOTE_STATUSES = ['preparing', 'open', 'closed', 'cancelled'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];
export const BALLOT_STYLES = ['single', 'approval', 'ranking'] as const;
export type BallotStyle = (typeof BALLOT_STYLES)[number];
export const BUDGET_RULES = ['greedy', 'equal_shares'] as const;
export type BudgetRule = (typeof BUDGET_RULES)[number];
export const CAST_CHANNELS = ['online', 'proxy', 'assisted'] as const;
export type CastChannel = (typeof CAST_CHANNELS)[number];
