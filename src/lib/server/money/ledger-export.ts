// The ledger as files: JSON (every movement's canonical entry and hash, so anyone can re-check
// the chain) and CSV for a spreadsheet. Readable by whoever may read the accounts.
import { authorize, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import { toCsv } from '$lib/server/csv';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import {
	LEDGER_FORMAT,
	LEDGER_VERSION,
	verifyMovements,
	type MovementEntry,
	type SignedMovement
} from '$lib/money/chain';

export interface LedgerExport {
	format: typeof LEDGER_FORMAT;
	version: typeof LEDGER_VERSION;
	association: { slug: string; name: string };
	exported_at: string;
	head: { seq: number; hash: string };
	movements: SignedMovement[];
}

async function storedRows(db: Db, associationId: number) {
	return db
		.selectFrom('money_movement')
		.select(['seq', 'entry', 'prev_hash', 'hash'])
		.where('association_id', '=', associationId)
		.orderBy('seq')
		.execute();
}

/** ledger.json: canonical JSON, with the SHA-256 of the whole file's content alongside. */
export async function ledgerJson(
	db: Db,
	ctx: AssociationContext,
	now = Date.now()
): Promise<{ text: string; sha256: string }> {
	authorize(ctx.actor, 'money.view', ctx.association);
	const rows = await storedRows(db, ctx.association.id);
	const movements = rows.map((r) => ({
		...(JSON.parse(r.entry) as MovementEntry),
		hash: r.hash
	}));
	const last = rows.at(-1);
	const doc: LedgerExport = {
		format: LEDGER_FORMAT,
		version: LEDGER_VERSION,
		association: { slug: ctx.association.slug, name: ctx.association.name },
		exported_at: new Date(now).toISOString(),
		head: last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: '0'.repeat(64) },
		movements
	};
	const text = canonicalJson(doc);
	return { text, sha256: sha256Hex(text) };
}

/** Checks an exported ledger's chain, as `npm run verify` does for the database. */
export function verifyLedgerExport(doc: LedgerExport) {
	return verifyMovements(
		doc.movements.map((mv, i) => {
			const { hash, ...entry } = mv;
			return { seq: i + 1, entry: canonicalJson(entry), prev_hash: entry.prev, hash };
		}),
		doc.association.slug
	);
}

export async function ledgerCsv(db: Db, ctx: AssociationContext): Promise<string> {
	authorize(ctx.actor, 'money.view', ctx.association);
	const rows = await storedRows(db, ctx.association.id);
	const header = [
		'seq',
		'date',
		'kind',
		'income_kind',
		'account',
		'to_account',
		'amount_bs',
		'line',
		'source',
		'supplier',
		'receipt_number',
		'receipt_sha256',
		'household',
		'witness',
		'reverses',
		'description',
		'recorded_by',
		'hash'
	];
	return toCsv(
		header,
		rows.map((r) => {
			const e = JSON.parse(r.entry) as MovementEntry;
			return [
				e.seq,
				e.date,
				e.kind,
				e.income_kind,
				e.account,
				e.to_account,
				(e.amount / 100).toFixed(2),
				e.line?.code ?? null,
				e.line?.source ?? null,
				e.receipt?.supplier ?? null,
				e.receipt?.number ?? null,
				e.receipt?.sha256 ?? null,
				e.household?.name ?? null,
				e.household?.witness ?? null,
				e.reverses,
				e.description,
				e.recorded_by,
				r.hash
			];
		})
	);
}
