import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { collabStats } from '$lib/server/collab';
import { databaseStatus } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const database = await databaseStatus(getDb());
	return json(
		// `live`: this instance's open documents and sockets (behind a balancer, per instance).
		{ status: database === 'ok' ? 'ok' : 'degraded', database, live: collabStats() ?? null },
		{ status: database === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
