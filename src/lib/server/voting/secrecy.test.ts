import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { writeTx } from '$lib/server/db';
import { addMember, makeAssociation, type Fixture } from '$lib/server/testing';
import { castBallot } from './casting';
import { closeVote, createVote, openVote } from './index';
import { openBallot, sealBallot } from './secrecy';
import { getVotePage } from './view';

// Forensics on the SQLite file itself: where each ballot's bytes sit, against the order they were
// cast in; and on PostgreSQL's heap and WAL (at the end).
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
		secret: true
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

/** A secret motion cast through castBallot by `n` members, one after the other. */
async function castThroughTheApp(n: number) {
	const vote = await createVote(t.db, fx.leaderCtx, {
		title: '¿Compramos el tanque de frío?',
		secret: true
	});
	const voters = [];
	for (let i = 0; i < n; i++) voters.push(await addMember(t.db, fx));
	await openVote(t.db, fx.leaderCtx, vote.id);
	const receipts: string[] = [];
	for (const [i, v] of voters.entries()) {
		const cast = await castBallot(t.db, v.ctx, vote.id, { answer: i % 3 ? 'yes' : 'no' });
		receipts.push(cast.receipt!);
	}
	return { voteId: vote.id, receipts, voters };
}

describe.skipIf(!onSqlite)('secret ballots while the vote is open (SQLite)', () => {
	it('are sealed: neither the file nor its WAL holds a receipt or a choice', async () => {
		const cast = await castThroughTheApp(6);
		const bytes = Buffer.concat([
			fs.readFileSync(t.url),
			fs.existsSync(`${t.url}-wal`) ? fs.readFileSync(`${t.url}-wal`) : Buffer.alloc(0)
		]);
		for (const receipt of cast.receipts) expect(bytes.indexOf(receipt)).toBe(-1);
		// A choice as stored ({"answer":"yes"}), not the schema's columns named "answer".
		expect(bytes.indexOf('"answer":"')).toBe(-1);
		await closeVote(t.db, fx.leaderCtx, cast.voteId);
		const page = await getVotePage(t.db, cast.voters[0].ctx, cast.voteId);
		expect(page.receipts).toEqual([...cast.receipts].sort());
		expect(page.result?.kind === 'motion' && page.result.motion.counts).toEqual({
			yes: 4,
			no: 2,
			abstain: 0
		});
	});
});

describe('sealed ballots', () => {
	it('open only under their own vote and row, and all have one length per vote', () => {
		const a = sealBallot(7, 'row1', { receipt: 'AAAA', choice: '{"answer":"yes"}' }, 256);
		const b = sealBallot(7, 'row2', { receipt: 'BBBB', choice: '{"answer":"abstain"}' }, 256);
		expect(a.length).toBe(b.length);
		expect(openBallot(7, 'row1', a)).toEqual({ receipt: 'AAAA', choice: '{"answer":"yes"}' });
		expect(() => openBallot(8, 'row1', a)).toThrow(/BALLOT_KEY/);
		expect(() => openBallot(7, 'row2', a)).toThrow(/BALLOT_KEY/);
	});
});

