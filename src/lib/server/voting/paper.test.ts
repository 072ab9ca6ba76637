import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateMemberDetails, type AssociationContext } from '$lib/server/associations';
import { createDraft, freezeVersion, saveVersion } from '$lib/server/drafts';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { pdfFillColours, pdfText } from '$lib/server/testing/pdf';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import { ABSTAIN_COLOUR, NO_COLOUR, OPTION_COLOURS, YES_COLOUR } from '$lib/voting/paper';
import {
	addVoteOption,
	closeVote,
	createVote,
	DEFAULT_RULES,
	getPaperBallots,
	openVote,
	renderPaperBallotsPdf,
	updateSettings
} from './index';

let t: TestDb;
let fx: Fixture;
let members: { ctx: AssociationContext }[];

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	members = [];
	for (let i = 0; i < 6; i++) members.push(await addMember(t.db, fx, 'member'));
});
afterEach(async () => t.close());

const count = (text: string, part: string) => text.split(part).length - 1;

describe('paper ballots', () => {
	it('prints one ballot per elector with sí, no and abstención beside their marks', async () => {
		const vote = await createVote(t.db, fx.leaderCtx, {
			title: '¿Compramos el tanque de frío?',
			secret: true
		});
		const ballots = await getPaperBallots(t.db, fx.leaderCtx, vote.id);
		expect(ballots.count).toBe(7);
		const pdf = await renderPaperBallotsPdf(ballots, 'carta');
		const { text, pages } = await pdfText(pdf);
		expect(count(text, '¿Compramos el tanque de frío?')).toBe(7);
		expect(count(text, 'Marca con una X un solo cuadro.')).toBe(7);
		for (const word of ['Sí', 'No', 'Abstención'])
			expect(text.split('\n').filter((line) => line.trim() === word)).toHaveLength(7);
		// No name on a secret ballot: nobody in the association is printed on it.
		for (const { ctx } of members) expect(text).not.toContain(ctx.member!.name);
		expect(text).not.toContain(fx.leaderCtx.member!.name);
		// Several to a sheet: seven short ballots fit on one page.
		expect(pages).toBe(1);
		expect(text).toContain('7 papeletas, una por elector, sin nombre');
		// The marks are drawn in their colours, once per ballot: green sí, red no, grey abstención.
		const drawn = new Map<string, number>();
		for (const page of await pdfFillColours(pdf))
			for (const [colour, n] of page) drawn.set(colour, (drawn.get(colour) ?? 0) + n);
		for (const colour of [YES_COLOUR, NO_COLOUR]) expect(drawn.get(colour)).toBe(7);
		expect(drawn.has(ABSTAIN_COLOUR)).toBe(false); // the ring is stroked, not filled
	});

	it('gives each candidate its own mark and words, on Oficio too', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, {
			kind: 'terms_of_reference',
			title: 'Técnico de acompañamiento'
		});
		const v = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'TdR' });
		await freezeVersion(t.db, fx.leaderCtx, draft.id, v.number);
		const vote = await createVote(t.db, fx.leaderCtx, {
			version: { draftId: draft.id, number: v.number },
			title: 'Técnico de acompañamiento',
			secret: true
		});
		for (const label of ['Ing. Ana Quispe', 'Dr. Luis Mamani', 'Lic. Rosa Condori'])
			await addVoteOption(t.db, fx.leaderCtx, vote.id, { label, fee: '4.500' });
		const ballots = await getPaperBallots(t.db, fx.leaderCtx, vote.id);
		expect(ballots.ballot.choices.map((c) => [c.label, c.mark, c.colour])).toEqual([
			['Ing. Ana Quispe', 'circle', OPTION_COLOURS[0]],
			['Dr. Luis Mamani', 'square', OPTION_COLOURS[1]],
			['Lic. Rosa Condori', 'triangle', OPTION_COLOURS[2]],
			['Abstención', 'ring', ABSTAIN_COLOUR]
		]);
		const pdf = await renderPaperBallotsPdf(ballots, 'oficio');
		const { text } = await pdfText(pdf);
		for (const name of ['Ing. Ana Quispe', 'Dr. Luis Mamani', 'Lic. Rosa Condori'])
			expect(count(text, name)).toBe(7);
		expect(count(text, 'Bs 4.500,00 al mes')).toBe(21);
		const drawn = new Map<string, number>();
		for (const page of await pdfFillColours(pdf))
			for (const [colour, n] of page) drawn.set(colour, (drawn.get(colour) ?? 0) + n);
		for (const colour of OPTION_COLOURS.slice(0, 3)) expect(drawn.get(colour)).toBe(7);
	});

	it('counts the frozen electorate once the vote is open, a household once', async () => {
		await updateSettings(t.db, fx.leaderCtx, {
			rules: { ...DEFAULT_RULES, electorate: 'household' },
			registerPublic: false
		});
		for (const i of [0, 1]) {
			const member = members[i].ctx.member!;
			await updateMemberDetails(t.db, fx.leaderCtx, member.id, {
				name: member.name,
				household: 'Familia Rojas'
			});
		}
		const vote = await createVote(t.db, fx.leaderCtx, {
			title: '¿Cambiamos de sede?',
			secret: true
		});
		expect((await getPaperBallots(t.db, fx.leaderCtx, vote.id)).count).toBe(6);
		await openVote(t.db, fx.leaderCtx, vote.id);
		// Who joins after the opening does not vote in it: no ballot for them.
		await addMember(t.db, fx, 'member');
		expect((await getPaperBallots(t.db, fx.leaderCtx, vote.id)).count).toBe(6);
		await closeVote(t.db, fx.leaderCtx, vote.id);
		expect((await rejection(getPaperBallots(t.db, fx.leaderCtx, vote.id))).code).toBe('conflict');
	});

	it('only leaders print them, and only for a secret vote', async () => {
		const secret = await createVote(t.db, fx.leaderCtx, { title: 'Secreta', secret: true });
		const err = await rejection(getPaperBallots(t.db, members[0].ctx, secret.id));
		expect(err.code).toBe('forbidden');
		const open = await createVote(t.db, fx.leaderCtx, { title: 'A mano alzada', secret: false });
		const refused = await rejection(getPaperBallots(t.db, fx.leaderCtx, open.id));
		expect(refused.messageRef.key).toBe('error_paper_ballots_public');
	});
});
