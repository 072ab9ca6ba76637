import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { debateActivity, refreshDebate } from '$lib/server/deliberation';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import type { RequestHandler } from './$types';

// What a live debate page polls: the newest post id; with `view`, the debate itself, marked
// against `seen` (what the reader had seen when they opened the page), recording no visit.
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const debate = event.url.searchParams.get('debate');
	const draft = event.url.searchParams.get('draft');
	if (!debate && !draft) error(400);
	const target = debate ? { debateId: parseId(debate) } : { draftId: parseId(draft ?? undefined) };
	try {
		if (event.url.searchParams.has('view')) {
			const seen = Number(event.url.searchParams.get('seen') ?? 0);
			const view = await refreshDebate(getDb(), ctx, target, seen);
			return json({ view }, { headers: { 'cache-control': 'no-store' } });
		}
		const activity = await debateActivity(getDb(), ctx, target);
		return json(activity, { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		throwPageError(err);
	}
};
