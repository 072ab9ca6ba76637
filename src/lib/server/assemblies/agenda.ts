// The agenda of an assembly: its points in order ("varios" last), added, removed or moved by a
// leader while it is convened or in session; the secretary's summary of each; the point being
// treated now. A point with a vote or a resolution is part of the record and stays as it is.
import type {
	MovePointInput,
	NewPointInput,
	PointInput,
	SummaryInput
} from '$lib/assemblies/forms';
import { POINT_TITLE_MAX, POINTS_MAX, PROPOSER_MAX, SUMMARY_MAX } from '$lib/assemblies/limits';
import type { AssociationContext } from '$lib/server/associations';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { AgendaPointKind, Assembly, AssemblyPoint } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanLine, cleanParagraphs } from '$lib/server/text';
import { m } from '$lib/paraglide/messages.js';
import { auditAssembly, runningAssembly, STORED, type Fields } from './assemblies';

export const POINT_KINDS: readonly AgendaPointKind[] = [
	'previous_acta',
	'report',
	'decision',
	'other'
];
export { POINT_TITLE_MAX, POINTS_MAX, SUMMARY_MAX };

/** The points of an assembly's agenda, in order. */
export async function listPoints(db: Db, assemblyId: number): Promise<AssemblyPoint[]> {
	return db
		.selectFrom('assembly_point')
		.selectAll()
		.where('assembly_id', '=', assemblyId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

async function pointOf(db: Db, assembly: Assembly, pointId: number): Promise<AssemblyPoint> {
	const point = isRowId(pointId)
		? await db
				.selectFrom('assembly_point')
				.selectAll()
				.where('assembly_id', '=', assembly.id)
				.where('id', '=', pointId)
				.executeTakeFirst()
		: undefined;
	if (!point) throw new DomainError('not_found', 'error_assembly_point_not_found');
	return point;
}

/** A point of an assembly a leader may still change, with that assembly. */
export async function getPoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	pointId: number
): Promise<{ assembly: Assembly; point: AssemblyPoint }> {
	const assembly = await runningAssembly(db, ctx, assemblyId);
	return { assembly, point: await pointOf(db, assembly, pointId) };
}

/** Adds a point at the end of the agenda, before "varios" if it is last; leaders only. */
export async function addPoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: NewPointInput
): Promise<AssemblyPoint> {
	const assembly = await runningAssembly(db, ctx, assemblyId);
	const fields: Fields = {};
	const kind = input.kind || 'decision';
	if (!(POINT_KINDS as readonly string[]).includes(kind)) fields.kind = 'error_choice';
	const title = cleanLine(input.title);
	if (!title) fields.title = 'error_required';
	else if (title.length > POINT_TITLE_MAX) fields.title = tooLong(POINT_TITLE_MAX);
	const proposer = cleanLine(input.proposedBy) || m.assembly_proposer_board({}, STORED);
	if (proposer.length > PROPOSER_MAX) fields.proposed_by = tooLong(PROPOSER_MAX);
	if (Object.keys(fields).length) throw invalid(fields);
	return writeTx(db, async (tx) => {
		const points = await listPoints(tx, assembly.id);
		if (points.length >= POINTS_MAX) throw new DomainError('conflict', 'error_assembly_points_max');
		// "Varios" closes the agenda: a new point goes before a last "other" point.
		const last = points.at(-1);
		let position = (last?.position ?? 0) + 1;
		if (last && last.kind === 'other' && kind !== 'other') {
			position = last.position;
			await tx
				.updateTable('assembly_point')
				.set({ position: last.position + 1 })
				.where('id', '=', last.id)
				.execute();
		}
		const point = await tx
			.insertInto('assembly_point')
			.values({
				assembly_id: assembly.id,
				position,
				kind: kind as AgendaPointKind,
				title,
				proposed_by: proposer,
				summary: '',
				vote_id: null,
				decision_seq: null,
				resolution: null
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await auditAssembly(tx, ctx, 'assembly.changed', assembly, { point_added: title });
		return point;
	});
}

/** A point with a vote or a resolution is part of the record: it stays as it is. */
export function assertUndecided(point: AssemblyPoint): void {
	if (point.vote_id !== null || point.resolution !== null)
		throw new DomainError('conflict', 'error_assembly_point_decided');
}

/** Removes a point not yet decided; leaders only. */
export async function removePoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PointInput
): Promise<void> {
	const { assembly, point } = await getPoint(db, ctx, assemblyId, input.point);
	assertUndecided(point);
	await writeTx(db, async (tx) => {
		await tx.deleteFrom('assembly_point').where('id', '=', point.id).execute();
		if (assembly.current_point_id === point.id)
			await tx
				.updateTable('assembly')
				.set({ current_point_id: null })
				.where('id', '=', assembly.id)
				.execute();
		await auditAssembly(tx, ctx, 'assembly.changed', assembly, { point_removed: point.title });
	});
}

/** Moves a point one place up or down; leaders only. */
export async function movePoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: MovePointInput
): Promise<void> {
	const { assembly, point } = await getPoint(db, ctx, assemblyId, input.point);
	const step = input.direction === 'up' ? -1 : input.direction === 'down' ? 1 : 0;
	if (!step) throw invalid({ direction: 'error_choice' });
	await writeTx(db, async (tx) => {
		const points = await listPoints(tx, assembly.id);
		const i = points.findIndex((p) => p.id === point.id);
		const other = points[i + step];
		if (!other) return;
		// Renumbered from the list order, so positions stay 1..n whatever happened before.
		const order = points.map((p) => p.id);
		[order[i], order[i + step]] = [order[i + step], order[i]];
		for (const [n, id] of order.entries())
			await tx
				.updateTable('assembly_point')
				.set({ position: n + 1 })
				.where('id', '=', id)
				.execute();
	});
}

/** The secretary's summary of the discussion of a point, for the acta; leaders only. */
export async function saveSummary(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: SummaryInput
): Promise<void> {
	const { point } = await getPoint(db, ctx, assemblyId, input.point);
	const summary = cleanParagraphs(input.summary);
	if (summary.length > SUMMARY_MAX) throw invalid({ summary: tooLong(SUMMARY_MAX) });
	const proposer = input.proposedBy === undefined ? point.proposed_by : cleanLine(input.proposedBy);
	if (!proposer) throw invalid({ proposed_by: 'error_required' });
	if (proposer.length > PROPOSER_MAX) throw invalid({ proposed_by: tooLong(PROPOSER_MAX) });
	await db
		.updateTable('assembly_point')
		.set({ summary, proposed_by: proposer })
		.where('id', '=', point.id)
		.execute();
}

/** The point being treated now, shown on the big screen; leaders only. */
export async function setCurrentPoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PointInput
): Promise<void> {
	const { assembly, point } = await getPoint(db, ctx, assemblyId, input.point);
	if (assembly.status !== 'in_session')
		throw new DomainError('conflict', 'error_assembly_not_in_session');
	await db
		.updateTable('assembly')
		.set({ current_point_id: point.id, updated_at: Date.now() })
		.where('id', '=', assembly.id)
		.execute();
}
