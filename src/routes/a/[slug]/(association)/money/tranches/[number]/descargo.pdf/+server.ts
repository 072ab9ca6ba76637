import { getDb } from '$lib/server/app';
import { getTranche, renderDescargoPdf } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { readRowId } from '$lib/fields';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	const paper = event.url.searchParams.get('paper');
	try {
		const { tranche, descargo } = await getTranche(
			getDb(),
			ctx,
			readRowId(event.params.number) || 0
		);
		const pdf = await renderDescargoPdf(
			descargo,
			tranche.hash,
			isPaper(paper) ? paper : 'carta',
			getLocale()
		);
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="descargo-${tranche.number}.pdf"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		throwPageError(err);
	}
};
