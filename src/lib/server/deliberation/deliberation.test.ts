import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { can, listAudit, setMemberStatus, type Actor } from '$lib/server/associations';
import { createUpdateStore } from '$lib/server/collab';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import type { MemberStatus, Role } from '$lib/server/db/schema';
import { createDraft, getDraftDocument, loadDraftState } from '$lib/server/drafts';
import {
	addMember,
	contextOf,
	makeAssociation,
	makeUser,
	rejection,
	type Fixture
} from '$lib/server/testing';
import {
	acceptAmendment,
	addDraftPost,
	addPost,
	createDebate,
	debateActivity,
	debateView,
	declineAmendment,
	editPost,
	findDebate,
	getAmendment,
	hidePost,
	listAmendmentsForVote,
	listDebates,
	markDebateRead,
	openDebate,
	proposeAmendment,
	refreshDebate,
	supportPost,
	withdrawSupport
} from './index';
import { EDIT_WINDOW_MS } from '$lib/deliberation/rules';

describe('the policy for debates', () => {
	const actor = (role: Role, status: MemberStatus = 'active'): Actor => ({
		userId: 'u',
		membership: { memberId: 1, role, status }
	});

	it('leaders, members and facilitators post; observers and outsiders do not', () => {
		expect(can(actor('leader'), 'debate.post')).toBe(true);
		expect(can(actor('member'), 'debate.post')).toBe(true);
		expect(can(actor('facilitator'), 'debate.post')).toBe(true);
		expect(can(actor('observer'), 'debate.post')).toBe(false);
		expect(can(actor('member', 'suspended'), 'debate.post')).toBe(false);
		expect(can({ userId: 'u', membership: null }, 'debate.post')).toBe(false);
	});

	it('members and leaders back arguments; facilitators argue but do not back them', () => {
		expect(can(actor('member'), 'debate.support')).toBe(true);
		expect(can(actor('leader'), 'debate.support')).toBe(true);
		expect(can(actor('facilitator'), 'debate.support')).toBe(false);
		expect(can(actor('observer'), 'debate.support')).toBe(false);
		expect(can(actor('member', 'left'), 'debate.support')).toBe(false);
	});

	it('only active leaders moderate', () => {
		expect(can(actor('leader'), 'debate.moderate')).toBe(true);
		expect(can(actor('leader', 'suspended'), 'debate.moderate')).toBe(false);
		for (const role of ['member', 'facilitator', 'observer'] as const) {
			expect(can(actor(role), 'debate.moderate')).toBe(false);
		}
	});
});

/** Writes paragraphs into a draft's stored document as an editor would. */
async function writeBody(t: TestDb, draftId: number, paragraphs: string[]) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await loadDraftState(t.db, draftId));
	const before = Y.encodeStateVector(doc);
	const body = doc.getXmlFragment('body');
	body.insert(
		body.length,
		paragraphs.map((p) => {
			const el = new Y.XmlElement('paragraph');
			el.insert(0, [new Y.XmlText(p)]);
			return el;
		})
	);
	await createUpdateStore(t.db).append(draftId, Y.encodeStateAsUpdate(doc, before));
}

async function draftText(t: TestDb, ctx: Fixture['leaderCtx'], draftId: number) {
	const projection = await getDraftDocument(t.db, ctx, draftId);
	return projection.body.map((b) => ('text' in b ? b.text : '')).join('\n');
}

