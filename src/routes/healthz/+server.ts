import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { databaseStatus } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const database = await databaseStatus(getDb());
	return json(
		{ status: database === 'ok' ? 'ok' : 'degraded', database },
		{ status: database === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
