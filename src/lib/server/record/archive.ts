// Reading the register: the archive's search, filters and pages, one decision with its neighbours,
// and the public registers for the API. What is shown always comes from the stored entry (what the
// hash covers); the other columns only serve to search, filter and sort.
import { PostgresAdapter, sql } from 'kysely';
import { SEARCH_MAX } from '$lib/record/limits';
import {
	authorize,
	can,
	listPublicAssociations,
	type AssociationContext
} from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { DecisionEntryKind } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { searchText } from '$lib/server/text';
import { sha256Hex } from '$lib/canonical';
import {
	emptyHead,
	type EntryKind,
	type Head,
	type RegisterEntry,
	type SignedEntry
} from '$lib/record/chain';
import { getRegisterHead } from './register';

export const ARCHIVE_PAGE_SIZE = 20;
export const ENTRY_KINDS: readonly EntryKind[] = ['vote', 'hand_count', 'consensus', 'correction'];
export const ENTRY_OUTCOMES = [
	'approved',
	'rejected',
	'decided',
	'no_quorum',
	'no_majority',
	'no_votes',
	'consensus',
	'corrected'
] as const;
/** More words than this in a search are ignored. */
const MAX_WORDS = 8;
const MAX_PAGE = 100_000;

export interface ArchiveFilters {
	q: string;
	year: number | null;
	kind: EntryKind | null;
	outcome: string | null;
	page: number;
}

/**
 * The archive's filters from a query string (the page's GET form, or the API). Empty values mean
 * "any"; a value that no form offers is refused (400), never silently widened.
 */
export function readArchiveFilters(params: URLSearchParams): ArchiveFilters {
	const value = (name: string) => (params.get(name) ?? '').trim();
	const year = value('year');
	const kind = value('kind');
	const outcome = value('outcome');
	const page = value('page');
	const bad = (field: string) =>
		new DomainError('invalid', 'error_archive_filter', { [field]: '' });
	if (year && !/^[12][0-9]{3}$/.test(year)) throw bad('year');
	if (kind && !ENTRY_KINDS.includes(kind as EntryKind)) throw bad('kind');
	if (outcome && !(ENTRY_OUTCOMES as readonly string[]).includes(outcome)) throw bad('outcome');
	if (page && !(/^[1-9][0-9]{0,5}$/.test(page) && Number(page) <= MAX_PAGE)) throw bad('page');
	return {
		q: value('q').slice(0, SEARCH_MAX),
		year: year ? Number(year) : null,
		kind: (kind || null) as EntryKind | null,
		outcome: outcome || null,
		page: page ? Number(page) : 1
	};
}

/** What a list shows of a decision, read from its entry. */
export interface DecisionSummary {
	seq: number;
	kind: EntryKind;
	decision_kind: string;
	title: string;
	summary: string;
	outcome: string;
	decided_at: string;
	corrects: number | null;
	electorate: number | null;
	cast: number | null;
	hash: string;
}

export interface ArchivePage {
	items: DecisionSummary[];
	/** Decisions matching the filters, on every page. */
	total: number;
	page: number;
	pages: number;
	/** The years that have decisions, newest first (for the year filter). */
	years: number[];
	head: Head;
}

export function summarize(entry: RegisterEntry, hash: string): DecisionSummary {
	return {
		seq: entry.seq,
		kind: entry.kind,
		decision_kind: entry.decision_kind,
		title: entry.title,
		summary: entry.summary,
		outcome: entry.outcome,
		decided_at: entry.decided_at,
		corrects: entry.corrects,
		electorate: entry.vote?.electorate ?? null,
		cast: entry.vote?.cast ?? null,
		hash
	};
}

/** The words of a search, folded like `search_text` (so "Frío" finds "frio"), at most MAX_WORDS. */
export function searchWords(q: string): string[] {
	return [...new Set(searchText(q).split(' ').filter(Boolean))].slice(0, MAX_WORDS);
}

/**
 * Entries whose search text has a word starting with each of `words`, through the full-text index
 * (FTS5 on SQLite, a GIN index over a tsvector on PostgreSQL). Folded words hold letters and digits
 * only, so no query syntax can reach either engine.
 */
function matchesWords(db: Db, words: string[]) {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		const query = words.map((w) => `${w}:*`).join(' & ');
		return sql<boolean>`to_tsvector('simple', search_text) @@ to_tsquery('simple', ${query})`;
	}
	const query = words.map((w) => `"${w}"*`).join(' ');
	return sql<boolean>`id in (select rowid from decision_fts where decision_fts match ${query})`;
}

/** One page of the association's decisions, newest first; anyone who may view the association. */
export async function listDecisions(
	db: Db,
	ctx: AssociationContext,
	filters: ArchiveFilters,
	pageSize = ARCHIVE_PAGE_SIZE
): Promise<ArchivePage> {
	authorize(ctx.actor, 'association.view', ctx.association);
	const associationId = ctx.association.id;
	const words = searchWords(filters.q);
	const sqliteSearch = words.length > 0 && !(db.getExecutor().adapter instanceof PostgresAdapter);
	// Searching on SQLite, the matches lead (by id) and the association is only checked: `+` keeps
	// the planner from scanning the association's whole register to test each entry against them.
	let query = db
		.selectFrom('decision')
		.where(
			sqliteSearch ? sql<number>`+association_id` : sql<number>`association_id`,
			'=',
			associationId
		);
	if (filters.year !== null) query = query.where('year', '=', filters.year);
	if (filters.kind) query = query.where('kind', '=', filters.kind as DecisionEntryKind);
	if (filters.outcome) query = query.where('outcome', '=', filters.outcome);
	if (words.length) query = query.where(matchesWords(db, words));
	const [{ total }] = await query
		.select((eb) => eb.fn.countAll<number | string>().as('total'))
		.execute();
	const count = Number(total);
	const pages = Math.max(1, Math.ceil(count / pageSize));
	const page = Math.min(filters.page, pages);
	const rows = count
		? await query
				.select(['entry', 'hash'])
				// The same order (a register's ids grow with its numbers), but by the matches' own key.
				.orderBy(sqliteSearch ? 'id' : 'seq', 'desc')
				.limit(pageSize)
				.offset((page - 1) * pageSize)
				.execute()
		: [];
	const years = await db
		.selectFrom('decision')
		.select('year')
		.distinct()
		.where('association_id', '=', associationId)
		.orderBy('year', 'desc')
		.execute();
	return {
		items: rows.map((r) => summarize(JSON.parse(r.entry) as RegisterEntry, r.hash)),
		total: count,
		page,
		pages,
		years: years.map((y) => Number(y.year)),
		head: await getRegisterHead(db, associationId)
	};
}

