import { getDb } from '$lib/server/app';
import {
	actAndReturn,
	associationContext,
	failFrom,
	guard,
	parseId,
	readForm,
	succeed,
	throwPageError
} from '$lib/server/http';
import {
	addVoteOption,
	cancelVote,
	castBallot,
	closeVote,
	confirmHandCount,
	enterHandCount,
	addAmendmentAlternative,
	addCriterion,
	getScoreBoard,
	getVotePage,
	listRoomMembers,
	openVote,
	recordProxy,
	removeVoteOption,
	saveScores,
	updateVote,
	voteRuleChange
} from '$lib/server/voting';
import type { AssociationContext } from '$lib/server/associations';
import { listAmendmentsForVote } from '$lib/server/deliberation';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Ballots are plain forms: no JavaScript is shipped to this page at all (a phone on a bad connection
// votes as fast as the HTML arrives); a tiny static script adds the budget ballot's running total.
export const csr = false;

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const id = parseId(event.params.id);
	const db = getDb();
	try {
		const page = await getVotePage(db, ctx, id);
		return {
			...page,
			roomMembers: page.room ? await listRoomMembers(db, ctx) : [],
			ruleChange: (await voteRuleChange(db, id)) ?? null,
			scores: page.vote.kind === 'election' ? await getScoreBoard(db, ctx, id) : undefined,
			amendments:
				page.manage &&
				page.vote.status === 'preparing' &&
				page.vote.kind === 'motion' &&
				page.vote.draft_id !== null
					? (await listAmendmentsForVote(db, ctx, page.vote.draft_id)).map((a) => ({
							id: a.id,
							author: a.authorName,
							passage: a.passage,
							proposal: a.proposal,
							status: a.status
						}))
					: [],
			receiptQuery: event.url.searchParams.get('receipt')?.trim().toUpperCase() ?? '',
			done: doneMessage(event.url.searchParams)
		};
	} catch (err) {
		throwPageError(err);
	}
};

/** Runs a voter's act (casting) and answers in place: the page shows the receipt only then. */
async function act(
	event: RequestEvent,
	run: (
		ctx: AssociationContext,
		values: Record<string, string>,
		voteId: number
	) => Promise<{ message: string; receipt?: string | null }>
) {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const voteId = parseId(event.params.id);
	const values = await readForm(event.request);
	try {
		const { message, receipt } = await run(ctx, values, voteId);
		return { ...succeed(values, message), receipt: receipt ?? null };
	} catch (err) {
		return failFrom(err, values);
	}
}

/** A leader's act on the vote (the domain functions check who may): see actAndReturn. */
const manage = (
	event: RequestEvent,
	run: (ctx: AssociationContext, values: Record<string, string>, voteId: number) => Promise<string>
) => actAndReturn(event, 'association.view_private', run);

const DONE: Record<string, (n: number) => string> = {
	saved: () => m.vote_saved(),
	option_added: () => m.vote_option_added(),
	option_removed: () => m.vote_option_removed(),
	opened: () => m.vote_opened(),
	closed: () => m.vote_closed_now(),
	cancelled: () => m.vote_cancelled(),
	proxy: () => m.vote_proxy_recorded(),
	hand_count: () => m.hand_count_entered(),
	confirmed: () => m.hand_count_confirmed(),
	amendment: () => m.vote_amendment_added(),
	criterion: () => m.criterion_added(),
	scores: (n) => m.scores_saved({ n })
};

/** The message for `?done=` after a leader's act; nothing for an unknown code. */
function doneMessage(params: URLSearchParams): string | null {
	const say = DONE[params.get('done') ?? ''];
	return say ? say(Number(params.get('n') ?? 0) || 0) : null;
}

export const actions: Actions = {
	cast: (event) =>
		act(event, async (ctx, values, id) => {
			const cast = await castBallot(getDb(), ctx, id, values);
			const message = cast.changed
				? m.ballot_changed()
				: cast.channel === 'proxy'
					? m.ballot_cast_proxy()
					: cast.channel === 'assisted'
						? m.ballot_cast_assisted()
						: m.ballot_cast();
			return { message, receipt: cast.receipt };
		}),
	update: (event) =>
		manage(event, async (ctx, values, id) => {
			await updateVote(getDb(), ctx, id, values);
			return 'saved';
		}),
	add_option: (event) =>
		manage(event, async (ctx, values, id) => {
			await addVoteOption(getDb(), ctx, id, values);
			return 'option_added';
		}),
	remove_option: (event) =>
		manage(event, async (ctx, values, id) => {
			await removeVoteOption(getDb(), ctx, id, Number(values.option));
			return 'option_removed';
		}),
	open: (event) =>
		manage(event, async (ctx, _values, id) => {
			await openVote(getDb(), ctx, id);
			return 'opened';
		}),
	close: (event) =>
		manage(event, async (ctx, _values, id) => {
			await closeVote(getDb(), ctx, id);
			return 'closed';
		}),
	cancel: (event) =>
		manage(event, async (ctx, _values, id) => {
			await cancelVote(getDb(), ctx, id);
			return 'cancelled';
		}),
	proxy: (event) =>
		manage(event, async (ctx, values, id) => {
			await recordProxy(getDb(), ctx, id, values);
			return 'proxy';
		}),
	hand_count: (event) =>
		manage(event, async (ctx, values, id) => {
			await enterHandCount(getDb(), ctx, id, values);
			return 'hand_count';
		}),
	add_amendment: (event) =>
		manage(event, async (ctx, values, id) => {
			await addAmendmentAlternative(getDb(), ctx, id, Number(values.amendment));
			return 'amendment';
		}),
	add_criterion: (event) =>
		manage(event, async (ctx, values, id) => {
			await addCriterion(getDb(), ctx, id, values);
			return 'criterion';
		}),
	confirm_hand_count: (event) =>
		manage(event, async (ctx, _values, id) => {
			await confirmHandCount(getDb(), ctx, id);
			return 'confirmed';
		}),
	scores: (event) =>
		manage(event, async (ctx, values, id) => {
			const n = await saveScores(getDb(), ctx, id, values);
			return `scores&n=${n}`;
		})
};
