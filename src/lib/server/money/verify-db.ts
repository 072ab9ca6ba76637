// `npm run verify -- --db` checks the money too: per association, the movements in seq order
// must each be their own canonical JSON, hash to their hash, link to the one before, and agree
// with the columns the pages sum (amount, kind, accounts' line and source, reversal).
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '$lib/server/db';
import { sha256Hex } from '$lib/canonical';
import type { MoneyMovement } from '$lib/server/db/schema';
import { readTotals, recomputeTotals } from './totals';
import { verifyMovements, type LedgerVerification, type MovementEntry } from '$lib/money/chain';

export interface MoneyCheck {
	slug: string;
	result: LedgerVerification;
}

export interface MoneyReport {
	ok: boolean;
	associations: MoneyCheck[];
	/** Tables whose UPDATE / DELETE refusal is missing. */
	missing: string[];
	/** Running totals (balances, spent per line) that disagree with the movements. */
	totals: { association: string; key: string }[];
	/** Frozen documents (treasurer reports, descargos) whose text no longer hashes to its hash. */
	altered: { association: string; document: 'report' | 'descargo'; id: number }[];
}

type Row = {
	seq: number;
	account_id: number;
	to_account_id: number | null;
	entry: string;
	prev_hash: string;
	hash: string;
	kind: string;
	amount: number;
	line_id: string | null;
	source: string | null;
	plan_hash: string | null;
	reverses_seq: number | null;
	income_kind: string | null;
};

function disagreement(row: Row, e: MovementEntry): string | null {
	if (row.kind !== e.kind) return 'kind';
	if (Number(row.amount) !== e.amount) return 'amount';
	if ((row.income_kind ?? null) !== e.income_kind) return 'income_kind';
	if ((row.line_id ?? null) !== (e.line?.id ?? null)) return 'line_id';
	if ((row.source ?? null) !== (e.line?.source ?? null)) return 'source';
	if ((row.plan_hash ?? null) !== (e.line?.plan ?? null)) return 'plan_hash';
	if ((row.reverses_seq === null ? null : Number(row.reverses_seq)) !== e.reverses)
		return 'reverses_seq';
	return null;
}

async function missingTriggers(db: Db): Promise<string[]> {
	const tables = [
		'money_movement',
		'money_receipt',
		'money_labour',
		'counterpart_quota',
		'money_report',
		'money_report_event',
		'money_tranche',
		'money_tranche_arrival',
		'money_report_vote'
	];
	const missing: string[] = [];
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		for (const table of tables) {
			const { rows } = await sql<{ type: number; enabled: string }>`
				select tgtype as type, tgenabled as enabled from pg_trigger
				where tgrelid = to_regclass(${table}) and not tgisinternal`.execute(db);
			const active = rows.filter((r) => r.enabled !== 'D' && (Number(r.type) & 2) !== 0);
			for (const [bit, op] of [
				[16, 'UPDATE'],
				[8, 'DELETE']
			] as const)
				if (!active.some((r) => (Number(r.type) & bit) !== 0)) missing.push(`${table} ${op}`);
		}
		return missing;
	}
	for (const table of tables) {
		const { rows } = await sql<{ sql: string | null }>`
			select sql from sqlite_master where type = 'trigger' and tbl_name = ${table}`.execute(db);
		for (const op of ['update', 'delete'])
			if (
				!rows.some((r) => {
					const text = (r.sql ?? '').toLowerCase().replace(/\s+/g, ' ');
					return text.includes(`before ${op} on ${table}`) && /raise\s*\(\s*abort/.test(text);
				})
			)
				missing.push(`${table} ${op.toUpperCase()}`);
	}
	return missing;
}

/** The treasurer reports and descargos whose frozen text no longer matches its SHA-256. */
async function alteredDocuments(db: Db, slug?: string): Promise<MoneyReport['altered']> {
	const reports = await db
		.selectFrom('money_report')
		.innerJoin('association', 'association.id', 'money_report.association_id')
		.select(['association.slug', 'money_report.id', 'report as text', 'report_hash as hash'])
		.$if(slug !== undefined, (q) => q.where('association.slug', '=', slug!))
		.execute();
	const descargos = await db
		.selectFrom('money_tranche')
		.innerJoin('association', 'association.id', 'money_tranche.association_id')
		.select([
			'association.slug',
			'money_tranche.number as id',
			'descargo as text',
			'descargo_hash as hash'
		])
		.$if(slug !== undefined, (q) => q.where('association.slug', '=', slug!))
		.execute();
	const bad = (document: 'report' | 'descargo') => (r: (typeof reports)[number]) =>
		sha256Hex(r.text) === r.hash ? [] : [{ association: r.slug, document, id: Number(r.id) }];
	return [...reports.flatMap(bad('report')), ...descargos.flatMap(bad('descargo'))];
}

export async function verifyMoneyDb(db: Db, options: { association?: string } = {}) {
	let query = db.selectFrom('association').select(['id', 'slug']).orderBy('slug');
	if (options.association) query = query.where('slug', '=', options.association);
	const checks: MoneyCheck[] = [];
	const totals: MoneyReport['totals'] = [];
	for (const a of await query.execute()) {
		const rows = (await db
			.selectFrom('money_movement')
			.select([
				'seq',
				'entry',
				'prev_hash',
				'hash',
				'kind',
				'amount',
				'line_id',
				'source',
				'plan_hash',
				'reverses_seq',
				'income_kind',
				'account_id',
				'to_account_id'
			])
			.where('association_id', '=', a.id)
			.orderBy('seq')
			.execute()) as Row[];
		checks.push({ slug: a.slug, result: verifyMovements(rows, a.slug, disagreement) });
		const expected = recomputeTotals(
			rows.map((r) => ({ ...r, kind: r.kind as MoneyMovement['kind'] }))
		);
		const stored = await readTotals(db, a.id, '');
		for (const key of new Set([...expected.keys(), ...stored.keys()])) {
			const e = expected.get(key) ?? { total: 0, count: 0 };
			const got = stored.get(key) ?? { total: 0, count: 0 };
			if (e.total !== got.total || e.count !== got.count) totals.push({ association: a.slug, key });
		}
	}
	const missing = await missingTriggers(db);
	const altered = await alteredDocuments(db, options.association);
	return {
		ok:
			missing.length === 0 &&
			altered.length === 0 &&
			totals.length === 0 &&
			checks.every((c) => c.result.ok),
		associations: checks,
		missing,
		totals,
		altered
	} satisfies MoneyReport;
}
