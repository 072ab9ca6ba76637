import { getDb } from '$lib/server/app';
import { getSignedEntry } from '$lib/server/record';
import { answer, apiContext, apiId, isPublic } from '../../../../api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await apiContext(event);
		const { entry } = await getSignedEntry(getDb(), ctx, apiId(event.params.seq));
		return { body: entry, isPublic: isPublic(ctx) };
	});
