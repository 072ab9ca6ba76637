// Benchmark of the decision register (issue 6, item 9):
//   (a) verifying an exported register of 100,000 entries the way `npm run verify` does (read the
//       file, JSON.parse, recompute the chain with node:crypto): target under 1 s. Also the same
//       check with the pure-JS SHA-256 the browser's Verificar page uses, and `--db` on the database.
//   (b) the archive with 1,000 decisions: the archive query (listDecisions) in process, and, when a
//       build exists, GET /a/banco/decisions on the production server: p50/p95 per request
//       (target p50 under 10 ms).
// Entries are realistic: copies of the demo's own entries (motions, hand counts, a budget vote by
// Equal Shares, a ranked election, consensus, with their frozen texts), renumbered and re-chained.
//
//   npx tsx scripts/bench/register.ts [entries=100000] [archive=1000]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	GENESIS,
	REGISTER_FORMAT,
	REGISTER_VERSION,
	sealEntry,
	verifyExport,
	type RegisterEntry,
	type SignedEntry
} from '$lib/record/chain';
import { loadAssociationContext } from '$lib/server/associations';
import { createDb, migrateToLatest, writeTx } from '$lib/server/db';
import {
	appendEntry,
	listDecisions,
	readArchiveFilters,
	verifyRegisterDb
} from '$lib/server/record';
import { startServer } from '$lib/server/testing/process';
import { closeVote, listOpenVotes } from '$lib/server/voting';
import { seedDemo } from '../demo/seed';
import { benchAssociation, percentile } from './shared';

const ENTRIES = Number(process.argv[2] ?? 100_000);
const ARCHIVE = Number(process.argv[3] ?? 1_000);
const CLI_RUNS = 3;
/** Rows for the `--db` check (appending 100,000 through the domain would take minutes). */
const DB_ROWS = 20_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-bench-register-'));
const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

const rows: { measure: string; value: string; target: string }[] = [];
function report(measure: string, value: string, target = '') {
	rows.push({ measure, value, target });
	console.error(`  ${measure}: ${value}`);
}

/** The demo's entries with every vote closed: a budget vote, a ranked election, motions, hands. */
async function demoEntries(): Promise<RegisterEntry[]> {
	const db = createDb(path.join(dir, 'demo.db'));
	await migrateToLatest(db);
	const seeded = (await seedDemo(db))!;
	const president = await db
		.selectFrom('user')
		.selectAll()
		.where('username', '=', 'justina.mamani')
		.executeTakeFirstOrThrow();
	const ctx = (await loadAssociationContext(db, seeded.slug, president))!;
	for (const vote of await listOpenVotes(db, ctx)) await closeVote(db, ctx, vote.id);
	const stored = await db.selectFrom('decision').select('entry').orderBy('seq').execute();
	await db.destroy();
	return stored.map((r) => JSON.parse(r.entry) as RegisterEntry);
}

/** `count` entries of association `slug`, cycling through the templates, chained and sealed. */
function buildEntries(templates: RegisterEntry[], slug: string, count: number): SignedEntry[] {
	const start = Date.parse('2020-01-05T14:00:00Z');
	const out: SignedEntry[] = [];
	let prev = GENESIS;
	for (let i = 0; i < count; i++) {
		const template = templates[i % templates.length];
		const entry: RegisterEntry = {
			...template,
			association: slug,
			seq: i + 1,
			prev,
			title: `${template.title} (${Math.floor(i / templates.length) + 1})`,
			decided_at: new Date(start + i * 3_600_000).toISOString()
		};
		const { hash } = sealEntry(entry, nodeSha256);
		out.push({ ...entry, hash });
		prev = hash;
	}
	return out;
}

