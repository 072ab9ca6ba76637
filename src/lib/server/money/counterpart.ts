// The counterpart per household: the assembly's split (instalments of cash and labour days),
// labour days worked with who witnessed them, and each household's standing. Cash paid is the
// counterpart income movement (movements.ts), never a second record of the same money.
import {
	actingUser,
	authorize,
	getMember,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { ELECTOR_ROLES } from '$lib/associations/electorate';
import { writeTx, type Db } from '$lib/server/db';
import { invalid, tooLong, type MessageRef } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { readAmount } from '$lib/money/amount';
import { readRowId } from '$lib/fields';
import {
	AGREED_BY_MAX,
	LABOUR_NOTE_MAX,
	LABOUR_TENTHS_MAX,
	QUOTA_CASH_MAX,
	QUOTA_TENTHS_MAX,
	householdStanding,
	readDays,
	readQuotaDays,
	type CounterpartPayment,
	type LabourRecord,
	type QuotaInstalment,
	type Standing
} from '$lib/money/counterpart';
import { boliviaDate, householdKey, validDate } from './movements';

export type { Standing };

/** A household as the counterpart counts it: its key, its name and its people. */
export interface Household {
	key: string;
	name: string;
	members: { id: number; name: string }[];
}

/**
 * The households of the association: leaders and members who have not left (a suspended member's
 * household still owes its counterpart), grouped by household, or each on their own.
 */
export async function listHouseholds(db: Db, associationId: number): Promise<Household[]> {
	const rows = await db
		.selectFrom('member')
		.select(['id', 'name', 'household'])
		.where('association_id', '=', associationId)
		.where('status', '!=', 'left')
		.where('role', 'in', ELECTOR_ROLES)
		.orderBy('name')
		.orderBy('id')
		.execute();
	const byKey = new Map<string, Household>();
	for (const r of rows) {
		const key = householdKey({ id: Number(r.id), household: r.household });
		const entry = byKey.get(key) ?? { key, name: r.household ?? r.name, members: [] };
		entry.members.push({ id: Number(r.id), name: r.name });
		byKey.set(key, entry);
	}
	return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'es'));
}

export interface QuotaInput {
	/** YYYY-MM-DD: the instalment is due by this date. */
	dueOn: string;
	/** The decision or acta that agreed the split, in words ("Acta Nº 3/2026, punto 4"). */
	agreedBy: string;
	/** The register number of that decision, when it is one. */
	decisionSeq: number | null;
	quotas: { household: string; cashCents: number; labourTenths: number }[];
}

/**
 * Reads the split form: `due_on`, `agreed_by`, `decision`, and per household `cash:<key>` (Bs)
 * and `days:<key>`; a household left empty is not set, and `cash_all`/`days_all` fill the empty
 * ones. Every field in error is reported at once.
 */
export function readQuotaForm(form: Record<string, string>): QuotaInput {
	const fields: Record<string, string | MessageRef> = {};
	const dueOn = (form.due_on ?? '').trim();
	if (!validDate(dueOn)) fields.due_on = 'error_money_date';
	const agreedBy = cleanLine(form.agreed_by);
	if (!agreedBy) fields.agreed_by = 'error_counterpart_agreed_by';
	else if (agreedBy.length > AGREED_BY_MAX) fields.agreed_by = tooLong(AGREED_BY_MAX);
	const decisionText = (form.decision ?? '').trim();
	const decisionSeq = decisionText ? readRowId(decisionText) || NaN : null;
	if (Number.isNaN(decisionSeq)) fields.decision = 'error_counterpart_decision';
	const cash = (raw: string, field: string): number | undefined => {
		const read = readAmount(raw, QUOTA_CASH_MAX);
		if (read.ok) return read.value;
		fields[field] = 'error_counterpart_cash';
		return undefined;
	};
	const days = (raw: string, field: string): number | undefined => {
		const tenths = readQuotaDays(raw);
		if (tenths === undefined) fields[field] = 'error_counterpart_quota_days';
		return tenths;
	};
	const allCash = (form.cash_all ?? '').trim();
	const allDays = (form.days_all ?? '').trim();
	const keys = new Set<string>();
	for (const name of Object.keys(form)) {
		const match = /^(cash|days):(.+)$/.exec(name);
		if (match) keys.add(match[2]);
	}
	const quotas: QuotaInput['quotas'] = [];
	for (const key of keys) {
		const c = (form[`cash:${key}`] ?? '').trim() || allCash;
		const d = (form[`days:${key}`] ?? '').trim() || allDays;
		if (!c && !d) continue;
		const cashCents = c ? cash(c, `cash:${key}`) : 0;
		const labourTenths = d ? days(d, `days:${key}`) : 0;
		if (cashCents !== undefined && labourTenths !== undefined)
			quotas.push({ household: key, cashCents, labourTenths });
	}
	if (!quotas.length && !Object.keys(fields).length) fields.form = 'error_counterpart_no_quota';
	if (Object.keys(fields).length) throw invalid(fields);
	return { dueOn, agreedBy, decisionSeq, quotas };
}

