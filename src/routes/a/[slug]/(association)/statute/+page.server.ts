import { getDb } from '$lib/server/app';
import { getStatute } from '$lib/server/drafts';
import { associationContext, guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	return { texts: await getStatute(getDb(), ctx) };
};
