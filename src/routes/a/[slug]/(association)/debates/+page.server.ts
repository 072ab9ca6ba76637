import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { createDebate, listDebates } from '$lib/server/deliberation';
import { associationContext, failFrom, guard, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	return {
		debates: await listDebates(getDb(), ctx),
		canPost: can(ctx.actor, 'debate.post')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'debate.post');
		const values = await readForm(event.request);
		let id: number;
		try {
			id = (await createDebate(getDb(), ctx, values)).id;
		} catch (err) {
			return failFrom(err, values);
		}
		redirect(303, `/a/${ctx.association.slug}/debates/${id}`);
	}
};
