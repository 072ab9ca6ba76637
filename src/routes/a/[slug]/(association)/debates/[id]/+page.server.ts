import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import { addPost, findDebate, openDebate } from '$lib/server/deliberation';
import { associationContext, guard, parseId } from '$lib/server/http';
import { debateAction, debateActions } from '../debate-actions.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	event.depends('minka:debate');
	const target = await findDebate(getDb(), ctx, parseId(event.params.id));
	if (!target) error(404, m.error_debate_not_found());
	// A draft's debate lives beside the draft's text.
	if (target.draft) redirect(303, `/a/${ctx.association.slug}/drafts/${target.draft.id}`);
	return { debate: await openDebate(getDb(), ctx, target) };
};

export const actions: Actions = {
	...debateActions,
	post: debateAction((db, ctx, v, event) =>
		addPost(db, ctx, parseId(event.params.id), { stance: v.stance, body: v.body })
	)
};
