// Visits (issue 14 item 2): the technician, or a leader for them, logs a visit from a phone (the
// date, the community, the households visited, what was done, photos); each household visited
// then answers for itself, «Sí vino» or «No vino», once, or a leader records its answer given in
// the assembly. A visit is confirmed only by its households, never by whoever logged it.
import {
	actingUser,
	authorize,
	can,
	listMembers,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isElector } from '$lib/associations/electorate';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanLine, cleanParagraphs } from '$lib/server/text';
import {
	VISIT_HOUSEHOLDS_MAX,
	VISIT_PHOTOS_MAX,
	VISIT_WORK_MAX,
	type Answer,
	type AnswerChannel
} from '$lib/assistance/vocabulary';
import { inPeriod, isIsoDate, periodEnd } from '$lib/assistance/schedule';
import { boliviaDate, householdKey } from '$lib/server/money/movements';
import type { CheckedReceipt } from '$lib/server/money/receipts';
import { RECEIPT_MAX_BYTES } from '$lib/money/vocabulary';
import { checkFile, storeFile } from './files';
import {
	contractCommunities,
	contractPeriod,
	deliverableRow,
	mayLog,
	requireContract
} from './contracts';

export interface Household {
	key: string;
	name: string;
	community: string | null;
}

/**
 * The households that may be visited: those of the active voting members (a household is counted
 * once, under its name, or the member alone when they have none), in the contract's communities.
 */
export async function contractHouseholds(
	db: Db,
	associationId: number,
	communities: string[]
): Promise<Household[]> {
	const members = await listMembers(db, associationId);
	const out = new Map<string, Household>();
	for (const member of members) {
		if (!isElector(member)) continue;
		const community = member.community?.trim() || null;
		if (communities.length && (!community || !communities.includes(community))) continue;
		const key = householdKey(member);
		if (!out.has(key)) out.set(key, { key, name: member.household || member.name, community });
	}
	return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'es'));
}

export interface VisitInput {
	date: string;
	community: string;
	/** Household keys. */
	households: string[];
	work: string;
	deliverableId: number | null;
}

/** Each household ticked is a checkbox `household_<n>` whose value is its key. */
export function readVisitForm(form: Record<string, string>): VisitInput {
	return {
		date: (form.date ?? '').trim(),
		community: cleanLine(form.community),
		households: Object.entries(form)
			.filter(([k]) => /^household_\d+$/.test(k))
			.map(([, v]) => v),
		work: form.work ?? '',
		deliverableId: isRowId(Number(form.deliverable)) ? Number(form.deliverable) : null
	};
}

/** Logs a visit: the contract's technician or a leader. Nothing is written unless all of it is sound. */
export async function logVisit(
	db: Db,
	ctx: AssociationContext,
	contractId: number,
	input: VisitInput,
	photos: Uint8Array[] = [],
	now = Date.now()
): Promise<number> {
	const user = actingUser(ctx);
	const contract = await requireContract(db, ctx.association.id, contractId);
	if (!mayLog(ctx, contract)) throw new DomainError('forbidden', 'error_forbidden');
	const period = contractPeriod(contract);
	const communities = contractCommunities(contract);
	const fields: Record<string, string | ReturnType<typeof tooLong>> = {};
	if (!isIsoDate(input.date)) fields.date = 'error_assistance_date';
	else if (input.date > boliviaDate(now)) fields.date = 'error_visit_future';
	else if (!inPeriod(input.date, period))
		fields.date = {
			key: 'error_visit_outside_period',
			params: { from: period.start, to: periodEnd(period) }
		};
	const community = cleanLine(input.community);
	if (!community || (communities.length && !communities.includes(community)))
		fields.community = 'error_visit_community';
	const allowed = await contractHouseholds(
		db,
		ctx.association.id,
		communities.length ? [community] : []
	);
	const byKey = new Map(allowed.map((h) => [h.key, h]));
	const keys = [...new Set(input.households)];
	if (keys.length === 0) fields.households = 'error_visit_households';
	else if (keys.length > VISIT_HOUSEHOLDS_MAX)
		fields.households = {
			key: 'error_visit_households_many',
			params: { max: VISIT_HOUSEHOLDS_MAX }
		};
	else if (keys.some((k) => !byKey.has(k))) fields.households = 'error_visit_household';
	const work = cleanParagraphs(input.work);
	if (!work) fields.work = 'error_required';
	else if (work.length > VISIT_WORK_MAX) fields.work = tooLong(VISIT_WORK_MAX);
	if (input.deliverableId !== null) {
		const d = await deliverableRow(db, ctx.association.id, input.deliverableId);
		if (!d || Number(d.contract_id) !== Number(contract.id) || d.kind !== 'visit')
			fields.deliverable = 'error_choice';
	}
	const files = photos.filter((p) => p.length > 0);
	if (files.length > VISIT_PHOTOS_MAX)
		fields.photos = { key: 'error_visit_photos_many', params: { max: VISIT_PHOTOS_MAX } };
	// One request carries them all: together they fit the one large body a form may send.
	else if (files.reduce((sum, f) => sum + f.length, 0) > RECEIPT_MAX_BYTES)
		fields.photos = {
			key: 'error_money_receipt_large',
			params: { max: RECEIPT_MAX_BYTES / 1048576 }
		};
	if (Object.keys(fields).length) throw invalid(fields);
	let checked: CheckedReceipt[];
	try {
		checked = files.map((f) => checkFile(f));
	} catch (e) {
		if (e instanceof DomainError && e.fields.receipt) throw invalid({ photos: e.fields.receipt });
		throw e;
	}
	return writeTx(db, async (tx) => {
		const row = await tx
			.insertInto('assistance_visit')
			.values({
				association_id: ctx.association.id,
				contract_id: contract.id,
				deliverable_id: input.deliverableId,
				visited_on: input.date,
				community,
				work,
				logged_by: user.id,
				logged_name: user.display_name,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const visitId = Number(row.id);
		await tx
			.insertInto('assistance_visit_household')
			.values(
				keys.map((key) => ({
					visit_id: visitId,
					household_key: key,
					household_name: byKey.get(key)!.name,
					answer: 'pending' as const,
					channel: null,
					answered_member_id: null,
					answered_by: null,
					answered_at: null
				}))
			)
			.execute();
		for (const photo of checked) {
			const fileId = await storeFile(tx, ctx.association.id, photo, user.id, now);
			await tx
				.insertInto('assistance_visit_photo')
				.values({ visit_id: visitId, file_id: fileId })
				.execute();
		}
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.visit_logged',
			subject: `${input.date} · ${community}`,
			details: { contract: Number(contract.id), visit: visitId, households: keys.length },
			at: now
		});
		return visitId;
	});
}

