import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { createDebate, listDebates } from '$lib/server/deliberation';
import { associationContext, formAction, guard } from '$lib/server/http';
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
	create: (event) =>
		formAction(event, 'debate.post', async (ctx, values) => {
			const { id } = await createDebate(getDb(), ctx, values);
			return { to: `/a/${ctx.association.slug}/debates/${id}` };
		})
};
