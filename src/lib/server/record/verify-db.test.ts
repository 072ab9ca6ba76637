import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS } from '$lib/record/chain';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { makeAssociation, type Fixture } from '$lib/server/testing';
import { recordConsensus } from './decisions';
import { getRegisterHead } from './register';
import { verifyRegisterDb } from './verify-db';

let t: TestDb;
let a: Fixture;
let b: Fixture;

beforeEach(async () => {
	t = await createTestDb();
	a = await makeAssociation(t.db);
	b = await makeAssociation(t.db);
	for (const title of ['Multa por inasistencia', 'Horario del acopio'])
		await recordConsensus(t.db, a.leaderCtx, { title, summary: `${title}: acordado.` });
});
afterEach(async () => t.close());

describe('verifyRegisterDb', () => {
	it('checks every association, an empty register included, and the triggers', async () => {
		const report = await verifyRegisterDb(t.db);
		const head = await getRegisterHead(t.db, a.leaderCtx.association.id);
		expect(report.ok).toBe(true);
		expect(report.triggers.ok).toBe(true);
		const bySlug = Object.fromEntries(report.associations.map((c) => [c.slug, c.result]));
		expect(bySlug[a.slug]).toEqual({ ok: true, head, count: 2 });
		expect(bySlug[b.slug]).toEqual({ ok: true, head: { seq: 0, hash: GENESIS }, count: 0 });
	});

	it('checks one association against a head seen before, and finds no unknown one', async () => {
		const head = await getRegisterHead(t.db, a.leaderCtx.association.id);
		const same = await verifyRegisterDb(t.db, { association: a.slug, anchor: head });
		expect(same.associations.map((c) => c.slug)).toEqual([a.slug]);
		expect(same.ok).toBe(true);
		const other = await verifyRegisterDb(t.db, {
			association: a.slug,
			anchor: { seq: 2, hash: 'b'.repeat(64) }
		});
		expect(other.associations[0].result).toMatchObject({
			ok: false,
			problem: { reason: 'anchor', seq: 2 }
		});
		expect((await verifyRegisterDb(t.db, { association: 'nadie' })).associations).toEqual([]);
	});

	it("names an entry moved into another association's register, and the protection gone", async () => {
		// Only possible behind the application's back, with the append-only trigger out of the way.
		const postgres = t.url.startsWith('postgres');
		if (postgres) await sql`alter table decision disable trigger decision_no_change`.execute(t.db);
		else await sql`drop trigger decision_no_update`.execute(t.db);
		await sql`update decision set association_id = ${b.leaderCtx.association.id} where seq = 2`.execute(
			t.db
		);
		const report = await verifyRegisterDb(t.db);
		const moved = report.associations.find((c) => c.slug === b.slug)!.result;
		expect(moved).toMatchObject({ ok: false, problem: { reason: 'association', seq: 1 } });
		expect(report.triggers).toEqual({
			ok: false,
			missing: postgres ? ['UPDATE', 'DELETE'] : ['UPDATE']
		});
		expect(report.ok).toBe(false);
	});
});
