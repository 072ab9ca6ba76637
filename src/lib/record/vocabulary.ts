// The words of the decision register, as stored: how a decision was taken. Pure.

export const DECISION_ENTRY_KINDS = ['vote', 'hand_count', 'consensus', 'correction'] as const;
export type DecisionEntryKind = (typeof DECISION_ENTRY_KINDS)[number];
