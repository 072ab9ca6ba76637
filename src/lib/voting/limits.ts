// The limits of a vote's fields: the server validates with them and the forms' maxlength says
// them. Pure.

export const VOTE_TITLE_MAX = 160;
/** A vote's description, an option's description, a proposal. */
export const VOTE_TEXT_MAX = 4000;
/** An alternative's or a candidate's name. */
export const OPTION_LABEL_MAX = 120;
/** At most this many options on one ballot: a phone screen, and a hand count, stay readable. */
export const OPTIONS_MAX = 60;
export const CRITERION_LABEL_MAX = 80;
export const CRITERIA_MAX = 8;
