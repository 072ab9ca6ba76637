import { getDb } from '$lib/server/app';
import { own } from '$lib/own';
import {
	actAndReturn,
	assertConfirmed,
	associationContext,
	formAction,
	guard,
	parseId,
	throwPageError
} from '$lib/server/http';
import {
	addVoteOption,
	cancelVote,
	castBallot,
	readBallotForm,
	readCastFor,
	readCriterionForm,
	readHandCountForm,
	readProxyForm,
	readScoresForm,
	readVoteForm,
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
import { isReceipt, normalizeReceipt } from '$lib/voting/receipt';
import { voiceFor } from '$lib/server/voice';
import { listAmendmentsForVote } from '$lib/server/deliberation';
import { readRowId } from '$lib/fields';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { leaveCastNotice, takeCastNotice, type CastKind } from './cast-notice';

// Ballots are plain forms: no JavaScript is shipped to this page at all (a phone on a bad connection
// votes as fast as the HTML arrives); a tiny static script adds the budget ballot's running total.
export const csr = false;

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	// Members see every vote; with a public register anyone sees a closed one (getVote says so).
	guard(event, ctx, 'association.view');
	const id = parseId(event.params.id);
	const db = getDb();
	try {
		const page = await getVotePage(db, ctx, id);
		return {
			...page,
			roomMembers: page.room ? await listRoomMembers(db, ctx) : [],
			...(await voiceFor(db, ctx, [
				{ kind: 'vote', ref: String(id) },
				...page.options.map((o) => ({ kind: 'vote_option' as const, ref: String(o.id) }))
			])),
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
			receiptQuery: normalizeReceipt(event.url.searchParams.get('receipt') ?? ''),
			myReceipt: savedReceipt(event, id),
			now: Date.now(),
			done: doneMessage(event.url.searchParams),
			cast: castNotice(takeCastNotice(event.cookies, event.url))
		};
	} catch (err) {
		throwPageError(err, event);
	}
};

// A secret ballot's receipt links to what was voted, so it is never kept next to the member on
// the server: it stays on the voter's own device, in a cookie sent only to this vote's page.
const receiptCookie = (voteId: number) => `minka_receipt_${voteId}`;

function saveReceipt(event: RequestEvent, voteId: number, receipt: string) {
	event.cookies.set(receiptCookie(voteId), receipt, {
		path: event.url.pathname,
		httpOnly: true,
		sameSite: 'strict',
		maxAge: 60 * 60 * 24 * 400
	});
}

function savedReceipt(event: { cookies: RequestEvent['cookies'] }, voteId: number): string | null {
	const saved = event.cookies.get(receiptCookie(voteId)) ?? '';
	return isReceipt(saved) ? saved : null;
}

const CAST_MESSAGE: Record<CastKind, () => string> = {
	cast: () => m.ballot_cast(),
	changed: () => m.ballot_changed(),
	proxy: () => m.ballot_cast_proxy(),
	assisted: () => m.ballot_cast_assisted()
};

function castNotice(notice: ReturnType<typeof takeCastNotice>) {
	return notice && { message: CAST_MESSAGE[notice.kind](), receipt: notice.receipt };
}

/**
 * Casts a ballot (one's own, a proxy's or an assisted one) and sends the browser back to the vote's
 * page, which shows the message and the receipt once; a refusal answers in place.
 */
async function cast(event: RequestEvent) {
	return formAction(event, 'association.view_private', async (ctx, values) => {
		const voteId = parseId(event.params.id);
		const done = await castBallot(
			getDb(),
			ctx,
			voteId,
			readBallotForm(values),
			readCastFor(values)
		);
		const kind: CastKind = done.changed
			? 'changed'
			: done.channel === 'proxy'
				? 'proxy'
				: done.channel === 'assisted'
					? 'assisted'
					: 'cast';
		const receipt = done.receipt ?? null;
		// Only the voter's own ballot: a proxy's or an assisted receipt belongs to someone else.
		if (receipt && done.channel === 'online') saveReceipt(event, voteId, receipt);
		const page = `/a/${ctx.association.slug}/votes/${voteId}`;
		leaveCastNotice(event.cookies, event.url, page, { kind, receipt });
		return { to: page };
	});
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
	const say = own(DONE, params.get('done'));
	return say ? say(Number(params.get('n') ?? 0) || 0) : null;
}

export const actions: Actions = {
	cast,
	update: (event) =>
		manage(event, async (ctx, values, id) => {
			await updateVote(getDb(), ctx, id, readVoteForm(values));
			return 'saved';
		}),
	add_option: (event) =>
		manage(event, async (ctx, values, id) => {
			await addVoteOption(getDb(), ctx, id, values);
			return 'option_added';
		}),
	remove_option: (event) =>
		manage(event, async (ctx, values, id) => {
			await removeVoteOption(getDb(), ctx, id, readRowId(values.option));
			return 'option_removed';
		}),
	open: (event) =>
		manage(event, async (ctx, _values, id) => {
			await openVote(getDb(), ctx, id);
			return 'opened';
		}),
	close: (event) =>
		manage(event, async (ctx, values, id) => {
			assertConfirmed(values);
			await closeVote(getDb(), ctx, id);
			return 'closed';
		}),
	cancel: (event) =>
		manage(event, async (ctx, values, id) => {
			assertConfirmed(values);
			await cancelVote(getDb(), ctx, id);
			return 'cancelled';
		}),
	proxy: (event) =>
		manage(event, async (ctx, values, id) => {
			await recordProxy(getDb(), ctx, id, readProxyForm(values));
			return 'proxy';
		}),
	hand_count: (event) =>
		manage(event, async (ctx, values, id) => {
			await enterHandCount(getDb(), ctx, id, readHandCountForm(values));
			return 'hand_count';
		}),
	add_amendment: (event) =>
		manage(event, async (ctx, values, id) => {
			await addAmendmentAlternative(getDb(), ctx, id, readRowId(values.amendment));
			return 'amendment';
		}),
	add_criterion: (event) =>
		manage(event, async (ctx, values, id) => {
			await addCriterion(getDb(), ctx, id, readCriterionForm(values));
			return 'criterion';
		}),
	confirm_hand_count: (event) =>
		manage(event, async (ctx, _values, id) => {
			await confirmHandCount(getDb(), ctx, id);
			return 'confirmed';
		}),
	scores: (event) =>
		manage(event, async (ctx, values, id) => {
			const n = await saveScores(getDb(), ctx, id, readScoresForm(values));
			return `scores&n=${n}`;
		})
};
