// Evaluations at the months the contract sets (issue 14 item 4): on one page the committee sees
// the deliverables due by then, the visits as the households answered them, the survey's totals
// and the payments, scores each deliverable against the terms of reference, and records the
// outcome the assembly decided (continue, warn, terminate). The entry in the register carries the
// scores and every figure the committee saw.
import { m } from '$lib/paraglide/messages.js';
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { AssistanceContract } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanParagraphs } from '$lib/server/text';
import { formatBs } from '$lib/drafts/budget';
import {
	deliverableProgress,
	evaluationDate,
	visitState,
	type DeliverableProgress
} from '$lib/assistance/schedule';
import {
	SURVEY_QUESTIONS,
	SURVEY_VALUES,
	emptyCounts,
	type SurveyCounts
} from '$lib/assistance/survey';
import {
	EVALUATION_SUMMARY_MAX,
	SCORE_MAX,
	isEvaluationOutcome,
	type DeliverableKind,
	type EvaluationOutcome
} from '$lib/assistance/vocabulary';
import { appendEntry, STORED } from '$lib/server/record/register';
import { formatDay } from '$lib/format';
import { boliviaDate } from '$lib/server/money/movements';
import {
	contractEvaluationMonths,
	contractPeriod,
	deliverableFacts,
	requireContract
} from './contracts';
import { contractPayments } from './payments';
import { contractSurveys } from './surveys';
import { contractVisits } from './visits';

/** The assembly's outcome as the register entry says it, in the association's language. */
const OUTCOME_SENTENCE: Record<EvaluationOutcome, typeof m.assistance_evaluation_continue> = {
	continue: m.assistance_evaluation_continue,
	warn: m.assistance_evaluation_warn,
	terminate: m.assistance_evaluation_terminate
};

export interface EvaluationFacts {
	month: number;
	/** The last day looked at, YYYY-MM-DD. */
	date: string;
	deliverables: {
		id: number;
		kind: DeliverableKind;
		title: string;
		month: string;
		amount: number;
		progress: DeliverableProgress;
		approved: boolean;
	}[];
	visits: { confirmed: number; denied: number; pending: number };
	survey: { respondents: number; counts: SurveyCounts };
	/** Centavos paid so far. */
	paid: number;
	recorded: { outcome: EvaluationOutcome; seq: number } | null;
}

async function factsOf(
	db: Db,
	contract: AssistanceContract,
	month: number
): Promise<EvaluationFacts> {
	const date = evaluationDate(contractPeriod(contract), month);
	const id = Number(contract.id);
	const { rows, facts } = await deliverableFacts(db, id);
	const visits = { confirmed: 0, denied: 0, pending: 0 };
	for (const v of await contractVisits(db, id))
		if (v.date <= date) visits[visitState(v.households.map((h) => h.answer))] += 1;
	const counts = emptyCounts();
	let respondents = 0;
	for (const s of await contractSurveys(db, id, null)) {
		if (!s.counts || s.period > date.slice(0, 7)) continue;
		respondents += s.respondents;
		for (const q of SURVEY_QUESTIONS) for (const v of SURVEY_VALUES) counts[q][v] += s.counts[q][v];
	}
	const paid = (await contractPayments(db, id)).reduce((sum, p) => sum + p.amount, 0);
	const recorded = await db
		.selectFrom('assistance_evaluation')
		.select(['outcome', 'decision_seq'])
		.where('contract_id', '=', id)
		.where('at_month', '=', month)
		.executeTakeFirst();
	return {
		month,
		date,
		deliverables: rows
			.map((r, i) => ({
				id: Number(r.id),
				kind: r.kind,
				title: r.title,
				month: r.planned_month,
				amount: Number(r.amount),
				progress: deliverableProgress(facts[i]),
				approved: facts[i].approved
			}))
			.filter((d) => d.month <= date.slice(0, 7)),
		visits,
		survey: { respondents, counts },
		paid,
		recorded: recorded ? { outcome: recorded.outcome, seq: Number(recorded.decision_seq) } : null
	};
}

/** What the committee sees at the evaluation of month `month`; any member reads it. */
export async function getEvaluation(
	db: Db,
	ctx: AssociationContext,
	contractId: number,
	month: number
): Promise<(EvaluationFacts & { technician: string; due: boolean }) | undefined> {
	if (!can(ctx.actor, 'assistance.read', ctx.association))
		throw new DomainError('forbidden', 'error_forbidden');
	const contract = await requireContract(db, ctx.association.id, contractId);
	if (!contractEvaluationMonths(contract).includes(month)) return undefined;
	const facts = await factsOf(db, contract, month);
	return {
		...facts,
		technician: contract.technician_name,
		due: facts.date <= boliviaDate(Date.now())
	};
}

