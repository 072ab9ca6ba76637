import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { associationContext, guard } from '$lib/server/http';
import { listVotes } from '$lib/server/voting';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const votes = await listVotes(getDb(), ctx);
	const manage = can(ctx.actor, 'vote.manage');
	return {
		open: votes.filter((v) => v.status === 'open'),
		// Votes being prepared are the leaders' work; members see them once scheduled.
		upcoming: votes.filter((v) => v.status === 'preparing' && (manage || v.opens_at !== null)),
		closed: votes.filter((v) => v.status === 'closed' || v.status === 'cancelled'),
		canCreate: manage
	};
};
