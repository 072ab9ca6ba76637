import { getDb } from '$lib/server/app';
import { associationContext, guard } from '$lib/server/http';
import { exportWordings } from '$lib/server/wording';
import type { RequestHandler } from './$types';

/** The association's accepted wordings, to improve the shared catalogues (messages/*.json). */
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const data = await exportWordings(getDb(), ctx);
	return new Response(JSON.stringify(data, null, 1), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${ctx.association.slug}-wording.json"`,
			'cache-control': 'no-store'
		}
	});
};
