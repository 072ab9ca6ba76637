// The members' survey of the service (issue 14 item 3), per period, open to the households the
// contract serves, one answer per household. Who answered and what they answered are never
// written together. Same threat model as secret ballots ($lib/server/voting/secrecy.ts): the
// answering transaction writes the household (assistance_survey_respondent) and the answer
// SEALED (AES-256-GCM under a per-survey key derived from the ballot key, one length for every
// answer, a random row id); the close opens every sealed answer, writes only the counts, deletes
// the sealed rows, and on SQLite vacuums the file and truncates the WAL (scrubFreedSpace). The
// audit log says that a household answered, never how.
import crypto from 'node:crypto';
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isRowId, scrubFreedSpace, toBuffer, writeTx, type Db } from '$lib/server/db';
import { DomainError, invalid } from '$lib/server/errors';
import { ballotKey } from '$lib/server/voting/secrecy';
import {
	SURVEY_QUESTIONS,
	SURVEY_VALUES,
	countSurvey,
	emptyCounts,
	readSurveyForm,
	type SurveyAnswers,
	type SurveyCounts
} from '$lib/assistance/survey';
import { isMonth, periodMonths } from '$lib/assistance/schedule';
import { boliviaDate, householdKey } from '$lib/server/money/movements';
import { contractCommunities, contractPeriod, requireContract } from './contracts';
import { contractHouseholds } from './visits';

/** Every sealed answer is this long: the length tells nothing. */
const SEALED_LENGTH = 128;

function surveyKey(surveyId: number): Buffer {
	return Buffer.from(
		crypto.hkdfSync('sha256', ballotKey(), 'minka-survey-v1', `survey:${surveyId}`, 32)
	);
}

export function sealAnswers(surveyId: number, rowId: string, answers: SurveyAnswers): Buffer {
	const text = JSON.stringify(SURVEY_QUESTIONS.map((q) => answers[q]));
	const padded = Buffer.alloc(SEALED_LENGTH, ' ');
	padded.write(text);
	const nonce = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', surveyKey(surveyId), nonce);
	cipher.setAAD(Buffer.from(`${surveyId}:${rowId}`));
	const body = Buffer.concat([cipher.update(padded), cipher.final()]);
	return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

export function openAnswers(surveyId: number, rowId: string, sealed: Uint8Array): SurveyAnswers {
	const data = toBuffer(sealed);
	const decipher = crypto.createDecipheriv(
		'aes-256-gcm',
		surveyKey(surveyId),
		data.subarray(0, 12)
	);
	decipher.setAAD(Buffer.from(`${surveyId}:${rowId}`));
	decipher.setAuthTag(data.subarray(12, 28));
	const text = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString();
	const values = JSON.parse(text) as string[];
	return Object.fromEntries(SURVEY_QUESTIONS.map((q, i) => [q, values[i]])) as SurveyAnswers;
}

/** Opens the survey of a period of the contract (not a future one); leaders only. */
export async function openSurvey(
	db: Db,
	ctx: AssociationContext,
	contractId: number,
	period: string,
	now = Date.now()
): Promise<number> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	const contract = await requireContract(db, ctx.association.id, contractId);
	if (
		!isMonth(period) ||
		!periodMonths(contractPeriod(contract)).includes(period) ||
		period > boliviaDate(now).slice(0, 7)
	)
		throw invalid({ period: 'error_survey_period' });
	return writeTx(db, async (tx) => {
		const twice = await tx
			.selectFrom('assistance_survey')
			.select('id')
			.where('contract_id', '=', contract.id)
			.where('period', '=', period)
			.executeTakeFirst();
		if (twice) throw new DomainError('conflict', 'error_survey_exists');
		const row = await tx
			.insertInto('assistance_survey')
			.values({
				association_id: ctx.association.id,
				contract_id: contract.id,
				period,
				status: 'open',
				respondents: null,
				opened_by: user.id,
				opened_at: now,
				closed_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_changed',
			subject: `${contract.technician_name} · ${period}`,
			details: { contract: Number(contract.id), survey: Number(row.id) },
			at: now
		});
		return Number(row.id);
	});
}

