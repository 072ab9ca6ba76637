// General assemblies: a leader convenes one (kind, place, first and second call) with its agenda,
// installs it when the quorum is met, and closes it; the close numbers the acta (Nº n/aaaa) and
// keeps the register's head at that moment, which the acta carries.
import {
	PLACE_MAX,
	POINT_TITLE_MAX,
	POINTS_MAX,
	PROPOSER_MAX,
	SUMMARY_MAX
} from '$lib/assemblies/limits';
import {
	actingUser,
	authorize,
	listMembers,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isUniqueViolation, writeTx, type Db } from '$lib/server/db';
import type {
	AgendaPointKind,
	Assembly,
	AssemblyKind,
	AssemblyPoint,
	Member
} from '$lib/server/db/schema';
import { DomainError, invalid, type MessageRef } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { parseLocalDateTime } from '$lib/format';
import { decisionYear, getRegisterHead } from '$lib/server/record/register';
import { getRuleSet, type RuleSet } from '$lib/server/voting';
import { m } from '$lib/paraglide/messages.js';
import { callAt, countQuorum, type AttendanceRow, type QuorumCount } from '$lib/assemblies/quorum';
import { isElector } from '$lib/associations/electorate';

export const ASSEMBLY_KINDS: readonly AssemblyKind[] = ['ordinary', 'extraordinary'];
export const POINT_KINDS: readonly AgendaPointKind[] = [
	'previous_acta',
	'report',
	'decision',
	'other'
];
export { POINT_TITLE_MAX, POINTS_MAX, SUMMARY_MAX };
const MINUTE = 60_000;

/** Written once, in the association's language, like the register's entries. */
const STORED = { locale: 'es' } as const;

type Fields = Record<string, string | MessageRef>;

function assemblyTitle(kind: AssemblyKind, at: number): string {
	const date = new Intl.DateTimeFormat('es-BO', {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		timeZone: 'America/La_Paz'
	}).format(at);
	return kind === 'ordinary'
		? m.assembly_title_ordinary({ date }, STORED)
		: m.assembly_title_extraordinary({ date }, STORED);
}

