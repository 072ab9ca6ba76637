import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { getPhoto } from '$lib/server/assemblies';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

// The photo of the signed acta, for members; its type was checked from its bytes at upload.
export const GET: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	let photo: Awaited<ReturnType<typeof getPhoto>>;
	try {
		photo = await getPhoto(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err);
	}
	if (!photo) error(404, m.error_not_found());
	return new Response(new Uint8Array(photo.data), {
		headers: {
			'content-type': photo.mime,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, max-age=3600',
			etag: `"${photo.sha256}"`
		}
	});
};
