// The hiring committee's score table: weighted criteria (experience, proposal, cost, local
// language…) set by leaders while the election is prepared; each committee member (leaders and
// the facilitator) scores every candidate 0–10; voters see the weighted table beside the ballot.
import { CRITERIA_MAX, CRITERION_LABEL_MAX } from '$lib/voting/limits';
import {
	actingUser,
	authorize,
	can,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import { DomainError, invalid, tooLong, type MessageRef } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { weightedScores, type ScoreResult } from '$lib/voting/methods';
import { getVote } from './votes';
import { listVoteOptions } from './options';

async function election(db: Db, ctx: AssociationContext, voteId: number) {
	const vote = await getVote(db, ctx, voteId);
	if (vote.kind !== 'election') throw new DomainError('conflict', 'error_vote_not_election');
	return vote;
}

/** A criterion of the committee's table: its name and its weight, 1 to 100. */
export interface CriterionInput {
	label?: string;
	/** NaN when the form's weight is not a whole number. */
	weight?: number;
}

/** Reads the criterion form (`label`, `weight`). */
export function readCriterionForm(form: Record<string, string>): CriterionInput {
	const weight = (form.weight ?? '').trim();
	return { label: form.label, weight: /^[0-9]{1,3}$/.test(weight) ? Number(weight) : NaN };
}

/** Adds a weighted criterion while the election is prepared; leaders only. */
export async function addCriterion(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	input: CriterionInput
): Promise<void> {
	authorize(ctx.actor, 'vote.manage');
	const vote = await election(db, ctx, voteId);
	if (vote.status !== 'preparing') throw new DomainError('conflict', 'error_vote_not_preparing');
	const label = cleanLine(input.label);
	const weight = input.weight ?? NaN;
	const fields: Record<string, string | MessageRef> = {};
	if (!label) fields.label = 'error_required';
	else if (label.length > CRITERION_LABEL_MAX) fields.label = tooLong(CRITERION_LABEL_MAX);
	if (!(Number.isInteger(weight) && weight >= 1 && weight <= 100))
		fields.weight = 'error_criterion_weight';
	if (Object.keys(fields).length) throw invalid(fields);
	await writeTx(db, async (tx) => {
		const count = await tx
			.selectFrom('vote_criterion')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('vote_id', '=', vote.id)
			.executeTakeFirstOrThrow();
		if (Number(count.n) >= CRITERIA_MAX)
			throw new DomainError('conflict', 'error_criteria_too_many');
		await tx.insertInto('vote_criterion').values({ vote_id: vote.id, label, weight }).execute();
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: actingUser(ctx),
			action: 'vote.changed',
			subject: vote.title,
			details: { vote: vote.id, criterion_added: label, weight }
		});
	});
}

/** One committee member's marks: a score 0..10 per candidate and criterion; NaN if unreadable. */
export interface ScoreMark {
	option: number;
	criterion: number;
	score: number;
}

/** The score sheet's field for a candidate and a criterion. */
function scoreField(option: number, criterion: number): string {
	return `score_${option}_${criterion}`;
}

/** Reads the score sheet: `score_<candidate>_<criterion>` = 0..10; blank fields are unscored. */
export function readScoresForm(form: Record<string, string>): ScoreMark[] {
	const marks: ScoreMark[] = [];
	for (const [name, value] of Object.entries(form)) {
		const key = /^score_([1-9][0-9]{0,9})_([1-9][0-9]{0,9})$/.exec(name);
		const text = value.trim();
		if (!key || !text) continue;
		const score = /^(10|[0-9])$/.test(text) ? Number(text) : NaN;
		marks.push({ option: Number(key[1]), criterion: Number(key[2]), score });
	}
	return marks;
}

/**
 * Saves the acting committee member's scores, 0..10 per candidate and criterion; one left out is
 * unscored. Allowed until the election closes; each member's scores replace their own.
 */
export async function saveScores(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	marks: readonly ScoreMark[]
): Promise<number> {
	authorize(ctx.actor, 'vote.score');
	const me = ctx.member!;
	const vote = await election(db, ctx, voteId);
	if (vote.status !== 'preparing' && vote.status !== 'open')
		throw new DomainError('closed', 'error_vote_closed');
	const options = await listVoteOptions(db, vote.id);
	const criteria = await listCriteria(db, vote.id);
	const rows: {
		criterion_id: number;
		option_id: number;
		scorer_member_id: number;
		score: number;
	}[] = [];
	const fields: Record<string, string | MessageRef> = {};
	const marked = new Map(
		marks.map((mark) => [scoreField(mark.option, mark.criterion), mark.score])
	);
	for (const option of options)
		for (const criterion of criteria) {
			const name = scoreField(Number(option.id), criterion.id);
			const score = marked.get(name);
			if (score === undefined) continue;
			if (!(Number.isInteger(score) && score >= 0 && score <= 10))
				fields[name] = 'error_score_range';
			else
				rows.push({
					criterion_id: criterion.id,
					option_id: Number(option.id),
					scorer_member_id: me.id,
					score
				});
		}
	if (Object.keys(fields).length) throw invalid(fields);
	await writeTx(db, async (tx) => {
		const criterionIds = criteria.map((c) => c.id);
		if (criterionIds.length)
			await tx
				.deleteFrom('vote_score')
				.where('scorer_member_id', '=', me.id)
				.where('criterion_id', 'in', criterionIds)
				.execute();
		if (rows.length) await tx.insertInto('vote_score').values(rows).execute();
	});
	return rows.length;
}

export async function listCriteria(db: Db, voteId: number) {
	const rows = await db
		.selectFrom('vote_criterion')
		.selectAll()
		.where('vote_id', '=', voteId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: Number(r.id), label: r.label, weight: Number(r.weight) }));
}

export interface ScoreBoard {
	criteria: { id: number; label: string; weight: number }[];
	result: ScoreResult;
	scorers: number;
	/** The acting member's own scores, `<candidate>_<criterion>` → score, when they may score. */
	mine: Record<string, number> | null;
}

/** The committee's weighted table for an election; undefined when it has no criteria. */
export async function getScoreBoard(
	db: Db,
	ctx: AssociationContext,
	voteId: number
): Promise<ScoreBoard | undefined> {
	const vote = await election(db, ctx, voteId);
	const criteria = await listCriteria(db, vote.id);
	if (criteria.length === 0) return undefined;
	const options = await listVoteOptions(db, vote.id);
	const scores = await db
		.selectFrom('vote_score')
		.innerJoin('vote_criterion', 'vote_criterion.id', 'vote_score.criterion_id')
		.select([
			'vote_score.criterion_id',
			'vote_score.option_id',
			'vote_score.scorer_member_id',
			'vote_score.score'
		])
		.where('vote_criterion.vote_id', '=', vote.id)
		.execute();
	const result = weightedScores(
		criteria.map((c) => ({ id: String(c.id), weight: c.weight })),
		scores.map((s) => ({
			candidateId: String(s.option_id),
			criterionId: String(s.criterion_id),
			scorerId: String(s.scorer_member_id),
			score: Number(s.score)
		})),
		options.map((o) => String(o.id))
	);
	const me = ctx.member?.id;
	const mine =
		me !== undefined && can(ctx.actor, 'vote.score')
			? Object.fromEntries(
					scores
						.filter((s) => Number(s.scorer_member_id) === me)
						.map((s) => [`${s.option_id}_${s.criterion_id}`, Number(s.score)])
				)
			: null;
	return {
		criteria,
		result,
		scorers: new Set(scores.map((s) => s.scorer_member_id)).size,
		mine
	};
}
