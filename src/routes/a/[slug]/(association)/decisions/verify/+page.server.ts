import { associationContext, guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// The check itself runs in the browser, on the export, trusting nothing this server says; the page
// only needs to know it may be shown (the same people who may read the register).
export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	return {};
};
