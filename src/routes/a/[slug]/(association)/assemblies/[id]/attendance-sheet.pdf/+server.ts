import { getDb } from '$lib/server/app';
import { getAttendanceSheet, renderAttendanceSheetPdf } from '$lib/server/assemblies';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assembly.manage');
	const paper = event.url.searchParams.get('paper');
	try {
		const sheet = await getAttendanceSheet(getDb(), ctx, parseId(event.params.id));
		const pdf = await renderAttendanceSheetPdf(
			sheet,
			isPaper(paper) ? paper : 'carta',
			getLocale()
		);
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="asistencia-${sheet.assembly.id}.pdf"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		throwPageError(err, event);
	}
};
