// Several instances on one PostgreSQL database (issue 16):
//   fan-out   one writer typing on instance A, N readers (raw WebSockets) either all on A or split
//             half on A, half on B: time from each edit until every reader has it (p50/p99), and
//             the two-instance / one-instance ratio (B's readers get it through NOTIFY + a read)
//   casting   ten secret votes open at once, every voter casting in all ten, through one
//             instance (one pool) or two (two pools, voters split): ballots/s and p50/p99
// The instances are two collab servers, each with its own HTTP server and connection pool, in
// this one process (they share its CPU, as they would share a 2-core machine).
//
//   TEST_POSTGRES_URL=postgres://… npx tsx scripts/bench/instances.ts [--quick]
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import {
	acceptInvitation,
	createInvitation,
	loadAssociationContext
} from '$lib/server/associations';
import { SESSION_COOKIE } from '$lib/server/auth/cookie';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { registerUser } from '$lib/server/auth/users';
import { createCollabServer, type CollabServer } from '$lib/server/collab/server';
import { encodeSyncStep1, encodeUpdate } from '$lib/server/collab/protocol';
import { createDb, type DB } from '$lib/server/db';
import { createTestDb } from '$lib/server/testing/db';
import { createDraft } from '$lib/server/drafts';
import { castBallot, createVote, openVote } from '$lib/server/voting';
import { percentile, seedBenchAssociation } from './shared';

const QUICK = process.argv.includes('--quick');
if (!process.env.TEST_POSTGRES_URL) {
	console.error('Set TEST_POSTGRES_URL to a PostgreSQL database (a schema of its own is made).');
	process.exit(2);
}
const READERS = QUICK ? [10, 50] : [10, 50, 200];
const EDITS = QUICK ? 40 : 100;
const EDIT_GAP_MS = 50;
const VOTERS = QUICK ? 40 : 100;
const VOTES = 10;

const load = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
console.log(JSON.stringify({ machine: { cpus: os.cpus().length, loadavg_start: load() } }));

const testDb = await createTestDb();
const db = testDb.db;
const { leader, association } = await seedBenchAssociation(db);
const leaderCtx = (await loadAssociationContext(db, association.slug, leader))!;

interface Instance {
	collab: CollabServer;
	server: http.Server;
	url: string;
	db: Kysely<DB>;
}

async function instance(): Promise<Instance> {
	const own = createDb(testDb.url);
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const collab = createCollabServer({
		db: own,
		origin: 'http://bench.local',
		databaseUrl: testDb.url,
		limits: { recheckIntervalMs: 600_000, messagesPerSecond: 10_000 },
		log: { warn: () => {}, error: (m, ...d) => console.error(m, ...d) }
	});
	server.on('upgrade', collab.handleUpgrade);
	await collab.fanout?.ready;
	return { collab, server, url: `ws://127.0.0.1:${port}/collab`, db: own };
}

async function stop(i: Instance) {
	await i.collab.close();
	i.server.closeAllConnections();
	await new Promise((resolve) => i.server.close(resolve));
	await i.db.destroy();
}

const a = await instance();
const b = await instance();
const token = generateSessionToken();
await createSession(db, token, leader.id);
const headers = { origin: 'http://bench.local', cookie: `${SESSION_COOKIE}=${token}` };

