import { getDb } from '$lib/server/app';
import { getMoneyPage, renderMoneySummaryPdf } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	const paper = event.url.searchParams.get('paper');
	try {
		const pdf = await renderMoneySummaryPdf({
			association: ctx.association,
			money: await getMoneyPage(getDb(), ctx),
			url: `${event.url.origin}/a/${ctx.association.slug}/money`,
			locale: getLocale(),
			paper: isPaper(paper) ? paper : 'carta'
		});
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="plata-${ctx.association.slug}.pdf"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		throwPageError(err);
	}
};
