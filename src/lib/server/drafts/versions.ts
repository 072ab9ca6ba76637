// Named, immutable snapshots of a draft: the Yjs state, the canonical JSON of its content and that
// JSON's SHA-256. The database refuses to change a version (migration 0003) except to freeze it.
import { VERSION_LABEL_MAX } from '$lib/drafts/limits';
import * as Y from 'yjs';
import { compareProjections, type Comparison } from '$lib/drafts/compare';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { applyUpdates, projectDocument, type Projection } from '$lib/drafts/document';
import { formatBs, planProblem, type BudgetLine, type LineProblem } from '$lib/drafts/budget';
import { AMOUNT_MAX, QUANTITY_MAX } from '$lib/money/amount';
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isUniqueViolation, toBuffer, writeTx, type Db } from '$lib/server/db';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { getDraft, type DraftView } from './drafts';

export { VERSION_LABEL_MAX };

const FIELD_LABEL: Record<LineProblem['field'], string> = {
	quantity: 'budget_quantity',
	unit_cost: 'budget_unit_cost',
	par: 'budget_source_par',
	cash: 'budget_source_cash',
	in_kind: 'budget_source_in_kind',
	municipality: 'budget_source_municipality',
	total: 'budget_line_product'
};

/** The refusal for a line whose numbers are not sound: it names the line, the field and the limit. */
export function lineProblemError(p: LineProblem): DomainError {
	const max = p.field === 'quantity' ? QUANTITY_MAX.toLocaleString('es-BO') : formatBs(AMOUNT_MAX);
	return new DomainError('invalid', {
		key: `error_line_${p.problem}`,
		params: { n: p.n, title: p.title || '—', field: { key: FIELD_LABEL[p.field] }, max }
	});
}

/**
 * Refuses a plan with unsound numbers. What arrives through the live document is anyone's input
 * (an editor's socket can send any number); it is checked where it becomes a version, and again
 * wherever a version is put to use (freezing, creating or opening a vote).
 */
export function assertSoundPlan(items: readonly BudgetLine[]): void {
	const problem = planProblem(items);
	if (problem) throw lineProblemError(problem);
}

export interface VersionInfo {
	draft_id: number;
	/** 1, 2, 3… within the draft. */
	number: number;
	label: string;
	/** Lowercase hex SHA-256 of the content's canonical JSON. */
	content_hash: string;
	frozen: boolean;
	created_at: number;
	frozen_at: number | null;
	created_by_name: string | null;
}

export interface VersionView extends VersionInfo {
	document: Projection;
	/** The stored content still hashes to `content_hash`. */
	intact: boolean;
}

export interface VersionComparison {
	from: VersionInfo;
	to: VersionInfo;
	changes: Comparison;
}

function toUint8Array(data: Uint8Array): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The draft's acknowledged document: its `draft_update` rows, which the collaboration server writes
 * before relaying any edit, applied in order.
 */
async function loadDraftDoc(db: Db, draftId: number): Promise<Y.Doc> {
	const rows = await db
		.selectFrom('draft_update')
		.select('data')
		.where('draft_id', '=', draftId)
		.orderBy('id')
		.execute();
	const doc = new Y.Doc();
	applyUpdates(
		doc,
		rows.map((r) => toUint8Array(r.data))
	);
	return doc;
}

/** The draft's acknowledged document as one Yjs update. */
export async function loadDraftState(db: Db, draftId: number): Promise<Uint8Array> {
	return Y.encodeStateAsUpdate(await loadDraftDoc(db, draftId));
}

async function visibleDraft(db: Db, ctx: AssociationContext, draftId: number): Promise<DraftView> {
	const view = Number.isSafeInteger(draftId) ? await getDraft(db, ctx, draftId) : undefined;
	if (!view) throw new DomainError('not_found', 'error_draft_not_found');
	return view;
}

/** The draft's latest stored content, for reading without the live editor. */
export async function getDraftDocument(
	db: Db,
	ctx: AssociationContext,
	draftId: number
): Promise<Projection> {
	await visibleDraft(db, ctx, draftId);
	return projectDocument(await loadDraftDoc(db, draftId));
}

