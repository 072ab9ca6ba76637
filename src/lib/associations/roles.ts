import { ROLES, type Role } from './vocabulary';

export { ROLES };
export const OFFICES = [
	'presidente',
	'vicepresidente',
	'secretario_actas',
	'tesorero',
	'vocal'
] as const;
export type Office = (typeof OFFICES)[number];

export function isRole(value: unknown): value is Role {
	return (ROLES as readonly unknown[]).includes(value);
}

export function isOffice(value: unknown): value is Office {
	return (OFFICES as readonly unknown[]).includes(value);
}

/** Offices one person holds at a time; the board may have any number of vocales. */
export const SINGLE_SEAT_OFFICES: readonly Office[] = [
	'presidente',
	'vicepresidente',
	'secretario_actas',
	'tesorero'
];
