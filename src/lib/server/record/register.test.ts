import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { createDraft, freezeVersion, getDraft, saveVersion } from '$lib/server/drafts';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import {
	castBallot,
	closeVote,
	confirmHandCount,
	createVote,
	enterHandCount,
	openVote,
	cancelVote,
	type VoteSettingsInput
} from '$lib/server/voting';
import { sha256Hex } from '$lib/canonical';
import { GENESIS, verifyEntries, type RegisterEntry } from '$lib/record/chain';
import type { AssociationContext } from '$lib/server/associations';
import { getRegisterHead, recordConsensus, recordCorrection } from './index';

let t: TestDb;
let fx: Fixture;
let voters: { ctx: AssociationContext }[];

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	voters = [];
	for (let i = 0; i < 3; i++) voters.push(await addMember(t.db, fx, 'member'));
});
afterEach(async () => t.close());

async function rows() {
	return t.db.selectFrom('decision').selectAll().orderBy('seq').execute();
}

function signed(row: { entry: string; hash: string }) {
	return { ...(JSON.parse(row.entry) as RegisterEntry), hash: row.hash };
}

async function decideMotion(title: string, answers: string[], form: VoteSettingsInput = {}) {
	const vote = await createVote(t.db, fx.leaderCtx, { title, ...form });
	await openVote(t.db, fx.leaderCtx, vote.id);
	for (const [i, answer] of answers.entries()) {
		await castBallot(t.db, voters[i].ctx, vote.id, { answer });
	}
	await closeVote(t.db, fx.leaderCtx, vote.id);
	return vote;
}