/**
 * Sets instalment `dueOn` of each household named (the assembly's split); the treasurer or another
 * leader. Checked here whatever the form said: whole amounts within bounds, households that
 * exist, the decision in the register. All or nothing, in one transaction; an earlier split for
 * the same date stays, superseded.
 */
export async function setQuotas(
	db: Db,
	ctx: AssociationContext,
	input: QuotaInput,
	now = Date.now()
): Promise<number> {
	authorize(ctx.actor, 'counterpart.manage');
	const user = actingUser(ctx);
	const associationId = ctx.association.id;
	const fields: Record<string, string | MessageRef> = {};
	if (!validDate(input.dueOn)) fields.due_on = 'error_money_date';
	const agreedBy = cleanLine(input.agreedBy);
	if (!agreedBy) fields.agreed_by = 'error_counterpart_agreed_by';
	else if (agreedBy.length > AGREED_BY_MAX) fields.agreed_by = tooLong(AGREED_BY_MAX);
	if (!input.quotas.length) fields.form = 'error_counterpart_no_quota';
	const seen = new Set<string>();
	for (const q of input.quotas) {
		if (!Number.isSafeInteger(q.cashCents) || q.cashCents < 0 || q.cashCents > QUOTA_CASH_MAX)
			fields[`cash:${q.household}`] = 'error_counterpart_cash';
		if (
			!Number.isSafeInteger(q.labourTenths) ||
			q.labourTenths < 0 ||
			q.labourTenths > QUOTA_TENTHS_MAX
		)
			fields[`days:${q.household}`] = 'error_counterpart_quota_days';
		if (seen.has(q.household)) fields[`cash:${q.household}`] = 'error_counterpart_household';
		seen.add(q.household);
	}
	return writeTx(db, async (tx) => {
		const households = new Set((await listHouseholds(tx, associationId)).map((h) => h.key));
		for (const q of input.quotas)
			if (!households.has(q.household))
				fields[`cash:${q.household}`] = 'error_counterpart_household';
		if (input.decisionSeq !== null) {
			const decision = Number.isSafeInteger(input.decisionSeq)
				? await tx
						.selectFrom('decision')
						.select('seq')
						.where('association_id', '=', associationId)
						.where('seq', '=', input.decisionSeq)
						.executeTakeFirst()
				: undefined;
			if (!decision) fields.decision = 'error_counterpart_decision';
		}
		if (Object.keys(fields).length) throw invalid(fields);
		await tx
			.insertInto('counterpart_quota')
			.values(
				input.quotas.map((q) => ({
					association_id: associationId,
					household: q.household,
					due_on: input.dueOn,
					cash_cents: q.cashCents,
					labour_tenths: q.labourTenths,
					agreed_by: agreedBy,
					decision_seq: input.decisionSeq,
					recorded_by: user.id,
					created_at: now
				}))
			)
			.execute();
		await recordAudit(tx, {
			associationId,
			actor: user,
			action: 'counterpart.quotas_set',
			subject: agreedBy,
			details: { count: input.quotas.length, due_on: input.dueOn },
			at: now
		});
		return input.quotas.length;
	});
}

export interface LabourInput {
	household: string;
	date: string;
	tenths: number;
	note: string;
	witnessMemberId: number;
}

/** Reads the labour form: household, date (today by default), days, what was done, witness. */
export function readLabourForm(form: Record<string, string>, now = Date.now()): LabourInput {
	const fields: Record<string, string | MessageRef> = {};
	const household = (form.household ?? '').trim();
	if (!household) fields.household = 'error_counterpart_household';
	const date = (form.date ?? '').trim() || boliviaDate(now);
	if (!validDate(date)) fields.date = 'error_money_date';
	else if (date > boliviaDate(now)) fields.date = 'error_money_date_future';
	const tenths = readDays(form.days ?? '');
	if (tenths === undefined) fields.days = 'error_counterpart_days';
	const note = cleanLine(form.note);
	if (!note) fields.note = 'error_counterpart_note';
	else if (note.length > LABOUR_NOTE_MAX) fields.note = tooLong(LABOUR_NOTE_MAX);
	const witnessMemberId = readRowId(form.witness);
	if (!witnessMemberId) fields.witness = 'error_counterpart_witness';
	if (Object.keys(fields).length) throw invalid(fields);
	return { household, date, tenths: tenths!, note, witnessMemberId };
}

/**
 * Records labour days a household worked, witnessed by an active member of another household;
 * the treasurer only. The date cannot be in the future.
 */
