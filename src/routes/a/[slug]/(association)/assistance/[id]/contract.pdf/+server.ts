import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { getContractPage, renderContractPdf } from '$lib/server/assistance';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.read');
	const paper = event.url.searchParams.get('paper');
	let page;
	try {
		page = await getContractPage(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err, event);
	}
	if (!page) error(404, m.error_not_found());
	const pdf = await renderContractPdf({
		association: ctx.association,
		page,
		paper: isPaper(paper) ? paper : 'carta'
	});
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="contrato-${ctx.association.slug}-${page.contract.id}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
