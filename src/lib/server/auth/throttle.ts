import {
	sql,
	type ExpressionBuilder,
	type OnConflictDatabase,
	type OnConflictTables
} from 'kysely';
import type { Db } from '$lib/server/db';
import type { DB } from '$lib/server/db/schema';

export interface Limit {
	/** Attempts allowed inside one window. */
	max: number;
	windowMs: number;
}

const MINUTE = 60_000;
// shared/reference/security.md, P14: at most 10 failed logins per account per 15 minutes and 100
// per address per hour. A fixed window means the owner is never locked out longer than 15 minutes.
export const LOGIN_PER_ACCOUNT: Limit = { max: 10, windowMs: 15 * MINUTE };
export const LOGIN_PER_ADDRESS: Limit = { max: 100, windowMs: 60 * MINUTE };

/**
 * New accounts per address per hour (REGISTRATIONS_PER_HOUR, 20 by default): enough for a family or
 * an assembly room sharing one connection, too few to fill the site with accounts.
 */
export function registrationsPerAddress(): Limit {
	const max = Number(process.env.REGISTRATIONS_PER_HOUR);
	return { max: Number.isSafeInteger(max) && max > 0 ? max : 20, windowMs: 60 * MINUTE };
}

/**
 * Counts one attempt for `key` and answers, from the same statement, the milliseconds until it
 * may try again (0: this attempt may go ahead). The count is taken BEFORE the password is checked,
 * by one upsert that returns the new count, so parallel attempts (from one instance or many on
 * one database) each see a distinct number: at most `max` of them ever reach the password check.
 * A window that has expired starts again at this attempt.
 */
export async function countAttempt(db: Db, key: string, limit: Limit, now = Date.now()) {
	const row = await db
		.insertInto('throttle')
		.values({ key, failures: 1, window_start: now })
		.onConflict((oc) => oc.column('key').doUpdateSet(countInWindow(now - limit.windowMs, now)))
		.returning(['failures', 'window_start'])
		.executeTakeFirstOrThrow();
	if (Number(row.failures) <= limit.max) return 0;
	return Math.max(1, Number(row.window_start) + limit.windowMs - now);
}

/** Takes back one counted attempt that turned out to be a success (the address's counter). */
export async function forgiveAttempt(db: Db, key: string) {
	await db
		.updateTable('throttle')
		.set({ failures: sql<number>`failures - 1` })
		.where('key', '=', key)
		.where('failures', '>', 0)
		.execute();
}

/** Milliseconds until `key` may try again, or 0 when it is not blocked (reads, counts nothing). */
export async function throttledFor(db: Db, key: string, limit: Limit, now = Date.now()) {
	const row = await db
		.selectFrom('throttle')
		.select(['failures', 'window_start'])
		.where('key', '=', key)
		.executeTakeFirst();
	if (!row || now - row.window_start >= limit.windowMs || row.failures < limit.max) return 0;
	return row.window_start + limit.windowMs - now;
}

/**
 * The upsert's update: one more in the current window, or the first of a new window when the
 * stored one started at or before `expired`.
 */
function countInWindow(expired: number, now: number) {
	return (
		eb: ExpressionBuilder<OnConflictDatabase<DB, 'throttle'>, OnConflictTables<'throttle'>>
	) => ({
		failures: eb
			.case()
			.when('throttle.window_start', '<=', expired)
			.then(1)
			.else(eb('throttle.failures', '+', 1))
			.end(),
		window_start: eb
			.case()
			.when('throttle.window_start', '<=', expired)
			.then(now)
			.else(eb.ref('throttle.window_start'))
			.end()
	});
}

export async function clearFailures(db: Db, key: string) {
	await db.deleteFrom('throttle').where('key', '=', key).execute();
}

/**
 * Counts one attempt under `key` if its window has room, in one statement (parallel attempts
 * cannot all slip under the limit, and none is refused while there is room); false when full.
 */
export async function takeAttempt(db: Db, key: string, limit: Limit, now = Date.now()) {
	const expired = now - limit.windowMs;
	const result = await db
		.insertInto('throttle')
		.values({ key, failures: 1, window_start: now })
		.onConflict((oc) =>
			oc
				.column('key')
				.doUpdateSet(countInWindow(expired, now))
				.where((eb) =>
					eb.or([
						eb('throttle.window_start', '<=', expired),
						eb('throttle.failures', '<', limit.max)
					])
				)
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