async function verifying(templates: RegisterEntry[]) {
	console.error(`(a) verifying ${ENTRIES.toLocaleString('en')} entries`);
	const entries = buildEntries(templates, 'banco', ENTRIES);
	const last = entries[entries.length - 1];
	const head = { seq: last.seq, hash: last.hash };
	const file = path.join(dir, 'decisions.json');
	fs.writeFileSync(
		file,
		JSON.stringify({
			format: REGISTER_FORMAT,
			version: REGISTER_VERSION,
			association: { slug: 'banco', name: 'Asociación de banco de pruebas' },
			exported_at: new Date().toISOString(),
			head,
			entries
		})
	);
	const bytes = fs.statSync(file).size;
	report('export size', `${(bytes / 1e6).toFixed(1)} MB, ${(bytes / ENTRIES).toFixed(0)} B/entry`);

	// The command itself, in its own process as a person runs it (its --timing line splits the time).
	const kept = entries.slice(0, DB_ROWS);
	entries.length = 0;
	const runs: { read: number; parse: number; verify: number; wall: number }[] = [];
	for (let run = 0; run < CLI_RUNS; run++) {
		const t0 = performance.now();
		const out = spawnSync(
			'npx',
			[
				'tsx',
				'scripts/verify.ts',
				file,
				'--timing',
				'--lang',
				'en',
				'--head',
				`${head.seq}:${head.hash}`
			],
			{ encoding: 'utf8' }
		);
		const wall = performance.now() - t0;
		const match = /read ([\d.]+) ms, parse JSON ([\d.]+) ms, verify ([\d.]+) ms/.exec(out.stdout);
		if (out.status !== 0 || !match)
			throw new Error(`npm run verify failed: ${out.stdout}${out.stderr}`);
		runs.push({ read: +match[1], parse: +match[2], verify: +match[3], wall });
	}
	const pick = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
	report(
		'npm run verify -- FILE (read + parse + chain, node:crypto)',
		`${(pick('read') + pick('parse') + pick('verify')).toFixed(0)} ms median of ${CLI_RUNS} (read ${pick('read').toFixed(0)}, parse ${pick('parse').toFixed(0)}, chain ${pick('verify').toFixed(0)}); process ${pick('wall').toFixed(0)} ms with tsx start`,
		'< 1000 ms'
	);
	report(
		'throughput',
		`${(bytes / 1e6 / ((pick('read') + pick('parse') + pick('verify')) / 1000)).toFixed(0)} MB/s, ${(((pick('read') + pick('parse') + pick('verify')) * 1000) / ENTRIES).toFixed(1)} µs/entry`
	);

	// The browser's path: the same check with the pure-JS SHA-256 of $lib/canonical.
	const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
	const t0 = performance.now();
	const pure = verifyExport(parsed);
	const pureMs = performance.now() - t0;
	if (!pure.ok) throw new Error('pure-JS verification disagrees');
	report('chain only, pure-JS SHA-256 (Verificar page path, in Node)', `${pureMs.toFixed(0)} ms`);

	// A tampered copy is caught, named, and as fast.
	const tampered = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: SignedEntry[] };
	const victim = Math.floor(ENTRIES * 0.9);
	tampered.entries[victim - 1].summary += ' ';
	const t4 = performance.now();
	const caught = verifyExport(tampered, { hash: nodeSha256 });
	const caughtMs = performance.now() - t4;
	if (caught.ok || caught.problem.seq !== victim)
		throw new Error('the tampered copy was not caught');
	report('tampered copy (entry at 90 %)', `caught at Nº ${victim} in ${caughtMs.toFixed(0)} ms`);
	return kept;
}

/** An association whose register holds `entries` (appended through the register's own function). */
async function databaseWith(file: string, entries: RegisterEntry[]) {
	const { db, association } = await benchAssociation(file);
	// Each entry's vote is its own (one decision per vote), but the votes themselves are not
	// created: the vote_id column names no row here.
	await sql`pragma foreign_keys = OFF`.execute(db);
	let voteId = 0;
	for (let i = 0; i < entries.length; i += 500) {
		await writeTx(db, async (tx) => {
			for (const e of entries.slice(i, i + 500)) {
				const vote = e.vote ? { ...e.vote, id: ++voteId } : null;
				await appendEntry(tx, association, {
					kind: e.kind,
					decision_kind: e.decision_kind,
					title: e.title,
					summary: e.summary,
					outcome: e.outcome,
					recorded_by: e.recorded_by,
					subject: e.subject,
					vote,
					voteId: vote?.id ?? null,
					corrects: null,
					assembly: e.assembly,
					decidedAt: Date.parse(e.decided_at)
				});
			}
		});
	}
	return db;
}

