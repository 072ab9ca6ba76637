import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { createDraft, listDrafts } from '$lib/server/drafts';
import { associationContext, failFrom, guard, readForm } from '$lib/server/http';
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
	create: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'draft.edit');
		const values = await readForm(event.request);
		let id: number;
		try {
			id = (await createDraft(getDb(), ctx, values)).id;
		} catch (err) {
			return failFrom(err, values);
		}
		redirect(303, `/a/${ctx.association.slug}/drafts/${id}`);
	}
};
