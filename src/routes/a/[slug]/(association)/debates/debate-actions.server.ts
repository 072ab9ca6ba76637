// The form actions every page showing a debate shares: the debate's own page and a draft's page.
// Each one: guard → read the form → one domain function → back to the post it touched (303), or
// the form again with the message and what was typed.
import { type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import type { AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import {
	acceptAmendment,
	addPost,
	declineAmendment,
	editPost,
	hidePost,
	supportPost,
	withdrawSupport
} from '$lib/server/deliberation';
import { parseId, formAction } from '$lib/server/http';

type Act = (
	db: Db,
	ctx: AssociationContext,
	values: Record<string, string>,
	event: RequestEvent
) => Promise<number>;

/** An action that runs `act` and returns to the post it names. */
export function debateAction(act: Act) {
	return (event: RequestEvent) =>
		formAction(event, 'association.view_private', async (ctx, values) => ({
			to: `${event.url.pathname}#post-${await act(getDb(), ctx, values, event)}`
		}));
}

const onPost = (
	fn: (db: Db, ctx: AssociationContext, id: number, v: Record<string, string>) => Promise<void>
) =>
	debateAction(async (db, ctx, values) => {
		const id = parseId(values.post);
		await fn(db, ctx, id, values);
		return id;
	});

export const debateActions = {
	reply: debateAction((db, ctx, v) =>
		addPost(db, ctx, parseId(v.debate), { stance: v.stance, body: v.body, parent: v.parent })
	),
	support: onPost((db, ctx, id) => supportPost(db, ctx, id)),
	unsupport: onPost((db, ctx, id) => withdrawSupport(db, ctx, id)),
	edit: onPost((db, ctx, id, v) => editPost(db, ctx, id, { body: v.body, stance: v.stance })),
	hide: onPost((db, ctx, id, v) => hidePost(db, ctx, id, { reason: v.reason })),
	accept: onPost((db, ctx, id) => acceptAmendment(db, ctx, id)),
	decline: onPost((db, ctx, id, v) => declineAmendment(db, ctx, id, { reason: v.reason }))
};
