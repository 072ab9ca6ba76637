import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { DomainError } from '$lib/server/errors';
import { makeUser, rejection } from '$lib/server/testing';
import { createAssociation, listAssociationsOfUser, loadAssociationContext } from './associations';
import { listAudit } from './audit';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.close());

const input = {
	name: 'Asociación de Productores Lecheros Valle Alto',
	product: 'leche',
	municipality: 'Punata',
	department: 'Cochabamba'
};

describe('createAssociation', () => {
	it('derives the slug from the name and makes the creator its presidente', async () => {
		const user = await makeUser(t.db, 'Rosa');
		const a = await createAssociation(t.db, user, input);
		expect(a.slug).toBe('asociacion-de-productores-lecheros-valle-alto');
		expect(a.register_public).toBe(1);
		const ctx = await loadAssociationContext(t.db, a.slug, user);
		expect(ctx?.member).toMatchObject({ role: 'leader', office: 'presidente', status: 'active' });
		const audit = await listAudit(t.db, a.id);
		expect(audit.events.map((e) => e.action)).toEqual(['association.created']);
		expect(await listAssociationsOfUser(t.db, user.id)).toEqual([
			expect.objectContaining({ slug: a.slug, role: 'leader', office: 'presidente' })
		]);
	});

	it('accepts an edited slug and refuses a taken, reserved or malformed one', async () => {
		const user = await makeUser(t.db);
		await createAssociation(t.db, user, { ...input, slug: 'valle-alto' });
		expect(
			(await rejection(createAssociation(t.db, user, { ...input, slug: 'valle-alto' }))).fields
		).toHaveProperty('slug.key', 'error_slug_taken');
		for (const slug of ['new', 'a', 'Con Espacios', '-guion', 'x'.repeat(49)]) {
			const err = await rejection(createAssociation(t.db, user, { ...input, slug }));
			expect(err.fields.slug?.key, slug).toBe('error_slug_format');
		}
		// Nothing half-written: one association, one member, one audit entry.
		const count = await t.db
			.selectFrom('member')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(1);
	});

	it('names every missing field at once', async () => {
		const user = await makeUser(t.db);
		const err = await rejection(createAssociation(t.db, user, { name: '  ', product: '' }));
		expect(err.code).toBe('invalid');
		expect(Object.keys(err.fields).sort()).toEqual(
			['department', 'municipality', 'name', 'product', 'slug'].sort()
		);
	});

	it('two parallel creations with the same slug give one association and a clear error', async () => {
		const [u1, u2] = [await makeUser(t.db), await makeUser(t.db)];
		const results = await Promise.allSettled([
			createAssociation(t.db, u1, { ...input, slug: 'misma' }),
			createAssociation(t.db, u2, { ...input, slug: 'misma' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((failed.reason as DomainError).fields.slug?.key).toBe('error_slug_taken');
	});

	it('loads no context for an unknown slug, and no membership for a stranger', async () => {
		const user = await makeUser(t.db);
		const a = await createAssociation(t.db, user, input);
		expect(await loadAssociationContext(t.db, 'no-existe', user)).toBeUndefined();
		const stranger = await makeUser(t.db);
		const ctx = await loadAssociationContext(t.db, a.slug, stranger);
		expect(ctx?.member).toBeUndefined();
		expect(ctx?.actor).toEqual({ userId: stranger.id, membership: null });
	});
});
