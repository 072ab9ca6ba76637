import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

// Anything else under /api/v1 is a JSON 404, not the site's HTML error page.
export const fallback: RequestHandler = () =>
	json(
		{ error: 'not_found', message: m.api_error_not_found() },
		{ status: 404, headers: { 'access-control-allow-origin': '*' } }
	);
