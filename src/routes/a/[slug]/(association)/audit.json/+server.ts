import { getDb } from '$lib/server/app';
import { exportAudit } from '$lib/server/associations';
import { associationContext, guard } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'audit.view');
	const data = await exportAudit(getDb(), ctx);
	return new Response(JSON.stringify(data, null, 1), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${ctx.association.slug}-audit.json"`,
			'cache-control': 'no-store'
		}
	});
};
