import { getDb } from '$lib/server/app';
import { auditCsv, exportAudit } from '$lib/server/associations';
import { associationContext, guard } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'audit.view');
	const csv = auditCsv(await exportAudit(getDb(), ctx));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${ctx.association.slug}-audit.csv"`,
			'cache-control': 'no-store'
		}
	});
};
