import { ROLES, type Role } from './vocabulary';

export { ROLES };
export const OFFICES = [
	'presidente',
	'vicepresidente',
	'secretario_actas',
	'tesorero',
	'vocal',
	'vigilancia'
] as const;
export type Office = (typeof OFFICES)[number];

export function isRole(value: unknown): value is Role {
	return (ROLES as readonly unknown[]).includes(value);
}

export function isOffice(value: unknown): value is Office {
	return (OFFICES as readonly unknown[]).includes(value);
}

/**
 * The vigilance committee (comité de vigilancia) watches the board's handling of the money, so it
 * is held by members, never by a leader; the board's offices are held by leaders.
 */
export const VIGILANCE_OFFICE = 'vigilancia' satisfies Office;
export const BOARD_OFFICES: readonly Office[] = OFFICES.filter((o) => o !== VIGILANCE_OFFICE);

/** Offices one person holds at a time; the board may have any number of vocales. */
export const SINGLE_SEAT_OFFICES: readonly Office[] = [
	'presidente',
	'vicepresidente',
	'secretario_actas',
	'tesorero'
];
