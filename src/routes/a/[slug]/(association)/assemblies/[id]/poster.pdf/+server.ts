import { getDb } from '$lib/server/app';
import { getAssemblyPoster, renderPosterPdf } from '$lib/server/assemblies';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	const paper = event.url.searchParams.get('paper');
	try {
		const id = parseId(event.params.id);
		const poster = await getAssemblyPoster(getDb(), ctx, id);
		const url = `${event.url.origin}/a/${ctx.association.slug}/assemblies/${id}`;
		const pdf = await renderPosterPdf(poster, url, isPaper(paper) ? paper : 'carta', getLocale());
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="convocatoria-${id}.pdf"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		throwPageError(err, event);
	}
};
