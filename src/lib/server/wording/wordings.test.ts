import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { listAudit } from '$lib/server/associations';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import {
	addMember,
	contextOf,
	makeAssociation,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { loadRequestWordings, runWithWordings } from './request';
import {
	acceptWording,
	exportWordings,
	mayProposeWording,
	nameWordingEditor,
	proposeWording,
	rejectWording,
	retireWording
} from './wordings';

let t: TestDb;
let a: Fixture;
let b: Fixture;
beforeEach(async () => {
	t = await createTestDb();
	a = await makeAssociation(t.db);
	b = await makeAssociation(t.db);
});
afterEach(async () => {
	await t.close();
});

/** The text a message shows on a page of `slug` to `userId`, in Quechua. */
async function shown(slug: string, userId: string | null, render: () => string) {
	const wordings = await loadRequestWordings(t.db, `/a/${slug}/votes`, userId, 'qu');
	return runWithWordings({ ...wordings, used: null }, render);
}

describe("an association's own wording", () => {
	it("shows the accepted words to that association's members and not to another's", async () => {
		const memberA = await addMember(t.db, a);
		const memberB = await addMember(t.db, b);
		const catalogue = m.tab_votes({}, { locale: 'qu' });
		const proposal = await proposeWording(t.db, a.leaderCtx, {
			locale: 'qu',
			key: 'tab_votes',
			text: 'Akllanakuna'
		});
		// Proposed is not yet accepted.
		expect(await shown(a.slug, memberA.user.id, () => m.tab_votes({}, { locale: 'qu' }))).toBe(
			catalogue
		);
		await acceptWording(t.db, a.leaderCtx, proposal.id);

		expect(await shown(a.slug, memberA.user.id, () => m.tab_votes({}, { locale: 'qu' }))).toBe(
			'Akllanakuna'
		);
		expect(await shown(a.slug, a.leader.id, () => m.tab_votes({}, { locale: 'qu' }))).toBe(
			'Akllanakuna'
		);
		// Another association's member, on their own pages or on A's, sees the catalogue.
		expect(await shown(b.slug, memberB.user.id, () => m.tab_votes({}, { locale: 'qu' }))).toBe(
			catalogue
		);
		expect(await shown(a.slug, memberB.user.id, () => m.tab_votes({}, { locale: 'qu' }))).toBe(
			catalogue
		);
		// So does a visitor without an account, and a member reading in another language.
		expect(await shown(a.slug, null, () => m.tab_votes({}, { locale: 'qu' }))).toBe(catalogue);
		expect(await shown(a.slug, memberA.user.id, () => m.tab_votes({}, { locale: 'es' }))).toBe(
			'Votaciones'
		);
		const audit = await listAudit(t.db, (await contextOf(t.db, a.slug, a.leader)).association.id);
		expect(audit.events.map((e) => e.action)).toContain('wording.accepted');
	});

	it('fills the placeholders and refuses a wording that drops one', async () => {
		const member = await addMember(t.db, a);
		const err = await rejection(
			proposeWording(t.db, a.leaderCtx, {
				locale: 'ay',
				key: 'vote_participation',
				text: 'Votapxäna {voted}'
			})
		);
		expect(err.fields.text.key).toBe('error_wording_placeholders');
		const ok = await proposeWording(t.db, a.leaderCtx, {
			locale: 'qu',
			key: 'vote_participation',
			text: '{total} runakunamanta {voted} votarqanku'
		});
		await acceptWording(t.db, a.leaderCtx, ok.id);
		expect(
			await shown(a.slug, member.user.id, () =>
				m.vote_participation({ voted: 7, total: 9 }, { locale: 'qu' })
			)
		).toBe('9 runakunamanta 7 votarqanku');
	});

	it('lets only leaders and the members they name propose, and only leaders accept', async () => {
		const member = await addMember(t.db, a);
		expect(await mayProposeWording(t.db, member.ctx)).toBe(false);
		const refused = await rejection(
			proposeWording(t.db, member.ctx, { locale: 'qu', key: 'tab_home', text: 'Wasi' })
		);
		expect(refused.code).toBe('forbidden');
		await nameWordingEditor(t.db, a.leaderCtx, member.ctx.member!.id);
		const ctx = await contextOf(t.db, a.slug, member.user);
		const p = await proposeWording(t.db, ctx, { locale: 'qu', key: 'tab_home', text: 'Wasi' });
		expect((await rejection(acceptWording(t.db, ctx, p.id))).code).toBe('forbidden');
		// A leader of another association cannot decide it either.
		expect((await rejection(acceptWording(t.db, b.leaderCtx, p.id))).code).toBe('not_found');
		await rejectWording(t.db, a.leaderCtx, p.id);
		expect((await rejection(acceptWording(t.db, a.leaderCtx, p.id))).code).toBe('conflict');
		expect(
			(await rejection(proposeWording(t.db, ctx, { locale: 'qu', key: 'no_such_key', text: 'x' })))
				.code
		).toBe('not_found');
	});

	it('replaces an earlier accepted wording, goes back to the catalogue, and exports', async () => {
		const member = await addMember(t.db, a);
		const first = await proposeWording(t.db, a.leaderCtx, {
			locale: 'qu',
			key: 'tab_home',
			text: 'Qallariy wasi'
		});
		await acceptWording(t.db, a.leaderCtx, first.id);
		const second = await proposeWording(t.db, a.leaderCtx, {
			locale: 'qu',
			key: 'tab_home',
			text: 'Wasi'
		});
		await acceptWording(t.db, a.leaderCtx, second.id);
		expect(await shown(a.slug, member.user.id, () => m.tab_home({}, { locale: 'qu' }))).toBe(
			'Wasi'
		);
		const exported = await exportWordings(t.db, a.leaderCtx);
		expect(exported.wordings).toEqual({ qu: { tab_home: 'Wasi' } });
		expect(exported.details[0]).toMatchObject({ key: 'tab_home', spanish: 'Inicio' });
		await retireWording(t.db, a.leaderCtx, second.id);
		expect(await shown(a.slug, member.user.id, () => m.tab_home({}, { locale: 'qu' }))).toBe(
			m.tab_home({}, { locale: 'qu' })
		);
		expect((await exportWordings(t.db, a.leaderCtx)).wordings).toEqual({});
	});
});
