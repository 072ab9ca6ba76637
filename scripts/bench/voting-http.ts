// Casting through the real HTTP form action: 200 voters at once against the production server
// (server.js over build/, its own SQLite file, synchronous=FULL), beside raw single-row SQLite
// commits with the same durability, and /healthz beside the same route in a bare SvelteKit app on
// adapter-node, all in the same run. Prints one JSON line per scenario.
//
//   npm run bench:voting    (or: npm run build && npx tsx scripts/bench/voting-http.ts [voters=200] [votes=10])
//
// Each voter casts once in each of the open votes, all voters at the same time, through the same
// form action a browser posts to. Two paths: the one without JavaScript (the vote page ships none:
// the post is answered with a redirect to the vote's page, which the voter's browser then loads to
// see the receipt: both requests are timed), and the one a script would take
// (`x-sveltekit-action`, JSON answer). Afterwards the database must hold exactly voters × votes
// ballots.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
	acceptInvitation,
	createInvitation,
	loadAssociationContext
} from '$lib/server/associations';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { registerUser } from '$lib/server/auth/users';
import { createDb } from '$lib/server/db';
import { requireBuild, startServer } from '$lib/server/testing/process';
import { castBallot, createVote, openVote } from '$lib/server/voting';
import { buildBareApp, startBareApp } from './bare-app';
import { benchAssociation, percentile } from './shared';

const VOTERS = Number(process.argv[2] ?? 200);
const VOTES = Number(process.argv[3] ?? 10);
const dir = path.resolve('data');
fs.mkdirSync(dir, { recursive: true });

function fresh(file: string) {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
	return file;
}

/** The association, its voters with open sessions, and `count` open votes, made through the domain. */
async function setUp(file: string, count: number) {
	const { db, leader, association } = await benchAssociation(file);
	const leaderCtx = (await loadAssociationContext(db, association.slug, leader))!;
	const invitation = await createInvitation(db, leaderCtx, {
		role: 'member',
		days: 1,
		max_uses: VOTERS
	});
	const cookies: string[] = [];
	const users: { id: string; display_name: string }[] = [];
	for (let i = 0; i < VOTERS; i++) {
		const user = await registerUser(db, {
			username: `votante${i}`,
			display_name: `Votante ${i}`,
			password: 'correct horse battery'
		});
		await acceptInvitation(db, user, association.slug, invitation.code);
		users.push(user);
		const token = generateSessionToken();
		await createSession(db, token, user.id);
		cookies.push(`minka_session=${token}`);
	}
	const votes: number[] = [];
	for (let i = 0; i < count; i++) {
		const vote = await createVote(db, leaderCtx, { title: `Moción ${i + 1}`, secret: true });
		await openVote(db, leaderCtx, vote.id);
		votes.push(vote.id);
	}
	await db.destroy();
	return { slug: association.slug, cookies, users, votes };
}