function versionQuery(db: Db, draftId: number) {
	return db
		.selectFrom('draft_version')
		.leftJoin('user', 'user.id', 'draft_version.created_by')
		.select([
			'draft_version.draft_id',
			'draft_version.number',
			'draft_version.label',
			'draft_version.content_hash',
			'draft_version.frozen',
			'draft_version.created_at',
			'draft_version.frozen_at',
			'user.display_name as created_by_name'
		])
		.where('draft_version.draft_id', '=', draftId);
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>;

function versionInfo(row: VersionRow): VersionInfo {
	return {
		draft_id: Number(row.draft_id),
		number: Number(row.number),
		label: row.label,
		content_hash: row.content_hash,
		frozen: Number(row.frozen) === 1,
		created_at: Number(row.created_at),
		frozen_at: row.frozen_at === null ? null : Number(row.frozen_at),
		created_by_name: row.created_by_name ?? null
	};
}

function isNumberRace(err: unknown): boolean {
	const code = (err as { code?: string } | undefined)?.code;
	return isUniqueViolation(err) || code === '40001' || code === '40P01';
}

/**
 * Saves the draft's current stored content as the next version; anyone who may edit the draft.
 * The number is the draft's highest plus one, and UNIQUE(draft_id, number) settles races.
 */
export async function saveVersion(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	input: { label?: unknown },
	now = Date.now()
): Promise<VersionInfo> {
	const user = actingUser(ctx);
	const view = await visibleDraft(db, ctx, draftId);
	if (view.access !== 'edit') throw new DomainError('forbidden', 'error_forbidden');
	const label = cleanLine(input.label);
	if (!label) throw invalid({ label: 'error_required' });
	if ([...label].length > VERSION_LABEL_MAX) throw invalid({ label: 'error_version_label_long' });

	for (let attempt = 1; ; attempt++) {
		try {
			return await writeTx(db, async (tx) => {
				// Asked again inside the transaction: the draft may have gone to a vote meanwhile.
				const current = await visibleDraft(tx, ctx, draftId);
				if (current.access !== 'edit') throw new DomainError('forbidden', 'error_forbidden');
				const doc = await loadDraftDoc(tx, draftId);
				const projection = projectDocument(doc);
				assertSoundPlan(projection.items);
				const state = Y.encodeStateAsUpdate(doc);
				const content = canonicalJson(projection);
				const contentHash = sha256Hex(content);
				const last = await tx
					.selectFrom('draft_version')
					.select((eb) => eb.fn.max('number').as('max'))
					.where('draft_id', '=', draftId)
					.executeTakeFirst();
				const number = Number(last?.max ?? 0) + 1;
				await tx
					.insertInto('draft_version')
					.values({
						draft_id: draftId,
						number,
						label,
						state: toBuffer(state),
						content,
						content_hash: contentHash,
						frozen: 0,
						created_by: user.id,
						created_at: now,
						frozen_at: null
					})
					.execute();
				await recordAudit(tx, {
					associationId: ctx.association.id,
					actor: user,
					action: 'draft.version_saved',
					subject: current.draft.title,
					details: { draft: draftId, number, label, hash: contentHash },
					at: now
				});
				return {
					draft_id: draftId,
					number,
					label,
					content_hash: contentHash,
					frozen: false,
					created_at: now,
					frozen_at: null,
					created_by_name: user.display_name
				};
			});
		} catch (err) {
			// Another save took the number first (PostgreSQL): writeTx already retried a few times;
			// when many people save at once, the next attempt still reads the new highest number.
			if (!isNumberRace(err) || db.isTransaction || attempt >= 5) throw err;
		}
	}
}

/** The draft's versions, newest first; anyone who may read the draft. */
export async function listVersions(
	db: Db,
	ctx: AssociationContext,
	draftId: number
): Promise<VersionInfo[]> {
	await visibleDraft(db, ctx, draftId);
	const rows = await versionQuery(db, draftId).orderBy('draft_version.number', 'desc').execute();
	return rows.map(versionInfo);
}

async function versionRow(db: Db, draftId: number, number: number) {
	const row = Number.isSafeInteger(number)
		? await versionQuery(db, draftId)
				.select(['draft_version.content'])
				.where('draft_version.number', '=', number)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new DomainError('not_found', 'error_version_not_found');
	return row;
}

/** One version with its content; anyone who may read the draft. */
export async function getVersion(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	number: number
): Promise<VersionView> {
	await visibleDraft(db, ctx, draftId);
	const row = await versionRow(db, draftId, number);
	return {
		...versionInfo(row),
		document: JSON.parse(row.content) as Projection,
		intact: sha256Hex(row.content) === row.content_hash
	};
}

/** The Yjs update that reproduces a version, e.g. to open it in a read-only editor. */
export async function getVersionState(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	number: number
): Promise<Uint8Array> {
	await visibleDraft(db, ctx, draftId);
	const row = Number.isSafeInteger(number)
		? await db
				.selectFrom('draft_version')
				.select('state')
				.where('draft_id', '=', draftId)
				.where('number', '=', number)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new DomainError('not_found', 'error_version_not_found');
	return toUint8Array(row.state);
}

/**
 * Freezes a version so it can be put to a vote; leaders only. Freezing a frozen version changes
 * nothing and is not audited again.
 */
export async function freezeVersion(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	number: number,
	now = Date.now()
): Promise<VersionInfo> {
	const user = actingUser(ctx);
	const view = await visibleDraft(db, ctx, draftId);
	authorize(ctx.actor, 'members.manage');
	return writeTx(db, async (tx) => {
		const row = await versionRow(tx, draftId, number);
		if (Number(row.frozen) === 1) return versionInfo(row);
		// A version saved by an older build may hold numbers it no longer accepts.
		assertSoundPlan((JSON.parse(row.content) as Partial<Projection>).items ?? []);
		await tx
			.updateTable('draft_version')
			.set({ frozen: 1, frozen_at: now })
			.where('draft_id', '=', draftId)
			.where('number', '=', number)
			.where('frozen', '=', 0)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'draft.version_frozen',
			subject: view.draft.title,
			details: { draft: draftId, number, label: row.label, hash: row.content_hash },
			at: now
		});
		return { ...versionInfo(row), frozen: true, frozen_at: now };
	});
}