describe('debates', () => {
	let t: TestDb;
	let fx: Fixture;
	beforeEach(async () => {
		t = await createTestDb();
		fx = await makeAssociation(t.db);
	});
	afterEach(() => t.close());

	async function debate(title = '¿Subimos la multa por inasistencia a la asamblea?') {
		return createDebate(t.db, fx.leaderCtx, { title, body: 'Hoy es Bs 30.', stance: 'neutral' });
	}

	it('members, leaders and facilitators post; observers read only; outsiders see nothing', async () => {
		const d = await debate();
		const member = await addMember(t.db, fx, 'member');
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const observer = await addMember(t.db, fx, 'observer');
		await addPost(t.db, member.ctx, d.id, { stance: 'for', body: 'Sí, así vienen todos.' });
		await addPost(t.db, facilitator.ctx, d.id, { stance: 'question', body: '¿Cuánto se juntó?' });
		expect(
			(await rejection(addPost(t.db, observer.ctx, d.id, { stance: 'for', body: 'x' }))).code
		).toBe('forbidden');
		const seen = await findDebate(t.db, observer.ctx, d.id);
		expect(seen).toBeDefined();
		const view = await debateView(t.db, observer.ctx, seen!, 0);
		expect(view.posts.map((p) => p.body)).toEqual([
			'Hoy es Bs 30.',
			'Sí, así vienen todos.',
			'¿Cuánto se juntó?'
		]);
		expect(view.permissions).toMatchObject({ post: false, support: false, moderate: false });
		expect(view.shape).toMatchObject({ for: 1, against: 0, questions: 1, openQuestions: [3] });

		const stranger = await contextOf(t.db, fx.slug, await makeUser(t.db));
		expect(await findDebate(t.db, stranger, d.id)).toBeUndefined();
		expect((await rejection(listDebates(t.db, stranger))).code).toBe('forbidden');
		expect(
			(await rejection(addPost(t.db, stranger, d.id, { stance: 'for', body: 'x' }))).code
		).toBe('forbidden');
		const anonymous = await contextOf(t.db, fx.slug, null);
		expect(await findDebate(t.db, anonymous, d.id)).toBeUndefined();

		// Another association's debate cannot be reached through this one.
		const other = await makeAssociation(t.db);
		expect(await findDebate(t.db, other.leaderCtx, d.id)).toBeUndefined();

		await setMemberStatus(t.db, fx.leaderCtx, member.ctx.member!.id, 'suspended');
		const suspended = await contextOf(t.db, fx.slug, member.user);
		expect(
			(await rejection(addPost(t.db, suspended, d.id, { stance: 'for', body: 'x' }))).code
		).toBe('forbidden');
		expect(await findDebate(t.db, suspended, d.id)).toBeUndefined();
	});

	it('refuses empty, over-long or unknown-stance posts without writing anything', async () => {
		const d = await debate();
		const member = await addMember(t.db, fx, 'member');
		const empty = await rejection(addPost(t.db, member.ctx, d.id, { stance: 'for', body: '  ' }));
		expect(empty.fields.body.key).toBe('error_required');
		const long = await rejection(
			addPost(t.db, member.ctx, d.id, { stance: 'for', body: 'a'.repeat(5001) })
		);
		expect(long.fields.body.key).toBe('error_text_long');
		const stance = await rejection(
			addPost(t.db, member.ctx, d.id, { stance: 'amendment', body: 'x' })
		);
		expect(stance.fields.stance.key).toBe('error_debate_stance');
		const view = await debateView(t.db, member.ctx, (await findDebate(t.db, member.ctx, d.id))!, 0);
		expect(view.posts).toHaveLength(1);
		expect((await rejection(createDebate(t.db, member.ctx, { title: ' ' }))).code).toBe('invalid');
	});

	it('threads replies under the argument they answer, never deeper', async () => {
		const d = await debate();
		const member = await addMember(t.db, fx, 'member');
		const root = await addPost(t.db, member.ctx, d.id, {
			stance: 'against',
			body: 'No, es mucho.'
		});
		const reply = await addPost(t.db, fx.leaderCtx, d.id, {
			body: 'Es menos que un jornal.',
			parent: String(root)
		});
		await addPost(t.db, member.ctx, d.id, {
			stance: 'question',
			body: '¿Y los enfermos?',
			parent: String(reply)
		});
		const view = await debateView(t.db, member.ctx, (await findDebate(t.db, member.ctx, d.id))!, 0);
		const thread = view.posts.find((p) => p.id === root)!;
		expect(thread.replies.map((r) => r.body)).toEqual([
			'Es menos que un jornal.',
			'¿Y los enfermos?'
		]);
		expect(thread.replies.every((r) => r.replies.length === 0)).toBe(true);
		// A reply to a post of another debate is refused.
		const other = await debate('Otro tema');
		expect(
			(await rejection(addPost(t.db, member.ctx, other.id, { body: 'x', parent: String(root) })))
				.code
		).toBe('not_found');
	});

	it('supports: once per member however often or concurrently sent, withdrawable, never one’s own', async () => {
		const d = await debate();
		const author = await addMember(t.db, fx, 'member');
		const backer = await addMember(t.db, fx, 'member');
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const post = await addPost(t.db, author.ctx, d.id, { stance: 'for', body: 'Sí.' });
		await Promise.all(Array.from({ length: 20 }, () => supportPost(t.db, backer.ctx, post)));
		await supportPost(t.db, fx.leaderCtx, post);
		const rows = await t.db
			.selectFrom('post_support')
			.selectAll()
			.where('post_id', '=', post)
			.execute();
		expect(rows).toHaveLength(2);
		expect((await rejection(supportPost(t.db, author.ctx, post))).fields.post.key).toBe(
			'error_debate_support_own'
		);
		expect((await rejection(supportPost(t.db, facilitator.ctx, post))).code).toBe('forbidden');
		let view = await debateView(t.db, backer.ctx, (await findDebate(t.db, backer.ctx, d.id))!, 0);
		const seen = view.posts.find((p) => p.id === post)!;
		expect(seen).toMatchObject({ supports: 2, supportedByMe: true });
		expect(view.shape.topFor).toEqual([post]);
		await withdrawSupport(t.db, backer.ctx, post);
		await withdrawSupport(t.db, backer.ctx, post);
		view = await debateView(t.db, backer.ctx, (await findDebate(t.db, backer.ctx, d.id))!, 0);
		expect(view.posts.find((p) => p.id === post)).toMatchObject({
			supports: 1,
			supportedByMe: false
		});
	});

	it('authors edit within the window; the earlier text is kept; nobody else edits', async () => {
		const d = await debate();
		const author = await addMember(t.db, fx, 'member');
		const post = await addPost(t.db, author.ctx, d.id, { stance: 'for', body: 'Primera idea.' });
		await editPost(t.db, author.ctx, post, { body: 'Idea corregida.', stance: 'against' });
		const view = await debateView(t.db, author.ctx, (await findDebate(t.db, author.ctx, d.id))!, 0);
		const edited = view.posts.find((p) => p.id === post)!;
		expect(edited).toMatchObject({ body: 'Idea corregida.', stance: 'against', canEdit: true });
		expect(edited.editedAt).not.toBeNull();
		expect(edited.revisions.map((r) => r.body)).toEqual(['Primera idea.']);

		// The leader cannot rewrite someone else's words.
		expect((await rejection(editPost(t.db, fx.leaderCtx, post, { body: 'Otra cosa' }))).code).toBe(
			'forbidden'
		);
		const late = Date.now() + EDIT_WINDOW_MS + 1000;
		expect((await rejection(editPost(t.db, author.ctx, post, { body: 'Tarde' }, late))).code).toBe(
			'closed'
		);
		const after = await debateView(
			t.db,
			author.ctx,
			(await findDebate(t.db, author.ctx, d.id))!,
			0,
			late
		);
		expect(after.posts.find((p) => p.id === post)).toMatchObject({
			body: 'Idea corregida.',
			canEdit: false
		});
	});

	it('leaders hide a post with a reason: it stays, shows who and why, and is in the audit log', async () => {
		const d = await debate();
		const author = await addMember(t.db, fx, 'member');
		const reader = await addMember(t.db, fx, 'member');
		const post = await addPost(t.db, author.ctx, d.id, { stance: 'against', body: 'Insulto.' });
		expect((await rejection(hidePost(t.db, reader.ctx, post, { reason: 'No' }))).code).toBe(
			'forbidden'
		);
		expect(
			(await rejection(hidePost(t.db, fx.leaderCtx, post, { reason: '  ' }))).fields.reason.key
		).toBe('error_debate_reason_required');
		await hidePost(t.db, fx.leaderCtx, post, { reason: 'Ofende a una socia' });
		expect((await rejection(hidePost(t.db, fx.leaderCtx, post, { reason: 'Otra' }))).code).toBe(
			'conflict'
		);

		const view = await debateView(t.db, reader.ctx, (await findDebate(t.db, reader.ctx, d.id))!, 0);
		const hidden = view.posts.find((p) => p.id === post)!;
		expect(hidden.hidden).toMatchObject({
			by: fx.leader.display_name,
			reason: 'Ofende a una socia'
		});
		expect(hidden.body).toBe('');
		expect(hidden.canSupport).toBe(false);
		// The words are kept: the author and moderators still read them.
		const own = await debateView(t.db, author.ctx, (await findDebate(t.db, author.ctx, d.id))!, 0);
		expect(own.posts.find((p) => p.id === post)!.body).toBe('Insulto.');
		expect(
			await t.db.selectFrom('post').select('body').where('id', '=', post).executeTakeFirst()
		).toEqual({ body: 'Insulto.' });
		const audit = await listAudit(t.db, fx.leaderCtx.association.id);
		expect(audit.events.find((e) => e.action === 'debate.post_hidden')).toMatchObject({
			actor_name: fx.leader.display_name,
			subject: author.ctx.member!.name,
			details: expect.objectContaining({ post, reason: 'Ofende a una socia' })
		});
		// Hidden posts can no longer be edited or supported.
		expect((await rejection(editPost(t.db, author.ctx, post, { body: 'Perdón' }))).code).toBe(
			'conflict'
		);
		expect((await rejection(supportPost(t.db, reader.ctx, post))).code).toBe('conflict');
	});

	it('marks what others wrote since the last visit and lists unread counts', async () => {
		const d = await debate();
		const member = await addMember(t.db, fx, 'member');
		let target = (await findDebate(t.db, member.ctx, d.id))!;
		let view = await debateView(t.db, member.ctx, target, 0);
		expect(await markDebateRead(t.db, member.ctx, d.id, view.latest)).toBe(0);
		expect((await listDebates(t.db, member.ctx))[0]).toMatchObject({ posts: 1, unread: 0 });
		const mine = await addPost(t.db, member.ctx, d.id, { body: 'Mío.' });
		const theirs = await addPost(t.db, fx.leaderCtx, d.id, { body: 'Nuevo.' });
		expect((await listDebates(t.db, member.ctx))[0]).toMatchObject({ posts: 3, unread: 1 });
		target = (await findDebate(t.db, member.ctx, d.id))!;
		view = await debateView(
			t.db,
			member.ctx,
			target,
			await markDebateRead(t.db, member.ctx, d.id, theirs)
		);
		expect(view.posts.filter((p) => p.isNew).map((p) => p.id)).toEqual([theirs]);
		expect(view.posts.find((p) => p.id === mine)!.isNew).toBe(false);
		expect((await listDebates(t.db, member.ctx))[0].unread).toBe(0);
	});

	it('a page left open shows what arrives as new and records no visit, so it is new when opened', async () => {
		// The "Nuevo" mark the browser test (debates.spec.ts) missed under load: the open page's
		// refresh reloaded the whole page, which counted as reading the debate up to the new post.
		const d = await debate();
		const member = await addMember(t.db, fx, 'member');
		const open = async () =>
			openDebate(t.db, member.ctx, (await findDebate(t.db, member.ctx, d.id))!);
		const opened = await open();
		const theirs = await addPost(t.db, fx.leaderCtx, d.id, { body: 'Llegó mientras leía.' });
		const live = (await refreshDebate(t.db, member.ctx, { debateId: d.id }, opened.seen))!;
		expect(live.posts.find((p) => p.id === theirs)!.isNew).toBe(true);
		expect(live.latest).toBe(theirs);
		expect((await open()).posts.find((p) => p.id === theirs)!.isNew).toBe(true);
		expect((await open()).posts.find((p) => p.id === theirs)!.isNew).toBe(false);
	});

	it('tells a live page the newest post, and outsiders nothing', async () => {
		const d = await debate();
		const member = await addMember(t.db, fx, 'member');
		const post = await addPost(t.db, member.ctx, d.id, { body: 'Hola.' });
		expect(await debateActivity(t.db, member.ctx, { debateId: d.id })).toEqual({
			debate: d.id,
			latest: post
		});
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'general', title: 'Acta' });
		expect(await debateActivity(t.db, member.ctx, { draftId: draft.id })).toEqual({
			debate: null,
			latest: 0
		});
		const stranger = await contextOf(t.db, fx.slug, await makeUser(t.db));
		expect((await rejection(debateActivity(t.db, stranger, { debateId: d.id }))).code).toBe(
			'not_found'
		);
		expect((await rejection(debateActivity(t.db, stranger, { draftId: draft.id }))).code).toBe(
			'not_found'
		);
	});

	it('a draft’s debate starts with its first post and follows the draft’s access', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		const member = await addMember(t.db, fx, 'member');
		const { debateId } = await addDraftPost(t.db, member.ctx, draft.id, {
			stance: 'for',
			body: 'Bien.',
			passage: 'Art. 21'
		});
		const again = await addDraftPost(t.db, fx.leaderCtx, draft.id, { body: 'Gracias.' });
		expect(again.debateId).toBe(debateId);
		const target = (await findDebate(t.db, member.ctx, debateId))!;
		expect(target.draft?.id).toBe(draft.id);
		const view = await debateView(t.db, member.ctx, target, 0);
		expect(view.title).toBe('Reglamento');
		expect(view.posts[0].passage).toBe('Art. 21');
		const stranger = await contextOf(t.db, fx.slug, await makeUser(t.db));
		expect((await rejection(addDraftPost(t.db, stranger, draft.id, { body: 'x' }))).code).toBe(
			'forbidden'
		);
	});
});

