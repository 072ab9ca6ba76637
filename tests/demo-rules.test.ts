// The demo's rules changed by the members' vote (issue 15), as a new user finds them: the
// second-call quorum raised by two thirds in this morning's assembly and in force afterwards, and
// the reglamento's Art. 3 written with the winning amendment, in a version the register names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '$lib/record/chain';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { loadAssociationContext } from '$lib/server/associations';
import { assemblyQuorum } from '$lib/server/assemblies';
import { getStatute } from '$lib/server/drafts';
import { verifyRegisterDb } from '$lib/server/record';
import { getRuleSet, readRules } from '$lib/server/voting';
import { DELIVERY_RULE, DEMO_ASSOCIATION } from '../scripts/demo/data';
import { seedDemo } from '../scripts/demo/seed';

let t: TestDb;
let entries: RegisterEntry[];

beforeAll(async () => {
	t = await createTestDb();
	await seedDemo(t.db);
	const rows = await t.db.selectFrom('decision').select('entry').orderBy('seq').execute();
	entries = rows.map((r) => JSON.parse(r.entry) as RegisterEntry);
}, 120_000);
afterAll(() => t.close());

describe('the demo rules', () => {
	it('the assembly raised the second-call quorum by two thirds, and it is in force for the votes after it', async () => {
		const change = entries.find((e) => e.rule_change);
		expect(change).toMatchObject({
			kind: 'hand_count',
			decision_kind: 'statute',
			outcome: 'approved'
		});
		expect(change!.title).toBe('Cambio de reglas: Quórum en segunda convocatoria');
		expect(change!.rule_change!.before).toMatchObject({ quorumSecondCall: 'third' });
		expect(change!.rule_change!.after).toMatchObject({ quorumSecondCall: 'half_plus_one' });
		const association = (await t.db
			.selectFrom('association')
			.select('id')
			.where('slug', '=', DEMO_ASSOCIATION.slug)
			.executeTakeFirstOrThrow())!;
		expect((await getRuleSet(t.db, association.id)).quorumSecondCall).toBe('half_plus_one');
		// Every vote opened after it carries the new rule; the next assembly's quorum follows it.
		const later = await t.db
			.selectFrom('vote')
			.select(['rules', 'opened_at'])
			.where('association_id', '=', association.id)
			.where('status', '=', 'open')
			.execute();
		expect(later.length).toBeGreaterThan(0);
		for (const v of later) expect(readRules(v.rules).quorumSecondCall).toBe('half_plus_one');
		const next = await t.db
			.selectFrom('assembly')
			.selectAll()
			.where('association_id', '=', association.id)
			.where('status', '=', 'convened')
			.executeTakeFirstOrThrow();
		const quorum = await assemblyQuorum(t.db, next);
		expect(quorum.requiredSecond).toBe(Math.floor(quorum.electorate / 2) + 1);
	});

	it('the reglamento reads with the winning amendment, in the version the register names', async () => {
		const enacted = entries.find((e) => e.enacted && e.title.includes('entrega de leche'));
		expect(enacted?.vote?.method).toBe('alternatives');
		const ctx = (await loadAssociationContext(
			t.db,
			DEMO_ASSOCIATION.slug,
			await t.db
				.selectFrom('user')
				.selectAll()
				.where('username', '=', 'hilda.choque')
				.executeTakeFirstOrThrow()
		))!;
		const texts = await getStatute(t.db, ctx);
		const delivery = texts.find((x) => x.title === DELIVERY_RULE.title)!;
		expect(delivery.content_hash).toBe(enacted!.enacted!.content_hash);
		const art3 = delivery.articles.find((a) => a.number === '3')!;
		expect(art3.text).toContain(DELIVERY_RULE.proposal);
		expect(art3.text).not.toContain(DELIVERY_RULE.passage);
		expect(art3.history.map((h) => h.by.seq)).toEqual([enacted!.seq]);
		// The older reform of the Reglamento Interno, approved by hands, is in force too.
		expect(texts.length).toBeGreaterThanOrEqual(2);
		expect((await verifyRegisterDb(t.db)).ok).toBe(true);
	});
});
