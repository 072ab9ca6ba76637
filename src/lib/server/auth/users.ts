import { DISPLAY_NAME_MAX, USERNAME_MAX, USERNAME_MIN } from '$lib/auth/limits';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { isUniqueViolation, type Db } from '$lib/server/db';
import type { User } from '$lib/server/db/schema';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine, usernameKey } from '$lib/server/text';
import { invalidateUserSessions } from './session';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './password';
import {
	clearFailures,
	countAttempt,
	forgiveAttempt,
	LOGIN_PER_ACCOUNT,
	LOGIN_PER_ADDRESS,
	registrationsPerAddress,
	takeAttempt,
	throttledFor
} from './throttle';

export const LOCALES = ['es', 'en', 'qu', 'ay'] as const;
export type Locale = (typeof LOCALES)[number];

const USERNAME = new RegExp(`^[\\p{L}\\p{N}._-]{${USERNAME_MIN},${USERNAME_MAX}}$`, 'u');

export function isLocale(value: unknown): value is Locale {
	return (LOCALES as readonly unknown[]).includes(value);
}

function generateUserId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
}

function displayNameProblem(name: string): string | undefined {
	if (!name) return 'error_display_name_required';
	if (name.length > DISPLAY_NAME_MAX) return 'error_display_name_long';
	return undefined;
}

export interface RegisterInput {
	username?: unknown;
	display_name?: unknown;
	password?: unknown;
	locale?: unknown;
	/**
	 * The client's address: accounts made from one address are limited per hour. Absent only for
	 * accounts made on the server itself (the demo seed, tests), which nothing limits.
	 */
	address?: string;
}

/**
 * Creates an account. Each well-formed attempt from an address counts against that address's
 * hourly limit before the password is hashed.
 */
export async function registerUser(db: Db, input: RegisterInput): Promise<User> {
	const username = cleanLine(input.username);
	const displayName = cleanLine(input.display_name);
	const password = typeof input.password === 'string' ? input.password : '';

	const fields: Record<string, string> = {};
	if (!USERNAME.test(username)) fields.username = 'error_username_format';
	const nameProblem = displayNameProblem(displayName);
	if (nameProblem) fields.display_name = nameProblem;
	const pwProblem = passwordProblem(password);
	if (pwProblem) fields.password = pwProblem;
	if (Object.keys(fields).length) throw invalid(fields);

	if (input.address !== undefined) await countRegistration(db, input.address);

	const user: User = {
		id: generateUserId(),
		username,
		username_key: usernameKey(username),
		display_name: displayName,
		password_hash: await hashPassword(password),
		locale: isLocale(input.locale) ? input.locale : 'es',
		created_at: Date.now()
	};
	try {
		await db.insertInto('user').values(user).execute();
	} catch (err) {
		if (isUniqueViolation(err)) throw invalid({ username: 'error_username_taken' });
		throw err;
	}
	return user;
}

/** Counts one registration from `address`; refused once the address is over its hourly limit. */
async function countRegistration(db: Db, address: string): Promise<void> {
	const limit = registrationsPerAddress();
	const key = `register:address:${address}`;
	if (await takeAttempt(db, key, limit)) return;
	const wait = await throttledFor(db, key, limit);
	throw new DomainError('throttled', {
		key: 'error_register_throttled',
		params: { minutes: Math.max(1, Math.ceil(wait / 60_000)) }
	});
}

export async function getUserByUsername(db: Db, username: string): Promise<User | undefined> {
	return db
		.selectFrom('user')
		.selectAll()
		.where('username_key', '=', usernameKey(cleanLine(username)))
		.executeTakeFirst();
}

export interface LoginInput {
	username?: unknown;
	password?: unknown;
	/** The client's address, for the per-address throttle. */
	address: string;
}

/**
 * Checks a username and password. Failures are throttled per account and per address; the
 * answer for a wrong password and for an unknown user is the same, in message and in time.
 */
export async function authenticate(db: Db, input: LoginInput): Promise<User> {
	const username = cleanLine(input.username);
	const password = typeof input.password === 'string' ? input.password : '';
	if (!username || !password) {
		throw invalid({
			...(username ? {} : { username: 'error_required' }),
			...(password ? {} : { password: 'error_required' })
		});
	}
	const accountKey = `login:account:${usernameKey(username)}`;
	const addressKey = `login:address:${input.address}`;
	// Counted before the password is checked, atomically: see countAttempt.
	const wait = Math.max(
		await countAttempt(db, accountKey, LOGIN_PER_ACCOUNT),
		await countAttempt(db, addressKey, LOGIN_PER_ADDRESS)
	);
	if (wait > 0) {
		throw new DomainError('throttled', {
			key: 'error_login_throttled',
			params: { minutes: Math.ceil(wait / 60_000) }
		});
	}

	const user = await getUserByUsername(db, username);
	const ok = user
		? await verifyPassword(user.password_hash, password)
		: (await verifyAgainstDummy(password), false);
	if (!user || !ok) throw new DomainError('invalid', 'error_login_failed');
	// A success was no failure: the account starts afresh and the address gets its attempt back.
	await forgiveAttempt(db, addressKey);
	await clearFailures(db, accountKey);
	return user;
}

/** Sets a new password and ends every other session of the user (a stolen one among them). */
export async function changePassword(
	db: Db,
	userId: string,
	input: { current?: unknown; next?: unknown },
	keepSessionId?: string
): Promise<void> {
	const current = typeof input.current === 'string' ? input.current : '';
	const next = typeof input.next === 'string' ? input.next : '';
	const user = await db
		.selectFrom('user')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user) throw new DomainError('not_found', 'error_not_found');
	const problem = passwordProblem(next);
	if (problem) throw invalid({ new_password: problem });
	if (!(await verifyPassword(user.password_hash, current))) {
		throw invalid({ current_password: 'error_password_wrong' });
	}
	await db
		.updateTable('user')
		.set({ password_hash: await hashPassword(next) })
		.where('id', '=', userId)
		.execute();
	await invalidateUserSessions(db, userId, keepSessionId);
}

export async function updateProfile(
	db: Db,
	userId: string,
	input: { display_name?: unknown }
): Promise<void> {
	const displayName = cleanLine(input.display_name);
	const problem = displayNameProblem(displayName);
	if (problem) throw invalid({ display_name: problem });
	await db
		.updateTable('user')
		.set({ display_name: displayName })
		.where('id', '=', userId)
		.execute();
}

export async function setUserLocale(db: Db, userId: string, locale: unknown): Promise<void> {
	if (!isLocale(locale)) throw invalid({ locale: 'error_locale' });
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
}