interface CallInput {
	kind: AssemblyKind;
	place: string;
	firstCallAt: number;
	secondCallAt: number;
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Reads the call: kind, place, date and the two times (second call defaults to first + wait). */
function parseCall(form: Record<string, string>, rules: RuleSet, now: number, fields: Fields) {
	const kind = form.kind || 'ordinary';
	if (!(ASSEMBLY_KINDS as readonly string[]).includes(kind)) fields.kind = 'error_choice';
	const place = cleanLine(form.place);
	if (!place) fields.place = 'error_required';
	else if (place.length > PLACE_MAX)
		fields.place = { key: 'error_text_max', params: { max: PLACE_MAX } };
	const date = (form.date ?? '').trim();
	const time = (form.time ?? '').trim();
	let firstCallAt: number | undefined;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fields.date = 'error_date_format';
	if (!TIME.test(time)) fields.time = 'error_assembly_time_format';
	if (!fields.date && !fields.time) {
		firstCallAt = parseLocalDateTime(`${date}T${time}`);
		if (firstCallAt === undefined) fields.date = 'error_date_format';
		else if (firstCallAt < now - 24 * 60 * MINUTE) fields.date = 'error_assembly_past';
	}
	const second = (form.second_time ?? '').trim();
	let secondCallAt: number | undefined;
	if (firstCallAt !== undefined) {
		if (!second) secondCallAt = firstCallAt + rules.secondCallWaitMinutes * MINUTE;
		else if (!TIME.test(second)) fields.second_time = 'error_assembly_time_format';
		else {
			secondCallAt = parseLocalDateTime(`${date}T${second}`);
			if (secondCallAt === undefined || secondCallAt < firstCallAt)
				fields.second_time = 'error_assembly_second_before_first';
		}
	} else if (second && !TIME.test(second)) fields.second_time = 'error_assembly_time_format';
	return {
		kind: kind as AssemblyKind,
		place,
		firstCallAt: firstCallAt ?? 0,
		secondCallAt: secondCallAt ?? 0
	} satisfies CallInput;
}

async function auditAssembly(
	db: Db,
	ctx: AssociationContext,
	action: Parameters<typeof recordAudit>[1]['action'],
	assembly: Pick<Assembly, 'id' | 'title'>,
	details: Record<string, unknown> = {}
) {
	await recordAudit(db, {
		associationId: ctx.association.id,
		actor: actingUser(ctx),
		action,
		subject: assembly.title,
		details: { assembly: assembly.id, ...details }
	});
}

/**
 * Convenes an assembly (leaders only) with the usual agenda of domain.md §2.3: reading of the
 * last acta, the board's reports and "varios"; points to decide are added after.
 */
export async function conveneAssembly(
	db: Db,
	ctx: AssociationContext,
	form: Record<string, string>,
	now = Date.now()
): Promise<Assembly> {
	authorize(ctx.actor, 'assembly.manage');
	const user = actingUser(ctx);
	const rules = await getRuleSet(db, ctx.association.id);
	const fields: Fields = {};
	const call = parseCall(form, rules, now, fields);
	if (Object.keys(fields).length) throw invalid(fields);
	const board = m.assembly_proposer_board({}, STORED);
	return writeTx(db, async (tx) => {
		const assembly = await tx
			.insertInto('assembly')
			.values({
				association_id: ctx.association.id,
				kind: call.kind,
				title: assemblyTitle(call.kind, call.firstCallAt),
				place: call.place,
				first_call_at: call.firstCallAt,
				second_call_at: call.secondCallAt,
				status: 'convened',
				call: null,
				current_point_id: null,
				started_at: null,
				ended_at: null,
				acta_number: null,
				acta_year: null,
				head_seq: null,
				head_hash: null,
				closing_quorum: null,
				created_by: user.id,
				created_at: now,
				updated_at: now
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		const defaults: [AgendaPointKind, string][] = [
			['previous_acta', m.assembly_point_default_previous_acta({}, STORED)],
			['report', m.assembly_point_default_reports({}, STORED)],
			['other', m.assembly_point_default_other({}, STORED)]
		];
		await tx
			.insertInto('assembly_point')
			.values(
				defaults.map(([kind, title], i) => ({
					assembly_id: assembly.id,
					position: i + 1,
					kind,
					title,
					proposed_by: board,
					summary: '',
					vote_id: null,
					decision_seq: null,
					resolution: null
				}))
			)
			.execute();
		await auditAssembly(tx, ctx, 'assembly.convened', assembly);
		return assembly;
	});
}

async function assemblyRow(db: Db, ctx: AssociationContext, id: number): Promise<Assembly> {
	const row = Number.isSafeInteger(id)
		? await db
				.selectFrom('assembly')
				.selectAll()
				.where('id', '=', id)
				.where('association_id', '=', ctx.association.id)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new DomainError('not_found', 'error_assembly_not_found');
	return row;
}

/** An assembly of the association; members only. */
export async function getAssembly(db: Db, ctx: AssociationContext, id: number): Promise<Assembly> {
	authorize(ctx.actor, 'association.view_private');
	return assemblyRow(db, ctx, id);
}

/** An assembly a leader may still change (convened or in session). */
export async function runningAssembly(
	db: Db,
	ctx: AssociationContext,
	id: number
): Promise<Assembly> {
	authorize(ctx.actor, 'assembly.manage');
	const assembly = await assemblyRow(db, ctx, id);
	if (assembly.status !== 'convened' && assembly.status !== 'in_session')
		throw new DomainError('conflict', 'error_assembly_closed');
	return assembly;
}

/** Changes the call (kind, place, date, times) before the assembly is installed; leaders only. */
export async function updateAssemblyCall(
	db: Db,
	ctx: AssociationContext,
	id: number,
	form: Record<string, string>,
	now = Date.now()
): Promise<void> {
	const assembly = await runningAssembly(db, ctx, id);
	if (assembly.status !== 'convened') throw new DomainError('conflict', 'error_assembly_started');
	const rules = await getRuleSet(db, ctx.association.id);
	const fields: Fields = {};
	const call = parseCall(form, rules, now, fields);
	if (Object.keys(fields).length) throw invalid(fields);
	await writeTx(db, async (tx) => {
		const done = await tx
			.updateTable('assembly')
			.set({
				kind: call.kind,
				title: assemblyTitle(call.kind, call.firstCallAt),
				place: call.place,
				first_call_at: call.firstCallAt,
				second_call_at: call.secondCallAt,
				updated_at: now
			})
			.where('id', '=', assembly.id)
			.where('status', '=', 'convened')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1)
			throw new DomainError('conflict', 'error_assembly_started');
		await auditAssembly(tx, ctx, 'assembly.call_changed', assembly, {
			place: call.place,
			first_call_at: call.firstCallAt
		});
	});
}

/** Cancels an assembly that has not started; leaders only. */
export async function cancelAssembly(db: Db, ctx: AssociationContext, id: number): Promise<void> {
	const assembly = await runningAssembly(db, ctx, id);
	await writeTx(db, async (tx) => {
		const done = await tx
			.updateTable('assembly')
			.set({ status: 'cancelled', updated_at: Date.now() })
			.where('id', '=', assembly.id)
			.where('status', '=', 'convened')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1)
			throw new DomainError('conflict', 'error_assembly_started');
		await auditAssembly(tx, ctx, 'assembly.cancelled', assembly);
	});
}

export interface AssemblyListItem {
	id: number;
	title: string;
	kind: AssemblyKind;
	place: string;
	status: Assembly['status'];
	first_call_at: number;
	second_call_at: number;
	acta_number: number | null;
	acta_year: number | null;
}

const LIST_COLUMNS = [
	'id',
	'title',
	'kind',
	'place',
	'status',
	'first_call_at',
	'second_call_at',
	'acta_number',
	'acta_year'
] as const;

/** The association's assemblies, the latest call first; members only. */
export async function listAssemblies(db: Db, ctx: AssociationContext): Promise<AssemblyListItem[]> {
	authorize(ctx.actor, 'association.view_private');
	return db
		.selectFrom('assembly')
		.select(LIST_COLUMNS)
		.where('association_id', '=', ctx.association.id)
		.orderBy('first_call_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** The next assembly convened or in session, for the association's home; members only. */
export async function nextAssembly(
	db: Db,
	ctx: AssociationContext,
	now = Date.now()
): Promise<AssemblyListItem | undefined> {
	authorize(ctx.actor, 'association.view_private');
	return db
		.selectFrom('assembly')
		.select(LIST_COLUMNS)
		.where('association_id', '=', ctx.association.id)
		.where((eb) =>
			eb.or([
				eb('status', '=', 'in_session'),
				eb.and([eb('status', '=', 'convened'), eb('first_call_at', '>=', now - 12 * 60 * MINUTE)])
			])
		)
		.orderBy('first_call_at')
		.limit(1)
		.executeTakeFirst();
}

// --- The agenda -------------------------------------------------------------------------------

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
	const point = Number.isSafeInteger(pointId)
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

export async function getPoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	pointId: number
): Promise<{ assembly: Assembly; point: AssemblyPoint }> {
	const assembly = await runningAssembly(db, ctx, assemblyId);
	return { assembly, point: await pointOf(db, assembly, pointId) };
}

function pointId(value: string | undefined): number {
	return /^[1-9][0-9]{0,15}$/.test(value ?? '') ? Number(value) : NaN;
}

/** Adds a point at the end of the agenda, before "varios" if it is last; leaders only. */
export async function addPoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	form: Record<string, string>
): Promise<AssemblyPoint> {
	const assembly = await runningAssembly(db, ctx, assemblyId);
	const fields: Fields = {};
	const kind = form.kind || 'decision';
	if (!(POINT_KINDS as readonly string[]).includes(kind)) fields.kind = 'error_choice';
	const title = cleanLine(form.title);
	if (!title) fields.title = 'error_required';
	else if (title.length > POINT_TITLE_MAX)
		fields.title = { key: 'error_text_max', params: { max: POINT_TITLE_MAX } };
	const proposer = cleanLine(form.proposed_by) || m.assembly_proposer_board({}, STORED);
	if (proposer.length > PROPOSER_MAX)
		fields.proposed_by = { key: 'error_text_max', params: { max: PROPOSER_MAX } };
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
	form: Record<string, string>
): Promise<void> {
	const { assembly, point } = await getPoint(db, ctx, assemblyId, pointId(form.point));
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
	form: Record<string, string>
): Promise<void> {
	const { assembly, point } = await getPoint(db, ctx, assemblyId, pointId(form.point));
	const step = form.direction === 'up' ? -1 : form.direction === 'down' ? 1 : 0;
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
	form: Record<string, string>
): Promise<void> {
	const { point } = await getPoint(db, ctx, assemblyId, pointId(form.point));
	const summary = (form.summary ?? '')
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	if (summary.length > SUMMARY_MAX)
		throw invalid({ summary: { key: 'error_text_max', params: { max: SUMMARY_MAX } } });
	const proposer = form.proposed_by === undefined ? point.proposed_by : cleanLine(form.proposed_by);
	if (!proposer) throw invalid({ proposed_by: 'error_required' });
	if (proposer.length > PROPOSER_MAX)
		throw invalid({ proposed_by: { key: 'error_text_max', params: { max: PROPOSER_MAX } } });
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
	form: Record<string, string>
): Promise<void> {
	const { assembly, point } = await getPoint(db, ctx, assemblyId, pointId(form.point));
	if (assembly.status !== 'in_session')
		throw new DomainError('conflict', 'error_assembly_not_in_session');
	await db
		.updateTable('assembly')
		.set({ current_point_id: point.id, updated_at: Date.now() })
		.where('id', '=', assembly.id)
		.execute();
}

// --- Quorum, installation and close -----------------------------------------------------------

export interface Elector extends Pick<
	Member,
	'id' | 'name' | 'id_number' | 'household' | 'user_id'
> {
	role: Member['role'];
	office: string | null;
}

/** Who counts for the quorum: the electors of $lib/associations/electorate.ts, as a vote's electorate. */
export async function listElectors(db: Db, associationId: number): Promise<Elector[]> {
	const members = await listMembers(db, associationId);
	return members
		.filter(isElector)
		.map((p) => ({
			id: p.id,
			name: p.name,
			id_number: p.id_number,
			household: p.household,
			user_id: p.user_id,
			role: p.role,
			office: p.office
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'es') || a.id - b.id);
}

export async function listAttendance(db: Db, assemblyId: number): Promise<AttendanceRow[]> {
	return db
		.selectFrom('assembly_attendance')
		.select(['member_id', 'status', 'holder_member_id'])
		.where('assembly_id', '=', assemblyId)
		.execute();
}

/**
 * The quorum as things stand: at the call the assembly was installed at, or, before that, at the
 * call that applies now (second once its time has come).
 */
export async function assemblyQuorum(
	db: Db,
	assembly: Assembly,
	now = Date.now()
): Promise<QuorumCount> {
	const rules = await getRuleSet(db, assembly.association_id);
	const electors = await listElectors(db, assembly.association_id);
	const attendance = await listAttendance(db, assembly.id);
	const call = assembly.call ?? callAt(now, assembly.second_call_at);
	return countQuorum(electors, attendance, rules, call);
}

export const EARLY_REASON_MAX = 300;

/**
 * Installs the assembly once the quorum is met; leaders only. Not before the hour of its first
 * call, as convened, unless `earlyReason` says why (it is kept and printed on the acta).
 */
export async function startAssembly(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now(),
	earlyReason = ''
): Promise<QuorumCount> {
	const assembly = await runningAssembly(db, ctx, id);
	if (assembly.status !== 'convened') throw new DomainError('conflict', 'error_assembly_started');
	const reason = now < assembly.first_call_at ? cleanLine(earlyReason) : '';
	if (now < assembly.first_call_at && !reason)
		throw new DomainError('conflict', 'error_assembly_before_call', {
			early_reason: 'error_assembly_early_reason'
		});
	if (reason.length > EARLY_REASON_MAX)
		throw invalid({
			early_reason: { key: 'error_text_max', params: { max: EARLY_REASON_MAX } }
		});
	return writeTx(db, async (tx) => {
		const quorum = await assemblyQuorum(tx, assembly, now);
		if (!quorum.met)
			throw new DomainError('conflict', {
				key: 'error_assembly_no_quorum',
				params: { total: quorum.total, required: quorum.required }
			});
		const first = (await listPoints(tx, assembly.id))[0];
		await tx
			.updateTable('assembly')
			.set({
				status: 'in_session',
				call: quorum.call,
				started_at: now,
				early_reason: reason || null,
				current_point_id: first?.id ?? null,
				updated_at: now
			})
			.where('id', '=', assembly.id)
			.where('status', '=', 'convened')
			.execute();
		await auditAssembly(tx, ctx, 'assembly.started', assembly, {
			call: quorum.call,
			...(reason ? { early_reason: reason } : {}),
			present: quorum.present,
			represented: quorum.represented
		});
		return quorum;
	});
}

/**
 * Closes the assembly; leaders only. Votes it opened must be closed first. The acta gets the next
 * number of the year and the register's head as it stands, which the acta prints.
 */
export async function closeAssembly(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
): Promise<Assembly> {
	const assembly = await runningAssembly(db, ctx, id);
	if (assembly.status !== 'in_session')
		throw new DomainError('conflict', 'error_assembly_not_in_session');
	try {
		return await writeTx(db, async (tx) => {
			const open = await tx
				.selectFrom('vote')
				.select('id')
				.where('assembly_id', '=', assembly.id)
				.where('status', 'in', ['preparing', 'open'])
				.executeTakeFirst();
			if (open) throw new DomainError('conflict', 'error_assembly_votes_open');
			const quorum = await assemblyQuorum(tx, assembly, now);
			const year = decisionYear(now);
			const last = await tx
				.selectFrom('assembly')
				.select((eb) => eb.fn.max('acta_number').as('n'))
				.where('association_id', '=', ctx.association.id)
				.where('acta_year', '=', year)
				.executeTakeFirst();
			const head = await getRegisterHead(tx, ctx.association.id);
			const closed = await tx
				.updateTable('assembly')
				.set({
					status: 'closed',
					ended_at: now,
					acta_number: Number(last?.n ?? 0) + 1,
					acta_year: year,
					head_seq: head.seq,
					head_hash: head.hash,
					closing_quorum: JSON.stringify(quorum),
					current_point_id: null,
					updated_at: now
				})
				.where('id', '=', assembly.id)
				.where('status', '=', 'in_session')
				.returningAll()
				.executeTakeFirst();
			if (!closed) throw new DomainError('conflict', 'error_assembly_not_in_session');
			await auditAssembly(tx, ctx, 'assembly.closed', assembly, {
				acta: `${closed.acta_number}/${year}`,
				head: head.hash
			});
			return closed;
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new DomainError('conflict', 'error_assembly_not_in_session');
		throw err;
	}
}
