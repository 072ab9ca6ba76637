import { getDb } from '$lib/server/app';
import { ledgerJson } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	let out: Awaited<ReturnType<typeof ledgerJson>>;
	try {
		out = await ledgerJson(getDb(), ctx);
	} catch (err) {
		throwPageError(err);
	}
	return new Response(out.text, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${ctx.association.slug}-ledger.json"`,
			'x-content-sha256': out.sha256,
			'cache-control': 'no-store'
		}
	});
};
