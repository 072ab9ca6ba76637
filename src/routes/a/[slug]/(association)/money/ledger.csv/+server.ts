import { getDb } from '$lib/server/app';
import { ledgerCsv } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	let csv: string;
	try {
		csv = await ledgerCsv(getDb(), ctx);
	} catch (err) {
		throwPageError(err);
	}
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${ctx.association.slug}-ledger.csv"`,
			'cache-control': 'no-store'
		}
	});
};
