import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { getFile } from '$lib/server/assistance';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

// A signed contract or a visit's photo, for the association's members; its type was checked
// from its bytes when it was stored.
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.view');
	let file: Awaited<ReturnType<typeof getFile>>;
	try {
		file = await getFile(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err);
	}
	if (!file) error(404, m.error_not_found());
	return new Response(new Uint8Array(file.data), {
		headers: {
			'content-type': file.mime,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
			'cache-control': 'private, max-age=3600',
			etag: `"${file.sha256}"`
		}
	});
};
