// Benchmark of the money pages (issue 13): the execution page («¿En qué se gastó la plata?»,
// getMoneyPage) and the treasurer's report for the last quarter (HTML data and PDF), with 1,000,
// 10,000 and 100,000 movements over three years: p50 and p95 per request, in process, and the
// ratio between 100,000 and 1,000. Movements are chained and sealed as the app seals them, written
// in bulk (the domain's checks would take minutes per 100,000), on an 11-line approved plan.
//
//   npx tsx scripts/bench/money.ts [sizes=1000,10000,100000] [runs=30]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '$lib/canonical';
import { GENESIS, sealMovement, type MovementEntry } from '$lib/money/chain';
import type { MovementKind } from '$lib/money/vocabulary';
import { loadAssociationContext } from '$lib/server/associations';
import { writeTx } from '$lib/server/db';
import type { DB } from '$lib/server/db/schema';
import type { Insertable } from 'kysely';
import { getMoneyPage, renderReportPdf, treasurerReport, verifyMoneyDb } from '$lib/server/money';
import { appendEntry } from '$lib/server/record';
import { recomputeTotals } from '$lib/server/money/totals';
import { benchAssociation, percentile } from './shared';

const SIZES = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.argv[3] ?? 30);
const DAY = 86_400_000;

const LINES = Array.from({ length: 11 }, (_, i) => ({
	id: `line-${i}`,
	code: i < 8 ? `I-0${i + 1}` : `AT-0${i - 7}`,
	title: `Línea ${i + 1}`,
	description: '',
	category: 'equipment',
	unit: 'global',
	quantity: 1,
	unit_cost: 4_000_000_000,
	par: 3_000_000_000,
	cash: 1_000_000_000,
	in_kind: 0,
	municipality: 0
}));

async function setUp(n: number) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-bench-money-'));
	const { db, leader, association } = await benchAssociation(path.join(dir, 'bench.db'));
	const content = JSON.stringify({
		title: 'Plan',
		summary: '',
		body: [],
		items: LINES,
		totals: {}
	});
	const planHash = contentHash(JSON.parse(content));
	await writeTx(db, (tx) =>
		appendEntry(tx, association, {
			kind: 'consensus',
			decision_kind: 'ordinary',
			title: 'Aprobación del plan',
			summary: 'Aprobado.',
			outcome: 'consensus',
			recorded_by: 'Dirigente',
			subject: {
				draft_id: 1,
				draft_kind: 'investment_plan',
				version: 1,
				label: 'Final',
				content_hash: planHash,
				content
			},
			vote: null,
			corrects: null,
			assembly: null,
			decidedAt: Date.now() - 1100 * DAY
		})
	);
	const accounts = await db
		.insertInto('money_account')
		.values([
			{ association_id: association.id, kind: 'bank', name: 'Banco', created_at: 0 },
			{ association_id: association.id, kind: 'cash', name: 'Caja', created_at: 0 }
		])
		.returning(['id', 'name'])
		.execute();
	const start = Date.now() - 1095 * DAY;
	let prev = GENESIS;
	const rows: Insertable<DB['money_movement']>[] = [];
	for (let seq = 1; seq <= n; seq++) {
		const r = seq % 10;
		const kind: MovementKind = r === 0 ? 'income' : r === 5 ? 'transfer' : 'expense';
		const line = LINES[seq % LINES.length];
		const source = seq % 3 === 0 ? 'cash' : 'par';
		const date = new Date(start + Math.floor((seq / n) * 1095) * DAY).toISOString().slice(0, 10);
		const amount = kind === 'income' ? 2_000_000 : 10_000 + (seq % 500);
		const from = kind === 'transfer' ? accounts[1] : accounts[0];
		const to = kind === 'transfer' ? accounts[0] : null;
		const entry: MovementEntry = {
			v: 1,
			association: association.slug,
			seq,
			prev,
			kind,
			income_kind: kind === 'income' ? 'tranche' : null,
			account: from.name,
			to_account: to?.name ?? null,
			amount,
			date,
			description: `Movimiento ${seq}`,
			line: kind === 'expense' ? { id: line.id, code: line.code, source, plan: planHash } : null,
			receipt:
				kind === 'expense' ? { supplier: 'Proveedor', number: String(seq), sha256: null } : null,
			household: null,
			reverses: null,
			recorded_by: 'Tesorero',
			recorded_at: new Date(start).toISOString()
		};
		const sealed = sealMovement(entry);
		rows.push({
			association_id: association.id,
			seq,
			kind,
			income_kind: entry.income_kind,
			account_id: from.id,
			to_account_id: to?.id ?? null,
			amount,
			occurred_on: date,
			line_id: entry.line?.id ?? null,
			source: entry.line?.source ?? null,
			plan_hash: entry.line ? planHash : null,
			supplier: entry.receipt?.supplier ?? null,
			receipt_number: entry.receipt?.number ?? null,
			supplier_key: entry.receipt ? `proveedor#${seq}` : null,
			receipt_id: null,
			household: null,
			reverses_seq: null,
			entry: sealed.text,
			prev_hash: prev,
			hash: sealed.hash,
			recorded_by: leader.id,
			created_at: start
		});
		prev = sealed.hash;
	}
	// The running totals the app keeps with each movement, computed once for the bulk insert.
	const totals = [
		...recomputeTotals(
			rows.map((r) => ({
				...r,
				to_account_id: r.to_account_id ?? null,
				plan_hash: r.plan_hash ?? null,
				line_id: r.line_id ?? null,
				source: r.source ?? null,
				reverses_seq: r.reverses_seq ?? null
			}))
		)
	].map(([key, t]) => ({
		association_id: association.id,
		key,
		...t
	}));
	await writeTx(db, async (tx) => {
		for (let i = 0; i < rows.length; i += 500)
			await tx
				.insertInto('money_movement')
				.values(rows.slice(i, i + 500))
				.execute();
		for (let i = 0; i < totals.length; i += 500)
			await tx
				.insertInto('money_total')
				.values(totals.slice(i, i + 500))
				.execute();
	});
	const ctx = (await loadAssociationContext(db, association.slug, leader))!;
	return { db, ctx, dir };
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
	await fn();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await fn();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const fmt = (ms: number) => ms.toFixed(1).padStart(7);
