import { getDb } from '$lib/server/app';
import { listReports } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	try {
		return { reports: await listReports(getDb(), ctx) };
	} catch (err) {
		throwPageError(err);
	}
};
