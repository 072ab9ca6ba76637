// The limits of an assembly's fields: the server validates with them and the forms' maxlength
// says them. Pure.

export const PLACE_MAX = 160;
export const POINT_TITLE_MAX = 160;
export const PROPOSER_MAX = 120;
export const SUMMARY_MAX = 4000;
export const POINTS_MAX = 40;
export const RESOLUTION_MAX = 2000;
/** Why an assembly is installed before its first call's time. */
export const EARLY_REASON_MAX = 300;
