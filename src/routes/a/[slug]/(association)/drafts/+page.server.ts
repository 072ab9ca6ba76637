import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { createDraft, listDrafts } from '$lib/server/drafts';
import { associationContext, formAction, guard } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	return {
		drafts: await listDrafts(getDb(), ctx),
		canCreate: can(ctx.actor, 'draft.edit')
	};
};

export const actions: Actions = {
	create: (event) =>
		formAction(event, 'draft.edit', async (ctx, values) => {
			const { id } = await createDraft(getDb(), ctx, values);
			return { to: `/a/${ctx.association.slug}/drafts/${id}` };
		})
};
