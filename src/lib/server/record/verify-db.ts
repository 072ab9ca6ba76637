// `npm run verify -- --db`: checks the register where it lives. An export can only show what the
// entries say; the database also holds the columns the archive searches and filters by, and the
// triggers that make it append-only. Per association, rows in seq order: each stored entry must be
// exactly its own canonical JSON, hash to its `hash`, link to the entry before it, and agree with
// its columns. Reads only; never trusts a column the entry does not confirm.
import { PostgresAdapter, sql } from 'kysely';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import {
	verifyEntries,
	type ChainProblem,
	type Hasher,
	type Head,
	type ProblemReason,
	type RegisterEntry
} from '$lib/record/chain';
import type { Db } from '$lib/server/db';
import type { Decision } from '$lib/server/db/schema';
import { searchText } from '$lib/server/text';
import { decisionYear } from './register';

export type DbProblemReason =
	| ProblemReason
	/** The stored text is not the canonical JSON of what it says (edited by hand). */
	| 'canonical'
	/** A column (title, year, outcome…) says something other than the entry. */
	| 'column';

export interface DbProblem extends Omit<ChainProblem, 'reason'> {
	reason: DbProblemReason;
	/** The column that disagrees, for `column`. */
	column?: string;
}

export type DbVerification =
	| { ok: true; head: Head; count: number }
	| { ok: false; problem: DbProblem; head: Head; count: number };

export interface AssociationCheck {
	slug: string;
	name: string;
	result: DbVerification;
}

export interface TriggerCheck {
	ok: boolean;
	/** The protections expected and not found (by what they refuse: UPDATE, DELETE, TRUNCATE). */
	missing: string[];
}

export interface DbReport {
	ok: boolean;
	associations: AssociationCheck[];
	triggers: TriggerCheck;
}

export interface VerifyDbOptions {
	/** Only this association (by slug). */
	association?: string;
	/** A head seen before; only with `association`. */
	anchor?: Head | null;
	hash?: Hasher;
}

type Row = Pick<
	Decision,
	| 'seq'
	| 'kind'
	| 'outcome'
	| 'title'
	| 'search_text'
	| 'decided_at'
	| 'year'
	| 'vote_id'
	| 'corrects_seq'
	| 'entry'
	| 'prev_hash'
	| 'hash'
>;

/** What each column must hold, from the entry it repeats. */
function expectedColumns(entry: RegisterEntry): Omit<Row, 'entry' | 'hash'> {
	const decidedAt = Date.parse(entry.decided_at);
	return {
		seq: entry.seq,
		kind: entry.kind,
		outcome: entry.outcome,
		title: entry.title,
		search_text: searchText(`${entry.title} ${entry.summary}`),
		decided_at: decidedAt,
		year: decisionYear(decidedAt),
		vote_id: entry.vote?.id ?? null,
		corrects_seq: entry.corrects,
		prev_hash: entry.prev
	};
}

/** The first problem a row has on its own (its text, its hash, its columns), if any. */
function checkRow(
	row: Row,
	position: number,
	hash: Hasher
): { problem: DbProblem } | { entry: RegisterEntry } {
	const problem = (reason: DbProblemReason, detail: string, column?: string) => ({
		problem: { reason, seq: position, detail, column }
	});
	let entry: RegisterEntry;
	try {
		entry = JSON.parse(row.entry) as RegisterEntry;
	} catch {
		return problem('format', `entry ${position} is not JSON`);
	}
	let canonical: string;
	try {
		canonical = canonicalJson(entry);
	} catch {
		canonical = '';
	}
	if (canonical !== row.entry) {
		return problem(
			'canonical',
			`entry ${position}'s stored text is not in canonical form: it was edited by hand`
		);
	}
	if (typeof entry !== 'object' || entry === null || typeof entry.decided_at !== 'string') {
		return problem('format', `entry ${position} is not a register entry`);
	}
	const computed = hash(row.entry);
	if (computed !== row.hash) {
		return problem(
			'hash',
			`entry ${position} was changed: its text hashes to ${computed}, not ${row.hash}`
		);
	}
	const expected = expectedColumns(entry);
	for (const [column, value] of Object.entries(expected)) {
		const stored = row[column as keyof Row];
		const same =
			value === null || stored === null ? value === stored : String(value) === String(stored);
		if (!same && column === 'seq') {
			return problem('sequence', `the row numbered ${String(stored)} holds entry ${entry.seq}`);
		}
		if (!same) {
			return problem(
				'column',
				`entry ${position}'s column ${column} holds ${JSON.stringify(stored)}, the entry says ${JSON.stringify(value)}`,
				column
			);
		}
	}
	return { entry };
}

