import { getDb } from '$lib/server/app';
import { getPublicRegister } from '$lib/server/record';
import { answer, apiContext, isPublic } from '../../api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await apiContext(event);
		return { body: await getPublicRegister(getDb(), ctx), isPublic: isPublic(ctx) };
	});
