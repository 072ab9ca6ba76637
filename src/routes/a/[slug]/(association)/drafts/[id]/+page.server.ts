import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import {
	addCoAuthor,
	getDraft,
	getDraftDocument,
	listCoAuthorCandidates,
	listEnactments,
	listVersions,
	saveVersion
} from '$lib/server/drafts';
import { addDraftPost, openDraftDebate, proposeAmendment } from '$lib/server/deliberation';
import { associationContext, formAction, guard, parseId } from '$lib/server/http';
import { getRuleSet } from '$lib/server/voting';
import { voiceFor } from '$lib/server/voice';
import { debateAction, debateActions } from '../../debates/debate-actions.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const db = getDb();
	event.depends('minka:debate');
	const view = await getDraft(db, ctx, parseId(event.params.id));
	if (!view) error(404, m.error_draft_not_found());
	const { draft, access, coAuthors } = view;
	const candidates = access === 'edit' ? await listCoAuthorCandidates(db, ctx, view) : [];
	const document = await getDraftDocument(db, ctx, draft.id);
	return {
		// What the server has stored: shown until the live editor loads, and without JavaScript.
		document,
		// Spoken explanations of the proposal and of each budget line.
		...(await voiceFor(db, ctx, [
			{ kind: 'draft', ref: String(draft.id) },
			...document.items.map((line) => ({
				kind: 'draft_line' as const,
				ref: `${draft.id}:${line.id}`
			}))
		])),
		versions: await listVersions(db, ctx, draft.id),
		// A rule's text: the version a decision put in force (the latest), and which decision.
		inForce:
			draft.kind === 'rule' ? ((await listEnactments(db, ctx, draft.id)).at(-1) ?? null) : null,
		draft: {
			id: draft.id,
			kind: draft.kind,
			title: draft.title,
			status: draft.status,
			updated_at: draft.updated_at
		},
		access,
		coAuthors,
		candidates,
		debate: await openDraftDebate(db, ctx, draft, access === 'edit'),
		// The association's own minimum (its rule set), for the budget warnings.
		counterpartMin: (await getRuleSet(db, ctx.association.id)).counterpartMinPercent / 100,
		me: { id: ctx.user!.id, name: ctx.member?.name ?? ctx.user!.display_name }
	};
};

export const actions: Actions = {
	...debateActions,
	post: debateAction(async (db, ctx, v, event) => {
		const { postId } = await addDraftPost(db, ctx, parseId(event.params.id), {
			stance: v.stance,
			body: v.body,
			passage: v.passage
		});
		return postId;
	}),
	amend: debateAction((db, ctx, v, event) =>
		proposeAmendment(db, ctx, parseId(event.params.id), {
			passage: v.passage,
			proposal: v.proposal,
			body: v.body
		})
	),
	version: (event) =>
		formAction(event, 'association.view_private', async (ctx, values) => {
			const version = await saveVersion(getDb(), ctx, parseId(event.params.id), values);
			return m.version_saved({ n: version.number });
		}),
	coauthor: (event) =>
		formAction(event, 'association.view_private', async (ctx, values) => {
			await addCoAuthor(getDb(), ctx, parseId(event.params.id), parseId(values.member));
			return m.draft_coauthor_added();
		})
};