/** One association's register, as stored. */
export function verifyAssociationRows(
	rows: readonly Row[],
	options: { association: string; anchor?: Head | null; hash?: Hasher }
): DbVerification {
	const hash = options.hash ?? sha256Hex;
	let first: DbProblem | null = null;
	const signed: unknown[] = [];
	for (const [i, row] of rows.entries()) {
		const checked = checkRow(row, i + 1, hash);
		if ('problem' in checked) {
			first = checked.problem;
			break;
		}
		signed.push({ ...checked.entry, hash: row.hash });
	}
	// The chain over the rows that stand on their own; a row problem earlier than the chain's wins.
	// Each row's text was just hashed and is its entry's canonical JSON: the chain reuses that hash.
	let hashed = 0;
	const chain = verifyEntries(signed, {
		association: options.association,
		anchor: first ? null : options.anchor,
		hash: (text) => (text === rows[hashed]?.entry ? rows[hashed++].hash : hash(text))
	});
	if (!chain.ok && (!first || chain.problem.seq <= first.seq)) {
		return { ok: false, problem: chain.problem, head: chain.head, count: rows.length };
	}
	if (first) return { ok: false, problem: first, head: chain.head, count: rows.length };
	return { ok: true, head: chain.head, count: rows.length };
}

/** Whether the triggers that refuse UPDATE and DELETE on the register are in place. */
export async function checkAppendOnly(db: Db): Promise<TriggerCheck> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		const { rows } = await sql<{ name: string; type: number; enabled: string }>`
			select tgname as name, tgtype as type, tgenabled as enabled from pg_trigger
			where tgrelid = to_regclass('decision') and not tgisinternal`.execute(db);
		// tgtype bits: 2 BEFORE, 8 DELETE, 16 UPDATE, 32 TRUNCATE.
		const active = rows.filter((r) => r.enabled !== 'D' && (Number(r.type) & 2) !== 0);
		const covers = (bit: number) => active.some((r) => (Number(r.type) & bit) !== 0);
		const missing = [
			...(covers(16) ? [] : ['UPDATE']),
			...(covers(8) ? [] : ['DELETE']),
			...(covers(32) ? [] : ['TRUNCATE'])
		];
		return { ok: missing.length === 0, missing };
	}
	const { rows } = await sql<{ sql: string | null }>`
		select sql from sqlite_master where type = 'trigger' and tbl_name = 'decision'`.execute(db);
	const refuses = (op: string) =>
		rows.some((r) => {
			const text = (r.sql ?? '').toLowerCase().replace(/\s+/g, ' ');
			return text.includes(`before ${op} on decision`) && /raise\s*\(\s*abort/.test(text);
		});
	const missing = ['UPDATE', 'DELETE'].filter((op) => !refuses(op.toLowerCase()));
	return { ok: missing.length === 0, missing };
}

/** Checks every association's register in the database (or one), and the append-only triggers. */
export async function verifyRegisterDb(db: Db, options: VerifyDbOptions = {}): Promise<DbReport> {
	let query = db.selectFrom('association').select(['id', 'slug', 'name']).orderBy('slug');
	if (options.association) query = query.where('slug', '=', options.association);
	const associations = await query.execute();
	const checks: AssociationCheck[] = [];
	for (const association of associations) {
		const rows = await db
			.selectFrom('decision')
			.select([
				'seq',
				'kind',
				'outcome',
				'title',
				'search_text',
				'decided_at',
				'year',
				'vote_id',
				'corrects_seq',
				'entry',
				'prev_hash',
				'hash'
			])
			.where('association_id', '=', association.id)
			.orderBy('seq')
			.execute();
		checks.push({
			slug: association.slug,
			name: association.name,
			result: verifyAssociationRows(rows, {
				association: association.slug,
				anchor: options.association ? options.anchor : null,
				hash: options.hash
			})
		});
	}
	const triggers = await checkAppendOnly(db);
	return {
		ok: triggers.ok && checks.every((c) => c.result.ok),
		associations: checks,
		triggers
	};
}