export interface EvaluationInput {
	outcome: string;
	summary: string;
	/** Deliverable id → score as typed (0 to SCORE_MAX). */
	scores: Record<number, string>;
}

export function readEvaluationForm(form: Record<string, string>): EvaluationInput {
	const scores: Record<number, string> = {};
	for (const [k, v] of Object.entries(form)) {
		const hit = /^score_(\d+)$/.exec(k);
		if (hit) scores[Number(hit[1])] = v;
	}
	return { outcome: form.outcome ?? '', summary: form.summary ?? '', scores };
}

/**
 * Records the evaluation of month `month` as decided in the assembly; leaders only, once, not
 * before the day it looks back from. Every deliverable due is scored.
 */
export async function recordEvaluation(
	db: Db,
	ctx: AssociationContext,
	contractId: number,
	month: number,
	input: EvaluationInput,
	now = Date.now()
): Promise<number> {
	authorize(ctx.actor, 'assistance.manage');
	const user = actingUser(ctx);
	return writeTx(db, async (tx) => {
		const contract = await requireContract(tx, ctx.association.id, contractId);
		if (!contractEvaluationMonths(contract).includes(month))
			throw new DomainError('not_found', 'error_not_found');
		const facts = await factsOf(tx, contract, month);
		if (facts.recorded) throw new DomainError('conflict', 'error_evaluation_twice');
		if (facts.date > boliviaDate(now))
			throw new DomainError('conflict', {
				key: 'error_evaluation_early',
				params: { date: facts.date }
			});
		const fields: Record<string, string | ReturnType<typeof tooLong>> = {};
		if (!isEvaluationOutcome(input.outcome)) fields.outcome = 'error_choice';
		const summary = cleanParagraphs(input.summary);
		if (summary.length > EVALUATION_SUMMARY_MAX) fields.summary = tooLong(EVALUATION_SUMMARY_MAX);
		const scores = facts.deliverables.map((d) => {
			const text = (input.scores[d.id] ?? '').trim();
			const score = Number(text);
			if (!/^\d+$/.test(text) || score > SCORE_MAX)
				fields[`score_${d.id}`] = { key: 'error_evaluation_score', params: { max: SCORE_MAX } };
			return { deliverable: d.id, title: d.title, score };
		});
		if (Object.keys(fields).length) throw invalid(fields);
		const outcome = input.outcome as EvaluationOutcome;
		const decision = await appendEntry(
			tx,
			ctx.association,
			{
				kind: 'consensus',
				decision_kind: 'ordinary',
				title: m.assistance_evaluation_entry_title(
					{ month, name: contract.technician_name },
					STORED
				),
				summary: [
					OUTCOME_SENTENCE[outcome]({ name: contract.technician_name }, STORED),
					m.assistance_evaluation_entry_facts(
						{
							date: formatDay(facts.date, STORED.locale),
							confirmed: facts.visits.confirmed,
							denied: facts.visits.denied,
							pending: facts.visits.pending,
							paid: formatBs(facts.paid)
						},
						STORED
					),
					summary
				]
					.filter(Boolean)
					.join(' '),
				outcome: 'decided',
				recorded_by: user.display_name,
				subject: null,
				vote: null,
				corrects: null,
				assembly: null,
				decidedAt: now,
				evaluation: {
					contract: Number(contract.id),
					month,
					date: facts.date,
					outcome,
					scores,
					visits: facts.visits,
					survey: facts.survey,
					paid: facts.paid
				}
			},
			now
		);
		const seq = Number(decision.seq);
		await tx
			.insertInto('assistance_evaluation')
			.values({
				association_id: ctx.association.id,
				contract_id: contract.id,
				at_month: month,
				outcome,
				facts: JSON.stringify({
					scores,
					visits: facts.visits,
					survey: facts.survey,
					paid: facts.paid
				}),
				decision_seq: seq,
				recorded_by: user.id,
				created_at: now
			})
			.execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'assistance.contract_changed',
			subject: contract.technician_name,
			details: { contract: Number(contract.id), evaluation: month, seq },
			at: now
		});
		return seq;
	});
}

/** The contract's evaluation months, whether each is due and what was decided. */
export async function contractEvaluations(db: Db, contract: AssistanceContract, now = Date.now()) {
	const rows = await db
		.selectFrom('assistance_evaluation')
		.select(['at_month', 'outcome', 'decision_seq'])
		.where('contract_id', '=', contract.id)
		.execute();
	const today = boliviaDate(now);
	return contractEvaluationMonths(contract).map((month) => {
		const date = evaluationDate(contractPeriod(contract), month);
		const row = rows.find((r) => Number(r.at_month) === month);
		return {
			month,
			date,
			due: date <= today,
			outcome: row?.outcome ?? null,
			seq: row ? Number(row.decision_seq) : null
		};
	});
}
