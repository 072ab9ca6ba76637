import { getDb } from '$lib/server/app';
import { readPeriod, renderReportPdf, treasurerReport } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	const paper = event.url.searchParams.get('paper');
	try {
		const period = readPeriod(event.url.searchParams);
		const report = await treasurerReport(getDb(), ctx, period);
		const pdf = await renderReportPdf(report, isPaper(paper) ? paper : 'carta');
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="informe-${period.from}-${period.to}.pdf"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		throwPageError(err);
	}
};
