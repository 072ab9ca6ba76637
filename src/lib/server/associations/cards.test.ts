import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_PER_ADDRESS } from '$lib/server/auth/throttle';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import { listAudit } from './audit';
import {
	activeCard,
	cardSecretHash,
	findCardHolder,
	generateCardSecret,
	isActiveCardSecret,
	issueCard,
	recordCardUse,
	revokeCard
} from './cards';

let t: TestDb;
let fx: Fixture;
beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
});
afterEach(async () => {
	await t.close();
});

describe('login cards', () => {
	it("open the member's own account, are stored hashed, and every use is audited", async () => {
		const { user, ctx } = await addMember(t.db, fx);
		const memberId = ctx.member!.id;
		const { card, secret } = await issueCard(t.db, fx.leaderCtx, memberId);
		expect(secret).toMatch(/^[a-z2-7]{52}$/);
		const stored = await t.db.selectFrom('login_card').selectAll().execute();
		expect(JSON.stringify(stored)).not.toContain(secret);
		expect(stored[0].secret_hash).toBe(cardSecretHash(secret));

		const holder = await findCardHolder(t.db, secret, '10.0.0.1');
		expect(holder.user.id).toBe(user.id);
		await recordCardUse(t.db, holder);
		expect(await activeCard(t.db, ctx.association.id, memberId)).toMatchObject({
			id: card.id,
			uses: 1
		});
		const audit = await listAudit(t.db, ctx.association.id);
		expect(audit.events.map((e) => e.action)).toEqual(
			expect.arrayContaining(['card.issued', 'card.used'])
		);
	});

	it('stop working when revoked, and a lost card is replaced in one step', async () => {
		const { ctx } = await addMember(t.db, fx);
		const memberId = ctx.member!.id;
		const first = await issueCard(t.db, fx.leaderCtx, memberId);
		const second = await issueCard(t.db, fx.leaderCtx, memberId, { lost: true });
		expect((await rejection(findCardHolder(t.db, first.secret, '10.0.0.2'))).messageRef.key).toBe(
			'error_card_invalid'
		);
		expect((await findCardHolder(t.db, second.secret, '10.0.0.2')).cardId).toBe(second.card.id);
		const lost = await t.db
			.selectFrom('login_card')
			.select('revoke_reason')
			.where('id', '=', first.card.id)
			.executeTakeFirstOrThrow();
		expect(lost.revoke_reason).toBe('lost');

		await revokeCard(t.db, fx.leaderCtx, memberId);
		await rejection(findCardHolder(t.db, second.secret, '10.0.0.2'));
		expect(await isActiveCardSecret(t.db, ctx.association.id, memberId, second.secret)).toBe(false);
		expect((await rejection(revokeCard(t.db, fx.leaderCtx, memberId))).code).toBe('conflict');
	});

	it('are issued only by leaders, only to members with an account', async () => {
		const { ctx } = await addMember(t.db, fx);
		expect((await rejection(issueCard(t.db, ctx, ctx.member!.id))).code).toBe('forbidden');
		const other = await makeAssociation(t.db);
		expect((await rejection(issueCard(t.db, other.leaderCtx, ctx.member!.id))).code).toBe(
			'not_found'
		);
	});

	it('throttle guessed codes per address, even the right one, like password logins', async () => {
		const { ctx } = await addMember(t.db, fx);
		const { secret } = await issueCard(t.db, fx.leaderCtx, ctx.member!.id);
		for (let i = 0; i < LOGIN_PER_ADDRESS.max; i++) {
			await rejection(findCardHolder(t.db, generateCardSecret(), '10.0.0.9'));
		}
		const blocked = await rejection(findCardHolder(t.db, secret, '10.0.0.9'));
		expect(blocked.code).toBe('throttled');
		// Another address is not affected.
		expect((await findCardHolder(t.db, secret, '10.0.0.10')).memberName).toBe(ctx.member!.name);
	});
});
