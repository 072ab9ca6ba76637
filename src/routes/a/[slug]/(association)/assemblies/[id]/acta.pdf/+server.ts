import { getDb } from '$lib/server/app';
import { getActa, renderActaPdf } from '$lib/server/assemblies';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	const paper = event.url.searchParams.get('paper');
	try {
		const acta = await getActa(getDb(), ctx, parseId(event.params.id));
		const pdf = await renderActaPdf(acta, isPaper(paper) ? paper : 'carta');
		const name = `acta-${acta.number?.replace('/', '-') ?? `borrador-${acta.assembly.id}`}.pdf`;
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${name}"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		throwPageError(err, event);
	}
};
