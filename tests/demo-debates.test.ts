// The demo as a new user finds it (issue 4, "done when"): arguments for and against on the plan,
// supports, the attendance-fine debate with one post hidden and why, and a pending amendment to the
// rule that its author (an editor) accepts into the live text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssociationContext } from '$lib/server/associations';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import {
	acceptAmendment,
	findDebate,
	findDraftDebate,
	debateView,
	listAmendmentsForVote,
	listDebates
} from '$lib/server/deliberation';
import { getDraftDocument } from '$lib/server/drafts';
import { seedDemo, type SeedResult } from '../scripts/demo/seed';
import { FINE_DEBATE, RULE_AMENDMENT } from '../scripts/demo/data';

let t: TestDb;
let seeded: SeedResult;

async function as(username: string) {
	const user = await t.db
		.selectFrom('user')
		.selectAll()
		.where('username', '=', username)
		.executeTakeFirstOrThrow();
	return (await loadAssociationContext(t.db, seeded.slug, user))!;
}

beforeAll(async () => {
	t = await createTestDb();
	seeded = (await seedDemo(t.db))!;
}, 120_000);
afterAll(() => t.close());

describe('the demo’s debates', () => {
	it('argue for and against the plan, with supports and an open question', async () => {
		const ctx = await as('hilda.choque');
		const plan = seeded.drafts.find((d) => d.draft.kind === 'investment_plan')!;
		const view = await debateView(t.db, ctx, (await findDraftDebate(t.db, ctx, plan.draft.id))!, 0);
		expect(view.shape.for).toBeGreaterThanOrEqual(2);
		expect(view.shape.against).toBeGreaterThanOrEqual(2);
		expect(view.shape.topFor.length).toBeGreaterThan(0);
		expect(view.shape.openQuestions).toHaveLength(1);
		expect(view.posts.some((p) => p.passage && p.author.name === 'Hilda Choque Mamani')).toBe(true);
	});

	it('have the free-standing fine debate with one post hidden, saying by whom and why', async () => {
		const ctx = await as('rodrigo.cespedes');
		const fine = (await listDebates(t.db, ctx)).find((d) => d.title === FINE_DEBATE.title)!;
		const view = await debateView(t.db, ctx, (await findDebate(t.db, ctx, fine.id))!, 0);
		const hidden = view.posts.filter((p) => p.hidden);
		expect(hidden).toHaveLength(1);
		expect(hidden[0].hidden).toMatchObject({ by: 'Justina Mamani Quispe' });
		expect(hidden[0].body).toBe('');
		expect(view.permissions.post).toBe(false);
	});

	it('have a pending amendment to the rule that its author accepts into the live text', async () => {
		const rule = seeded.drafts.find((d) => d.draft.kind === 'rule')!;
		const reader = await as('marta.arnez');
		const [amendment] = await listAmendmentsForVote(t.db, reader, rule.draft.id);
		expect(amendment).toMatchObject({ status: 'pending', passage: RULE_AMENDMENT.passage });
		await acceptAmendment(t.db, await as('roxana.vargas'), amendment.id);
		const text = (await getDraftDocument(t.db, reader, rule.draft.id)).body
			.map((b) => ('text' in b ? b.text : ''))
			.join('\n');
		expect(text).toContain(RULE_AMENDMENT.proposal);
		expect(text).not.toContain(RULE_AMENDMENT.passage);
	});
});
