// The decision register: appending entries (a closed vote, a confirmed hand count, a decision by
// consensus, a correction) and reading the head. Appending happens inside the caller's write
// transaction, so a vote closes and its entry lands together or not at all.
import type { Db } from '$lib/server/db';
import type { Decision, DecisionEntryKind } from '$lib/server/db/schema';
import {
	emptyHead,
	REGISTER_VERSION,
	sealEntry,
	type Head,
	type RegisterEntry
} from '$lib/record/chain';
import { searchText } from '$lib/server/text';

/**
 * The language of text the register stores (titles and summaries Minka writes): the register's
 * own, whatever the language of the person whose act wrote it.
 */
export const STORED = { locale: 'es' } as const;

/** What the caller says about a decision; the register adds its number and chain link. */
export type NewEntry = Omit<RegisterEntry, 'v' | 'association' | 'seq' | 'prev' | 'decided_at'> & {
	/** When it was decided, in milliseconds. */
	decidedAt: number;
	voteId?: number | null;
};

// Bolivia keeps UTC−4 all year: a decision at 22:00 on 31 December belongs to that year.
const LA_PAZ_OFFSET_MS = 4 * 60 * 60 * 1000;

export function decisionYear(ms: number): number {
	return new Date(ms - LA_PAZ_OFFSET_MS).getUTCFullYear();
}

/** The register's head: its last entry's number and hash (0 and GENESIS while empty). */
export async function getRegisterHead(db: Db, associationId: number): Promise<Head> {
	const last = await db
		.selectFrom('decision')
		.select(['seq', 'hash'])
		.where('association_id', '=', associationId)
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	return last ? { seq: Number(last.seq), hash: last.hash } : emptyHead();
}

/** The number of the register entry a closed vote wrote, if any. */
export async function voteDecisionSeq(
	db: Db,
	associationId: number,
	voteId: number
): Promise<number | null> {
	const row = await db
		.selectFrom('decision')
		.select('seq')
		.where('association_id', '=', associationId)
		.where('vote_id', '=', voteId)
		.orderBy('seq')
		.executeTakeFirst();
	return row ? Number(row.seq) : null;
}

/**
 * Appends one entry after the current head, inside the caller's write transaction. On SQLite the
 * transaction holds the write lock; on PostgreSQL the UNIQUE (association, seq) and (association,
 * prev_hash) constraints make a concurrent append fail rather than fork the chain.
 */
export async function appendEntry(
	tx: Db,
	association: { id: number; slug: string },
	input: NewEntry,
	now = Date.now()
): Promise<Decision> {
	const head = await getRegisterHead(tx, association.id);
	const { decidedAt, voteId = null, ...fields } = input;
	const entry: RegisterEntry = {
		...fields,
		v: REGISTER_VERSION,
		association: association.slug,
		seq: head.seq + 1,
		prev: head.hash,
		decided_at: new Date(decidedAt).toISOString()
	};
	const sealed = sealEntry(entry);
	return tx
		.insertInto('decision')
		.values({
			association_id: association.id,
			seq: entry.seq,
			kind: entry.kind as DecisionEntryKind,
			outcome: entry.outcome,
			title: entry.title,
			search_text: searchText(`${entry.title} ${entry.summary}`),
			decided_at: decidedAt,
			year: decisionYear(decidedAt),
			vote_id: voteId,
			corrects_seq: entry.corrects,
			entry: sealed.text,
			prev_hash: entry.prev,
			hash: sealed.hash,
			created_at: now
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}
