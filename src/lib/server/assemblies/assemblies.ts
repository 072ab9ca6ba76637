// General assemblies: a leader convenes one (kind, place, first and second call) with its usual
// agenda, may change the call or cancel it before it starts; members read and list them. The
// agenda is agenda.ts, attendance and quorum attendance.ts, installing and closing session.ts.
import type { AssemblyCallInput } from '$lib/assemblies/forms';
import { STORED } from '$lib/server/record/register';
import { PLACE_MAX } from '$lib/assemblies/limits';
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { AgendaPointKind, Assembly, AssemblyKind } from '$lib/server/db/schema';
import { DomainError, invalid, type MessageRef, tooLong } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { parseLocalDateTime } from '$lib/format';
import { getRuleSet, readRules, type RuleSet } from '$lib/server/voting';
import { m } from '$lib/paraglide/messages.js';

export const ASSEMBLY_KINDS: readonly AssemblyKind[] = ['ordinary', 'extraordinary'];
const MINUTE = 60_000;

/** Written once, in the association's language, like the register's entries. */
export { STORED };

export type Fields = Record<string, string | MessageRef>;

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

/** Checks the call: kind, place, date and the two times (second call defaults to first + wait). */
function parseCall(input: AssemblyCallInput, rules: RuleSet, now: number, fields: Fields) {
	const kind = input.kind || 'ordinary';
	if (!(ASSEMBLY_KINDS as readonly string[]).includes(kind)) fields.kind = 'error_choice';
	const place = cleanLine(input.place);
	if (!place) fields.place = 'error_required';
	else if (place.length > PLACE_MAX) fields.place = tooLong(PLACE_MAX);
	const date = input.date.trim();
	const time = input.time.trim();
	let firstCallAt: number | undefined;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fields.date = 'error_date_format';
	if (!TIME.test(time)) fields.time = 'error_assembly_time_format';
	if (!fields.date && !fields.time) {
		firstCallAt = parseLocalDateTime(`${date}T${time}`);
		if (firstCallAt === undefined) fields.date = 'error_date_format';
		else if (firstCallAt < now - 24 * 60 * MINUTE) fields.date = 'error_assembly_past';
	}
	const second = (input.secondTime ?? '').trim();
	let secondCallAt: number | undefined;
	if (firstCallAt !== undefined) {
		if (!second) secondCallAt = firstCallAt + rules.secondCallWaitMinutes * MINUTE;
		else if (!TIME.test(second)) fields.second_time = 'error_assembly_time_format';
		else {
			secondCallAt = parseLocalDateTime(`${date}T${second}`);
			// A second call earlier on the clock than a first call late at night is past midnight
			// (23:45, then 00:15); more than three hours after the first, it is a mistake.
			if (secondCallAt !== undefined && secondCallAt <= firstCallAt) {
				const nextDay = secondCallAt + 24 * 60 * MINUTE;
				secondCallAt = nextDay - firstCallAt <= 3 * 60 * MINUTE ? nextDay : undefined;
			}
			if (secondCallAt === undefined) fields.second_time = 'error_assembly_second_before_first';
		}
	} else if (second && !TIME.test(second)) fields.second_time = 'error_assembly_time_format';
	return {
		kind: kind as AssemblyKind,
		place,
		firstCallAt: firstCallAt ?? 0,
		secondCallAt: secondCallAt ?? 0
	} satisfies CallInput;
}

/** Writes an act on the assembly to the audit log, naming it. */
export async function auditAssembly(
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
	input: AssemblyCallInput,
	now = Date.now()
): Promise<Assembly> {
	authorize(ctx.actor, 'assembly.manage');
	const user = actingUser(ctx);
	const rules = await getRuleSet(db, ctx.association.id);
	const fields: Fields = {};
	const call = parseCall(input, rules, now, fields);
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

/**
 * An assembly of the association as this reader may see it: members see every one; when the
 * register is public, anyone sees a closed one, whose acta is the association's record.
 */
export async function getAssembly(db: Db, ctx: AssociationContext, id: number): Promise<Assembly> {
	if (can(ctx.actor, 'association.view_private')) return assemblyRow(db, ctx, id);
	authorize(ctx.actor, 'association.view', ctx.association);
	const assembly = await assemblyRow(db, ctx, id);
	if (assembly.status !== 'closed') throw new DomainError('forbidden', 'error_forbidden');
	return assembly;
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
	input: AssemblyCallInput,
	now = Date.now()
): Promise<void> {
	const assembly = await runningAssembly(db, ctx, id);
	if (assembly.status !== 'convened') throw new DomainError('conflict', 'error_assembly_started');
	const rules = await getRuleSet(db, ctx.association.id);
	const fields: Fields = {};
	const call = parseCall(input, rules, now, fields);
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

/**
 * The rules an assembly works under: those it was installed with (as changed in it by a decision,
 * from the next point on), or, before its installation, those in force.
 */
export async function assemblyRules(
	db: Db,
	assembly: Pick<Assembly, 'association_id' | 'rules'>
): Promise<RuleSet> {
	return assembly.rules ? readRules(assembly.rules) : getRuleSet(db, assembly.association_id);
}