describe('amendments', () => {
	let t: TestDb;
	let fx: Fixture;
	const ARTICLE =
		'El socio que no asista ni se haga representar pagará una multa de Bs 30 (hoy Bs 50).';
	beforeEach(async () => {
		t = await createTestDb();
		fx = await makeAssociation(t.db);
	});
	afterEach(() => t.close());

	async function ruleDraft() {
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		await writeBody(t, draft.id, ['Art. 21. Multa por inasistencia', ARTICLE]);
		return draft;
	}

	it('a member proposes; an editor accepts and the live draft text changes', async () => {
		const draft = await ruleDraft();
		const member = await addMember(t.db, fx, 'member');
		const id = await proposeAmendment(t.db, member.ctx, draft.id, {
			passage: 'una multa de Bs 30',
			proposal: 'una multa de Bs 40',
			body: 'Bs 30 no alcanza para que vengan.'
		});
		expect(await listAmendmentsForVote(t.db, member.ctx, draft.id)).toEqual([
			expect.objectContaining({ id, status: 'pending', proposal: 'una multa de Bs 40' })
		]);
		// Only the draft's editors decide.
		expect((await rejection(acceptAmendment(t.db, member.ctx, id))).code).toBe('forbidden');
		await acceptAmendment(t.db, fx.leaderCtx, id);
		expect(await draftText(t, fx.leaderCtx, draft.id)).toContain(
			'pagará una multa de Bs 40 (hoy Bs 50).'
		);
		expect(await getAmendment(t.db, member.ctx, id)).toMatchObject({
			status: 'accepted',
			decidedBy: fx.leader.display_name
		});
		expect(await listAmendmentsForVote(t.db, member.ctx, draft.id)).toEqual([]);
		expect((await rejection(acceptAmendment(t.db, fx.leaderCtx, id))).code).toBe('conflict');
		const audit = await listAudit(t.db, fx.leaderCtx.association.id);
		expect(audit.events.some((e) => e.action === 'debate.amendment_accepted')).toBe(true);
	});

	it('two editors accepting at once change the text once', async () => {
		const draft = await ruleDraft();
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const member = await addMember(t.db, fx, 'member');
		const id = await proposeAmendment(t.db, member.ctx, draft.id, {
			passage: 'Bs 30',
			proposal: 'Bs 30 y un jornal',
			body: 'Que cueste.'
		});
		const results = await Promise.allSettled([
			acceptAmendment(t.db, fx.leaderCtx, id),
			acceptAmendment(t.db, facilitator.ctx, id)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const text = await draftText(t, fx.leaderCtx, draft.id);
		expect(text.match(/y un jornal/g)).toHaveLength(1);
	});

	it('refuses a passage that is not in the draft, and accepting once it is gone (409)', async () => {
		const draft = await ruleDraft();
		const member = await addMember(t.db, fx, 'member');
		const missing = await rejection(
			proposeAmendment(t.db, member.ctx, draft.id, {
				passage: 'multa de Bs 99',
				proposal: 'x',
				body: 'y'
			})
		);
		expect(missing.fields.passage.key).toBe('error_amendment_passage_missing');
		const first = await proposeAmendment(t.db, member.ctx, draft.id, {
			passage: 'Bs 30',
			proposal: 'Bs 40',
			body: 'Sube.'
		});
		const second = await proposeAmendment(t.db, member.ctx, draft.id, {
			passage: 'Bs 30',
			proposal: 'Bs 20',
			body: 'Baja.'
		});
		await acceptAmendment(t.db, fx.leaderCtx, first);
		const gone = await rejection(acceptAmendment(t.db, fx.leaderCtx, second));
		expect(gone.code).toBe('conflict');
		expect(gone.messageRef.key).toBe('error_amendment_passage_gone');
		// Still pending, and the text unchanged by the refused one.
		expect(await getAmendment(t.db, member.ctx, second)).toMatchObject({ status: 'pending' });
		expect(await draftText(t, fx.leaderCtx, draft.id)).toContain('multa de Bs 40 (hoy Bs 50)');
	});

	it('an editor declines with a reason; it stays visible and can go to the vote', async () => {
		const draft = await ruleDraft();
		const member = await addMember(t.db, fx, 'member');
		const id = await proposeAmendment(t.db, member.ctx, draft.id, {
			passage: 'Bs 30',
			proposal: 'Bs 100',
			body: 'Más dura.'
		});
		expect(
			(await rejection(declineAmendment(t.db, fx.leaderCtx, id, { reason: '' }))).fields.reason.key
		).toBe('error_debate_reason_required');
		await declineAmendment(t.db, fx.leaderCtx, id, { reason: 'Es demasiado para las familias.' });
		expect(await draftText(t, fx.leaderCtx, draft.id)).toContain('Bs 30');
		expect(await listAmendmentsForVote(t.db, member.ctx, draft.id)).toEqual([
			expect.objectContaining({
				id,
				status: 'declined',
				decisionReason: 'Es demasiado para las familias.'
			})
		]);
		const target = (await findDebate(
			t.db,
			member.ctx,
			(await getAmendment(t.db, member.ctx, id))!.debateId
		))!;
		const view = await debateView(t.db, member.ctx, target, 0);
		expect(view.posts[0]).toMatchObject({
			stance: 'amendment',
			body: 'Más dura.',
			amendment: { status: 'declined', reason: 'Es demasiado para las familias.' }
		});
		const audit = await listAudit(t.db, fx.leaderCtx.association.id);
		expect(audit.events.some((e) => e.action === 'debate.amendment_declined')).toBe(true);
	});

	it('observers cannot propose; a draft fixed for its vote takes no amendments', async () => {
		const draft = await ruleDraft();
		const observer = await addMember(t.db, fx, 'observer');
		expect(
			(
				await rejection(
					proposeAmendment(t.db, observer.ctx, draft.id, {
						passage: 'Bs 30',
						proposal: 'Bs 40',
						body: 'x'
					})
				)
			).code
		).toBe('forbidden');
		await t.db.updateTable('draft').set({ status: 'voting' }).where('id', '=', draft.id).execute();
		const member = await addMember(t.db, fx, 'member');
		expect(
			(
				await rejection(
					proposeAmendment(t.db, member.ctx, draft.id, {
						passage: 'Bs 30',
						proposal: 'Bs 40',
						body: 'x'
					})
				)
			).code
		).toBe('closed');
	});
});