/** A reader: a Y.Doc fed by the update messages; `onLength` hears the text's length as it grows. */
function reader(url: string, draftId: number, onLength: (n: number) => void): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${url}/${draftId}`, { headers });
		const doc = new Y.Doc();
		const text = doc.getText('t');
		ws.on('open', () => {
			ws.send(encodeSyncStep1(Y.encodeStateVector(doc)));
			resolve(ws);
		});
		ws.on('message', (data: Buffer) => {
			if (data[0] !== 0 || (data[1] !== 2 && data[1] !== 1)) return;
			const decoder = decoding.createDecoder(new Uint8Array(data));
			decoding.readVarUint(decoder);
			decoding.readVarUint(decoder);
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
			onLength(text.length);
		});
		ws.on('close', () => doc.destroy());
		ws.on('error', reject);
	});
}

async function fanout(readers: number, split: boolean) {
	const draft = await createDraft(db, leaderCtx, { kind: 'investment_plan', title: 'Plan' });
	const arrivals: number[][] = [];
	const sockets: WebSocket[] = [];
	for (let r = 0; r < readers; r++) {
		const times: number[] = [];
		arrivals.push(times);
		const on = split && r % 2 === 1 ? b : a;
		sockets.push(
			await reader(on.url, draft.id, (n) => {
				while (times.length < n) times.push(performance.now());
			})
		);
	}
	const writer = await new Promise<WebSocket>((resolve, reject) => {
		const ws = new WebSocket(`${a.url}/${draft.id}`, { headers });
		ws.on('open', () => resolve(ws));
		ws.on('error', reject);
	});
	await new Promise((resolve) => setTimeout(resolve, 300));
	const doc = new Y.Doc();
	const text = doc.getText('t');
	const sent: number[] = [];
	for (let e = 0; e < EDITS; e++) {
		const before = Y.encodeStateVector(doc);
		text.insert(text.length, 'x');
		sent.push(performance.now());
		writer.send(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
		await new Promise((resolve) => setTimeout(resolve, EDIT_GAP_MS));
	}
	const deadline = Date.now() + 10_000;
	while (arrivals.some((t) => t.length < EDITS) && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 20));
	const latencies: number[] = [];
	let missed = 0;
	for (let e = 0; e < EDITS; e++) {
		const last = Math.max(...arrivals.map((t) => t[e] ?? Infinity));
		if (last === Infinity) missed++;
		else latencies.push(last - sent[e]);
	}
	latencies.sort((x, y) => x - y);
	for (const ws of [...sockets, writer]) ws.terminate();
	return {
		p50_ms: +percentile(latencies, 50).toFixed(2),
		p99_ms: +percentile(latencies, 99).toFixed(2),
		missed
	};
}

const fanoutRows: unknown[] = [];
for (const n of READERS) {
	const one = await fanout(n, false);
	const two = await fanout(n, true);
	const row = {
		scenario: 'fanout',
		readers: n,
		one_instance: one,
		two_instances: two,
		ratio_p50: +(two.p50_ms / one.p50_ms).toFixed(2),
		ratio_p99: +(two.p99_ms / one.p99_ms).toFixed(2)
	};
	fanoutRows.push(row);
	console.log(JSON.stringify(row));
}

// Casting: VOTERS members, VOTES secret motions open at once.
const invitation = await createInvitation(db, leaderCtx, {
	role: 'member',
	days: 7,
	max_uses: VOTERS + 5
});
const voters: Awaited<ReturnType<typeof registerUser>>[] = [];
for (let v = 0; v < VOTERS; v++) {
	const user = await registerUser(db, {
		username: `votante${v}`,
		display_name: `Votante ${v}`,
		password: 'correct horse battery'
	});
	await acceptInvitation(db, user, association.slug, invitation.code);
	voters.push(user);
}

async function casting(instances: Kysely<DB>[]) {
	const votes: number[] = [];
	for (let k = 0; k < VOTES; k++) {
		const vote = await createVote(db, leaderCtx, { title: `Moción ${k}`, secret: true });
		await openVote(db, leaderCtx, vote.id);
		votes.push(vote.id);
	}
	const contexts = await Promise.all(
		voters.map(async (user, i) => {
			const on = instances[i % instances.length];
			return { on, ctx: (await loadAssociationContext(on, association.slug, user))! };
		})
	);
	const times: number[] = [];
	const started = performance.now();
	await Promise.all(
		contexts.flatMap(({ on, ctx }) =>
			votes.map(async (voteId) => {
				const t0 = performance.now();
				await castBallot(on, ctx, voteId, { answer: 'yes' });
				times.push(performance.now() - t0);
			})
		)
	);
	const seconds = (performance.now() - started) / 1000;
	times.sort((x, y) => x - y);
	return {
		ballots: times.length,
		ballots_per_s: Math.round(times.length / seconds),
		p50_ms: +percentile(times, 50).toFixed(1),
		p99_ms: +percentile(times, 99).toFixed(1)
	};
}

const castOne = await casting([a.db]);
console.log(JSON.stringify({ scenario: 'casting', instances: 1, votes: VOTES, ...castOne }));
const castTwo = await casting([a.db, b.db]);
console.log(JSON.stringify({ scenario: 'casting', instances: 2, votes: VOTES, ...castTwo }));
console.log(JSON.stringify({ machine: { loadavg_end: load() } }));

await stop(a);
await stop(b);
await testDb.close();
process.exit(0);
