// The treasurer's report under social control: handed in and frozen, observed and answered,
// found conforme, approved by the assembly with its hash in the register; the period closed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/canonical';
import type { RegisterEntry } from '$lib/record/chain';
import type { AssociationContext } from '$lib/server/associations';
import { changeMemberRole } from '$lib/server/associations';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import {
	answerObservation,
	approveReport,
	conformReport,
	createAccount,
	getReportReview,
	listReports,
	observeReport,
	proposeReportVote,
	readMovementForm,
	recordMovement,
	reverseMovement,
	submitReport
} from './index';
import {
	castBallot,
	closeVote,
	confirmHandCount,
	enterHandCount,
	openVote
} from '$lib/server/voting';

let t: TestDb;
let fx: Fixture;
let treasurer: AssociationContext;
let vigilance: AssociationContext;
let member: AssociationContext;
let bank: number;

const NOW = Date.UTC(2026, 6, 2, 15, 0);
const QUARTER = { from: '2026-04-01', to: '2026-06-30' };

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	treasurer = (await addMember(t.db, fx, 'leader', 'tesorero')).ctx;
	vigilance = (await addMember(t.db, fx, 'member', 'vigilancia')).ctx;
	member = (await addMember(t.db, fx, 'member')).ctx;
	bank = (await createAccount(t.db, treasurer, { kind: 'bank', name: 'Banco Unión' }, NOW)).id;
	await recordMovement(
		t.db,
		treasurer,
		readMovementForm(
			{
				kind: 'income',
				income_kind: 'tranche',
				account: String(bank),
				amount: '150.000',
				date: '2026-05-10',
				description: 'Primer desembolso'
			},
			NOW
		),
		undefined,
		NOW
	);
});
afterEach(async () => {
	await t.close();
});