export interface AnswerInput {
	answer: string;
	/** A leader recording a household's answer given in the assembly: that household's key. */
	household?: string;
}

/**
 * A household's answer about a visit, once: by one of its own voting members on their phone, or
 * recorded by a leader in the assembly (noted as such). A second answer is refused.
 */
export async function answerVisit(
	db: Db,
	ctx: AssociationContext,
	visitId: number,
	input: AnswerInput,
	now = Date.now()
): Promise<Answer> {
	const user = actingUser(ctx);
	if (input.answer !== 'confirmed' && input.answer !== 'denied')
		throw invalid({ answer: 'error_choice' });
	const answer: Answer = input.answer;
	let key: string;
	let channel: AnswerChannel;
	if (input.household !== undefined) {
		authorize(ctx.actor, 'assistance.manage');
		key = input.household;
		channel = 'assembly';
	} else {
		authorize(ctx.actor, 'assistance.answer');
		if (!ctx.member) throw new DomainError('forbidden', 'error_forbidden');
		key = householdKey(ctx.member);
		channel = 'self';
	}
	return writeTx(db, async (tx) => {
		const visit = isRowId(visitId)
			? await tx
					.selectFrom('assistance_visit')
					.select(['id', 'visited_on', 'community'])
					.where('association_id', '=', ctx.association.id)
					.where('id', '=', visitId)
					.executeTakeFirst()
			: undefined;
		if (!visit) throw new DomainError('not_found', 'error_not_found');
		const row = await tx
			.selectFrom('assistance_visit_household')
			.select(['answer', 'household_name'])
			.where('visit_id', '=', visit.id)
			.where('household_key', '=', key)
			.executeTakeFirst();
		// A household that was not visited has nothing to answer about this visit.
		if (!row) throw new DomainError('forbidden', 'error_visit_not_yours');
		const done = await tx
			.updateTable('assistance_visit_household')
			.set({
				answer,
				channel,
				answered_member_id: ctx.member?.id ?? null,
				answered_by: user.id,
				answered_at: now
			})
			.where('visit_id', '=', visit.id)
			.where('household_key', '=', key)
			.where('answer', '=', 'pending')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1)
			throw new DomainError('conflict', 'error_visit_answered');
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.visit_answered',
			subject: `${visit.visited_on} · ${row.household_name}`,
			details: { visit: Number(visit.id), answer, channel },
			at: now
		});
		return answer;
	});
}

export interface VisitView {
	id: number;
	date: string;
	community: string;
	work: string;
	loggedBy: string;
	deliverableId: number | null;
	households: {
		key: string;
		name: string;
		answer: Answer;
		channel: AnswerChannel | null;
	}[];
	photos: { id: number; sha256: string }[];
}

/** A contract's visits, newest first, with each household's answer and the photos. */
export async function contractVisits(db: Db, contractId: number): Promise<VisitView[]> {
	const visits = await db
		.selectFrom('assistance_visit')
		.selectAll()
		.where('contract_id', '=', contractId)
		.orderBy('visited_on', 'desc')
		.orderBy('id', 'desc')
		.execute();
	if (!visits.length) return [];
	const ids = visits.map((v) => v.id);
	const households = await db
		.selectFrom('assistance_visit_household')
		.selectAll()
		.where('visit_id', 'in', ids)
		.orderBy('household_name')
		.execute();
	const photos = await db
		.selectFrom('assistance_visit_photo')
		.innerJoin('assistance_file', 'assistance_file.id', 'assistance_visit_photo.file_id')
		.select(['assistance_visit_photo.visit_id', 'assistance_file.id', 'assistance_file.sha256'])
		.where('assistance_visit_photo.visit_id', 'in', ids)
		.execute();
	return visits.map((v) => ({
		id: Number(v.id),
		date: v.visited_on,
		community: v.community,
		work: v.work,
		loggedBy: v.logged_name,
		deliverableId: v.deliverable_id === null ? null : Number(v.deliverable_id),
		households: households
			.filter((h) => Number(h.visit_id) === Number(v.id))
			.map((h) => ({
				key: h.household_key,
				name: h.household_name,
				answer: h.answer,
				channel: h.channel
			})),
		photos: photos
			.filter((p) => Number(p.visit_id) === Number(v.id))
			.map((p) => ({ id: Number(p.id), sha256: p.sha256 }))
	}));
}

/** The household key the reader answers for, if they are a voting member. */
export function readerHousehold(ctx: AssociationContext): string | null {
	return ctx.member && can(ctx.actor, 'assistance.answer') ? householdKey(ctx.member) : null;
}
