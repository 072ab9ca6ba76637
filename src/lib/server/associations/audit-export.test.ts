import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import { addMemberWithoutAccount, auditCsv, exportAudit } from './index';

let t: TestDb;
let fx: Fixture;

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
});
afterEach(async () => t.close());

describe('the audit log export', () => {
	it('holds every event oldest first, with its sentence, and a hash of the events', async () => {
		await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: '=Rosa Mamani' });
		const data = await exportAudit(t.db, fx.leaderCtx, Date.UTC(2026, 10, 24));
		expect(data).toMatchObject({
			format: 'minka-audit',
			association: { slug: fx.slug },
			exported_at: '2026-11-24T00:00:00.000Z'
		});
		expect(data.events.map((e) => e.action)).toEqual(['association.created', 'member.added']);
		expect(data.events[1].text).toContain('=Rosa Mamani');
		expect(data.events_hash).toBe(sha256Hex(canonicalJson(data.events)));
		const csv = auditCsv(data);
		expect(csv.split('\r\n')).toHaveLength(4);
		expect(csv).toContain("'=Rosa Mamani");
	});

	it('is for members only', async () => {
		const outsider = await makeAssociation(t.db);
		const other = await addMember(t.db, outsider);
		const ctx = {
			...fx.leaderCtx,
			actor: other.ctx.actor,
			user: other.ctx.user,
			member: undefined
		};
		expect(
			(
				await rejection(
					exportAudit(t.db, { ...ctx, actor: { userId: other.user.id, membership: null } })
				)
			).code
		).toBe('forbidden');
	});
});
