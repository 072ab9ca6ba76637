import { getDb } from '$lib/server/app';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { getPaperBallots, renderPaperBallotsPdf } from '$lib/server/voting';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'vote.manage');
	const paper = event.url.searchParams.get('paper');
	try {
		const ballots = await getPaperBallots(getDb(), ctx, parseId(event.params.id));
		const pdf = await renderPaperBallotsPdf(ballots, isPaper(paper) ? paper : 'carta');
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="papeletas-${ballots.vote.id}.pdf"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (err) {
		throwPageError(err, event);
	}
};
