import { getDb } from '$lib/server/app';
import { readPeriod, reportHash, treasurerReport } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	try {
		const report = await treasurerReport(getDb(), ctx, readPeriod(event.url.searchParams));
		return { report, hash: reportHash(report) };
	} catch (err) {
		throwPageError(err);
	}
};
