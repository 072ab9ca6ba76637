import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { attachPhoto, getActa, PHOTO_MAX_BYTES } from '$lib/server/assemblies';
import {
	associationContext,
	attempt,
	guard,
	parseId,
	readMultipart,
	throwPageError
} from '$lib/server/http';
import { isPaper } from '$lib/server/pdf';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	// Members read every acta; with a public register anyone reads a closed assembly's (getActa).
	guard(event, ctx, 'association.view');
	const paper = event.url.searchParams.get('paper');
	try {
		return {
			acta: await getActa(getDb(), ctx, parseId(event.params.id)),
			paper: isPaper(paper) ? paper : 'carta',
			manage: can(ctx.actor, 'assembly.manage'),
			member: can(ctx.actor, 'association.view_private'),
			maxMb: PHOTO_MAX_BYTES / 1024 / 1024,
			done: event.url.searchParams.get('done') === 'photo' ? m.acta_photo_done() : null
		};
	} catch (err) {
		throwPageError(err, event);
	}
};

export const actions: Actions = {
	photo: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'assembly.manage');
		const id = parseId(event.params.id);
		const { bytes } = await readMultipart(event.request, 'photo');
		return attempt({}, async () => {
			await attachPhoto(getDb(), ctx, id, bytes);
			return { to: `${event.url.pathname}?done=photo#photo-heading` };
		});
	}
};
