import { getDb } from '$lib/server/app';
import { listFrozenVersions } from '$lib/server/drafts';
import { associationContext, formAction, guard } from '$lib/server/http';
import { createVote, readVoteForm } from '$lib/server/voting';
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
	create: (event) =>
		formAction(event, 'vote.manage', async (ctx, values) => {
			const { id } = await createVote(getDb(), ctx, readVoteForm(values));
			return { to: `/a/${ctx.association.slug}/votes/${id}` };
		})
};
