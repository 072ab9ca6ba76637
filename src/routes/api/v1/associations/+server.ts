import { getDb } from '$lib/server/app';
import { listPublicRegisters } from '$lib/server/record';
import { answer } from '../api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	answer(async () => ({
		body: { associations: await listPublicRegisters(getDb()) },
		isPublic: true
	}));
