import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { makeUser } from '$lib/server/testing';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME,
	sessionIdFromToken,
	validateSessionToken
} from './session';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(async () => {
	vi.useRealTimers();
	await t.close();
});

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
	it('are random tokens of at least 128 bits, and only their hash is stored', async () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
		expect(tokens.size).toBe(1000);
		const token = [...tokens][0];
		expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
		const user = await makeUser(t.db);
		await createSession(t.db, token, user.id);
		const rows = await t.db.selectFrom('session').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(sessionIdFromToken(token));
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('validate to their user, and not from a wrong token', async () => {
		const user = await makeUser(t.db, 'Rosa');
		const token = generateSessionToken();
		await createSession(t.db, token, user.id);
		const result = await validateSessionToken(t.db, token);
		expect(result.user).toMatchObject({ id: user.id, display_name: user.display_name });
		expect((await validateSessionToken(t.db, generateSessionToken())).session).toBeNull();
	});

	it('slide: renewed when used in the second half of their life, gone after it', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const start = Date.now();
		const user = await makeUser(t.db);
		const token = generateSessionToken();
		await createSession(t.db, token, user.id);

		vi.setSystemTime(start + 10 * DAY);
		expect(await validateSessionToken(t.db, token)).toMatchObject({
			session: { expires_at: start + SESSION_LIFETIME },
			renewed: false
		});
		vi.setSystemTime(start + 20 * DAY);
		expect(await validateSessionToken(t.db, token)).toMatchObject({
			session: { expires_at: start + 20 * DAY + SESSION_LIFETIME },
			renewed: true
		});
		vi.setSystemTime(start + 20 * DAY + SESSION_LIFETIME);
		expect((await validateSessionToken(t.db, token)).session).toBeNull();
		expect(await t.db.selectFrom('session').selectAll().execute()).toEqual([]);
	});

	it('end one at a time, or all of a user but the current one', async () => {
		const user = await makeUser(t.db);
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		for (const tok of [a, b, c]) await createSession(t.db, tok, user.id);
		await invalidateSession(t.db, sessionIdFromToken(a));
		expect((await validateSessionToken(t.db, a)).session).toBeNull();
		await invalidateUserSessions(t.db, user.id, sessionIdFromToken(c));
		expect((await validateSessionToken(t.db, b)).session).toBeNull();
		expect((await validateSessionToken(t.db, c)).session).not.toBeNull();
	});
});
