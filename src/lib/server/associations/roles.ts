import type { Role } from '$lib/server/db/schema';

export const ROLES: readonly Role[] = ['leader', 'member', 'facilitator', 'observer'];
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
