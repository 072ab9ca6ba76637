import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { decisionPdf } from '$lib/server/record';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	const seq = parseId(event.params.seq);
	const paper = event.url.searchParams.get('paper') ?? 'carta';
	if (!isPaper(paper)) error(400, m.error_decision_paper());
	try {
		const pdf = await decisionPdf(getDb(), ctx, seq, paper);
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${ctx.association.slug}-decision-${seq}-${paper}.pdf"`,
				'cache-control': 'no-store'
			}
		});
	} catch (err) {
		throwPageError(err);
	}
};
