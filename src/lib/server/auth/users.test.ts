import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { DomainError } from '$lib/server/errors';
import { rejection } from '$lib/server/testing';
import { createSession, generateSessionToken, validateSessionToken } from './session';
import { LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, registrationsPerAddress } from './throttle';
import { authenticate, changePassword, registerUser, setUserLocale, updateProfile } from './users';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(async () => {
	vi.useRealTimers();
	await t.close();
});

const PASSWORD = 'una frase larga';

describe('registration', () => {
	it('stores an argon2id hash, never the password', async () => {
		const user = await registerUser(t.db, {
			username: 'Rosa.Mamani',
			display_name: ' Rosa  Mamani ',
			password: PASSWORD
		});
		expect(user).toMatchObject({
			username: 'Rosa.Mamani',
			display_name: 'Rosa Mamani',
			locale: 'es'
		});
		expect(user.password_hash).toMatch(/^\$argon2id\$/);
		const row = await t.db.selectFrom('user').selectAll().executeTakeFirstOrThrow();
		expect(JSON.stringify(row)).not.toContain(PASSWORD);
	});

	it('treats usernames case-insensitively, even when registered in parallel', async () => {
		const results = await Promise.allSettled(
			['juan', 'JUAN', 'Juan'].map((username) =>
				registerUser(t.db, { username, display_name: 'Juan', password: PASSWORD })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results.filter((r) => r.status === 'rejected')) {
			expect(((r as PromiseRejectedResult).reason as DomainError).fields.username?.key).toBe(
				'error_username_taken'
			);
		}
		const winner = (
			results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{
				id: string;
			}>
		).value;
		const found = await authenticate(t.db, { username: 'jUaN', password: PASSWORD, address: 'a' });
		expect(found.id).toBe(winner.id);
	});

	it('limits the accounts made from one address per hour, even when sent in parallel', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const start = Date.now();
		const { max } = registrationsPerAddress();
		const attempt = (i: number, address = '198.51.100.7') =>
			registerUser(t.db, {
				username: `socio${i}`,
				display_name: 'Socio',
				password: PASSWORD,
				address
			});
		const results = await Promise.allSettled(Array.from({ length: max + 5 }, (_, i) => attempt(i)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(max);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(refused).toHaveLength(5);
		for (const r of refused) {
			const err = (r as PromiseRejectedResult).reason as DomainError;
			expect(err.code).toBe('throttled');
			expect(err.messageRef).toEqual({ key: 'error_register_throttled', params: { minutes: 60 } });
		}
		const made = await t.db
			.selectFrom('user')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(made.n)).toBe(max);
		// Another address is not affected, and this one may register again after the hour.
		await expect(attempt(100, '198.51.100.8')).resolves.toBeDefined();
		vi.setSystemTime(start + 60 * 60_000);
		await expect(attempt(101)).resolves.toBeDefined();
	}, 60_000);

	it('does not count a form with mistakes against the address', async () => {
		const { max } = registrationsPerAddress();
		for (let i = 0; i < max + 2; i++)
			await rejection(
				registerUser(t.db, { username: 'a b', display_name: 'X', password: PASSWORD, address: 'z' })
			);
		await expect(
			registerUser(t.db, {
				username: 'rosa',
				display_name: 'Rosa',
				password: PASSWORD,
				address: 'z'
			})
		).resolves.toBeDefined();
	});

	it('reports every problem at once, and writes nothing', async () => {
		const err = await rejection(
			registerUser(t.db, { username: 'a b', display_name: '', password: 'corta' })
		);
		expect(err.code).toBe('invalid');
		expect(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.key]))).toEqual({
			username: 'error_username_format',
			display_name: 'error_display_name_required',
			password: 'error_password_short'
		});
		expect(await t.db.selectFrom('user').selectAll().execute()).toEqual([]);
	});

	it('accepts letters with accents and keeps only known locales', async () => {
		const u = await registerUser(t.db, {
			username: 'ñusta_quispe',
			display_name: 'Ñusta',
			password: PASSWORD,
			locale: 'gn'
		});
		expect(u.locale).toBe('es');
		await setUserLocale(t.db, u.id, 'qu');
		await setUserLocale(t.db, u.id, 'ay');
		await setUserLocale(t.db, u.id, 'en');
		expect((await rejection(setUserLocale(t.db, u.id, 'fr'))).fields).toHaveProperty('locale');
		await updateProfile(t.db, u.id, { display_name: 'Ñusta Quispe' });
		const row = await t.db.selectFrom('user').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ locale: 'en', display_name: 'Ñusta Quispe' });
	});
});

