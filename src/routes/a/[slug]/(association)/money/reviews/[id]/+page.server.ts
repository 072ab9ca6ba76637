import { getDb } from '$lib/server/app';
import {
	answerObservation,
	approveReport,
	conformReport,
	getReportReview,
	observeReport,
	proposeReportVote,
	readReportVoteForm
} from '$lib/server/money';
import {
	actAndReturn,
	assertConfirmed,
	associationContext,
	formAction,
	guard,
	parseId,
	throwPageError
} from '$lib/server/http';
import { readRowId } from '$lib/fields';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const DONE: Record<string, () => string> = {
	submitted: m.money_review_done_submitted,
	observed: m.money_review_done_observed,
	answered: m.money_review_done_answered,
	conforme: m.money_review_done_conforme
};

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	try {
		const review = await getReportReview(getDb(), ctx, parseId(event.params.id));
		return { review, done: DONE[event.url.searchParams.get('done') ?? '']?.() ?? null };
	} catch (err) {
		throwPageError(err, event);
	}
};

export const actions: Actions = {
	observe: (event) =>
		actAndReturn(event, 'money.review', async (ctx, values, id) => {
			await observeReport(getDb(), ctx, id, { body: values.body });
			return 'observed';
		}),
	answer: (event) =>
		formAction(
			event,
			'money.record',
			async (ctx, values) => {
				await answerObservation(getDb(), ctx, parseId(event.params.id), {
					observationId: readRowId(values.observation),
					body: values.body
				});
				return { to: `${event.url.pathname}?done=answered` };
			},
			(values) => `answer-${values.observation ?? ''}`
		),
	conforme: (event) =>
		formAction(
			event,
			'money.review',
			async (ctx, values) => {
				assertConfirmed(values, 'error_money_conforme_confirm');
				await conformReport(getDb(), ctx, parseId(event.params.id), { body: values.note });
				return { to: `${event.url.pathname}?done=conforme` };
			},
			() => 'conforme'
		),
	// The report put to the assembly by a vote, in the room or online: prepared here, opened on
	// the vote page.
	vote: (event) =>
		formAction(
			event,
			'vote.manage',
			async (ctx, values) => {
				const { voteId } = await proposeReportVote(
					getDb(),
					ctx,
					parseId(event.params.id),
					readReportVoteForm(values)
				);
				return { to: `/a/${ctx.association.slug}/votes/${voteId}` };
			},
			() => 'vote'
		),
	approve: (event) =>
		formAction(
			event,
			'register.record',
			async (ctx, values) => {
				assertConfirmed(values, 'error_money_approve_confirm');
				const { seq } = await approveReport(getDb(), ctx, parseId(event.params.id), {
					decidedAt: values.decided_at,
					summary: values.summary
				});
				return { to: `/a/${ctx.association.slug}/decisions/${seq}` };
			},
			() => 'approve'
		)
};
