import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { debateActivity } from '$lib/server/deliberation';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import type { RequestHandler } from './$types';

// What a live debate page polls: the newest post id, nothing else.
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const debate = event.url.searchParams.get('debate');
	const draft = event.url.searchParams.get('draft');
	if (!debate && !draft) error(400);
	try {
		const activity = await debateActivity(
			getDb(),
			ctx,
			debate ? { debateId: parseId(debate) } : { draftId: parseId(draft ?? undefined) }
		);
		return json(activity, { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		throwPageError(err);
	}
};