// Forensics on PostgreSQL: transaction ids, physical places (ctid), dead tuples (pageinspect) and
// the write-ahead log itself (pg_read_binary_file on pg_wal), as a superuser would read them.
describe.skipIf(onSqlite)('secret ballots on PostgreSQL', () => {
	interface Tuple {
		xmin: string;
		data: Buffer | null;
	}

	/** Every tuple in a table's pages, live and dead, with its inserting transaction. */
	async function tuples(table: string): Promise<Tuple[]> {
		await sql`create extension if not exists pageinspect`.execute(t.db);
		const { rows } = await sql<{ xmin: string; data: Buffer | null }>`
			select i.t_xmin::text as xmin, i.t_data as data
			from generate_series(0, (pg_relation_size(${table}::regclass) / 8192)::int - 1) as b,
				heap_page_items(get_raw_page(${table}, b)) as i`.execute(t.db);
		return rows;
	}

	async function lsn(): Promise<string> {
		const { rows } = await sql<{ l: string }>`select pg_current_wal_lsn()::text as l`.execute(t.db);
		return rows[0].l;
	}

	/** The WAL bytes written between two positions (whole segments, read from pg_wal). */
	async function wal(from: string, to: string): Promise<Buffer> {
		const { rows } = await sql<{ name: string }>`
			select name from pg_ls_waldir()
			where name between pg_walfile_name(${from}::pg_lsn) and pg_walfile_name(${to}::pg_lsn)
			order by name`.execute(t.db);
		const parts: Buffer[] = [];
		for (const { name } of rows) {
			const r = await sql<{
				b: Buffer;
			}>`select pg_read_binary_file(${'pg_wal/' + name}) as b`.execute(t.db);
			parts.push(r.rows[0].b);
		}
		return Buffer.concat(parts);
	}

	async function participations(voteId: number) {
		const { rows } = await sql<{ xmin: string; created_at: number }>`
			select xmin::text as xmin, created_at from vote_participation where vote_id = ${voteId}
			order by created_at`.execute(t.db);
		return rows;
	}

	async function ballots(voteId: number) {
		const { rows } = await sql<{ xmin: string; ctid: string; id: string; receipt: string }>`
			select xmin::text as xmin, ctid::text as ctid, id, receipt from vote_ballot
			where vote_id = ${voteId}`.execute(t.db);
		return rows;
	}

	it('0 of N linkable by xmin, ctid or order, open and closed, in the heap and in the WAL', async () => {
		const N = 16;
		await sql`checkpoint`.execute(t.db).catch(() => {});
		const start = await lsn();
		const cast = await castThroughTheApp(N);
		const casting = new Set((await participations(cast.voteId)).map((p) => p.xmin));
		expect(casting.size).toBe(N);

		// Open: no readable ballot anywhere, in any tuple or in the WAL the casts wrote.
		expect(await ballots(cast.voteId)).toHaveLength(0);
		const sealedTuples = await tuples('vote_sealed_ballot');
		expect(sealedTuples.length).toBeGreaterThanOrEqual(N);
		for (const tuple of [...sealedTuples, ...(await tuples('vote_ballot'))])
			for (const receipt of cast.receipts) expect(tuple.data?.indexOf(receipt) ?? -1).toBe(-1);
		const beforeClose = await lsn();
		const castWal = await wal(start, beforeClose);
		expect(castWal.length).toBeGreaterThan(0);
		expect(cast.receipts.filter((r) => castWal.indexOf(r) !== -1)).toEqual([]);

		await closeVote(t.db, fx.leaderCtx, cast.voteId);

		// Closed: every ballot carries the closing transaction's xmin, none a casting one…
		const rows = await ballots(cast.voteId);
		expect(rows.map((r) => r.receipt).sort()).toEqual([...cast.receipts].sort());
		expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
		expect(rows.filter((r) => casting.has(r.xmin))).toEqual([]);
		// …their places follow their random ids, not the order of casting…
		const place = (c: string) => {
			const [block, item] = c.slice(1, -1).split(',').map(Number);
			return block * 1000 + item;
		};
		const byPlace = [...rows].sort((a, b) => place(a.ctid) - place(b.ctid)).map((r) => r.id);
		expect(byPlace).toEqual(rows.map((r) => r.id).sort());
		// …no tuple, live or dead, pairs a readable ballot with a casting transaction…
		for (const table of ['vote_ballot', 'vote_sealed_ballot'])
			for (const tuple of await tuples(table))
				if (cast.receipts.some((r) => (tuple.data?.indexOf(r) ?? -1) !== -1))
					expect(casting.has(tuple.xmin)).toBe(false);
		// …and the WAL holds the readable ballots only from the close (the control: it does).
		const closeWal = await wal(beforeClose, await lsn());
		expect(cast.receipts.filter((r) => closeWal.indexOf(r) !== -1).length).toBe(N);
		const page = await getVotePage(t.db, cast.voters[0].ctx, cast.voteId);
		expect(page.receipts).toEqual([...cast.receipts].sort());
	});
});
