import { getDb } from '$lib/server/app';
import { can, countMembers, listBoard } from '$lib/server/associations';
import { associationContext, guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	const db = getDb();
	return {
		board: await listBoard(db, ctx.association.id),
		counts: can(ctx.actor, 'association.view_private')
			? await countMembers(db, ctx.association.id)
			: null
	};
};
