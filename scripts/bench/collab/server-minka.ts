// Minka's collaboration server as the collaboration benchmark runs it: a real SQLite file (WAL,
// synchronous=FULL, the project default) with the migrations, an association, its leader and a
// plain member made through the domain functions, and `createCollabServer` on the upgrades of an
// HTTP server on port 0. The benchmark bundles this file with esbuild (as a production build
// bundles the app; node_modules stay external) and runs it with `node --expose-gc`, so that no
// TypeScript loader sits in the measured process. BENCH_DIR names the folder for the database.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import {
	acceptInvitation,
	createAssociation,
	createInvitation,
	loadAssociationContext
} from '$lib/server/associations';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { registerUser } from '$lib/server/auth/users';
import { createCollabServer, type CollabLimits } from '$lib/server/collab';
import { createServerStore } from '$lib/server/collab/store';
import { createDb, migrateToLatest } from '$lib/server/db';
import { createDraft } from '$lib/server/drafts';
import { createProbe, serveRequests } from './probe.cjs';

/**
 * A short unload grace so that the memory scenario sees documents leave; everything else is the
 * default. BENCH_MINKA_LIMITS (JSON, from `--minka-limits=`) overrides, to find out what costs.
 */
const LIMITS: Partial<CollabLimits> = {
	unloadGraceMs: 500,
	// The saturation scenario's writer sends flat out on purpose, far beyond a person's rate: the
	// per-peer rate limits would cut it off, so they are lifted to measure the server itself.
	messagesPerSecond: 1e9,
	bytesPerSecond: 1e12,
	...(JSON.parse(process.env.BENCH_MINKA_LIMITS || '{}') as Partial<CollabLimits>)
};
const PASSWORD = 'correct horse battery staple';

const dir = process.env.BENCH_DIR;
if (!dir) throw new Error('BENCH_DIR is not set');
fs.mkdirSync(dir, { recursive: true });
const db = createDb(path.join(dir, 'minka.db'));
await migrateToLatest(db);

const pragmas = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
const synchronous = pragmas.rows[0]?.synchronous;
const journalMode = journal.rows[0]?.journal_mode;
if (synchronous !== 2) throw new Error(`expected synchronous=FULL (2), found ${synchronous}`);

const leader = await registerUser(db, {
	username: 'bench_leader',
	display_name: 'Dirigente de prueba',
	password: PASSWORD
});
const association = await createAssociation(db, leader, {
	name: 'Asociación de Productores de Prueba',
	product: 'leche',
	municipality: 'Tiquipaya',
	department: 'Cochabamba',
	slug: 'bench-collab'
});
const leaderCtx = await loadAssociationContext(db, association.slug, leader);
if (!leaderCtx) throw new Error('the association vanished');
// A plain member (not a co-author) follows the drafts read-only.
const reader = await registerUser(db, {
	username: 'bench_member',
	display_name: 'Socia de prueba',
	password: PASSWORD
});
const invitation = await createInvitation(db, leaderCtx, { role: 'member', days: 7, max_uses: 1 });
await acceptInvitation(db, reader, association.slug, invitation.code);

let collabCounts = () => ({ docs: 0, connections: 0 });
const probe = createProbe(() => collabCounts());

const server = http.createServer((_req, res) => {
	res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
const origin = `http://127.0.0.1:${port}`;
/** How long each append took until committed (the room relays only then), since `reset`. */
let commitMs: number[] = [];
const writer = process.env.BENCH_MINKA_WRITER === 'thread' ? 'thread' : 'direct';
const serverStore = createServerStore(db, (message) => probe.warn(message), writer);
const collab = createCollabServer({
	db,
	origin,
	limits: LIMITS,
	// The server's own store, timed.
	store: {
		...serverStore,
		async append(draftId, update) {
			const started = performance.now();
			const id = await serverStore.append(draftId, update);
			commitMs.push(performance.now() - started);
			return id;
		}
	},
	log: {
		warn: (message: string) => probe.warn(message),
		error: (message: string, ...details: unknown[]) => {
			probe.warn(message);
			console.error(message, ...details);
		}
	}
});
collabCounts = () => {
	const { docs, connections } = collab.stats();
	return { docs, connections };
};
server.on('upgrade', collab.handleUpgrade);

function percentile(values: number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return Math.round(sorted[at] * 1000) / 1000;
}

/** The disk's own fsync time next to the database: a 4 KiB write + fdatasync, `intervalMs` apart. */
async function fsyncTimes(samples: number, intervalMs: number): Promise<number[]> {
	const file = path.join(dir as string, 'fsync-probe');
	const fd = fs.openSync(file, 'w');
	const block = Buffer.alloc(4096, 1);
	const times: number[] = [];
	try {
		for (let i = 0; i < samples; i++) {
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
			const started = performance.now();
			fs.writeSync(fd, block, 0, block.length, (i % 16) * 4096);
			fs.fdatasyncSync(fd);
			times.push(performance.now() - started);
		}
	} finally {
		fs.closeSync(fd);
		fs.rmSync(file, { force: true });
	}
	return times;
}

async function sessions(userId: string, count: number): Promise<string[]> {
	const tokens: string[] = [];
	for (let i = 0; i < count; i++) {
		const token = generateSessionToken();
		await createSession(db, token, userId);
		tokens.push(token);
	}
	return tokens;
}

let drafts = 0;

serveRequests({
	async docs({ count }: { count: number }) {
		const names: string[] = [];
		for (let i = 0; i < count; i++) {
			drafts += 1;
			const draft = await createDraft(db, leaderCtx, {
				kind: 'general',
				title: `Borrador de prueba ${drafts}`
			});
			names.push(String(draft.id));
		}
		return names;
	},
	async sessions({ edit, read }: { edit: number; read: number }) {
		return { edit: await sessions(leader.id, edit), read: await sessions(reader.id, read) };
	},
	async rows({ doc }: { doc: string }) {
		const row = await db
			.selectFrom('draft_update')
			.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('size').as('bytes')])
			.where('draft_id', '=', Number(doc))
			.executeTakeFirstOrThrow();
		return { rows: Number(row.n), bytes: Number(row.bytes ?? 0) };
	},
	async durability({ intervalMs, samples }: { intervalMs: number; samples: number }) {
		const fsync = await fsyncTimes(samples, intervalMs);
		return {
			commits: commitMs.length,
			commitP50Ms: percentile(commitMs, 0.5),
			commitP99Ms: percentile(commitMs, 0.99),
			commitMaxMs: percentile(commitMs, 1),
			fsyncP50Ms: percentile(fsync, 0.5),
			fsyncP99Ms: percentile(fsync, 0.99),
			fsyncMaxMs: percentile(fsync, 1)
		};
	},
	async reset() {
		commitMs = [];
		await probe.reset();
		return null;
	},
	stats({ gc }: { gc: boolean }) {
		return probe.stats(gc);
	},
	async stop() {
		await collab.close();
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
		await db.destroy();
		return null;
	}
});

process.send?.({
	type: 'ready',
	info: {
		port,
		origin,
		urlBase: `ws://127.0.0.1:${port}/collab`,
		description: `Minka createCollabServer, limits ${JSON.stringify(LIMITS)} (others default)`,
		durability:
			`SQLite journal_mode=${journalMode}, synchronous=FULL: every update is committed ` +
			`(own connection, ${writer === 'thread' ? 'in a worker thread' : 'on the event-loop thread'}) ` +
			'before it is relayed'
	}
});
