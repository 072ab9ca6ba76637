// The demo's register as a new user finds it (issue 6): older decisions spread over the two years
// before the demo's own closed votes, first in the chain, and the whole register intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '$lib/record/chain';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { verifyRegisterDb } from '$lib/server/record';
import { seedDemo } from '../scripts/demo/seed';

let t: TestDb;

beforeAll(async () => {
	t = await createTestDb();
	await seedDemo(t.db);
}, 120_000);
afterAll(() => t.close());

describe('the demo register', () => {
	it('opens with older decisions over two years, oldest first, before the newer ones', async () => {
		const rows = await t.db.selectFrom('decision').selectAll().orderBy('seq').execute();
		const entries = rows.map((r) => JSON.parse(r.entry) as RegisterEntry);
		const older = entries.slice(0, 4);
		expect(older.map((e) => [e.kind, e.decision_kind, e.outcome, e.vote?.method ?? null])).toEqual([
			['hand_count', 'statute', 'approved', 'motion'],
			['vote', 'ordinary', 'decided', 'election'],
			['vote', 'ordinary', 'approved', 'motion'],
			['consensus', 'ordinary', 'consensus', null]
		]);
		expect(older[1].summary).toBe('Se eligió: Dra. MVZ Lourdes Camacho Rojas. Votaron 17 de 24.');
		expect(older[0].subject?.draft_kind).toBe('rule');
		// Oldest first, and older than anything after them (later steps append in their own order).
		const times = entries.map((e) => Date.parse(e.decided_at));
		expect(times.slice(0, 4)).toEqual(times.slice(0, 4).sort((a, b) => a - b));
		expect(times[3]).toBeLessThan(Math.min(...times.slice(4)));
		const now = Date.now();
		const DAY = 24 * 60 * 60 * 1000;
		expect(now - times[0]).toBeGreaterThan(600 * DAY);
		expect(now - times[0]).toBeLessThan(730 * DAY);
		expect(now - times[3]).toBeGreaterThan(200 * DAY);
		expect(entries.length).toBeGreaterThan(older.length);
	});

	it('verifies in the database', async () => {
		const report = await verifyRegisterDb(t.db);
		expect(report.ok).toBe(true);
		expect(report.associations.map((c) => c.result.ok)).toEqual([true]);
	});
});