export async function recordLabour(
	db: Db,
	ctx: AssociationContext,
	input: LabourInput,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'money.record');
	const user = actingUser(ctx);
	const associationId = ctx.association.id;
	const fields: Record<string, string | MessageRef> = {};
	if (!validDate(input.date)) fields.date = 'error_money_date';
	else if (input.date > boliviaDate(now)) fields.date = 'error_money_date_future';
	if (!Number.isSafeInteger(input.tenths) || input.tenths <= 0 || input.tenths > LABOUR_TENTHS_MAX)
		fields.days = 'error_counterpart_days';
	const note = cleanLine(input.note);
	if (!note) fields.note = 'error_counterpart_note';
	else if (note.length > LABOUR_NOTE_MAX) fields.note = tooLong(LABOUR_NOTE_MAX);
	await writeTx(db, async (tx) => {
		const household = (await listHouseholds(tx, associationId)).find(
			(h) => h.key === input.household
		);
		if (!household) fields.household = 'error_counterpart_household';
		const witness = Number.isSafeInteger(input.witnessMemberId)
			? await getMember(tx, associationId, input.witnessMemberId)
			: undefined;
		if (!witness || witness.status !== 'active') fields.witness = 'error_counterpart_witness';
		else if (householdKey(witness) === input.household)
			fields.witness = 'error_counterpart_witness_household';
		if (Object.keys(fields).length) throw invalid(fields);
		await tx
			.insertInto('money_labour')
			.values({
				association_id: associationId,
				household: input.household,
				tenths: input.tenths,
				occurred_on: input.date,
				note,
				witness_member_id: witness!.id,
				recorded_by: user.id,
				created_at: now
			})
			.execute();
		await recordAudit(tx, {
			associationId,
			actor: user,
			action: 'counterpart.labour_recorded',
			subject: `${household!.name}: ${note}`,
			details: { tenths: input.tenths, date: input.date },
			at: now
		});
	});
}

export interface HouseholdStanding extends Household, Standing {
	/** The instalments in force, by due date. */
	instalments: QuotaInstalment[];
}

/** The instalments in force per household: for each due date, the latest split. */
async function quotasInForce(
	db: Db,
	associationId: number
): Promise<Map<string, QuotaInstalment[]>> {
	const rows = await db
		.selectFrom('counterpart_quota')
		.select(['household', 'due_on', 'cash_cents', 'labour_tenths'])
		.where('association_id', '=', associationId)
		.orderBy('id')
		.execute();
	const latest = new Map<string, Map<string, QuotaInstalment>>();
	for (const r of rows) {
		const byDate = latest.get(r.household) ?? new Map<string, QuotaInstalment>();
		byDate.set(r.due_on, {
			dueOn: r.due_on,
			cashCents: Number(r.cash_cents),
			labourTenths: Number(r.labour_tenths)
		});
		latest.set(r.household, byDate);
	}
	return new Map(
		[...latest].map(([k, byDate]) => [
			k,
			[...byDate.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn))
		])
	);
}

/**
 * Every household's standing at date `at` (YYYY-MM-DD, Bolivia): its instalments in force, the
 * cash it paid (counterpart income, less reversals) and the labour it worked by then.
 */
export async function householdStandings(
	db: Db,
	associationId: number,
	at: string
): Promise<HouseholdStanding[]> {
	const households = await listHouseholds(db, associationId);
	const quotas = await quotasInForce(db, associationId);
	const payments = new Map<string, CounterpartPayment[]>();
	const movements = await db
		.selectFrom('money_movement')
		.select(['household', 'amount', 'occurred_on', 'reverses_seq'])
		.where('association_id', '=', associationId)
		.where('kind', '=', 'income')
		.where('income_kind', '=', 'counterpart')
		.where('household', 'is not', null)
		.execute();
	for (const r of movements) {
		const list = payments.get(r.household!) ?? [];
		const cents = Number(r.amount);
		list.push({ date: r.occurred_on, cents: r.reverses_seq === null ? cents : -cents });
		payments.set(r.household!, list);
	}
	const labour = new Map<string, LabourRecord[]>();
	const worked = await db
		.selectFrom('money_labour')
		.select(['household', 'tenths', 'occurred_on'])
		.where('association_id', '=', associationId)
		.execute();
	for (const r of worked) {
		const list = labour.get(r.household) ?? [];
		list.push({ date: r.occurred_on, tenths: Number(r.tenths) });
		labour.set(r.household, list);
	}
	return households.map((h) => {
		const instalments = quotas.get(h.key) ?? [];
		return {
			...h,
			instalments,
			...householdStanding(instalments, payments.get(h.key) ?? [], labour.get(h.key) ?? [], at)
		};
	});
}

/** A labour record as the counterpart page lists it. */
export interface LabourView {
	household: string;
	date: string;
	tenths: number;
	note: string;
	witness: string | null;
}

export async function listLabour(db: Db, associationId: number, limit = 50): Promise<LabourView[]> {
	const rows = await db
		.selectFrom('money_labour')
		.leftJoin('member', 'member.id', 'money_labour.witness_member_id')
		.select([
			'money_labour.household',
			'money_labour.occurred_on',
			'money_labour.tenths',
			'money_labour.note',
			'member.name as witness'
		])
		.where('money_labour.association_id', '=', associationId)
		.orderBy('money_labour.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		household: r.household,
		date: r.occurred_on,
		tenths: Number(r.tenths),
		note: r.note,
		witness: r.witness
	}));
}
