import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { getSignedEntry } from '$lib/server/record';
import type { RequestHandler } from './$types';

// One signed entry, as decisions.json has it: the browser checks a head it saw before against it.
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	try {
		const { entry } = await getSignedEntry(getDb(), ctx, parseId(event.params.seq));
		return json(entry, { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		throwPageError(err);
	}
};
