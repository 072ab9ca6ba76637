import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { getAssemblyLive } from '$lib/server/assemblies';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import type { RequestHandler } from './$types';

// What the big screen and the secretary's pages poll: the quorum, the current point, results.
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	try {
		const live = await getAssemblyLive(getDb(), ctx, parseId(event.params.id));
		return json(live, { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		throwPageError(err);
	}
};
