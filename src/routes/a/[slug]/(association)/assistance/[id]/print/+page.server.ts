import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { getContractPage } from '$lib/server/assistance';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.read');
	let page;
	try {
		page = await getContractPage(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err, event);
	}
	if (!page) error(404, m.error_not_found());
	return { contract: page.contract, deliverables: page.deliverables };
};
