import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/db/test-db';
import { writeTx } from '$lib/server/db';
import { makeAssociation, type Fixture } from '$lib/server/testing';
import { closeVote, createVote, openVote } from './index';

// Forensics on the SQLite file itself: where each ballot's bytes sit, against the order they were
// cast in. SQLite only (PostgreSQL's heap is discussed in secrecy.ts).
const onSqlite = !process.env.TEST_POSTGRES_URL;

let t: TestDb;
let fx: Fixture;

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
});
afterEach(async () => t.close());

/** Spearman's rank correlation of two orders of the same items (no ties). */
function spearman(a: number[], b: number[]): number {
	const rank = (xs: number[]) => {
		const r = new Array<number>(xs.length);
		xs.map((x, i) => [x, i] as const)
			.sort((p, q) => p[0] - q[0])
			.forEach(([, i], k) => (r[i] = k));
		return r;
	};
	const [ra, rb] = [rank(a), rank(b)];
	const n = a.length;
	return 1 - (6 * ra.reduce((s, r, i) => s + (r - rb[i]) ** 2, 0)) / (n * (n * n - 1));
}

interface Cast {
	voteId: number;
	/** In the order they were cast. */
	ballots: { id: string; receipt: string }[];
}

/** A secret motion with `n` ballots, each written in its own transaction as castBallot does. */
async function castSecretBallots(n: number): Promise<Cast> {
	const vote = await createVote(t.db, fx.leaderCtx, {
		title: '¿Cambiamos de comprador?',
		secret: 'on'
	});
	await openVote(t.db, fx.leaderCtx, vote.id);
	const ballots: Cast['ballots'] = [];
	for (let i = 0; i < n; i++) {
		const ballot = {
			id: randomBytes(10).toString('hex'),
			receipt: `R${randomBytes(9).toString('hex').toUpperCase()}`
		};
		ballots.push(ballot);
		await writeTx(t.db, (tx) =>
			tx
				.insertInto('vote_ballot')
				.values({
					vote_id: vote.id,
					...ballot,
					elector_key: null,
					choice: JSON.stringify({ answer: i % 3 ? 'yes' : 'no' })
				})
				.execute()
		);
	}
	return { voteId: vote.id, ballots };
}

/**
 * Where each ballot's row sits in the database file (the copy followed by its choice; the receipt
 * index holds a second copy of the receipt), and how many copies of each receipt the file holds.
 */
function layout(ballots: Cast['ballots']): { rowAt: number[]; copies: number[] } {
	const file = fs.readFileSync(t.url);
	const rowAt: number[] = [];
	const copies: number[] = [];
	for (const { receipt } of ballots) {
		let count = 0;
		let row = -1;
		for (let at = file.indexOf(receipt); at !== -1; at = file.indexOf(receipt, at + 1)) {
			count++;
			if (file.subarray(at + receipt.length, at + receipt.length + 2).toString() === '{"') row = at;
		}
		rowAt.push(row);
		copies.push(count);
	}
	return { rowAt, copies };
}

describe.skipIf(!onSqlite)('secret ballots at the close', () => {
	it('are rewritten in the order of their random keys, leaving no older copy', async () => {
		const cast = await castSecretBallots(30);
		const order = cast.ballots.map((_, i) => i);
		await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.db);
		// The leak this guards against: in a small vote, one page holds the ballots in casting order.
		const open = layout(cast.ballots);
		expect(Math.abs(spearman(order, open.rowAt))).toBeGreaterThan(0.9);

		await closeVote(t.db, fx.leaderCtx, cast.voteId);
		const closed = layout(cast.ballots);
		// The rows now follow the random keys, and nothing else…
		const byPlace = [...cast.ballots.keys()].sort((a, b) => closed.rowAt[a] - closed.rowAt[b]);
		const byKey = [...cast.ballots.keys()].sort((a, b) =>
			cast.ballots[a].id < cast.ballots[b].id ? -1 : 1
		);
		// (a page fills from its end: the first key written sits last)
		expect(byPlace).toEqual(byKey.reverse());
		// …each receipt is in the file twice (its row and the receipt index), no zombie copies…
		expect(closed.copies.every((n) => n === 2)).toBe(true);
		// …and no old page image waits in the WAL.
		expect(fs.statSync(`${t.url}-wal`).size).toBe(0);
		const row = await t.db
			.selectFrom('vote')
			.select('result')
			.where('id', '=', cast.voteId)
			.executeTakeFirstOrThrow();
		expect((JSON.parse(row.result!) as { motion: { counts: unknown } }).motion.counts).toEqual({
			yes: 20,
			no: 10,
			abstain: 0
		});
	});

	it('over a thousand ballots, their places are unrelated to the casting order', async () => {
		const cast = await castSecretBallots(1000);
		await closeVote(t.db, fx.leaderCtx, cast.voteId);
		const closed = layout(cast.ballots);
		expect(closed.copies.every((n) => n === 2)).toBe(true);
		// |ρ| < 0.1 is the promise (security.md P6); 0.15 keeps a chance failure below 1 in 10^5.
		const rho = spearman(
			cast.ballots.map((_, i) => i),
			closed.rowAt
		);
		expect(Math.abs(rho)).toBeLessThan(0.15);
	});
});