/** What changed from version `a` to version `b`; anyone who may read the draft. */
export async function compareVersions(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	a: number,
	b: number
): Promise<VersionComparison> {
	await visibleDraft(db, ctx, draftId);
	const [from, to] = [await versionRow(db, draftId, a), await versionRow(db, draftId, b)];
	return {
		from: versionInfo(from),
		to: versionInfo(to),
		changes: compareProjections(
			JSON.parse(from.content) as Projection,
			JSON.parse(to.content) as Projection
		)
	};
}

export interface FrozenVersion {
	id: number;
	draft: DraftView['draft'];
	number: number;
	label: string;
	content_hash: string;
	document: Projection;
}

/** A frozen version, to be put to a vote; refused when it is not frozen or its content was altered. */
export async function getFrozenVersion(
	db: Db,
	ctx: AssociationContext,
	draftId: number,
	number: number
): Promise<FrozenVersion> {
	const view = await visibleDraft(db, ctx, draftId);
	const row = Number.isSafeInteger(number)
		? await db
				.selectFrom('draft_version')
				.select(['id', 'number', 'label', 'content', 'content_hash', 'frozen'])
				.where('draft_id', '=', draftId)
				.where('number', '=', number)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new DomainError('not_found', 'error_version_not_found');
	if (Number(row.frozen) !== 1) throw new DomainError('conflict', 'error_version_not_frozen');
	if (sha256Hex(row.content) !== row.content_hash)
		throw new DomainError('conflict', 'error_version_altered');
	return {
		id: Number(row.id),
		draft: view.draft,
		number: Number(row.number),
		label: row.label,
		content_hash: row.content_hash,
		document: JSON.parse(row.content) as Projection
	};
}

export interface FrozenVersionItem {
	draft_id: number;
	draft_title: string;
	kind: DraftView['draft']['kind'];
	number: number;
	label: string;
	content_hash: string;
}

/** Every frozen version of the association's drafts, newest first: what can be put to a vote. */
export async function listFrozenVersions(
	db: Db,
	ctx: AssociationContext
): Promise<FrozenVersionItem[]> {
	authorize(ctx.actor, 'association.view_private');
	const rows = await db
		.selectFrom('draft_version')
		.innerJoin('draft', 'draft.id', 'draft_version.draft_id')
		.select([
			'draft.id as draft_id',
			'draft.title as draft_title',
			'draft.kind',
			'draft_version.number',
			'draft_version.label',
			'draft_version.content_hash'
		])
		.where('draft.association_id', '=', ctx.association.id)
		.where('draft_version.frozen', '=', 1)
		.where('draft.status', 'not in', ['decided', 'withdrawn'])
		.orderBy('draft_version.frozen_at', 'desc')
		.execute();
	return rows.map((r) => ({ ...r, draft_id: Number(r.draft_id), number: Number(r.number) }));
}
