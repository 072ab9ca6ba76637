// The limits of a draft's fields: the live editor's maxlength and the server's checks. Pure.

export const DRAFT_TITLE_MAX = 160;
export const DRAFT_SUMMARY_MAX = 600;
export const VERSION_LABEL_MAX = 80;
/** A budget line's code, title, description and unit. */
export const LINE_CODE_MAX = 12;
export const LINE_TITLE_MAX = 160;
export const LINE_DESCRIPTION_MAX = 400;
export const LINE_UNIT_MAX = 24;
