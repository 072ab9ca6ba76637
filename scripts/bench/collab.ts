// The collaboration-server benchmark (issue 3, item 7): Minka's `$lib/server/collab` against the
// reference y-websocket@2.1.0 server utilities (in memory), same scenarios, same run, each server
// in its own child process (collab/server-minka.ts, bundled with esbuild and run with plain node
// like a production build; collab/server-reference.cjs) so that its event loop, CPU and memory
// are its own; the clients live here. Scenarios as in ../shared/reference/collab.md:
//   fan-out     10, 50 and 200 Y.Doc readers, one writer typing at a steady rate: time until
//               every reader has each edit (p50/p99)
//   saturation  200 readers (raw, plus one Y.Doc that checks the result), one writer flat out
//   cold-load   a document written in 20,000 updates through the server (an editor's socket),
//               left by its clients (Minka: unloaded), opened by a new client; never empty first
//   memory      500 documents × 2 clients: resident documents and live heap, then after they leave
// Prints one JSON line per scenario and server, then the Minka/reference ratios against the
// issue's targets, then a short summary. Exits 0, or 1 when an assertion fails (a client saw an
// empty document first, a reader missed edits or ended with different content).
//
//   npx tsx scripts/bench/collab.ts            # full run (npm run bench:collab), ~2–3 min on 2 cores
//   npx tsx scripts/bench/collab.ts --quick    # smoke run, ~1 minute
//   … --only=fanout,cold-load                  # some scenarios only
//   … --minka-limits='{"recheckIntervalMs":600000}'  # Minka limits for a diagnostic run
//   … --cpu-prof=DIR                           # V8 CPU profiles of both server processes
//   … --minka-writer=direct                    # commit on the event-loop thread (to compare)
//
// The reference is installed on first run into scripts/bench/.reference (git-ignored), never
// into the project.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { SESSION_COOKIE } from '$lib/server/auth/cookie';
import { prng } from '$lib/voting/methods/prng';
import { percentile } from './shared';
import { BenchClient, BenchWriter, type ClientMode } from './collab/client';
import type { ChildMessage, Request, Responses, ServerInfo, ServerStats } from './collab/ipc';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const REFERENCE_DIR = path.join(here, '.reference');
const REFERENCE_PACKAGES = ['y-websocket@2.1.0', 'yjs@13.6.33', 'ws@8.23.0'];

const QUICK = process.argv.includes('--quick');
const SCENARIOS = ['fanout', 'saturation', 'cold-load', 'memory'] as const;
type Scenario = (typeof SCENARIOS)[number];
const limitsArg = process.argv.find((a) => a.startsWith('--minka-limits='));
const MINKA_LIMITS = limitsArg ? limitsArg.slice('--minka-limits='.length) : '';
if (MINKA_LIMITS) JSON.parse(MINKA_LIMITS); // fails early on a typo
const writerArg = process.argv.find((a) => a.startsWith('--minka-writer='));
/** Where Minka commits: in a worker `thread` (the server's default) or on its event-loop thread. */
const MINKA_WRITER = writerArg ? writerArg.slice('--minka-writer='.length) : 'thread';
if (MINKA_WRITER !== 'direct' && MINKA_WRITER !== 'thread') {
	console.error(`--minka-writer must be direct or thread`);
	process.exit(2);
}
const profileArg = process.argv.find((a) => a.startsWith('--cpu-prof='));
/** Where the server processes write V8 CPU profiles (`--cpu-prof=DIR`), for finding where time goes. */
const PROFILE_DIR = profileArg ? path.resolve(profileArg.slice('--cpu-prof='.length)) : '';
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const ONLY = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : SCENARIOS);
for (const name of ONLY) {
	if (!(SCENARIOS as readonly string[]).includes(name)) {
		console.error(`unknown scenario ${name}; known: ${SCENARIOS.join(', ')}`);
		process.exit(2);
	}
}

const CONFIG = QUICK
	? {
			fanout: { sizes: [10, 50, 200], rate: 20, seconds: 3, warmup: 10 },
			saturation: { readers: 200, edits: 1000 },
			cold: { updates: 20_000, runs: 1 },
			memory: { docs: 100 },
			watchdogMs: 4 * 60_000
		}
	: {
			fanout: { sizes: [10, 50, 200], rate: 20, seconds: 10, warmup: 20 },
			saturation: { readers: 200, edits: 3000 },
			cold: { updates: 20_000, runs: 3 },
			memory: { docs: 500 },
			watchdogMs: 12 * 60_000
		};