describe('the review of a treasurer report', () => {
	it('goes from handed in to approved, the register entry carrying the frozen report’s hash', async () => {
		const { id, hash } = await submitReport(t.db, treasurer, QUARTER, NOW);
		let review = await getReportReview(t.db, member, id);
		expect(review.state.status).toBe('in_review');
		expect(review.report.incomeTotal).toBe(15_000_000);
		expect(review.may).toEqual({
			observe: false,
			conform: false,
			answer: false,
			approve: false,
			putToVote: false
		});

		await observeReport(t.db, vigilance, id, { body: 'Falta el extracto bancario de mayo.' }, NOW);
		review = await getReportReview(t.db, vigilance, id);
		expect(review.state.status).toBe('observed');
		expect(review.may.conform).toBe(false);
		// Conforme with an observation open is refused, with how many wait.
		const early = await rejection(conformReport(t.db, vigilance, id, {}, NOW));
		expect(early.messageRef.key).toBe('error_money_review_unanswered');

		const observation = review.events[0].id;
		await answerObservation(
			t.db,
			treasurer,
			id,
			{ observationId: observation, body: 'Adjunto el extracto; está en la sede.' },
			NOW
		);
		const twice = await rejection(
			answerObservation(t.db, treasurer, id, { observationId: observation, body: 'Otra' }, NOW)
		);
		expect(twice.messageRef.key).toBe('error_money_review_answered');

		await conformReport(t.db, vigilance, id, { body: 'Revisado con los comprobantes.' }, NOW);
		expect(
			(await rejection(observeReport(t.db, vigilance, id, { body: 'Tarde' }, NOW))).messageRef.key
		).toBe('error_money_review_step');

		const { seq } = await approveReport(
			t.db,
			fx.leaderCtx,
			id,
			{ decidedAt: '2026-07-02T09:30', summary: 'Se felicita a la tesorera.' },
			NOW
		);
		review = await getReportReview(t.db, member, id);
		expect(review.state.status).toBe('approved');
		expect(review.decisionSeq).toBe(seq);
		const row = await t.db
			.selectFrom('decision')
			.select('entry')
			.where('association_id', '=', member.association.id)
			.where('seq', '=', seq)
			.executeTakeFirstOrThrow();
		const entry = JSON.parse(row.entry) as RegisterEntry;
		expect(entry.money_report).toEqual({
			id,
			from: QUARTER.from,
			to: QUARTER.to,
			hash,
			observations: 1,
			conforme_by: vigilance.user!.display_name
		});
		expect(entry.title).toBe(
			'Aprobación del informe económico del tesorero, del 1 de abril de 2026 al 30 de junio de 2026'
		);
		expect(entry.summary).toContain(hash);
		expect(entry.summary).toContain('Se felicita a la tesorera.');
		// The frozen report is the text whose SHA-256 the register carries.
		const frozen = await t.db
			.selectFrom('money_report')
			.select('report')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(sha256Hex(frozen.report)).toBe(hash);
		// Approved once.
		expect((await rejection(approveReport(t.db, fx.leaderCtx, id, {}, NOW))).messageRef.key).toBe(
			'error_money_review_step'
		);
		expect((await listReports(t.db, member)).map((r) => r.state.status)).toEqual(['approved']);
	});

	it('is approved by a vote online, the entry carrying the report’s hash; a rejected one leaves it conforme', async () => {
		const { id, hash } = await submitReport(t.db, treasurer, QUARTER, NOW);
		// Not conforme yet: no vote.
		expect(
			(await rejection(proposeReportVote(t.db, fx.leaderCtx, id, { inRoom: false }, NOW)))
				.messageRef.key
		).toBe('error_money_review_step');
		await conformReport(t.db, vigilance, id, {}, NOW);
		expect(
			(await rejection(proposeReportVote(t.db, member, id, { inRoom: false }, NOW))).code
		).toBe('forbidden');

		// A first vote rejects it: the entry names the report, which stays conforme.
		const first = await proposeReportVote(t.db, fx.leaderCtx, id, { inRoom: false }, NOW);
		let review = await getReportReview(t.db, fx.leaderCtx, id);
		expect(review.pendingVote).toBe(first.voteId);
		expect(review.may).toMatchObject({ approve: false, putToVote: false });
		expect(
			(await rejection(proposeReportVote(t.db, fx.leaderCtx, id, { inRoom: false }, NOW)))
				.messageRef.key
		).toBe('error_money_review_vote_pending');
		expect((await rejection(approveReport(t.db, fx.leaderCtx, id, {}, NOW))).messageRef.key).toBe(
			'error_money_review_step'
		);
		await openVote(t.db, fx.leaderCtx, first.voteId, NOW);
		for (const who of [fx.leaderCtx, treasurer, member])
			await castBallot(t.db, who, first.voteId, { answer: 'no' }, {}, NOW);
		await closeVote(t.db, fx.leaderCtx, first.voteId, NOW);
		review = await getReportReview(t.db, member, id);
		expect(review.state.status).toBe('conforme');
		expect(review.decisionSeq).toBeNull();

		// A second vote approves it.
		const second = await proposeReportVote(t.db, fx.leaderCtx, id, { inRoom: false }, NOW);
		await openVote(t.db, fx.leaderCtx, second.voteId, NOW);
		for (const who of [fx.leaderCtx, treasurer, vigilance])
			await castBallot(t.db, who, second.voteId, { answer: 'yes' }, {}, NOW);
		await closeVote(t.db, fx.leaderCtx, second.voteId, NOW);
		review = await getReportReview(t.db, member, id);
		expect(review.state.status).toBe('approved');
		expect(review.votes.map((v) => v.status)).toEqual(['closed', 'closed']);
		const entries = await t.db
			.selectFrom('decision')
			.select(['seq', 'entry', 'outcome'])
			.where('association_id', '=', member.association.id)
			.orderBy('seq')
			.execute();
		expect(entries.map((e) => e.outcome)).toEqual(['rejected', 'approved']);
		const entry = JSON.parse(entries[1].entry) as RegisterEntry;
		expect(review.decisionSeq).toBe(Number(entries[1].seq));
		expect(entry.money_report).toMatchObject({ id, hash, observations: 0 });
		expect(entry.vote?.description).toContain(hash);
		expect((JSON.parse(entries[0].entry) as RegisterEntry).money_report?.hash).toBe(hash);
	});

	it('is approved in the room by a confirmed hand count', async () => {
		const { id } = await submitReport(t.db, treasurer, QUARTER, NOW);
		await conformReport(t.db, vigilance, id, {}, NOW);
		const { voteId } = await proposeReportVote(t.db, fx.leaderCtx, id, { inRoom: true }, NOW);
		await openVote(t.db, fx.leaderCtx, voteId, NOW);
		await enterHandCount(
			t.db,
			fx.leaderCtx,
			voteId,
			{ counts: { yes: 3, no: 0, abstain: 1 }, present: 4, represented: 0 },
			NOW
		);
		// The second leader's confirmation closes it.
		await confirmHandCount(t.db, treasurer, voteId, NOW);
		const review = await getReportReview(t.db, member, id);
		expect(review.state.status).toBe('approved');
		expect(review.decisionSeq).not.toBeNull();
	});

	it('lets only each office act: the committee observes, the treasurer answers, leaders approve', async () => {
		const { id } = await submitReport(t.db, treasurer, QUARTER, NOW);
		for (const who of [treasurer, member, fx.leaderCtx])
			expect((await rejection(observeReport(t.db, who, id, { body: 'x' }, NOW))).code).toBe(
				'forbidden'
			);
		expect((await rejection(submitReport(t.db, vigilance, QUARTER, NOW))).code).toBe('forbidden');
		expect((await rejection(approveReport(t.db, vigilance, id, {}, NOW))).code).toBe('forbidden');
		// Not conforme yet: the leaders cannot approve it.
		expect((await rejection(approveReport(t.db, fx.leaderCtx, id, {}, NOW))).messageRef.key).toBe(
			'error_money_review_step'
		);
		// An empty observation is refused as a field error.
		expect(
			(await rejection(observeReport(t.db, vigilance, id, { body: '  ' }, NOW))).fields.body.key
		).toBe('error_money_review_note_required');
		// A leader cannot sit on the committee that watches the board.
		const seat = await rejection(
			changeMemberRole(t.db, fx.leaderCtx, treasurer.actor.membership!.memberId, {
				role: 'leader',
				office: 'vigilancia'
			})
		);
		expect(seat.fields.office.key).toBe('error_office_vigilance_leader');
	});

	it('closes the period handed in: no movement dated inside it, no overlapping report, no unfinished period', async () => {
		await submitReport(t.db, treasurer, QUARTER, NOW);
		const inside = await rejection(
			recordMovement(
				t.db,
				treasurer,
				readMovementForm(
					{
						kind: 'income',
						income_kind: 'fines',
						account: String(bank),
						amount: '50',
						date: '2026-06-15',
						description: 'Multa'
					},
					NOW
				),
				undefined,
				NOW
			)
		);
		expect(inside.messageRef).toEqual({
			key: 'error_money_period_closed',
			params: { to: '2026-06-30' }
		});
		expect(inside.fields.date.key).toBe('error_money_period_closed');
		// A correction of a movement in the closed period is dated today, after it: allowed.
		await reverseMovement(t.db, treasurer, 1, 'Monto equivocado', NOW);
		const overlap = await rejection(
			submitReport(t.db, treasurer, { from: '2026-06-01', to: '2026-07-01' }, NOW)
		);
		expect(overlap.messageRef.key).toBe('error_money_report_overlap');
		const unfinished = await rejection(
			submitReport(t.db, treasurer, { from: '2026-07-01', to: '2026-07-31' }, NOW)
		);
		expect(unfinished.messageRef.key).toBe('error_money_report_not_ended');
	});

	it('refuses to change or remove a report or its review behind the app', async () => {
		const { id } = await submitReport(t.db, treasurer, QUARTER, NOW);
		await observeReport(t.db, vigilance, id, { body: 'Falta un recibo.' }, NOW);
		await expect(
			t.db.updateTable('money_report').set({ report_hash: 'x' }).where('id', '=', id).execute()
		).rejects.toThrow(/append-only/);
		await expect(t.db.deleteFrom('money_report_event').execute()).rejects.toThrow(/append-only/);
	});
});
