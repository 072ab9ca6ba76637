import { getDb } from '$lib/server/app';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import { registerCsv } from '$lib/server/record';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	let csv: string;
	try {
		csv = await registerCsv(getDb(), ctx);
	} catch (err) {
		throwPageError(err);
	}
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${ctx.association.slug}-decisions.csv"`,
			'cache-control': 'no-store'
		}
	});
};
