import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { listFrozenVersions } from '$lib/server/drafts';
import { associationContext, failFrom, guard, readForm } from '$lib/server/http';
import { createVote } from '$lib/server/voting';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'vote.manage');
	return {
		versions: await listFrozenVersions(getDb(), ctx),
		// ?version=3:2 preselects a frozen version (the link from a version's page).
		preselected: event.url.searchParams.get('version') ?? ''
	};
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'vote.manage');
		const values = await readForm(event.request);
		let id: number;
		try {
			id = (await createVote(getDb(), ctx, values)).id;
		} catch (err) {
			return failFrom(err, values);
		}
		redirect(303, `/a/${ctx.association.slug}/votes/${id}`);
	}
};
