// Test support shared by the domain tests: people and associations made through the real domain
// functions, so fixtures obey the same rules as production data.
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { registerUser } from '$lib/server/auth/users';
import {
	changeMemberRole,
	createAssociation,
	createInvitation,
	acceptInvitation,
	loadAssociationContext,
	type AssociationContext
} from '$lib/server/associations';
import type { DB } from '$lib/server/db';
import type { Role, User } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';

let seq = 0;

export async function makeUser(db: Kysely<DB>, name = 'Persona'): Promise<User> {
	seq += 1;
	return registerUser(db, {
		username: `user${seq}_${process.pid}`,
		display_name: `${name} ${seq}`,
		password: 'correct horse battery'
	});
}

export async function contextOf(db: Kysely<DB>, slug: string, user: User | null) {
	const ctx = await loadAssociationContext(db, slug, user);
	if (!ctx) throw new Error(`no association ${slug}`);
	return ctx;
}

export interface Fixture {
	slug: string;
	leader: User;
	leaderCtx: AssociationContext;
}

export async function makeAssociation(db: Kysely<DB>, leader?: User): Promise<Fixture> {
	const user = leader ?? (await makeUser(db, 'Dirigente'));
	seq += 1;
	const association = await createAssociation(db, user, {
		name: `Asociación de Productores ${seq}`,
		product: 'leche',
		municipality: 'Tiquipaya',
		department: 'Cochabamba',
		slug: `asoc-${seq}-${process.pid}`
	});
	return {
		slug: association.slug,
		leader: user,
		leaderCtx: await contextOf(db, association.slug, user)
	};
}

/** A new user who joined the association with `role` through an invitation. */
export async function addMember(
	db: Kysely<DB>,
	fx: Fixture,
	role: Role = 'member',
	office?: string
): Promise<{ user: User; ctx: AssociationContext }> {
	const user = await makeUser(db, role);
	const invitation = await createInvitation(db, fx.leaderCtx, { role, days: 7, max_uses: 1 });
	const { member } = await acceptInvitation(db, user, fx.slug, invitation.code);
	if (office) await changeMemberRole(db, fx.leaderCtx, member.id, { role, office });
	return { user, ctx: await contextOf(db, fx.slug, user) };
}

/** The DomainError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function rejection(p: Promise<unknown>): Promise<DomainError> {
	const err = await p.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	return err as DomainError;
}