const SERVERS = ['minka', 'reference'] as const;
type ServerKind = (typeof SERVERS)[number];
const CONNECT_CONCURRENCY = 25;
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The shared percentile of unsorted values; NaN for none. */
function percentileOf(values: readonly number[], q: number): number {
	return values.length === 0
		? NaN
		: percentile(
				[...values].sort((x, y) => x - y),
				q
			);
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every few ms; false when `ms` passed first. */
async function waitUntil(condition: () => boolean, ms: number, every = 5): Promise<boolean> {
	const deadline = performance.now() + ms;
	while (!condition()) {
		if (performance.now() > deadline) return false;
		await sleep(every);
	}
	return true;
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

const harnessLoop = monitorEventLoopDelay({ resolution: 10 });
harnessLoop.enable();
function harnessLag() {
	const lag = {
		harnessLoopP99Ms: round(harnessLoop.percentile(99) / 1e6, 1),
		harnessLoopMaxMs: round(harnessLoop.max / 1e6, 1)
	};
	harnessLoop.reset();
	return lag;
}

// ---------------------------------------------------------------------------------------------
// Output

type Line = Record<string, unknown>;
const results: Line[] = [];
const failures: string[] = [];

let minkaDurability = '';

function emit(line: Line): void {
	if (line.server === 'minka') line.durability = minkaDurability;
	results.push(line);
	console.log(JSON.stringify(line));
}

function fail(server: ServerKind, message: string): void {
	const text = `${server}: ${message}`;
	if (server === 'minka') failures.push(text);
	console.error(`ASSERTION ${text}`);
}

function note(message: string): void {
	console.error(`# ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Server processes

const children = new Set<ChildProcess>();
let tmpRoot: string | undefined;

function ensureReference(): string[] {
	const marker = path.join(REFERENCE_DIR, 'node_modules/y-websocket/bin/utils.cjs');
	if (!fs.existsSync(marker)) {
		note(`installing the reference (${REFERENCE_PACKAGES.join(' ')}) into ${REFERENCE_DIR}`);
		fs.mkdirSync(REFERENCE_DIR, { recursive: true });
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const install = spawnSync(
			npm,
			[
				'install',
				'--prefix',
				REFERENCE_DIR,
				'--no-save',
				'--no-audit',
				'--no-fund',
				...REFERENCE_PACKAGES
			],
			{ cwd: REFERENCE_DIR, stdio: ['ignore', 2, 2], timeout: 300_000 }
		);
		if (install.status !== 0 || !fs.existsSync(marker)) {
			throw new Error(`installing the reference failed (npm exit ${install.status})`);
		}
	}
	return ['y-websocket', 'yjs', 'ws'].map((name) => {
		const file = path.join(REFERENCE_DIR, 'node_modules', name, 'package.json');
		const version = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
		return `${name}@${version}`;
	});
}

let minkaBundle: Promise<string> | undefined;

/**
 * Bundles server-minka.ts as a production build bundles the app: our TypeScript (`$lib` through
 * tsconfig paths) in one ES module, every package left external at its own path in the
 * project's node_modules. Run with plain node, the server process carries no TypeScript loader
 * (tsx's loader thread alone adds ~40–50 MiB of RSS).
 */
function bundleMinka(): Promise<string> {
	minkaBundle ??= (async () => {
		if (!tmpRoot) throw new Error('no temporary folder');
		const outfile = path.join(tmpRoot, 'server-minka.mjs');
		const projectPackages: Plugin = {
			name: 'project-packages',
			setup(b) {
				b.onResolve({ filter: /^[^./]/ }, async (args) => {
					if (args.pluginData === 'inner' || args.path.startsWith('node:')) return undefined;
					const found = await b.resolve(args.path, {
						kind: args.kind,
						resolveDir: args.resolveDir,
						importer: args.importer,
						pluginData: 'inner'
					});
					if (found.errors.length > 0) return { errors: found.errors };
					if (!found.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
					return { path: found.path, external: true };
				});
			}
		};
		await build({
			entryPoints: [path.join(here, 'collab/server-minka.ts')],
			outfile,
			absWorkingDir: root,
			tsconfig: path.join(root, 'tsconfig.json'),
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			// Node's own conditions, so that a package is the same instance for us and for the
			// packages that import it (esbuild alone would add `module`).
			conditions: [],
			// probe.cjs is CommonJS and requires node builtins.
			banner: {
				js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);"
			},
			plugins: [projectPackages],
			logLevel: 'warning'
		});
		return outfile;
	})();
	return minkaBundle;
}

class ServerProcess {
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (err: Error) => void }
	>();
	private exited = false;

	private constructor(
		readonly kind: ServerKind,
		private readonly child: ChildProcess,
		readonly info: ServerInfo
	) {
		child.on('message', (message: ChildMessage) => {
			if (message.type !== 'reply') return;
			const waiter = this.pending.get(message.id);
			if (!waiter) return;
			this.pending.delete(message.id);
			if (message.ok) waiter.resolve(message.result);
			else waiter.reject(new Error(`${kind} server: ${message.error}`));
		});
		child.on('exit', (code, signal) => {
			this.exited = true;
			for (const waiter of this.pending.values()) {
				waiter.reject(new Error(`${kind} server exited (${code ?? signal})`));
			}
			this.pending.clear();
		});
	}

	static async start(kind: ServerKind): Promise<ServerProcess> {
		if (!tmpRoot) throw new Error('no temporary folder');
		const dir = fs.mkdtempSync(path.join(tmpRoot, `${kind}-`));
		const stdio: ('ignore' | 'pipe' | 'ipc')[] = ['ignore', 'pipe', 'pipe', 'ipc'];
		const execArgv = ['--expose-gc'];
		if (PROFILE_DIR) {
			execArgv.push(
				'--cpu-prof',
				`--cpu-prof-dir=${PROFILE_DIR}`,
				`--cpu-prof-name=${kind}-${Date.now()}.cpuprofile`
			);
		}
		const child =
			kind === 'minka'
				? fork(await bundleMinka(), [], {
						cwd: root,
						execArgv,
						env: {
							...process.env,
							BENCH_DIR: dir,
							BENCH_MINKA_LIMITS: MINKA_LIMITS,
							BENCH_MINKA_WRITER: MINKA_WRITER
						},
						stdio
					})
				: fork(path.join(here, 'collab/server-reference.cjs'), [], {
						cwd: root,
						execArgv,
						env: { ...process.env, REFERENCE_DIR },
						stdio
					});
		children.add(child);
		child.on('exit', () => children.delete(child));
		const forward = (chunk: Buffer) => {
			for (const line of chunk.toString().split('\n')) {
				if (line.trim()) process.stderr.write(`[${kind} server] ${line}\n`);
			}
		};
		child.stdout?.on('data', forward);
		child.stderr?.on('data', forward);
		const info = await within(
			new Promise<ServerInfo>((resolve, reject) => {
				child.on('message', (message: ChildMessage) => {
					if (message.type === 'ready') resolve(message.info);
				});
				child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
			}),
			60_000,
			`${kind} server start`
		);
		return new ServerProcess(kind, child, info);
	}

	call<R extends Request>(request: R, ms = 60_000): Promise<Responses[R['cmd']]> {
		if (this.exited) return Promise.reject(new Error(`${this.kind} server is gone`));
		const id = this.nextId++;
		const answer = new Promise<Responses[R['cmd']]>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
		});
		this.child.send({ ...request, id });
		return within(answer, ms, `${this.kind} ${request.cmd}`);
	}

	stats(gc = false): Promise<ServerStats> {
		return this.call({ cmd: 'stats', gc });
	}

	url(doc: string): string {
		return `${this.info.urlBase}/${doc}`;
	}

	headers(token: string): Record<string, string> {
		const headers: Record<string, string> = { origin: this.info.origin };
		if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
		return headers;
	}

	async stop(): Promise<void> {
		if (this.exited) return;
		const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		try {
			await this.call({ cmd: 'stop' }, 15_000);
			await within(gone, 5_000, `${this.kind} exit`);
		} catch (err) {
			note(`${this.kind} server did not stop cleanly (${(err as Error).message}); killing it`);
			this.child.kill('SIGKILL');
			await within(gone, 5_000, `${this.kind} kill`).catch(() => {});
		}
	}
}

async function withServer<T>(kind: ServerKind, fn: (server: ServerProcess) => Promise<T>) {
	const server = await ServerProcess.start(kind);
	try {
		return await fn(server);
	} finally {
		await server.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// Clients

/** Resolves once the client has the server's sync step 2; rejects if refused or closed first. */
function ready(client: BenchClient, ms = 20_000): Promise<void> {
	return within(
		Promise.race([
			client.synced,
			client.opened.then(() => new Promise<never>(() => {})),
			client.closed.then((code) => Promise.reject(new Error(`closed (${code}) before sync`)))
		]),
		ms,
		'client sync'
	);
}

function reader(
	server: ServerProcess,
	doc: string,
	token: string,
	mode: ClientMode,
	name: string,
	writerId?: number
): BenchClient {
	return new BenchClient({
		url: server.url(doc),
		headers: server.headers(token),
		mode,
		writerId,
		name
	});
}

async function closeAll(clients: readonly BenchClient[]): Promise<void> {
	for (const c of clients) c.close();
	const closed = await waitUntil(() => clients.every((c) => c.closeCode !== undefined), 10_000, 20);
	if (!closed) note('some clients did not close within 10 s; terminating them');
	for (const c of clients) c.terminate();
}

/**
 * Follows which edits each reader has: per edit, the time until the last reader had it, and
 * every single delivery time after the warm-up.
 */
class Tracker {
	readonly worst: number[];
	readonly reached: number[];
	readonly deliveries: number[] = [];
	readonly doneAt: number[] = [];

	constructor(
		private readonly writer: BenchWriter,
		private readonly total: number,
		private readonly warmup: number
	) {
		this.worst = new Array<number>(total + 1).fill(0);
		this.reached = new Array<number>(total + 1).fill(0);
	}

	follow(clients: readonly BenchClient[], keepDeliveries = true): void {
		clients.forEach((client, index) => {
			let seen = client.progress;
			client.onProgress = (progress, now) => {
				const upTo = Math.min(progress, this.total);
				for (let k = seen + 1; k <= upTo; k++) {
					const latency = now - this.writer.sentAt[k];
					if (keepDeliveries && k > this.warmup) this.deliveries.push(latency);
					if (latency > this.worst[k]) this.worst[k] = latency;
					this.reached[k] += 1;
				}
				seen = Math.max(seen, upTo);
				if (upTo >= this.total && this.doneAt[index] === undefined) this.doneAt[index] = now;
			};
		});
	}

	/** The all-readers latency of each measured edit that every reader got. */
	allReaders(readers: number): number[] {
		const values: number[] = [];
		for (let k = this.warmup + 1; k <= this.total; k++) {
			if (this.reached[k] >= readers) values.push(this.worst[k]);
		}
		return values;
	}
}

// ---------------------------------------------------------------------------------------------
// Scenario: fan-out

async function fanout(server: ServerProcess, readers: number): Promise<Line> {
	const { rate, seconds, warmup } = CONFIG.fanout;
	const edits = rate * seconds;
	const total = warmup + edits;
	const [doc] = await server.call({ cmd: 'docs', count: 1 });
	const tokens = await server.call({ cmd: 'sessions', edit: 1, read: readers });
	const writer = new BenchWriter({
		url: server.url(doc),
		headers: server.headers(tokens.edit[0]),
		name: 'writer'
	});
	await ready(writer);
	const clients = await pool(tokens.read, CONNECT_CONCURRENCY, async (token, i) => {
		const c = reader(server, doc, token, 'ydoc', `reader ${i}`);
		await ready(c);
		return c;
	});
	await sleep(500); // the awareness of the last connections settles
	const tracker = new Tracker(writer, total, warmup);
	tracker.follow(clients);
	await server.call({ cmd: 'reset' });
	harnessLag();
	const random = prng(readers);
	const started = performance.now();
	for (let i = 1; i <= total; i++) {
		const wait = started + ((i - 1) * 1000) / rate - performance.now();
		if (wait > 0) await sleep(wait);
		writer.type(random);
	}
	const allIn = await waitUntil(() => clients.every((c) => c.progress >= total), 15_000);
	const stats = await server.stats();
	const lag = harnessLag();
	// What durability costs here: Minka's commit times in this scenario, and the disk's fsync now.
	const durability =
		server.kind === 'minka'
			? await server.call({ cmd: 'durability', intervalMs: 1000 / rate, samples: 60 })
			: {};
	const expected = writer.text.toString();
	const differing = clients.filter((c) => c.text?.toString() !== expected).length;
	const dropped = clients.filter((c) => c.closeCode !== undefined).length;
	await closeAll([writer, ...clients]);

	const all = tracker.allReaders(readers);
	const ok = allIn && differing === 0 && dropped === 0;
	if (!allIn) fail(server.kind, `fan-out ${readers}: not every reader got every edit in 15 s`);
	if (differing) fail(server.kind, `fan-out ${readers}: ${differing} readers ended different`);
	if (dropped) fail(server.kind, `fan-out ${readers}: ${dropped} readers were disconnected`);
	return {
		scenario: 'fanout',
		server: server.kind,
		readers,
		readerKind: 'ydoc',
		edits,
		warmupEdits: warmup,
		ratePerS: rate,
		allReadersP50Ms: round(percentileOf(all, 50)),
		allReadersP99Ms: round(percentileOf(all, 99)),
		allReadersMaxMs: round(percentileOf(all, 100)),
		deliveryP50Ms: round(percentileOf(tracker.deliveries, 50)),
		deliveryP99Ms: round(percentileOf(tracker.deliveries, 99)),
		serverCpuMsPerEdit: round(stats.cpuMs / total, 3),
		serverCpuUsPerDelivery: round((stats.cpuMs * 1000) / (total * readers), 2),
		serverLoopMaxMs: stats.loopMaxMs,
		serverPeakRssMiB: stats.peakRssMiB,
		serverWarnings: stats.warnings,
		...durability,
		...lag,
		ok
	};
}

// ---------------------------------------------------------------------------------------------
// Scenario: saturation

async function saturation(server: ServerProcess): Promise<Line> {
	const { readers, edits } = CONFIG.saturation;
	const [doc] = await server.call({ cmd: 'docs', count: 1 });
	const tokens = await server.call({ cmd: 'sessions', edit: 1, read: readers });
	const writer = new BenchWriter({
		url: server.url(doc),
		headers: server.headers(tokens.edit[0]),
		name: 'writer'
	});
	await ready(writer);
	// One full Y.Doc reader checks the merged result; the others only read the writer's clock.
	const clients = await pool(tokens.read, CONNECT_CONCURRENCY, async (token, i) => {
		const mode: ClientMode = i === 0 ? 'ydoc' : 'raw';
		const c = reader(server, doc, token, mode, `reader ${i}`, writer.doc.clientID);
		await ready(c);
		return c;
	});
	await sleep(500);
	const tracker = new Tracker(writer, edits, 0);
	tracker.follow(clients, false);
	await server.call({ cmd: 'reset' });
	harnessLag();
	// Flat out: the edits are made beforehand and sent in batches of 100 frames per socket write,
	// a turn apart, waiting only while the socket's own buffer is over 4 MiB.
	const prepared = writer.prepare(edits, prng(7));
	const started = performance.now();
	const sendDeadline = started + 60_000;
	let sent = 0;
	while (sent < edits && performance.now() < sendDeadline) {
		writer.sendNow(prepared.slice(sent, sent + 100));
		sent = Math.min(edits, sent + 100);
		await nextTurn();
		while (writer.ws.bufferedAmount > 4 * MiB && performance.now() < sendDeadline) await sleep(1);
	}
	const sentIn = performance.now() - started;
	const allIn = await waitUntil(() => clients.every((c) => c.progress >= edits), 120_000, 20);
	const stats = await server.stats();
	const lag = harnessLag();
	const finished = Math.max(...tracker.doneAt.filter((t) => t !== undefined));
	const verifier = clients[0];
	const sameText = verifier.text?.toString() === writer.text.toString();
	const dropped = clients.filter((c) => c.closeCode !== undefined).length;
	const delivered = clients.reduce((n, c) => n + Math.min(c.progress, edits), 0);
	await closeAll([writer, ...clients]);

	const all = tracker.allReaders(readers);
	const ok = allIn && sameText && dropped === 0;
	if (!allIn) fail(server.kind, `saturation: not every reader got all ${edits} edits in 120 s`);
	if (allIn && !sameText) fail(server.kind, 'saturation: the Y.Doc reader ended different');
	if (dropped) fail(server.kind, `saturation: ${dropped} readers were disconnected`);
	const seconds = (allIn ? finished - started : performance.now() - started) / 1000;
	return {
		scenario: 'saturation',
		server: server.kind,
		readers,
		readerKind: 'raw (1 ydoc verifier)',
		edits: sent,
		writerSendMs: round(sentIn, 0),
		sustainedEditsPerS: round((allIn ? edits : delivered / readers) / seconds, 0),
		timeToLastDeliveryMs: round(seconds * 1000, 0),
		allReadersP50Ms: round(percentileOf(all, 50), 1),
		allReadersP99Ms: round(percentileOf(all, 99), 1),
		serverPeakRssMiB: stats.peakRssMiB,
		serverLoopMaxMs: stats.loopMaxMs,
		serverCpuMsPerEdit: round(stats.cpuMs / edits, 3),
		serverWarnings: stats.warnings,
		...(stats.lastWarning ? { serverLastWarning: stats.lastWarning } : {}),
		...lag,
		ok
	};
}

// ---------------------------------------------------------------------------------------------
// Scenario: cold load

interface History {
	updates: Uint8Array[];
	text: string;
	stateBytes: number;
	storedBytes: number;
}

/**
 * A document written in `count` updates as people type: a phrase at the cursor per update, every
 * tenth update a deletion behind it, and the cursor jumping elsewhere about every 20 updates.
 */
function makeHistory(count: number): History {
	const doc = new Y.Doc();
	const text = doc.getText('body');
	const updates: Uint8Array[] = [];
	let storedBytes = 0;
	doc.on('update', (update: Uint8Array) => {
		updates.push(update);
		storedBytes += update.byteLength;
	});
	const random = prng(2026);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const words = ['agua', 'riego', 'leche', 'acopio', 'tanque', 'socios', 'aporte', 'municipio'];
	const glue = ['por', 'de', 'el', 'para', 'con'];
	let cursor = 0;
	for (let i = 0; i < count; i++) {
		if (random() < 1 / 20) cursor = Math.floor(random() * (text.length + 1));
		if (i % 10 === 9 && cursor > 10) {
			const n = 1 + Math.floor(random() * 6);
			text.delete(cursor - n, n);
			cursor -= n;
		} else {
			const phrase = `${pick(words)} ${pick(glue)} ${pick(words)} ${Math.floor(random() * 1000)}, `;
			text.insert(cursor, phrase);
			cursor += phrase.length;
		}
	}
	const history = {
		updates,
		text: text.toString(),
		stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
		storedBytes
	};
	doc.destroy();
	return history;
}

/** A y-protocols update message carrying `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/**
 * Writes the history into `doc` the way production does: an editor's client sends every update
 * over its socket (flat out, as fast as the server takes them), a second client waits until it
 * has the whole text, then both leave.
 */
async function writeHistory(
	server: ServerProcess,
	doc: string,
	history: History
): Promise<{ ms: number }> {
	const started = performance.now();
	const tokens = await server.call({ cmd: 'sessions', edit: 1, read: 1 });
	const writer = reader(server, doc, tokens.edit[0], 'raw', 'history writer');
	await ready(writer);
	const messages = history.updates.map(updateMessage);
	const socket = (writer.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
	for (let at = 0; at < messages.length; at += 100) {
		socket?.cork();
		for (const message of messages.slice(at, at + 100)) writer.send(message);
		socket?.uncork();
		await nextTurn();
		while (writer.ws.bufferedAmount > 4 * MiB) await sleep(1);
	}
	const checker = reader(server, doc, tokens.read[0], 'ydoc', 'history checker');
	await ready(checker, 60_000);
	const complete = await waitUntil(() => checker.text?.toString() === history.text, 120_000, 20);
	await closeAll([writer, checker]);
	if (!complete) throw new Error(`${server.kind}: the history never arrived in full`);
	return { ms: performance.now() - started };
}

interface Load {
	ms: number;
	syncedMs: number;
	lengthAtSync: number;
	complete: boolean;
}

async function loadOnce(server: ServerProcess, doc: string, token: string, history: History) {
	const expectedLength = history.text.length;
	const client = reader(server, doc, token, 'ydoc', 'late reader');
	let completeAt = 0;
	client.onUpdate = (c, now) => {
		if (completeAt || c.text?.length !== expectedLength) return;
		if (c.text.toString() === history.text) completeAt = now;
	};
	await within(
		Promise.race([
			waitUntil(() => completeAt > 0 || client.closeCode !== undefined, 30_000, 1),
			client.opened.then(() => new Promise<never>(() => {}))
		]),
		31_000,
		'cold load'
	).catch((err: Error) => note(`${server.kind} cold load: ${err.message}`));
	const load: Load = {
		ms: completeAt ? completeAt - client.startedAt : NaN,
		syncedMs: client.syncedAt ? client.syncedAt - client.startedAt : NaN,
		lengthAtSync: client.lengthAtSync,
		complete: completeAt > 0
	};
	await closeAll([client]);
	return load;
}

/** Whether the server's resident documents drop to none within `ms`. */
async function documentsGone(server: ServerProcess, ms: number): Promise<boolean> {
	const deadline = performance.now() + ms;
	for (;;) {
		if ((await server.stats()).docs === 0) return true;
		if (performance.now() >= deadline) return false;
		await sleep(200);
	}
}

async function coldLoad(server: ServerProcess, history: History): Promise<Line> {
	const { runs } = CONFIG.cold;
	const loads: Load[] = [];
	const writeMs: number[] = [];
	const storedRows: number[] = [];
	const unloadedBeforeLoad: boolean[] = [];
	let firstDoc = '';
	for (let run = 0; run < runs; run++) {
		const [doc] = await server.call({ cmd: 'docs', count: 1 });
		firstDoc ||= doc;
		writeMs.push((await writeHistory(server, doc, history)).ms);
		// Minka: its clients gone, the document leaves memory (compacted) before the new client
		// comes; the reference keeps every document in memory.
		unloadedBeforeLoad.push(await documentsGone(server, server.kind === 'minka' ? 15_000 : 0));
		if (server.kind === 'minka') storedRows.push((await server.call({ cmd: 'rows', doc })).rows);
		const { read } = await server.call({ cmd: 'sessions', edit: 0, read: 1 });
		await server.call({ cmd: 'reset' });
		loads.push(await loadOnce(server, doc, read[0], history));
	}
	const stats = await server.stats();
	// The first document again, once it left memory once more (Minka).
	const unloaded = await documentsGone(server, server.kind === 'minka' ? 15_000 : 0);
	const { read } = await server.call({ cmd: 'sessions', edit: 0, read: 1 });
	const reload = await loadOnce(server, firstDoc, read[0], history);

	const times = loads.map((l) => l.ms);
	const syncedEarly = [...loads, reload].filter((l) => l.lengthAtSync !== history.text.length);
	const empty = [...loads, reload].filter((l) => l.lengthAtSync === 0).length;
	const incomplete = [...loads, reload].filter((l) => !l.complete).length;
	if (syncedEarly.length) {
		fail(server.kind, `cold load: synced before the content in ${syncedEarly.length} loads`);
	}
	if (incomplete) fail(server.kind, `cold load: ${incomplete} loads never got the whole document`);
	if (server.kind === 'minka' && unloadedBeforeLoad.some((u) => !u)) {
		fail(server.kind, 'cold load: the document did not leave memory before the load');
	}
	return {
		scenario: 'cold-load',
		server: server.kind,
		storedUpdates: history.updates.length,
		updatesBytes: history.storedBytes,
		docStateBytes: history.stateBytes,
		runs,
		history:
			'written through the server: an editor client sent every update over its socket, then ' +
			'all clients left' +
			(server.kind === 'minka'
				? ' and the document left memory (compacted on the way out)'
				: ' (the reference keeps the document in memory: its load is never cold)'),
		historyWriteMsP50: round(percentileOf(writeMs, 50), 0),
		...(server.kind === 'minka' ? { storedRowsAtLoad: storedRows } : {}),
		loadP50Ms: round(percentileOf(times, 50), 1),
		loadMaxMs: round(percentileOf(times, 100), 1),
		syncedP50Ms: round(
			percentileOf(
				loads.map((l) => l.syncedMs),
				50
			),
			1
		),
		syncedBeforeContent: syncedEarly.length,
		emptyFirst: empty,
		serverPeakRssMiB: stats.peakRssMiB,
		serverLoopMaxMs: stats.loopMaxMs,
		reloadMs: round(reload.ms, 1),
		reloadFrom: unloaded
			? 'storage, after the document left memory again'
			: 'memory (the document never left)',
		ok: syncedEarly.length === 0 && incomplete === 0
	};
}

// ---------------------------------------------------------------------------------------------
// Scenario: memory

async function memory(server: ServerProcess): Promise<Line> {
	const { docs } = CONFIG.memory;
	const names = await server.call({ cmd: 'docs', count: docs }, 120_000);
	const tokens = await server.call({ cmd: 'sessions', edit: docs, read: docs }, 120_000);
	const baseline = await server.stats(true);
	await server.call({ cmd: 'reset' });
	const connectMs: number[] = [];
	const pairs = await pool(names, CONNECT_CONCURRENCY, async (doc, i) => {
		const writer = new BenchWriter({
			url: server.url(doc),
			headers: server.headers(tokens.edit[i]),
			name: `writer ${i}`
		});
		const follower = reader(server, doc, tokens.read[i], 'ydoc', `reader ${i}`);
		await Promise.all([ready(writer), ready(follower)]);
		for (const c of [writer, follower]) connectMs.push(c.syncedAt - c.startedAt);
		return { writer, follower };
	});
	const random = prng(3);
	for (const { writer } of pairs) writer.type(random);
	const allIn = await waitUntil(() => pairs.every((p) => p.follower.progress >= 1), 30_000, 20);
	if (!allIn) fail(server.kind, 'memory: not every reader got its writer\u2019s edit in 30 s');
	const connected = await server.stats(true);
	const clients = pairs.flatMap((p) => [p.writer, p.follower]);
	await closeAll(clients);
	const left = performance.now();
	// Minka unloads after its grace period (500 ms here); the reference never does.
	const wait = server.kind === 'minka' ? 20_000 : 3_000;
	let after = await server.stats();
	while (after.docs > 0 && performance.now() - left < wait) {
		await sleep(250);
		after = await server.stats();
	}
	const waitedMs = performance.now() - left;
	after = await server.stats(true);
	return {
		scenario: 'memory',
		server: server.kind,
		docs,
		clients: docs * 2,
		connectP50Ms: round(percentileOf(connectMs, 50), 1),
		connectP99Ms: round(percentileOf(connectMs, 99), 1),
		baselineHeapMiB: baseline.heapUsedMiB,
		connectedDocs: connected.docs,
		connectedConnections: connected.connections,
		connectedHeapMiB: connected.heapUsedMiB,
		connectedRssMiB: connected.rssMiB,
		heapPerConnectionKiB: round(
			((connected.heapUsedMiB - baseline.heapUsedMiB) * 1024) / (docs * 2),
			1
		),
		afterLeaveDocs: after.docs,
		afterLeaveHeapMiB: after.heapUsedMiB,
		afterLeaveRssMiB: after.rssMiB,
		afterLeaveWaitedMs: round(waitedMs, 0),
		serverPeakRssMiB: connected.peakRssMiB,
		ok: allIn
	};
}

// ---------------------------------------------------------------------------------------------
// Ratios, targets and summary

const find = (scenario: Scenario, server: ServerKind, extra: Line = {}) =>
	results.find(
		(r) =>
			r.scenario === scenario &&
			r.server === server &&
			Object.entries(extra).every(([k, v]) => r[k] === v)
	);

interface Verdict {
	target: string;
	met: boolean;
	text: string;
}
const verdicts: Verdict[] = [];

function ratio(
	scenario: Scenario,
	metric: string,
	extra: Line,
	target?: { max?: number; min?: number }
) {
	const m = find(scenario, 'minka', extra)?.[metric];
	const r = find(scenario, 'reference', extra)?.[metric];
	if (typeof m !== 'number' || typeof r !== 'number') return;
	const value = r === 0 ? (m === 0 ? 1 : Infinity) : m / r;
	const line: Line = {
		type: 'ratio',
		scenario,
		...extra,
		metric,
		minka: m,
		reference: r,
		ratio: round(value, 3)
	};
	if (target) {
		const met =
			(target.max === undefined || value <= target.max) &&
			(target.min === undefined || value >= target.min);
		line.target = target.max !== undefined ? `<= ${target.max}` : `>= ${target.min}`;
		line.met = met;
		const what = `${scenario}${extra.readers ? ` ${extra.readers}` : ''} ${metric}`;
		verdicts.push({
			target: `${what} ratio ${line.target}`,
			met,
			text: `${round(value, 2)} (Minka ${m} / reference ${r})`
		});
	}
	console.log(JSON.stringify(line));
}

function absolute(scenario: Scenario, metric: string, max: number, unit: string) {
	const m = find(scenario, 'minka')?.[metric];
	if (typeof m !== 'number') return;
	const met = m < max;
	const line = {
		type: 'target',
		scenario,
		server: 'minka',
		metric,
		value: m,
		target: `< ${max}`,
		met
	};
	console.log(JSON.stringify(line));
	verdicts.push({ target: `${scenario} ${metric} < ${max} ${unit}`, met, text: `${m} ${unit}` });
}

function report(): void {
	for (const readers of CONFIG.fanout.sizes) {
		ratio('fanout', 'allReadersP50Ms', { readers });
		ratio('fanout', 'allReadersP99Ms', { readers }, { max: 1 });
		ratio('fanout', 'serverCpuMsPerEdit', { readers });
	}
	ratio('saturation', 'sustainedEditsPerS', {}, { min: 5 });
	ratio('saturation', 'serverPeakRssMiB', {});
	ratio('saturation', 'serverLoopMaxMs', {});
	absolute('saturation', 'serverPeakRssMiB', 150, 'MiB');
	absolute('saturation', 'serverLoopMaxMs', 200, 'ms');
	ratio('cold-load', 'loadP50Ms', {}, { max: 1 });
	ratio('cold-load', 'loadMaxMs', {});
	ratio('cold-load', 'reloadMs', {});
	ratio('memory', 'connectedHeapMiB', {});
	ratio('memory', 'connectP99Ms', {});
	const mem = find('memory', 'minka');
	if (mem) {
		const met = mem.afterLeaveDocs === 0;
		console.log(
			JSON.stringify({
				type: 'target',
				scenario: 'memory',
				server: 'minka',
				metric: 'afterLeaveDocs',
				value: mem.afterLeaveDocs,
				target: '= 0',
				met
			})
		);
		verdicts.push({
			target: 'memory: every document leaves memory',
			met,
			text: `${mem.afterLeaveDocs} of ${mem.docs} still resident`
		});
	}
}

function summary(info: Record<ServerKind, string>, versions: string[]): void {
	const lines = [
		'',
		`Collaboration benchmark${QUICK ? ' (--quick)' : ''}: Minka vs the y-websocket reference, ` +
			'same run, each server in its own process, clients in this one (127.0.0.1).',
		`  Minka:     ${info.minka}`,
		`             durability: ${minkaDurability}`,
		`  reference: ${info.reference} [${versions.join(', ')}]`
	];
	for (const r of results) {
		if (r.scenario === 'fanout') {
			lines.push(
				`  fan-out ${String(r.readers).padStart(3)} readers, ${r.ratePerS} edits/s, ${r.server}: ` +
					`all readers p50 ${r.allReadersP50Ms} ms, p99 ${r.allReadersP99Ms} ms`
			);
		} else if (r.scenario === 'saturation') {
			lines.push(
				`  saturation ${r.server}: ${r.sustainedEditsPerS} edits/s sustained, peak RSS ` +
					`${r.serverPeakRssMiB} MiB, worst loop stall ${r.serverLoopMaxMs} ms`
			);
		} else if (r.scenario === 'cold-load') {
			lines.push(
				`  cold load ${r.server}: p50 ${r.loadP50Ms} ms, max ${r.loadMaxMs} ms, synced before ` +
					`content ${r.syncedBeforeContent}; reload ${r.reloadMs} ms from ${String(r.reloadFrom).split(',')[0]}`
			);
		} else if (r.scenario === 'memory') {
			lines.push(
				`  memory ${r.server}: ${r.connectedDocs} docs / ${r.connectedConnections} connections, ` +
					`heap ${r.connectedHeapMiB} MiB connected, ${r.afterLeaveHeapMiB} MiB after; ` +
					`${r.afterLeaveDocs} docs resident after all left`
			);
		}
	}
	if (find('cold-load', 'reference')) {
		lines.push(
			'  (the reference has no storage: its "cold" load is from a document already in memory)'
		);
	}
	lines.push('Targets:');
	for (const v of verdicts) lines.push(`  ${v.met ? 'met   ' : 'MISSED'} ${v.target}: ${v.text}`);
	if (failures.length) {
		lines.push('Assertion failures:');
		for (const f of failures) lines.push(`  ${f}`);
	}
	console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Main

async function cleanUp(): Promise<void> {
	for (const child of children) child.kill('SIGKILL');
	if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
	tmpRoot = undefined;
}

async function main(): Promise<number> {
	const versions = ensureReference();
	tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-collab-bench-'));
	const info: Record<ServerKind, string> = { minka: '', reference: '' };
	const describe = (server: ServerProcess) => {
		info[server.kind] = server.info.description;
		if (server.kind === 'minka') minkaDurability = server.info.durability;
	};

	if (ONLY.has('fanout')) {
		for (const kind of SERVERS) {
			await withServer(kind, async (server) => {
				describe(server);
				for (const readers of CONFIG.fanout.sizes) emit(await fanout(server, readers));
			});
		}
	}
	if (ONLY.has('saturation')) {
		for (const kind of SERVERS) {
			await withServer(kind, async (server) => {
				describe(server);
				emit(await saturation(server));
			});
		}
	}
	if (ONLY.has('cold-load')) {
		const history = makeHistory(CONFIG.cold.updates);
		// The clients' side of a load is the same for both servers: warm it up here, or whichever
		// server runs first pays for the harness's JIT compiling the decoding of a large update.
		const whole = Y.mergeUpdates(history.updates);
		for (let i = 0; i < 5; i++) Y.applyUpdate(new Y.Doc(), whole);
		for (const kind of SERVERS) {
			await withServer(kind, async (server) => {
				describe(server);
				emit(await coldLoad(server, history));
			});
		}
	}
	if (ONLY.has('memory')) {
		for (const kind of SERVERS) {
			await withServer(kind, async (server) => {
				describe(server);
				emit(await memory(server));
			});
		}
	}
	report();
	summary(info, versions);
	return failures.length ? 1 : 0;
}

const watchdog = setTimeout(() => {
	console.error(`collab benchmark: still running after ${CONFIG.watchdogMs / 1000} s, giving up`);
	void cleanUp().finally(() => process.exit(1));
}, CONFIG.watchdogMs);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void cleanUp().finally(() => process.exit(130));
	});
}

let code = 1;
try {
	code = await main();
} catch (err) {
	console.error('collab benchmark failed:', err);
	code = 1;
} finally {
	await cleanUp();
	clearTimeout(watchdog);
}
process.exit(code);
