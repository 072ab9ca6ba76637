// The limits of an account's fields: the server validates with them and the forms' maxlength
// says them. Pure.

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const DISPLAY_NAME_MAX = 80;
