// The register as files a community can keep and check: decisions.json (every entry as stored, in
// canonical key order, with its hash: `npm run verify` and the "Verificar" page recompute the chain
// from it) and decisions.csv for spreadsheets.
import { authorize, type AssociationContext } from '$lib/server/associations';
import { toCsv, type CsvCell } from '$lib/server/csv';
import type { Db } from '$lib/server/db';
import { canonicalJson } from '$lib/canonical';
import { localDateTimeInput } from '$lib/format';
import {
	REGISTER_FORMAT,
	REGISTER_VERSION,
	type Head,
	type RegisterEntry,
	type RegisterExport
} from '$lib/record/chain';
import { entryKindLabel, entryOutcomeLabel } from '$lib/record/labels';
import { decisionKindLabel } from '$lib/voting/labels';
import { m } from '$lib/paraglide/messages.js';
import { getRegisterHead } from './register';

/** Rows read from the database at a time while writing an export. */
const BATCH = 500;

interface StoredRow {
	seq: number;
	entry: string;
	hash: string;
}

/** The stored entries up to `head`, oldest first, a batch at a time. */
async function* storedEntries(
	db: Db,
	associationId: number,
	head: Head
): AsyncGenerator<StoredRow> {
	let after = 0;
	while (after < head.seq) {
		const rows = await db
			.selectFrom('decision')
			.select(['seq', 'entry', 'hash'])
			.where('association_id', '=', associationId)
			.where('seq', '>', after)
			.where('seq', '<=', head.seq)
			.orderBy('seq')
			.limit(BATCH)
			.execute();
		if (!rows.length) return;
		for (const row of rows) yield { seq: Number(row.seq), entry: row.entry, hash: row.hash };
		after = Number(rows[rows.length - 1].seq);
	}
}

/** A stored entry with its hash, as the export writes it (canonical key order). */
export function signedEntryJson(row: { entry: string; hash: string }): string {
	return canonicalJson({ ...(JSON.parse(row.entry) as RegisterEntry), hash: row.hash });
}

async function* exportChunks(
	db: Db,
	association: { id: number; slug: string; name: string },
	now: number
): AsyncGenerator<string> {
	// The head first: entries appended while the file is written are left for the next export.
	const head = await getRegisterHead(db, association.id);
	const about = canonicalJson({ slug: association.slug, name: association.name });
	yield `{"association":${about},"entries":[`;
	let first = true;
	for await (const row of storedEntries(db, association.id, head)) {
		yield `${first ? '\n' : ',\n'}${signedEntryJson(row)}`;
		first = false;
	}
	const rest = canonicalJson({
		exported_at: new Date(now).toISOString(),
		format: REGISTER_FORMAT,
		head,
		version: REGISTER_VERSION
	});
	// The same keys in the same order as RegisterExport's canonical form: entries sorts before them.
	yield `\n],${rest.slice(1)}\n`;
}

/**
 * decisions.json, as pieces of text to stream: anyone who may view the association. Authorizes
 * before the first piece, so a refusal is an error status, not a truncated file.
 */
export function registerExport(
	db: Db,
	ctx: AssociationContext,
	now = Date.now()
): AsyncIterable<string> {
	authorize(ctx.actor, 'association.view', ctx.association);
	return exportChunks(db, ctx.association, now);
}

/** decisions.json as one parsed document (tests, small registers). */
export async function exportRegister(
	db: Db,
	ctx: AssociationContext,
	now = Date.now()
): Promise<RegisterExport> {
	let text = '';
	for await (const chunk of registerExport(db, ctx, now)) text += chunk;
	return JSON.parse(text) as RegisterExport;
}

/** The Bolivian date and time of an ISO instant, as a spreadsheet reads it: 2026-03-14 10:30. */
function localDateTime(iso: string): string {
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? localDateTimeInput(ms).replace('T', ' ') : iso;
}

/** decisions.csv: one row per entry, in the reader's language; anyone who may view it. */
export async function registerCsv(db: Db, ctx: AssociationContext): Promise<string> {
	authorize(ctx.actor, 'association.view', ctx.association);
	const head = await getRegisterHead(db, ctx.association.id);
	const rows: CsvCell[][] = [];
	for await (const row of storedEntries(db, ctx.association.id, head)) {
		const e = JSON.parse(row.entry) as RegisterEntry;
		rows.push([
			e.seq,
			localDateTime(e.decided_at),
			entryKindLabel(e.kind),
			decisionKindLabel(e.decision_kind),
			e.title,
			entryOutcomeLabel(e.outcome),
			e.summary,
			e.vote?.electorate ?? null,
			e.vote?.cast ?? null,
			e.vote ? (e.vote.quorum_met ? m.register_yes() : m.register_no()) : null,
			e.subject?.content_hash ?? null,
			e.prev,
			row.hash
		]);
	}
	return toCsv(
		[
			m.register_csv_seq(),
			m.register_csv_date(),
			m.register_csv_kind(),
			m.register_csv_decision_kind(),
			m.register_csv_title(),
			m.register_csv_outcome(),
			m.register_csv_summary(),
			m.register_csv_electorate(),
			m.register_csv_cast(),
			m.register_csv_quorum(),
			m.register_csv_content_hash(),
			m.register_csv_prev_hash(),
			m.register_csv_hash()
		],
		rows
	);
}