describe('the register', () => {
	it('records a closed vote as the first entry of a chain, then the next one after it', async () => {
		expect(await getRegisterHead(t.db, fx.leaderCtx.association.id)).toEqual({
			seq: 0,
			hash: GENESIS
		});
		const first = await decideMotion('¿Compramos el tanque de frío?', ['yes', 'yes', 'no'], {
			description: 'Tanque de 2.000 L para el centro de acopio, Bs 85.000.'
		});
		await decideMotion('¿Subimos la cuota?', ['no', 'no']);
		const [a, b] = await rows();
		const entry = JSON.parse(a.entry) as RegisterEntry;
		expect(entry).toMatchObject({
			v: 1,
			association: fx.slug,
			seq: 1,
			prev: GENESIS,
			kind: 'vote',
			title: '¿Compramos el tanque de frío?',
			outcome: 'approved',
			recorded_by: fx.leader.display_name,
			vote: {
				id: first.id,
				description: 'Tanque de 2.000 L para el centro de acopio, Bs 85.000.',
				method: 'motion',
				electorate: 4,
				cast: 3,
				quorum_met: true
			}
		});
		expect(entry.summary).toBe('Aprobada: 2 a favor, 1 en contra, 0 abstenciones. Votaron 3 de 4.');
		expect(a.hash).toBe(sha256Hex(a.entry));
		expect(b.prev_hash).toBe(a.hash);
		expect(JSON.parse(b.entry)).toMatchObject({ seq: 2, outcome: 'no_quorum' });
		expect(a.year).toBe(new Date().getUTCFullYear());
		expect(a.search_text).toContain('compramos el tanque de frio');
		expect(verifyEntries((await rows()).map(signed), { association: fx.slug })).toEqual({
			ok: true,
			head: { seq: 2, hash: b.hash },
			count: 2
		});
		expect(await getRegisterHead(t.db, fx.leaderCtx.association.id)).toEqual({
			seq: 2,
			hash: b.hash
		});
	});

	it('records a confirmed hand count as such, and nothing for a cancelled vote', async () => {
		const second = (await addMember(t.db, fx, 'leader')).ctx;
		const vote = await createVote(t.db, fx.leaderCtx, {
			title: 'Informe del tesorero',
			inRoom: true
		});
		await openVote(t.db, fx.leaderCtx, vote.id);
		await enterHandCount(t.db, fx.leaderCtx, vote.id, {
			counts: { yes: 3, no: 0, abstain: 1 },
			present: 4,
			represented: 0
		});
		expect(await rows()).toHaveLength(0);
		await confirmHandCount(t.db, second, vote.id);
		const cancelled = await createVote(t.db, fx.leaderCtx, { title: 'Otra' });
		await cancelVote(t.db, fx.leaderCtx, cancelled.id);
		const all = await rows();
		expect(all).toHaveLength(1);
		expect(JSON.parse(all[0].entry)).toMatchObject({
			kind: 'hand_count',
			recorded_by: second.user!.display_name,
			vote: { source: 'hand_count', in_room: true }
		});
	});

	it('records a decision by consensus on a frozen version, and the draft is decided', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		const version = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Final' });
		await freezeVersion(t.db, fx.leaderCtx, draft.id, version.number);
		const decision = await recordConsensus(t.db, fx.leaderCtx, {
			title: 'Reglamento del tanque',
			summary: 'La asamblea aprueba el reglamento  por consenso.\n\n\n\nSin observaciones.',
			decisionKind: 'statute',
			version: { draftId: draft.id, number: version.number },
			decidedAt: '2026-03-07T10:30'
		});
		const entry = JSON.parse(decision.entry) as RegisterEntry;
		expect(entry).toMatchObject({
			kind: 'consensus',
			outcome: 'consensus',
			decision_kind: 'statute',
			summary: 'La asamblea aprueba el reglamento por consenso.\n\nSin observaciones.',
			decided_at: '2026-03-07T14:30:00.000Z',
			subject: { draft_id: draft.id, version: version.number, content_hash: version.content_hash }
		});
		expect(sha256Hex(entry.subject!.content)).toBe(version.content_hash);
		expect(decision.year).toBe(2026);
		expect((await getDraft(t.db, fx.leaderCtx, draft.id))?.draft.status).toBe('decided');
	});

	it('refuses a consensus without title or summary, or from a member, writing nothing', async () => {
		const bad = await rejection(
			recordConsensus(t.db, fx.leaderCtx, {
				title: ' ',
				summary: '',
				decidedAt: '2099-01-01T00:00'
			})
		);
		expect(bad.fields).toEqual({
			title: { key: 'error_decision_title_required' },
			summary: { key: 'error_decision_summary_required' },
			decided_at: { key: 'error_decision_date_future' }
		});
		expect(
			(await rejection(recordConsensus(t.db, voters[0].ctx, { title: 'x', summary: 'y' }))).code
		).toBe('forbidden');
		expect(await rows()).toHaveLength(0);
	});

	it('records a correction as a new entry pointing at the corrected one', async () => {
		await recordConsensus(t.db, fx.leaderCtx, { title: 'Multa', summary: 'Bs 50 por falta.' });
		const fix = await recordCorrection(t.db, fx.leaderCtx, {
			corrects: 1,
			summary: 'La multa es Bs 30, no Bs 50: error al copiar.'
		});
		expect(JSON.parse(fix.entry)).toMatchObject({
			seq: 2,
			kind: 'correction',
			corrects: 1,
			title: 'Multa'
		});
		expect(fix.corrects_seq).toBe(1);
		expect(
			(await rejection(recordCorrection(t.db, fx.leaderCtx, { corrects: 9, summary: 'x' }))).code
		).toBe('not_found');
	});

	it('is append-only in the database itself', async () => {
		await recordConsensus(t.db, fx.leaderCtx, { title: 'Multa', summary: 'Bs 50 por falta.' });
		await expect(sql`update decision set title = 'Otra'`.execute(t.db)).rejects.toThrow(
			/append-only/
		);
		await expect(sql`delete from decision`.execute(t.db)).rejects.toThrow(/append-only/);
		expect(await rows()).toHaveLength(1);
	});
});