async function surveyRow(db: Db, associationId: number, id: number) {
	if (!isRowId(id)) return undefined;
	return db
		.selectFrom('assistance_survey')
		.selectAll()
		.where('association_id', '=', associationId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/**
 * A household's answers, once, by one of its voting members, while the survey is open, and only
 * for a household the contract serves.
 */
export async function answerSurvey(
	db: Db,
	ctx: AssociationContext,
	surveyId: number,
	form: Record<string, string | undefined>,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'assistance.answer');
	const user = actingUser(ctx);
	if (!ctx.member) throw new DomainError('forbidden', 'error_forbidden');
	const read = readSurveyForm(form);
	if (!read.ok)
		throw invalid(Object.fromEntries(read.missing.map((q) => [`q_${q}`, 'error_survey_answer'])));
	const key = householdKey(ctx.member);
	const survey = await surveyRow(db, ctx.association.id, surveyId);
	if (!survey) throw new DomainError('not_found', 'error_not_found');
	const contract = await requireContract(db, ctx.association.id, Number(survey.contract_id));
	const served = await contractHouseholds(db, ctx.association.id, contractCommunities(contract));
	if (!served.some((h) => h.key === key))
		throw new DomainError('forbidden', 'error_survey_not_served');
	await writeTx(db, async (tx) => {
		const now2 = await surveyRow(tx, ctx.association.id, surveyId);
		if (now2?.status !== 'open') throw new DomainError('conflict', 'error_survey_closed');
		const twice = await tx
			.selectFrom('assistance_survey_respondent')
			.select('household_key')
			.where('survey_id', '=', survey.id)
			.where('household_key', '=', key)
			.executeTakeFirst();
		if (twice) throw new DomainError('conflict', 'error_survey_answered');
		await tx
			.insertInto('assistance_survey_respondent')
			.values({ survey_id: survey.id, household_key: key })
			.execute();
		const id = crypto.randomBytes(16).toString('base64url');
		await tx
			.insertInto('assistance_survey_sealed')
			.values({ survey_id: survey.id, id, sealed: sealAnswers(survey.id, id, read.answers) })
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.survey_answered',
			subject: survey.period,
			details: { survey: Number(survey.id) },
			at: now
		});
	});
}

/** Closes a survey: the sealed answers become counts, and are gone; leaders only. */
export async function closeSurvey(
	db: Db,
	ctx: AssociationContext,
	surveyId: number,
	now = Date.now()
): Promise<SurveyCounts> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	const counts = await writeTx(db, async (tx) => {
		const survey = await surveyRow(tx, ctx.association.id, surveyId);
		if (!survey) throw new DomainError('not_found', 'error_not_found');
		if (survey.status !== 'open') throw new DomainError('conflict', 'error_survey_closed');
		const sealed = await tx
			.selectFrom('assistance_survey_sealed')
			.select(['id', 'sealed'])
			.where('survey_id', '=', survey.id)
			.execute();
		const counts = countSurvey(sealed.map((s) => openAnswers(survey.id, s.id, s.sealed)));
		await tx.deleteFrom('assistance_survey_sealed').where('survey_id', '=', survey.id).execute();
		await tx
			.insertInto('assistance_survey_count')
			.values(
				SURVEY_QUESTIONS.flatMap((q) =>
					SURVEY_VALUES.map((v) => ({
						survey_id: survey.id,
						question: q,
						answer: v,
						count: counts[q][v]
					}))
				)
			)
			.execute();
		await tx
			.updateTable('assistance_survey')
			.set({ status: 'closed', respondents: sealed.length, closed_at: now })
			.where('id', '=', survey.id)
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_changed',
			subject: survey.period,
			details: { survey: Number(survey.id), closed: true, respondents: sealed.length },
			at: now
		});
		return counts;
	});
	await scrubFreedSpace(db);
	return counts;
}

export interface SurveyView {
	id: number;
	period: string;
	status: 'open' | 'closed';
	/** Households that answered so far (the count, never who). */
	respondents: number;
	/** Whether the reader's household has answered. */
	answered: boolean;
	/** Counts, once closed. */
	counts: SurveyCounts | null;
}

export async function contractSurveys(
	db: Db,
	contractId: number,
	household: string | null
): Promise<SurveyView[]> {
	const surveys = await db
		.selectFrom('assistance_survey')
		.selectAll()
		.where('contract_id', '=', contractId)
		.orderBy('period', 'desc')
		.execute();
	if (!surveys.length) return [];
	const ids = surveys.map((s) => s.id);
	const respondents = await db
		.selectFrom('assistance_survey_respondent')
		.select(['survey_id', 'household_key'])
		.where('survey_id', 'in', ids)
		.execute();
	const counts = await db
		.selectFrom('assistance_survey_count')
		.selectAll()
		.where('survey_id', 'in', ids)
		.execute();
	return surveys.map((s) => {
		const mine = respondents.filter((r) => Number(r.survey_id) === Number(s.id));
		let c: SurveyCounts | null = null;
		if (s.status === 'closed') {
			c = emptyCounts();
			for (const row of counts.filter((x) => Number(x.survey_id) === Number(s.id)))
				(c as Record<string, Record<string, number>>)[row.question][row.answer] = Number(row.count);
		}
		return {
			id: Number(s.id),
			period: s.period,
			status: s.status,
			respondents: mine.length,
			answered: household !== null && mine.some((r) => r.household_key === household),
			counts: c
		};
	});
}
