// The movements' hash chain, as plain data, like the decision register's ($lib/record/chain.ts):
// each movement is its canonical JSON, hashed with SHA-256, naming the hash of the one before it
// (GENESIS for the first) and its association. Pure: the server seals with it, `npm run verify`
// and the ledger export check with it.
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { GENESIS } from '$lib/record/chain';

export const LEDGER_FORMAT = 'minka-ledger';
export const LEDGER_VERSION = 1;
export { GENESIS };

export interface MovementEntry {
	v: typeof LEDGER_VERSION;
	association: string;
	seq: number;
	prev: string;
	kind: string;
	/** For income: tranche, counterpart, municipality, sales, fines, other. */
	income_kind: string | null;
	/** Account names: they are what people read on a statement. */
	account: string;
	to_account: string | null;
	/** Centavos. */
	amount: number;
	/** YYYY-MM-DD. */
	date: string;
	description: string;
	/** The plan line and source charged, and the approved plan version's hash. */
	line: { id: string; code: string; source: string; plan: string } | null;
	receipt: { supplier: string; number: string; sha256: string | null } | null;
	/** The household whose counterpart this pays, with who witnessed it. */
	household: { key: string; name: string; witness: string | null } | null;
	/** The movement this one reverses. */
	reverses: number | null;
	recorded_by: string;
	/** ISO 8601, UTC. */
	recorded_at: string;
}

export type SignedMovement = MovementEntry & { hash: string };

export function sealMovement(entry: MovementEntry): { text: string; hash: string } {
	const text = canonicalJson(entry);
	return { text, hash: sha256Hex(text) };
}

export interface MovementProblem {
	reason: 'format' | 'association' | 'sequence' | 'canonical' | 'hash' | 'link' | 'column';
	/** The first bad movement's number. */
	seq: number;
	detail: string;
}

export type LedgerVerification =
	| { ok: true; count: number; head: { seq: number; hash: string } }
	| { ok: false; problem: MovementProblem };

export interface StoredMovement {
	seq: number;
	entry: string;
	prev_hash: string;
	hash: string;
}

/**
 * Checks stored movements in seq order: each text is its own canonical JSON, hashes to its hash,
 * names its association and number, and links to the one before. `columns` may check that a
 * row's other columns agree with its entry and return what disagrees.
 */
export function verifyMovements<R extends StoredMovement>(
	rows: readonly R[],
	association: string,
	columns?: (row: R, entry: MovementEntry) => string | null
): LedgerVerification {
	let prev = GENESIS;
	for (const [i, row] of rows.entries()) {
		const seq = i + 1;
		const fail = (reason: MovementProblem['reason'], detail: string): LedgerVerification => ({
			ok: false,
			problem: { reason, seq, detail }
		});
		let entry: MovementEntry;
		try {
			entry = JSON.parse(row.entry) as MovementEntry;
		} catch {
			return fail('format', `movement ${seq} is not JSON`);
		}
		let canonical = '';
		try {
			canonical = canonicalJson(entry);
		} catch {
			/* reported below */
		}
		if (canonical !== row.entry)
			return fail('canonical', `movement ${seq}'s stored text is not canonical: edited by hand`);
		if (Number(row.seq) !== seq || entry.seq !== seq)
			return fail('sequence', `movement ${seq} is missing or out of place`);
		if (entry.association !== association)
			return fail('association', `movement ${seq} belongs to "${String(entry.association)}"`);
		const computed = sha256Hex(row.entry);
		if (computed !== row.hash)
			return fail('hash', `movement ${seq} was changed: it hashes to ${computed}, not ${row.hash}`);
		if (entry.prev !== prev || row.prev_hash !== prev)
			return fail('link', `movement ${seq} does not follow movement ${seq - 1}`);
		const column = columns?.(row, entry);
		if (column) return fail('column', `movement ${seq}'s column ${column} disagrees with it`);
		prev = row.hash;
	}
	return { ok: true, count: rows.length, head: { seq: rows.length, hash: prev } };
}
