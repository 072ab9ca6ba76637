// The limits of a register entry's fields and of a search of the register. Pure.

export const DECISION_TITLE_MAX = 160;
export const DECISION_SUMMARY_MAX = 2000;
export const SEARCH_MAX = 200;
