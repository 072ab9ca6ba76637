// The demo's debates (issue 4): the members argue over the investment plan and the rule draft,
// and over a free-standing question, through the deliberation domain functions as if they had
// typed it. Fictitious people (scripts/demo/data.ts), concerns from domain.md §6.1.
import { loadAssociationContext, type AssociationContext } from '$lib/server/associations';
import {
	addDraftPost,
	addPost,
	createDebate,
	hidePost,
	proposeAmendment,
	supportPost
} from '$lib/server/deliberation';
import { FINE_DEBATE, PLAN_DEBATE, RULE_AMENDMENT, RULE_DEBATE, type DemoPost } from './data';
import type { DemoState } from './state';

async function as(demo: DemoState, username: string): Promise<AssociationContext> {
	const user = demo.users.get(username);
	if (!user) throw new Error(`no demo account ${username}`);
	const ctx = await loadAssociationContext(demo.db, demo.slug, user);
	if (!ctx) throw new Error(`association ${demo.slug} vanished during the seed`);
	return ctx;
}

async function follow(demo: DemoState, debateId: number, postId: number, post: DemoPost) {
	for (const reply of post.replies ?? []) {
		await addPost(demo.db, await as(demo, reply.by), debateId, {
			stance: reply.stance ?? 'neutral',
			body: reply.body,
			parent: postId
		});
	}
	for (const supporter of post.supporters ?? []) {
		await supportPost(demo.db, await as(demo, supporter), postId);
	}
	if (post.hidden) {
		await hidePost(demo.db, await as(demo, post.hidden.by), postId, { reason: post.hidden.reason });
	}
}

async function argueOnDraft(demo: DemoState, draftId: number, posts: DemoPost[]) {
	for (const post of posts) {
		const { debateId, postId } = await addDraftPost(demo.db, await as(demo, post.by), draftId, {
			stance: post.stance,
			body: post.body,
			passage: post.passage
		});
		await follow(demo, debateId, postId, post);
	}
}

/** The seed step: the plan's and the rule's debates, the free-standing one, an amendment. */
export async function seedDebates(demo: DemoState): Promise<void> {
	const [plan, rule] = demo.drafts;
	if (!plan || !rule) throw new Error('the debates need the demo plan and rule drafts first');
	await argueOnDraft(demo, plan.draft.id, PLAN_DEBATE);
	await argueOnDraft(demo, rule.draft.id, RULE_DEBATE);
	const amendment = await proposeAmendment(
		demo.db,
		await as(demo, RULE_AMENDMENT.by),
		rule.draft.id,
		RULE_AMENDMENT
	);
	for (const supporter of RULE_AMENDMENT.supporters) {
		await supportPost(demo.db, await as(demo, supporter), amendment);
	}

	const fine = await createDebate(demo.db, await as(demo, FINE_DEBATE.by), {
		title: FINE_DEBATE.title,
		body: FINE_DEBATE.opening,
		stance: 'neutral'
	});
	for (const post of FINE_DEBATE.posts) {
		const postId = await addPost(demo.db, await as(demo, post.by), fine.id, {
			stance: post.stance,
			body: post.body
		});
		await follow(demo, fine.id, postId, post);
	}
}