async function databaseCheck(entries: SignedEntry[]) {
	const count = entries.length;
	console.error(`(a') npm run verify -- --db on ${count.toLocaleString('en')} rows`);
	const db = await databaseWith(path.join(dir, 'verify.db'), entries.slice(0, count));
	const t0 = performance.now();
	const result = await verifyRegisterDb(db, { association: 'banco', hash: nodeSha256 });
	const ms = performance.now() - t0;
	await db.destroy();
	if (!result.ok)
		throw new Error(
			`the database check failed: ${JSON.stringify(result.associations[0]?.result ?? result.triggers)}`
		);
	report(
		`verify --db, ${count.toLocaleString('en')} rows`,
		`${ms.toFixed(0)} ms (${((ms / count) * 1000).toFixed(1)} µs/row)`
	);
}

async function archive(templates: RegisterEntry[]) {
	console.error(`(b) the archive with ${ARCHIVE.toLocaleString('en')} decisions`);
	const entries = buildEntries(templates, 'banco', ARCHIVE).map((e) => ({
		...e,
		// Spread over five years, so the year filter has something to choose.
		decided_at: new Date(Date.parse('2021-01-10T14:00:00Z') + e.seq * 40 * 3_600_000).toISOString()
	}));
	const file = path.join(dir, 'archive.db');
	const db = await databaseWith(file, entries);
	const ctx = (await loadAssociationContext(db, 'banco', null))!;
	const queries: [string, string][] = [
		['newest first', ''],
		['word search', 'q=tanque'],
		['year + kind', 'year=2023&kind=vote'],
		['last page', 'page=50']
	];
	for (const [name, query] of queries) {
		const filters = readArchiveFilters(new URLSearchParams(query));
		for (let i = 0; i < 50; i++) await listDecisions(db, ctx, filters);
		const times: number[] = [];
		for (let i = 0; i < 500; i++) {
			const t0 = performance.now();
			await listDecisions(db, ctx, filters);
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		report(
			`archive query in process, ${name}`,
			`p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`
		);
	}
	await db.destroy();

	if (!fs.existsSync('build/handler.js')) {
		report('archive page over HTTP', 'skipped: no build (run npm run build first)');
		return;
	}
	const server = await startServer(file);
	try {
		for (const [name, query] of queries) {
			const url = `${server.base}/a/banco/decisions${query ? `?${query}` : ''}`;
			for (let i = 0; i < 30; i++) await (await fetch(url)).text();
			const times: number[] = [];
			let bytes = 0;
			for (let i = 0; i < 300; i++) {
				const t0 = performance.now();
				const res = await fetch(url);
				const body = await res.text();
				times.push(performance.now() - t0);
				if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
				bytes = body.length;
			}
			times.sort((a, b) => a - b);
			report(
				`archive page over HTTP, ${name}`,
				`p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${(bytes / 1024).toFixed(0)} KB HTML)`,
				name === 'newest first' ? 'p50 < 10 ms' : ''
			);
		}
	} finally {
		server.proc.kill('SIGTERM');
		await server.exited;
	}
}

try {
	console.error('building realistic entries from the demo (every vote closed)…');
	const templates = await demoEntries();
	report(
		'entry templates',
		`${templates.length} (${[...new Set(templates.map((t) => t.vote?.method ?? t.kind))].join(', ')})`
	);
	const entries = await verifying(templates);
	await databaseCheck(entries);
	await archive(templates);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r.measure.length));
const valueWidth = Math.max(...rows.map((r) => r.value.length));
console.log(`\n${'measure'.padEnd(width)}  ${'result'.padEnd(valueWidth)}  target`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}  ------`);
for (const r of rows)
	console.log(`${r.measure.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.target}`);