async function castAll(
	base: string,
	setup: Awaited<ReturnType<typeof setUp>>,
	mode: 'html' | 'json'
) {
	const latencies: number[] = [];
	let failures = 0;
	const headers = (cookie: string): Record<string, string> => ({
		origin: base,
		'content-type': 'application/x-www-form-urlencoded',
		cookie,
		...(mode === 'json'
			? { accept: 'application/json', 'x-sveltekit-action': 'true' }
			: { accept: 'text/html' })
	});
	const started = performance.now();
	await Promise.all(
		setup.cookies.map(async (cookie, i) => {
			for (const vote of setup.votes) {
				const t0 = performance.now();
				const page = `${base}/a/${setup.slug}/votes/${vote}`;
				const res = await fetch(`${page}?/cast`, {
					method: 'POST',
					redirect: 'manual',
					headers: headers(cookie),
					body: new URLSearchParams({ answer: i % 3 === 0 ? 'no' : 'yes' })
				});
				const body = await res.text();
				let ok: boolean;
				if (mode === 'json') ok = body.includes('"type":"redirect"');
				else {
					// What the browser does with the 303: load the page, with the cookie it was given.
					const notice = res.headers.getSetCookie().map((c) => c.split(';')[0]);
					const shown = await fetch(new URL(res.headers.get('location') ?? page, base), {
						headers: { cookie: [cookie, ...notice].join('; '), accept: 'text/html' }
					});
					ok = res.status === 303 && /class="code[ "]/.test(await shown.text());
				}
				latencies.push(performance.now() - t0);
				if (!ok) failures++;
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	return {
		ballots: latencies.length,
		failures,
		ballots_per_s: Math.round(latencies.length / seconds),
		p50_ms: +percentile(latencies, 50).toFixed(1),
		p99_ms: +percentile(latencies, 99).toFixed(1)
	};
}

/** What the same client gets from the same server for the lightest request (one indexed read). */
async function ceiling(base: string, clients: number, each: number) {
	const latencies: number[] = [];
	const started = performance.now();
	await Promise.all(
		Array.from({ length: clients }, async () => {
			for (let i = 0; i < each; i++) {
				const t0 = performance.now();
				await (await fetch(`${base}/healthz`)).text();
				latencies.push(performance.now() - t0);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	return {
		requests_per_s: Math.round(latencies.length / seconds),
		p50_ms: +percentile(latencies, 50).toFixed(1),
		p99_ms: +percentile(latencies, 99).toFixed(1)
	};
}

/** The same casts without HTTP: the domain function and SQLite alone, all voters at once. */
async function inProcess(file: string, setup: Awaited<ReturnType<typeof setUp>>, vote: number) {
	const db = createDb(file);
	const contexts = await Promise.all(
		setup.users.map(async (user) => (await loadAssociationContext(db, setup.slug, user))!)
	);
	const started = performance.now();
	await Promise.all(contexts.map((ctx) => castBallot(db, ctx, vote, { answer: 'yes' })));
	const seconds = (performance.now() - started) / 1000;
	await db.destroy();
	return { ballots: contexts.length, ballots_per_s: Math.round(contexts.length / seconds) };
}

function countBallots(file: string): number {
	const db = new Database(file, { readonly: true });
	const { n } = db
		.prepare(
			'select (select count(*) from vote_ballot) + (select count(*) from vote_sealed_ballot) as n'
		)
		.get() as { n: number };
	db.close();
	return n;
}

/** Single-row transactions, each committed with the server's durability (WAL, synchronous=FULL). */
function rawCommits(file: string, n: number) {
	const db = new Database(fresh(file));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.exec('create table t (id integer primary key, v text not null)');
	const insert = db.prepare('insert into t (v) values (?)');
	const started = performance.now();
	for (let i = 0; i < n; i++) {
		db.exec('begin immediate');
		insert.run(`ballot ${i}`);
		db.exec('commit');
	}
	const seconds = (performance.now() - started) / 1000;
	db.close();
	fresh(file);
	return Math.round(n / seconds);
}

requireBuild();
const bareDir = buildBareApp();
let healthz = 0;
for (const mode of ['html', 'json'] as const) {
	const file = fresh(path.join(dir, `bench-voting-${mode}-${process.pid}.db`));
	const setup = await setUp(file, VOTES + (mode === 'json' ? 1 : 0));
	if (mode === 'json')
		console.log(
			JSON.stringify({
				scenario: 'cast in process (castBallot and SQLite, no HTTP), all voters at once',
				...(await inProcess(file, setup, setup.votes.pop()!))
			})
		);
	const server = await startServer(file);
	try {
		await castAll(server.base, { ...setup, votes: setup.votes.slice(0, 1) }, mode); // warm-up
		const result = await castAll(server.base, { ...setup, votes: setup.votes.slice(1) }, mode);
		const stored = countBallots(file);
		if (mode === 'html') {
			const bare = await startBareApp(bareDir);
			try {
				await ceiling(server.base, VOTERS, 2); // warm-up
				await ceiling(bare.base, VOTERS, 2);
				const minka = await ceiling(server.base, VOTERS, VOTES * 2);
				const plain = await ceiling(bare.base, VOTERS, VOTES * 2);
				healthz = minka.requests_per_s;
				console.log(
					JSON.stringify({
						scenario:
							'GET /healthz: Minka against a bare SvelteKit app (adapter-node), same client',
						clients: VOTERS,
						minka,
						bare: plain,
						ratio: +(minka.requests_per_s / plain.requests_per_s).toFixed(2)
					})
				);
			} finally {
				bare.proc.kill('SIGTERM');
			}
		}
		const raw = rawCommits(path.join(dir, `bench-raw-${process.pid}.db`), 4000);
		console.log(
			JSON.stringify({
				scenario: `cast ballots over HTTP (${mode === 'html' ? 'form post without JavaScript' : 'form action, enhanced'})`,
				voters: VOTERS,
				...result,
				stored_ballots: stored,
				expected_ballots: VOTERS * VOTES + (mode === 'json' ? VOTERS : 0),
				raw_commits_per_s: raw,
				ratio_to_raw: +(result.ballots_per_s / raw).toFixed(2),
				healthz_per_s: healthz,
				ratio_to_healthz: +(result.ballots_per_s / healthz).toFixed(2)
			})
		);
	} finally {
		server.proc.kill('SIGTERM');
		await server.exited;
		fresh(file);
	}
}
fs.rmSync(bareDir, { recursive: true, force: true });
