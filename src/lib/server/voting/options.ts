// A vote's options while it is prepared: candidates of an election, alternative wordings of a
// motion (an amendment put against the wording in force); a budget vote's lines come from its plan.
import {
	OPTION_LABEL_MAX as LABEL_MAX,
	OPTIONS_MAX,
	VOTE_TEXT_MAX as TEXT_MAX
} from '$lib/voting/limits';
import type { AssociationContext } from '$lib/server/associations';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { VoteOption } from '$lib/server/db/schema';
import { getAmendment } from '$lib/server/deliberation';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanLine, cleanParagraphs } from '$lib/server/text';
import { AMOUNT_MAX, readAmount } from '$lib/money/amount';
import { amountMessage, type Fields } from './vote-form';
import { auditVote, preparingVote } from './votes';

/**
 * Adds a candidate (elections) or an alternative wording (motions, e.g. an amendment put against
 * the original) while the vote is prepared; leaders only.
 */
export async function addVoteOption(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	input: { label?: string; description?: string; fee?: string; proposal?: string },
	now = Date.now()
): Promise<VoteOption> {
	const vote = await preparingVote(db, ctx, voteId);
	if (vote.kind === 'budget') throw new DomainError('conflict', 'error_vote_budget_options');
	const fields: Fields = {};
	const label = cleanLine(input.label);
	if (!label) fields.label = 'error_required';
	else if (label.length > LABEL_MAX) fields.label = tooLong(LABEL_MAX);
	const description = cleanParagraphs(input.description);
	if (description.length > TEXT_MAX) fields.description = tooLong(TEXT_MAX);
	const proposal = cleanParagraphs(input.proposal);
	if (proposal.length > TEXT_MAX) fields.proposal = tooLong(TEXT_MAX);
	let amount: number | null = null;
	if (vote.kind === 'election' && (input.fee ?? '').trim()) {
		const fee = readAmount(input.fee ?? '');
		if (!fee.ok) fields.fee = amountMessage(fee.problem, AMOUNT_MAX);
		else amount = fee.value;
	}
	if (Object.keys(fields).length) throw invalid(fields);
	return writeTx(db, async (tx) => {
		const last = await tx
			.selectFrom('vote_option')
			.select((eb) => eb.fn.max('position').as('position'))
			.where('vote_id', '=', vote.id)
			.executeTakeFirst();
		const position = Number(last?.position ?? 0) + 1;
		if (position > OPTIONS_MAX) throw new DomainError('conflict', 'error_vote_too_many_options');
		const option = await tx
			.insertInto('vote_option')
			.values({
				vote_id: vote.id,
				position,
				label,
				description,
				amount,
				details: JSON.stringify(proposal ? { proposal } : {})
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await auditVote(tx, ctx, 'vote.changed', vote, { option_added: label }, now);
		return option;
	});
}

export async function removeVoteOption(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	optionId: number
): Promise<void> {
	const vote = await preparingVote(db, ctx, voteId);
	if (vote.kind === 'budget') throw new DomainError('conflict', 'error_vote_budget_options');
	if (!isRowId(optionId)) throw new DomainError('not_found', 'error_vote_option_not_found');
	await writeTx(db, async (tx) => {
		const option = await tx
			.deleteFrom('vote_option')
			.where('vote_id', '=', vote.id)
			.where('id', '=', optionId)
			.returning('label')
			.executeTakeFirst();
		if (!option) throw new DomainError('not_found', 'error_vote_option_not_found');
		await auditVote(tx, ctx, 'vote.changed', vote, { option_removed: option.label });
	});
}

export async function listVoteOptions(db: Db, voteId: number): Promise<VoteOption[]> {
	return db
		.selectFrom('vote_option')
		.selectAll()
		.where('vote_id', '=', voteId)
		.orderBy('position')
		.execute();
}

/**
 * Puts a pending or declined amendment of the voted rule to the assembly as an alternative: the
 * ballot then offers the wording in force (added first, once) against each amendment chosen.
 * Leaders only, while the vote is prepared.
 */
export async function addAmendmentAlternative(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	amendmentId: number
): Promise<void> {
	const vote = await preparingVote(db, ctx, voteId);
	const amendment = Number.isSafeInteger(amendmentId)
		? await getAmendment(db, ctx, amendmentId)
		: undefined;
	if (
		vote.kind !== 'motion' ||
		!amendment ||
		amendment.draftId !== vote.draft_id ||
		amendment.status === 'accepted'
	)
		throw new DomainError('not_found', 'error_vote_amendment_not_found');
	await writeTx(db, async (tx) => {
		const options = await listVoteOptions(tx, vote.id);
		const key = `amendment:${amendment.id}`;
		if (options.some((o) => (JSON.parse(o.details) as { source?: string }).source === key))
			throw new DomainError('conflict', 'error_vote_amendment_added');
		const rows = [];
		// The page names these options in the reader's language from `details.source`.
		if (options.length === 0)
			rows.push({
				label: amendment.passage.slice(0, LABEL_MAX),
				description: amendment.passage,
				details: JSON.stringify({ source: 'original' })
			});
		rows.push({
			label: amendment.authorName.slice(0, LABEL_MAX),
			description: amendment.proposal,
			details: JSON.stringify({ source: key, reason: amendment.reason })
		});
		let position = options.length;
		for (const row of rows) {
			position += 1;
			await tx
				.insertInto('vote_option')
				.values({ vote_id: vote.id, position, amount: null, ...row })
				.execute();
		}
		await auditVote(tx, ctx, 'vote.changed', vote, { amendment_added: amendment.id });
	});
}
