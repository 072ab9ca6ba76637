import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { attachPhoto, getActa, PHOTO_MAX_BYTES } from '$lib/server/assemblies';
import { associationContext, failFrom, guard, parseId, throwPageError } from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const paper = event.url.searchParams.get('paper');
	try {
		return {
			acta: await getActa(getDb(), ctx, parseId(event.params.id)),
			paper: isPaper(paper) ? paper : 'carta',
			manage: can(ctx.actor, 'assembly.manage'),
			maxMb: PHOTO_MAX_BYTES / 1024 / 1024,
			done: event.url.searchParams.get('done') === 'photo' ? m.acta_photo_done() : null
		};
	} catch (err) {
		throwPageError(err);
	}
};

export const actions: Actions = {
	photo: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'assembly.manage');
		const id = parseId(event.params.id);
		let bytes: Uint8Array | undefined;
		try {
			const file = (await event.request.formData()).get('photo');
			bytes =
				file instanceof File && file.size > 0
					? new Uint8Array(await file.arrayBuffer())
					: undefined;
		} catch (err) {
			// The server stops reading past BODY_SIZE_LIMIT and fails the stream with a 413.
			if ((err as { status?: number }).status === 413) error(413, m.error_body_too_large());
			error(400, m.error_bad_request());
		}
		try {
			await attachPhoto(getDb(), ctx, id, bytes);
		} catch (err) {
			return failFrom(err);
		}
		redirect(303, `${event.url.pathname}?done=photo#photo-heading`);
	}
};
