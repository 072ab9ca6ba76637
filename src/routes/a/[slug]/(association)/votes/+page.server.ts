import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { associationContext, guard } from '$lib/server/http';
import { CLOSED_VOTES_PAGE, listVotes, OPEN_VOTES_SHOWN } from '$lib/server/voting';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const db = getDb();
	const manage = can(ctx.actor, 'vote.manage');
	// Closed votes a page at a time, older ones after `before` (the last id shown): the page costs
	// the same whatever the association's history.
	const before = Number(event.url.searchParams.get('before'));
	const older = Number.isSafeInteger(before) && before > 0 ? before : undefined;
	const closed = await listVotes(db, ctx, {
		status: ['closed', 'cancelled'],
		before: older,
		limit: CLOSED_VOTES_PAGE + 1
	});
	const more = closed.length > CLOSED_VOTES_PAGE;
	if (more) closed.pop();
	return {
		open: older ? [] : await listVotes(db, ctx, { status: ['open'], limit: OPEN_VOTES_SHOWN }),
		// Votes being prepared are the leaders' work; members see them once scheduled.
		upcoming: older
			? []
			: (await listVotes(db, ctx, { status: ['preparing'], limit: OPEN_VOTES_SHOWN })).filter(
					(v) => manage || v.opens_at !== null
				),
		closed,
		olderThan: more ? closed[closed.length - 1].id : null,
		paged: older !== undefined,
		canCreate: manage
	};
};