describe('login', () => {
	beforeEach(async () => {
		await registerUser(t.db, { username: 'rosa', display_name: 'Rosa', password: PASSWORD });
	});

	it('gives the same answer for a wrong password and an unknown user', async () => {
		const wrong = await rejection(
			authenticate(t.db, { username: 'rosa', password: 'x'.repeat(12), address: 'a' })
		);
		const unknown = await rejection(
			authenticate(t.db, { username: 'nadie', password: PASSWORD, address: 'a' })
		);
		expect(wrong.messageRef).toEqual(unknown.messageRef);
		expect(wrong.messageRef.key).toBe('error_login_failed');
	});

	it(`throttles an account after ${LOGIN_PER_ACCOUNT.max} failures, only for the window`, async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const start = Date.now();
		for (let i = 0; i < LOGIN_PER_ACCOUNT.max; i++) {
			const err = await rejection(
				authenticate(t.db, { username: 'ROSA', password: `mal-${i}-xxxxx`, address: `10.0.0.${i}` })
			);
			expect(err.code).toBe('invalid');
		}
		// Even the right password is refused now, from any address: a guesser gains nothing.
		const blocked = await rejection(
			authenticate(t.db, { username: 'rosa', password: PASSWORD, address: 'x' })
		);
		expect(blocked.code).toBe('throttled');
		expect(blocked.messageRef).toEqual({ key: 'error_login_throttled', params: { minutes: 15 } });
		// Other accounts are not affected.
		await registerUser(t.db, { username: 'juan', display_name: 'Juan', password: PASSWORD });
		await expect(
			authenticate(t.db, { username: 'juan', password: PASSWORD, address: 'x' })
		).resolves.toBeDefined();
		// The owner gets in once the window has passed.
		vi.setSystemTime(start + LOGIN_PER_ACCOUNT.windowMs);
		await expect(
			authenticate(t.db, { username: 'rosa', password: PASSWORD, address: 'x' })
		).resolves.toMatchObject({
			username: 'rosa'
		});
	});

	it(`throttles an address after ${LOGIN_PER_ADDRESS.max} failures across accounts`, async () => {
		for (let i = 0; i < LOGIN_PER_ADDRESS.max; i++) {
			await rejection(
				authenticate(t.db, {
					username: `nadie${i}`,
					password: 'x'.repeat(10),
					address: '203.0.113.9'
				})
			);
		}
		const err = await rejection(
			authenticate(t.db, { username: 'rosa', password: PASSWORD, address: '203.0.113.9' })
		);
		expect(err.code).toBe('throttled');
		await expect(
			authenticate(t.db, { username: 'rosa', password: PASSWORD, address: '203.0.113.10' })
		).resolves.toBeDefined();
	}, 60_000);

	it(`checks at most ${LOGIN_PER_ACCOUNT.max} of 30 parallel wrong passwords for one account`, async () => {
		// Every attempt is counted before its password is checked: the 30 cannot all read a count
		// below the limit and then all go on to the (slow) argon2 check.
		const results = await Promise.allSettled(
			Array.from({ length: 30 }, (_, i) =>
				authenticate(t.db, { username: 'rosa', password: `mal-${i}-xxxxx`, address: `10.1.0.${i}` })
			)
		);
		const codes = results.map((r) =>
			r.status === 'rejected' ? (r.reason as DomainError).code : 'ok'
		);
		expect(codes.filter((c) => c === 'invalid').length).toBeLessThanOrEqual(LOGIN_PER_ACCOUNT.max);
		expect(codes.filter((c) => c === 'throttled').length).toBeGreaterThanOrEqual(
			30 - LOGIN_PER_ACCOUNT.max
		);
		expect(codes.every((c) => c === 'invalid' || c === 'throttled')).toBe(true);
		// And the right password is refused too until the window passes.
		const blocked = await rejection(
			authenticate(t.db, { username: 'rosa', password: PASSWORD, address: '10.2.0.1' })
		);
		expect(blocked.code).toBe('throttled');
	});

	it('a success gives the address its attempt back', async () => {
		for (let i = 0; i < 3; i++) {
			await authenticate(t.db, { username: 'rosa', password: PASSWORD, address: '198.51.100.7' });
		}
		const row = await t.db
			.selectFrom('throttle')
			.select('failures')
			.where('key', '=', 'login:address:198.51.100.7')
			.executeTakeFirstOrThrow();
		expect(Number(row.failures)).toBe(0);
	});

	it('a success clears the account counter', async () => {
		for (let i = 0; i < LOGIN_PER_ACCOUNT.max - 1; i++) {
			await rejection(
				authenticate(t.db, { username: 'rosa', password: 'x'.repeat(10), address: 'a' })
			);
		}
		await authenticate(t.db, { username: 'rosa', password: PASSWORD, address: 'a' });
		await rejection(
			authenticate(t.db, { username: 'rosa', password: 'x'.repeat(10), address: 'a' })
		);
		await expect(
			authenticate(t.db, { username: 'rosa', password: PASSWORD, address: 'a' })
		).resolves.toBeDefined();
	});
});

describe('changing the password', () => {
	it('needs the current one, and ends every other session', async () => {
		const user = await registerUser(t.db, {
			username: 'rosa',
			display_name: 'Rosa',
			password: PASSWORD
		});
		const [here, stolen] = [generateSessionToken(), generateSessionToken()];
		const current = await createSession(t.db, here, user.id);
		await createSession(t.db, stolen, user.id);

		expect(
			(await rejection(changePassword(t.db, user.id, { current: 'no', next: 'otra frase larga' })))
				.fields
		).toHaveProperty('current_password.key', 'error_password_wrong');
		expect(
			(await rejection(changePassword(t.db, user.id, { current: PASSWORD, next: 'corta' }))).fields
		).toHaveProperty('new_password.key', 'error_password_short');
		expect((await validateSessionToken(t.db, stolen)).session).not.toBeNull();

		await changePassword(
			t.db,
			user.id,
			{ current: PASSWORD, next: 'otra frase larga' },
			current.id
		);
		expect((await validateSessionToken(t.db, stolen)).session).toBeNull();
		expect((await validateSessionToken(t.db, here)).session).not.toBeNull();
		await rejection(authenticate(t.db, { username: 'rosa', password: PASSWORD, address: 'a' }));
		await expect(
			authenticate(t.db, { username: 'rosa', password: 'otra frase larga', address: 'a' })
		).resolves.toBeDefined();
	});
});
