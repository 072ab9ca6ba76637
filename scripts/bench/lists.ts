// What a list page costs as an association's history grows: the domain reads behind the votes
// list, the home page's open votes, a decision page, the register's word search and the members
// page, at 10 / 1,000 / 10,000 items, in process on a real SQLite file (the same migrations).
// Prints one JSON line per size and, last, the ratio of each p50 at the largest size to the
// smallest (the goal: at most 2).
//
//   npm run bench:lists [-- 10 1000 10000]
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { addMemberWithoutAccount, loadAssociationContext } from '$lib/server/associations';
import {
	listDecisions,
	readArchiveFilters,
	getDecision,
	recordConsensus
} from '$lib/server/record';
import {
	CLOSED_VOTES_PAGE,
	closeVote,
	createVote,
	listOpenVotes,
	listVotes,
	openVote
} from '$lib/server/voting';
import { listMembers } from '$lib/server/associations';
import { benchAssociation, percentile } from './shared';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = SIZES.length ? SIZES : [10, 1000, 10000];
const RUNS = 40;
const dir = path.resolve('data');
fs.mkdirSync(dir, { recursive: true });

function fresh(file: string) {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
	return file;
}

/** Copies row `id` of `table` `n` times (all columns but id), `change` overriding some. */
async function copies(
	db: Awaited<ReturnType<typeof benchAssociation>>['db'],
	table: string,
	id: number,
	n: number,
	change: Record<string, string> = {}
) {
	const cols = (
		await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
	).rows
		.map((r) => r.name)
		.filter((c) => c !== 'id');
	const select = cols.map((c) => change[c] ?? c).join(', ');
	await sql
		.raw(
			`with recursive k(i) as (select 1 union all select i + 1 from k where i < ${n})
			 insert into ${table} (${cols.join(', ')}) select ${select} from ${table}, k where ${table}.id = ${id}`
		)
		.execute(db);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
	for (let i = 0; i < 3; i++) await fn(); // warm
	const t: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await fn();
		t.push(performance.now() - t0);
	}
	t.sort((a, b) => a - b);
	return +percentile(t, 50).toFixed(2);
}

const results: Record<number, Record<string, number>> = {};
for (const n of sizes) {
	const file = fresh(path.join(dir, `bench-lists-${n}-${process.pid}.db`));
	const { db, leader, association } = await benchAssociation(file);
	await sql`pragma synchronous = off`.execute(db);
	const ctx = (await loadAssociationContext(db, association.slug, leader))!;
	// Votes: n closed ones (copies of one closed through the domain) and one open.
	const closed = await createVote(db, ctx, { title: 'Compra del tanque' });
	await openVote(db, ctx, closed.id);
	await closeVote(db, ctx, closed.id);
	if (n > 1) await copies(db, 'vote', closed.id, n - 1);
	const open = await createVote(db, ctx, { title: 'Moción abierta' });
	await openVote(db, ctx, open.id);
	// Decisions: n entries of the hash chain, through the domain.
	for (let i = 0; i < n; i++) {
		await recordConsensus(db, ctx, {
			title: i % 10 === 0 ? `Compra del tanque ${i}` : `Acuerdo ${i}`,
			summary: 'Un acuerdo de la asamblea.',
			decidedAt: '2025-06-01T10:00'
		});
	}
	// Members: n without an account.
	const first = await addMemberWithoutAccount(db, ctx, { name: 'Socia Uno', community: 'Punata' });
	if (n > 1)
		await copies(db, 'member', first.id, n - 1, {
			name: `'Socio ' || k.i`,
			id_number: 'null'
		});
	const seq = Math.ceil(n / 2);
	results[n] = {
		votes_list: await time(() =>
			Promise.all([
				listVotes(db, ctx, { status: ['open'], limit: 50 }),
				listVotes(db, ctx, { status: ['preparing'], limit: 50 }),
				listVotes(db, ctx, { status: ['closed', 'cancelled'], limit: CLOSED_VOTES_PAGE + 1 })
			])
		),
		home_open_votes: await time(() => listOpenVotes(db, ctx)),
		decision_page: await time(() => getDecision(db, ctx, seq)),
		register_page: await time(() =>
			listDecisions(db, ctx, readArchiveFilters(new URLSearchParams()))
		),
		word_search: await time(() =>
			listDecisions(db, ctx, readArchiveFilters(new URLSearchParams('q=tanque')))
		),
		members_page: await time(() => listMembers(db, association.id))
	};
	console.log(JSON.stringify({ items: n, p50_ms: results[n] }));
	await db.destroy();
	fresh(file);
}
const [small, large] = [sizes[0], sizes[sizes.length - 1]];
console.log(
	JSON.stringify({
		ratio_p50: `${large} / ${small}`,
		...Object.fromEntries(
			Object.keys(results[small]).map((k) => [
				k,
				+(results[large][k] / results[small][k]).toFixed(2)
			])
		)
	})
);
