// The assembly's approval of a treasurer report by a vote, in the room (a hand count) or online:
// a motion on the report the vigilance committee found conforme, named by its period and hash.
// Its close writes the register entry with the report's SHA-256 and, approved, the approval
// event (closing.ts, through reportOfVote and noteReportApproved in review.ts).
import { formatDay } from '$lib/format';
import { mayApprove } from '$lib/money/review';
import { m } from '$lib/paraglide/messages.js';
import { authorize, type AssociationContext } from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { STORED } from '$lib/server/record';
import { createVote } from '$lib/server/voting/votes';
import { getReportReview } from './review';

export interface ReportVoteInput {
	/** Decided by a hand count in the room, or by ballots online until `closesAt`. */
	inRoom: boolean;
	/** Local date and time as the form sends it ("2026-12-03T18:00"); online votes only. */
	closesAt?: string;
}

export function readReportVoteForm(form: Record<string, string>): ReportVoteInput {
	return { inRoom: form.in_room === 'on', closesAt: form.closes_at };
}

/** Prepares the vote on a conforme report (a leader): open it from the vote page. */
export async function proposeReportVote(
	db: Db,
	ctx: AssociationContext,
	reportId: number,
	input: ReportVoteInput,
	now = Date.now()
): Promise<{ voteId: number }> {
	authorize(ctx.actor, 'vote.manage');
	return writeTx(db, async (tx) => {
		const review = await getReportReview(tx, ctx, reportId);
		if (review.pendingVote !== null)
			throw new DomainError('conflict', {
				key: 'error_money_review_vote_pending',
				params: { id: review.pendingVote }
			});
		if (!mayApprove(review.state)) throw new DomainError('conflict', 'error_money_review_step');
		const from = formatDay(review.period.from, STORED.locale);
		const to = formatDay(review.period.to, STORED.locale);
		const vote = await createVote(
			tx,
			ctx,
			{
				title: m.money_review_vote_title({ from, to }, STORED),
				description: m.money_review_vote_description(
					{
						from,
						to,
						hash: review.hash,
						observations: review.state.observations
					},
					STORED
				),
				inRoom: input.inRoom,
				closesAt: input.inRoom ? undefined : input.closesAt
			},
			null,
			now
		);
		await tx
			.insertInto('money_report_vote')
			.values({
				association_id: ctx.association.id,
				report_id: review.id,
				vote_id: vote.id,
				created_at: now
			})
			.execute();
		return { voteId: Number(vote.id) };
	});
}