/** The latest decisions, for the association's home page. */
export async function recentDecisions(
	db: Db,
	ctx: AssociationContext,
	limit = 5
): Promise<DecisionSummary[]> {
	authorize(ctx.actor, 'association.view', ctx.association);
	const rows = await db
		.selectFrom('decision')
		.select(['entry', 'hash'])
		.where('association_id', '=', ctx.association.id)
		.orderBy('seq', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => summarize(JSON.parse(r.entry) as RegisterEntry, r.hash));
}

export interface DecisionView {
	entry: SignedEntry;
	/** The stored text still hashes to the stored hash (false: the database file was edited). */
	intact: boolean;
	previous: number | null;
	next: number | null;
	/** Entries that correct this one. */
	correctedBy: number[];
	head: Head;
	/** Whether this reader may open the acta of the assembly the entry names (members, or anyone once it closed). */
	actaOpen: boolean;
}

async function actaOpen(db: Db, ctx: AssociationContext, assemblyId: number): Promise<boolean> {
	if (can(ctx.actor, 'association.view_private')) return true;
	const row = await db
		.selectFrom('assembly')
		.select('status')
		.where('id', '=', assemblyId)
		.where('association_id', '=', ctx.association.id)
		.executeTakeFirst();
	return row?.status === 'closed';
}

/** A decision's signed entry; not_found when the register has no such number. */
export async function getSignedEntry(
	db: Db,
	ctx: AssociationContext,
	seq: number
): Promise<{ entry: SignedEntry; intact: boolean }> {
	authorize(ctx.actor, 'association.view', ctx.association);
	const row = Number.isSafeInteger(seq)
		? await db
				.selectFrom('decision')
				.select(['entry', 'hash'])
				.where('association_id', '=', ctx.association.id)
				.where('seq', '=', seq)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new DomainError('not_found', 'error_decision_not_found');
	const entry = JSON.parse(row.entry) as RegisterEntry;
	return { entry: { ...entry, hash: row.hash }, intact: sha256Hex(row.entry) === row.hash };
}

/** One decision with its neighbours and corrections; anyone who may view the association. */
export async function getDecision(
	db: Db,
	ctx: AssociationContext,
	seq: number
): Promise<DecisionView> {
	const { entry, intact } = await getSignedEntry(db, ctx, seq);
	const associationId = ctx.association.id;
	const head = await getRegisterHead(db, associationId);
	const corrections = await db
		.selectFrom('decision')
		.select('seq')
		.where('association_id', '=', associationId)
		.where('corrects_seq', '=', seq)
		.orderBy('seq')
		.execute();
	return {
		entry,
		intact,
		previous: seq > 1 ? seq - 1 : null,
		next: seq < head.seq ? seq + 1 : null,
		correctedBy: corrections.map((c) => Number(c.seq)),
		head,
		actaOpen: entry.assembly ? await actaOpen(db, ctx, entry.assembly.id) : false
	};
}

export interface PublicRegister {
	slug: string;
	name: string;
	product: string;
	municipality: string;
	department: string;
	head: Head;
}

function publicRegisterOf(
	a: {
		slug: string;
		name: string;
		product: string;
		municipality: string;
		department: string;
	},
	head: Head
): PublicRegister {
	const { slug, name, product, municipality, department } = a;
	return { slug, name, product, municipality, department, head };
}

/** Every association whose register is public, with its head, by name: what the API says to anyone. */
export async function listPublicRegisters(db: Db): Promise<PublicRegister[]> {
	const associations = await listPublicAssociations(db);
	const heads = await db
		.selectFrom('decision as d')
		.innerJoin('association as a', 'a.id', 'd.association_id')
		.select(['d.association_id', 'd.seq', 'd.hash'])
		.where('a.register_public', '=', 1)
		.where((eb) =>
			eb(
				'd.seq',
				'=',
				eb
					.selectFrom('decision as l')
					.select((e) => e.fn.max('l.seq').as('seq'))
					.whereRef('l.association_id', '=', 'd.association_id')
			)
		)
		.execute();
	const byAssociation = new Map(
		heads.map((h) => [Number(h.association_id), { seq: Number(h.seq), hash: h.hash }])
	);
	return associations.map((a) =>
		publicRegisterOf(a, byAssociation.get(Number(a.id)) ?? emptyHead())
	);
}

/** One association as the API shows it; anyone who may view it. */
export async function getPublicRegister(db: Db, ctx: AssociationContext): Promise<PublicRegister> {
	authorize(ctx.actor, 'association.view', ctx.association);
	return publicRegisterOf(ctx.association, await getRegisterHead(db, ctx.association.id));
}