const results = new Map<number, Record<string, { p50: number; p95: number }>>();
for (const n of SIZES) {
	const { db, ctx, dir } = await setUp(n);
	const to = new Date(Date.now() - 4 * 3_600_000).toISOString().slice(0, 10);
	const from = new Date(Date.now() - 90 * DAY).toISOString().slice(0, 10);
	const report = await treasurerReport(db, ctx, { from, to });
	const row = {
		execution: await time(() => getMoneyPage(db, ctx)),
		report: await time(() => treasurerReport(db, ctx, { from, to })),
		reportPdf: await time(async () =>
			renderReportPdf(await treasurerReport(db, ctx, { from, to }), 'carta')
		)
	};
	const t0 = performance.now();
	const verified = await verifyMoneyDb(db);
	const verify = performance.now() - t0;
	results.set(n, row);
	console.log(
		`${String(n).padStart(7)} movements (${report.expenses.length} expenses in the quarter):` +
			` execution p50 ${fmt(row.execution.p50)} ms p95 ${fmt(row.execution.p95)} ms |` +
			` report p50 ${fmt(row.report.p50)} p95 ${fmt(row.report.p95)} |` +
			` report PDF p50 ${fmt(row.reportPdf.p50)} p95 ${fmt(row.reportPdf.p95)} |` +
			` verify ${verify.toFixed(0)} ms (${verified.ok ? 'ok' : 'FAILED'})`
	);
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
}
const small = results.get(Math.min(...SIZES));
const large = results.get(Math.max(...SIZES));
if (small && large && SIZES.length > 1)
	for (const k of ['execution', 'report', 'reportPdf'] as const)
		console.log(
			`ratio p50 ${Math.max(...SIZES)}/${Math.min(...SIZES)} ${k}: ${(large[k].p50 / small[k].p50).toFixed(1)}×`
		);
