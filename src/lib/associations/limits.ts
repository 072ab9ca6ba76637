// The limits of an association's and a member's fields: the server validates with them and the
// forms' maxlength says them. Pure.

/** Name, product, municipality and department of an association. */
export const ASSOCIATION_TEXT_MAX = 120;
export const SLUG_MAX = 48;
/** A member's name, community and household. */
export const MEMBER_NAME_MAX = 80;
export const ID_NUMBER_MIN = 3;
export const ID_NUMBER_MAX = 20;
