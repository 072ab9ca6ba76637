import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import { listDecisions, readArchiveFilters } from '$lib/server/record';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	try {
		const filters = readArchiveFilters(event.url.searchParams);
		return {
			filters,
			archive: await listDecisions(getDb(), ctx, filters),
			canRecord: can(ctx.actor, 'register.record')
		};
	} catch (err) {
		throwPageError(err);
	}
};
