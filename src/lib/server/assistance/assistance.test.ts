// Technical assistance on a real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL): the
// contract drawn from a closed hiring vote and written in the register, the technician who logs
// but never votes, visits and each household's one answer, and payments only for approved work.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvePlan } from '$lib/server/testing/money';
import { getExecution } from '$lib/server/money';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import {
	addMember,
	contextOf,
	makeAssociation,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { updateMemberDetails, type AssociationContext } from '$lib/server/associations';
import { createDraft, freezeVersion, saveVersion } from '$lib/server/drafts';
import {
	addVoteOption,
	castBallot,
	closeVote,
	createVote,
	getVotePage,
	openVote
} from '$lib/server/voting';
import { createAccount, listMovements, readMovementForm, recordMovement } from '$lib/server/money';
import type { RegisterEntry } from '$lib/record/chain';
import { isElector } from '$lib/associations/electorate';
import { pdfText } from '$lib/server/testing/pdf';
import {
	addDeliverable,
	answerSurvey,
	answerVisit,
	closeSurvey,
	getEvaluation,
	getFile,
	openSurvey,
	recordEvaluation,
	renderContractPdf,
	approveDeliverable,
	attachSignedCopy,
	createContract,
	getContractPage,
	listHirings,
	logVisit,
	markDelivered,
	payDeliverable,
	setTechnician
} from './index';

let t: TestDb;
let fx: Fixture;
let treasurer: AssociationContext;
let families: AssociationContext[];
let technician: AssociationContext;
let voteId: number;
let bank: number;

const NOW = Date.UTC(2026, 5, 15, 15, 0);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

async function setHome(ctx: AssociationContext, household: string, community: string) {
	await updateMemberDetails(t.db, fx.leaderCtx, ctx.member!.id, {
		name: ctx.member!.name,
		household,
		community
	});
}

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	treasurer = (await addMember(t.db, fx, 'leader', 'tesorero')).ctx;
	families = [];
	for (let i = 0; i < 4; i++) families.push((await addMember(t.db, fx, 'member')).ctx);
	await setHome(families[0], 'Familia Rojas', 'Tajamar');
	await setHome(families[1], 'Familia Coca', 'Tajamar');
	await setHome(families[2], 'Familia Siles', 'Tajamar');
	await setHome(families[3], 'Familia Flores', 'Chirusi');
	// Contexts read the member once: read them again with their households.
	families = await Promise.all(families.map((f) => contextOf(t.db, fx.slug, f.user as never)));
	technician = (await addMember(t.db, fx, 'observer')).ctx;

	const draft = await createDraft(t.db, fx.leaderCtx, {
		kind: 'terms_of_reference',
		title: 'Técnico lechero'
	});
	const v = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'TdR' });
	await freezeVersion(t.db, fx.leaderCtx, draft.id, v.number);
	const vote = await createVote(t.db, fx.leaderCtx, {
		version: { draftId: draft.id, number: v.number },
		title: 'Contratación del técnico',
		ballotStyle: 'ranking'
	});
	voteId = vote.id;
	await addVoteOption(t.db, fx.leaderCtx, vote.id, { label: 'Efraín Colque', fee: '5.500' });
	await addVoteOption(t.db, fx.leaderCtx, vote.id, { label: 'Rubén Claros', fee: '7.000' });
	await openVote(t.db, fx.leaderCtx, vote.id);
	const ids = (await getVotePage(t.db, fx.leaderCtx, vote.id)).options.map((o) => o.id);
	for (const f of families)
		await castBallot(t.db, f, vote.id, { ranks: { [ids[0]]: 1, [ids[1]]: 2 } });
	await closeVote(t.db, fx.leaderCtx, vote.id);

	bank = (await createAccount(t.db, treasurer, { kind: 'bank', name: 'Banco Unión' }, NOW)).id;
	await recordMovement(
		t.db,
		treasurer,
		readMovementForm(
			{
				kind: 'income',
				income_kind: 'tranche',
				account: String(bank),
				amount: '20.000',
				date: '2026-06-01',
				description: 'Desembolso'
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

const contractInput = (over: Partial<Parameters<typeof createContract>[2]> = {}) => ({
	voteId,
	fee: '',
	start: '2026-05-01',
	months: '12',
	communities: ['Tajamar'],
	...over
});

async function contract() {
	const c = await createContract(t.db, fx.leaderCtx, contractInput(), NOW);
	await setTechnician(t.db, fx.leaderCtx, c.id, technician.member!.id, NOW);
	// Contexts read the membership once; the technician's is unchanged by being named.
	return c;
}

const keyOf = (ctx: AssociationContext) =>
	ctx.member!.household ? `h:${ctx.member!.household.toLocaleLowerCase('es')}` : '';

async function households() {
	const page = await getContractPage(t.db, fx.leaderCtx, 1, NOW);
	return page!.households;
}

describe('the contract', () => {
	it('follows the closed hiring vote and lands in the register with the ToR hash', async () => {
		const hirings = await listHirings(t.db, fx.leaderCtx);
		expect(hirings).toEqual([
			expect.objectContaining({
				voteId,
				technician: 'Efraín Colque',
				fee: 5_500_00,
				contractId: null
			})
		]);
		const c = await createContract(t.db, fx.leaderCtx, contractInput({ fee: '5.000' }), NOW);
		const row = await t.db
			.selectFrom('decision')
			.select('entry')
			.where('seq', '=', c.seq)
			.executeTakeFirstOrThrow();
		const entry = JSON.parse(row.entry) as RegisterEntry;
		const vote = await t.db
			.selectFrom('vote')
			.select('content_hash')
			.where('id', '=', voteId)
			.executeTakeFirstOrThrow();
		expect(entry.contract).toMatchObject({
			technician: 'Efraín Colque',
			tor_hash: vote.content_hash,
			fee: 5_000_00,
			candidate_fee: 5_500_00,
			months: 12,
			communities: ['Tajamar']
		});
		expect(entry.contract!.vote_seq).toBeGreaterThan(0);
		const page = await getContractPage(t.db, families[0], c.id, NOW);
		expect(page!.contract.end).toBe('2027-04-30');
		// Once per hiring vote.
		const again = await rejection(createContract(t.db, fx.leaderCtx, contractInput(), NOW));
		expect(again.messageRef.key).toBe('error_assistance_contract_exists');
	});

	it('refuses a fee out of bounds, a bad period, and an open vote, writing nothing', async () => {
		for (const [fee, months] of [
			['6.000', '12'],
			['2.000', '12'],
			['', '0'],
			['', '99']
		]) {
			const err = await rejection(
				createContract(t.db, fx.leaderCtx, contractInput({ fee, months }), NOW)
			);
			expect(err.code).toBe('invalid');
		}
		const member = await rejection(createContract(t.db, families[0], contractInput(), NOW));
		expect(member.code).toBe('forbidden');
		const decisions = await t.db.selectFrom('decision').select('seq').execute();
		const contracts = await t.db.selectFrom('assistance_contract').select('id').execute();
		expect(contracts).toEqual([]);
		expect(decisions).toHaveLength(1);
	});

	it('schedules deliverables within the period and the total fee', async () => {
		const c = await contract();
		await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{
				kind: 'workshop',
				title: 'Taller de ensilaje',
				month: '2026-06',
				community: '',
				amount: '1.000'
			},
			NOW
		);
		const outside = await rejection(
			addDeliverable(
				t.db,
				fx.leaderCtx,
				c.id,
				{ kind: 'report', title: 'Informe', month: '2027-05', community: '', amount: '0' },
				NOW
			)
		);
		expect(outside.fields.month?.key).toBe('error_assistance_month');
		const over = await rejection(
			addDeliverable(
				t.db,
				fx.leaderCtx,
				c.id,
				{ kind: 'report', title: 'Informe', month: '2026-07', community: '', amount: '70.000' },
				NOW
			)
		);
		expect(over.fields.amount?.key).toBe('error_assistance_schedule_over');
	});

	it('prints as a PDF on Carta and Oficio from the same facts', async () => {
		const c = await contract();
		await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{
				kind: 'workshop',
				title: 'Taller de ensilaje',
				month: '2026-06',
				community: 'Tajamar',
				amount: '1.000'
			},
			NOW
		);
		const page = (await getContractPage(t.db, families[0], c.id, NOW))!;
		for (const paper of ['carta', 'oficio'] as const) {
			const pdf = await renderContractPdf({ association: fx.leaderCtx.association, page, paper });
			const { text } = await pdfText(pdf);
			expect(text).toContain('Efraín Colque');
			expect(text).toContain('Taller de ensilaje');
			expect(text.replace(/\s/g, '')).toContain(page.contract.torHash);
		}
	});

	it('keeps the signed copy with its SHA-256, once, for members only', async () => {
		const c = await contract();
		await attachSignedCopy(t.db, fx.leaderCtx, c.id, PNG, NOW);
		const page = await getContractPage(t.db, families[0], c.id, NOW);
		expect(page!.contract.signed?.sha256).toMatch(/^[0-9a-f]{64}$/);
		const file = await getFile(t.db, families[0], page!.contract.signed!.id);
		expect(file?.mime).toBe('image/png');
		const stranger = await contextOf(t.db, fx.slug, null);
		expect((await rejection(getFile(t.db, stranger, page!.contract.signed!.id))).code).toBe(
			'forbidden'
		);
		const twice = await rejection(attachSignedCopy(t.db, fx.leaderCtx, c.id, PNG, NOW));
		expect(twice.messageRef.key).toBe('error_assistance_signed_twice');
		const text = await rejection(
			attachSignedCopy(t.db, fx.leaderCtx, c.id, new TextEncoder().encode('hola'), NOW)
		);
		expect(text.code).toBe('invalid');
	});
});

describe('in the open', () => {
	it('a public register shows the contract to anyone, the visits as counts without names or photos', async () => {
		const c = await contract();
		const visit = await logVisit(
			t.db,
			technician,
			c.id,
			{
				date: '2026-06-12',
				community: 'Tajamar',
				households: [keyOf(families[0]), keyOf(families[1])],
				work: 'Ordeño limpio',
				deliverableId: null
			},
			[PNG],
			NOW
		);
		await answerVisit(t.db, families[0], visit, { answer: 'confirmed' }, NOW);
		const publicRegister = (on: boolean) =>
			t.db
				.updateTable('association')
				.set({ register_public: on ? 1 : 0 })
				.where('id', '=', fx.leaderCtx.association.id)
				.execute();
		// Private: a stranger reads nothing.
		await publicRegister(false);
		let stranger = await contextOf(t.db, fx.slug, null);
		expect((await rejection(getContractPage(t.db, stranger, c.id, NOW))).code).toBe('forbidden');
		await publicRegister(true);
		stranger = await contextOf(t.db, fx.slug, null);
		const seen = (await getContractPage(t.db, stranger, c.id, NOW))!;
		expect(seen.publicView).toBe(true);
		expect(seen.contract.technician).toBe('Efraín Colque');
		expect(seen.visits[0].households.map((h) => h.name)).toEqual(['', '']);
		expect(seen.visits[0].households.map((h) => h.answer).sort()).toEqual(['confirmed', 'pending']);
		expect(seen.visits[0].photos).toEqual([]);
		expect(seen.households).toEqual([]);
		const names = [families[0], families[1]].flatMap((f) => [f.member!.name, f.member!.household!]);
		const text = JSON.stringify(seen);
		for (const name of names) expect(text).not.toContain(name);
		// A member still reads the names.
		const member = (await getContractPage(t.db, families[1], c.id, NOW))!;
		expect(member.publicView).toBe(false);
		expect(member.visits[0].households.map((h) => h.name).sort()).toEqual(
			[families[0].member!.household, families[1].member!.household].sort()
		);
	});
});

describe('the technician', () => {
	it('is not an elector and cannot be a voting member', async () => {
		expect(isElector(technician.member!)).toBe(false);
		const c = await createContract(t.db, fx.leaderCtx, contractInput(), NOW);
		const voter = await rejection(
			setTechnician(t.db, fx.leaderCtx, c.id, families[0].member!.id, NOW)
		);
		expect(voter.fields.technician?.key).toBe('error_assistance_technician');
		const electors = await t.db
			.selectFrom('vote_elector')
			.select('member_id')
			.where('vote_id', '=', voteId)
			.execute();
		expect(electors.map((e) => Number(e.member_id))).not.toContain(technician.member!.id);
	});

	it('logs visits to the contract it is named on, and nothing before that', async () => {
		const c = await createContract(t.db, fx.leaderCtx, contractInput(), NOW);
		const input = {
			date: '2026-06-10',
			community: 'Tajamar',
			households: [keyOf(families[0])],
			work: 'Desparasitación',
			deliverableId: null
		};
		expect((await rejection(logVisit(t.db, technician, c.id, input, [], NOW))).code).toBe(
			'forbidden'
		);
		await setTechnician(t.db, fx.leaderCtx, c.id, technician.member!.id, NOW);
		const id = await logVisit(t.db, technician, c.id, input, [PNG], NOW);
		const page = await getContractPage(t.db, families[0], c.id, NOW);
		expect(page!.visits.find((v) => v.id === id)).toMatchObject({
			state: 'pending',
			photos: [expect.objectContaining({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]
		});
	});
});

describe('visits and answers', () => {
	it('refuses a visit in the future, outside the period, or to a household outside, writing nothing', async () => {
		const c = await contract();
		const base = {
			date: '2026-06-10',
			community: 'Tajamar',
			households: [keyOf(families[0])],
			work: 'Ración con alfalfa',
			deliverableId: null
		};
		const future = await rejection(
			logVisit(t.db, technician, c.id, { ...base, date: '2026-06-16' }, [], NOW)
		);
		expect(future.fields.date?.key).toBe('error_visit_future');
		expect(future.code).toBe('invalid');
		const before = await rejection(
			logVisit(t.db, technician, c.id, { ...base, date: '2026-04-30' }, [], NOW)
		);
		expect(before.fields.date?.key).toBe('error_visit_outside_period');
		// Familia Flores lives in Chirusi, outside the contract's communities.
		const outside = await rejection(
			logVisit(
				t.db,
				technician,
				c.id,
				{ ...base, households: [keyOf(families[0]), keyOf(families[3])] },
				[PNG],
				NOW
			)
		);
		expect(outside.fields.households?.key).toBe('error_visit_household');
		const stranger = await rejection(
			logVisit(t.db, technician, c.id, { ...base, households: ['h:nadie'] }, [], NOW)
		);
		expect(stranger.fields.households?.key).toBe('error_visit_household');
		const chirusi = await rejection(
			logVisit(t.db, technician, c.id, { ...base, community: 'Chirusi' }, [], NOW)
		);
		expect(chirusi.fields.community?.key).toBe('error_visit_community');
		expect(await t.db.selectFrom('assistance_visit').select('id').execute()).toEqual([]);
		expect(
			await t.db.selectFrom('assistance_visit_household').select('visit_id').execute()
		).toEqual([]);
		expect(await t.db.selectFrom('assistance_file').select('id').execute()).toEqual([]);
		expect((await households()).map((h) => h.name)).toEqual([
			'Familia Coca',
			'Familia Rojas',
			'Familia Siles'
		]);
	});

	it('each household answers once; a denial is shown as such; a leader records one in the assembly', async () => {
		const c = await contract();
		const id = await logVisit(
			t.db,
			technician,
			c.id,
			{
				date: '2026-06-10',
				community: 'Tajamar',
				households: [keyOf(families[0]), keyOf(families[1]), keyOf(families[2])],
				work: 'Calendario sanitario',
				deliverableId: null
			},
			[],
			NOW
		);
		await answerVisit(t.db, families[0], id, { answer: 'confirmed' }, NOW);
		const twice = await rejection(answerVisit(t.db, families[0], id, { answer: 'denied' }, NOW));
		expect(twice.code).toBe('conflict');
		expect(twice.messageRef.key).toBe('error_visit_answered');
		// Chirusi was not visited: nothing to answer.
		expect(
			(await rejection(answerVisit(t.db, families[3], id, { answer: 'confirmed' }, NOW))).code
		).toBe('forbidden');
		// The technician cannot answer for a family.
		expect(
			(await rejection(answerVisit(t.db, technician, id, { answer: 'confirmed' }, NOW))).code
		).toBe('forbidden');
		let page = await getContractPage(t.db, families[0], c.id, NOW);
		expect(page!.visits[0].state).toBe('pending');
		await answerVisit(
			t.db,
			fx.leaderCtx,
			id,
			{ answer: 'confirmed', household: keyOf(families[1]) },
			NOW
		);
		await answerVisit(t.db, families[2], id, { answer: 'denied' }, NOW);
		page = await getContractPage(t.db, families[0], c.id, NOW);
		expect(page!.visits[0].state).toBe('denied');
		expect(page!.visits[0].households.map((h) => [h.name, h.answer, h.channel])).toEqual([
			['Familia Coca', 'confirmed', 'assembly'],
			['Familia Rojas', 'confirmed', 'self'],
			['Familia Siles', 'denied', 'self']
		]);
	});
});

describe('payments follow the work', () => {
	it('pays only an approved deliverable, once, as a money expense', async () => {
		const c = await contract();
		const visitDeliverable = await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{
				kind: 'visit',
				title: 'Visitas de junio',
				month: '2026-06',
				community: 'Tajamar',
				amount: '2.750'
			},
			NOW
		);
		const report = await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{
				kind: 'report',
				title: 'Informe de junio',
				month: '2026-06',
				community: '',
				amount: '2.750'
			},
			NOW
		);
		const pay = {
			accountId: bank,
			date: '2026-06-15',
			receiptNumber: null,
			lineId: null,
			source: null
		};
		const early = await rejection(
			payDeliverable(t.db, treasurer, visitDeliverable, pay, undefined, NOW)
		);
		expect(early.messageRef.key).toBe('error_assistance_pay_unapproved');
		expect(
			(await rejection(approveDeliverable(t.db, fx.leaderCtx, visitDeliverable, NOW))).messageRef
				.key
		).toBe('error_assistance_not_confirmed');
		const visit = await logVisit(
			t.db,
			technician,
			c.id,
			{
				date: '2026-06-12',
				community: 'Tajamar',
				households: [keyOf(families[0])],
				work: 'Ordeño limpio',
				deliverableId: visitDeliverable
			},
			[],
			NOW
		);
		await answerVisit(t.db, families[0], visit, { answer: 'confirmed' }, NOW);
		await approveDeliverable(t.db, fx.leaderCtx, visitDeliverable, NOW);
		// Only the treasurer pays.
		expect(
			(await rejection(payDeliverable(t.db, fx.leaderCtx, visitDeliverable, pay, undefined, NOW)))
				.code
		).toBe('forbidden');
		const { seq } = await payDeliverable(t.db, treasurer, visitDeliverable, pay, undefined, NOW);
		const twice = await rejection(
			payDeliverable(t.db, treasurer, visitDeliverable, pay, undefined, NOW)
		);
		expect(twice.messageRef.key).toBe('error_assistance_paid_twice');
		const movements = await listMovements(t.db, treasurer.association.id);
		expect(movements.find((mv) => mv.seq === seq)).toMatchObject({
			kind: 'expense',
			amount: 2_750_00
		});
		expect(movements).toHaveLength(2);

		await markDelivered(t.db, technician, report, NOW);
		await approveDeliverable(t.db, fx.leaderCtx, report, NOW);
		const page = await getContractPage(t.db, families[0], c.id, NOW);
		expect(page!.totals).toMatchObject({ planned: 2, done: 2, confirmed: 2, approved: 2, paid: 1 });
		expect(page!.totals.paidAmount).toBe(2_750_00);
	});

	it('charges a fee to the plan’s technical assistance line, the contract standing for the award', async () => {
		await approvePlan(t.db, fx, [['ta', 'AT-01', 'Asistencia técnica', 5_000_000, 0]]);
		const c = await contract();
		// Bs 6.000: above the Bs 5.000 threshold, yet no purchase with quotations is asked for.
		const report = await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{ kind: 'report', title: 'Informe', month: '2026-06', community: '', amount: '6.000' },
			NOW
		);
		await markDelivered(t.db, fx.leaderCtx, report, NOW);
		await approveDeliverable(t.db, fx.leaderCtx, report, NOW);
		const input = {
			accountId: bank,
			date: '2026-06-15',
			receiptNumber: 'Recibo 001',
			lineId: 'ta',
			source: 'par' as const
		};
		// A fee charged to a line carries its receipt, like any expense on the plan.
		const bare = await rejection(payDeliverable(t.db, treasurer, report, input, undefined, NOW));
		expect(bare.fields.receipt?.key).toBe('error_money_receipt_missing');
		await payDeliverable(t.db, treasurer, report, input, PNG, NOW);
		const found = (await getExecution(t.db, fx.leaderCtx.association.id))!;
		expect(found.execution.lines[0].bySource.par.spent).toBe(600_000);
	});

	it('a payment the money area refuses leaves no link behind', async () => {
		const c = await contract();
		const report = await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{ kind: 'report', title: 'Informe', month: '2026-06', community: '', amount: '30.000' },
			NOW
		);
		await markDelivered(t.db, fx.leaderCtx, report, NOW);
		await approveDeliverable(t.db, fx.leaderCtx, report, NOW);
		// Bs 30.000 from an account holding Bs 20.000.
		const short = await rejection(
			payDeliverable(
				t.db,
				treasurer,
				report,
				{ accountId: bank, date: '2026-06-15', receiptNumber: null, lineId: null, source: null },
				undefined,
				NOW
			)
		);
		expect(short.messageRef.key).toBe('error_money_balance_short');
		// A day in the future is refused where the expense is kept, whoever built the input.
		const future = await rejection(
			payDeliverable(
				t.db,
				treasurer,
				report,
				{ accountId: bank, date: '2026-06-16', receiptNumber: null, lineId: null, source: null },
				undefined,
				NOW
			)
		);
		expect(future.fields.date?.key).toBe('error_money_date_future');
		expect(await t.db.selectFrom('assistance_payment').select('id').execute()).toEqual([]);
	});
});

describe('the members’ survey', () => {
	const yes = { q_on_time: 'yes', q_understood: 'yes', q_useful: 'some', q_respect: 'yes' };
	const no = { q_on_time: 'no', q_understood: 'some', q_useful: 'no', q_respect: 'yes' };

	it('one answer per household served, counted only at the close', async () => {
		const c = await contract();
		expect(
			(await rejection(openSurvey(t.db, fx.leaderCtx, c.id, '2026-07', NOW))).fields.period?.key
		).toBe('error_survey_period');
		const id = await openSurvey(t.db, fx.leaderCtx, c.id, '2026-06', NOW);
		await answerSurvey(t.db, families[0], id, yes, NOW);
		await answerSurvey(t.db, families[1], id, no, NOW);
		const twice = await rejection(answerSurvey(t.db, families[0], id, no, NOW));
		expect(twice.code).toBe('conflict');
		expect(twice.messageRef.key).toBe('error_survey_answered');
		// Chirusi is not served by this contract; the technician never answers.
		expect((await rejection(answerSurvey(t.db, families[3], id, yes, NOW))).messageRef.key).toBe(
			'error_survey_not_served'
		);
		expect((await rejection(answerSurvey(t.db, technician, id, yes, NOW))).code).toBe('forbidden');
		const half = await rejection(answerSurvey(t.db, families[2], id, { q_on_time: 'yes' }, NOW));
		expect(Object.keys(half.fields).sort()).toEqual(['q_respect', 'q_understood', 'q_useful']);
		let page = await getContractPage(t.db, families[0], c.id, NOW);
		expect(page!.surveys[0]).toMatchObject({ respondents: 2, answered: true, counts: null });
		await closeSurvey(t.db, fx.leaderCtx, id, NOW);
		page = await getContractPage(t.db, families[2], c.id, NOW);
		expect(page!.surveys[0]).toMatchObject({ status: 'closed', respondents: 2, answered: false });
		expect(page!.surveys[0].counts!.on_time).toEqual({ yes: 1, some: 0, no: 1 });
		expect(page!.surveys[0].counts!.respect).toEqual({ yes: 2, some: 0, no: 0 });
		expect((await rejection(answerSurvey(t.db, families[2], id, yes, NOW))).messageRef.key).toBe(
			'error_survey_closed'
		);
	});

	it('no row anywhere links an answer to a household, open or closed', async () => {
		const c = await contract();
		const id = await openSurvey(t.db, fx.leaderCtx, c.id, '2026-06', NOW);
		// Three households, three different answers to «came when promised».
		await answerSurvey(t.db, families[0], id, { ...yes, q_on_time: 'yes' }, NOW);
		await answerSurvey(t.db, families[1], id, { ...yes, q_on_time: 'some' }, NOW);
		await answerSurvey(t.db, families[2], id, { ...yes, q_on_time: 'no' }, NOW);
		const households = [families[0], families[1], families[2]].map((f) => ({
			key: keyOf(f),
			member: String(f.member!.id),
			user: f.user!.id
		}));
		const tables = [
			'assistance_survey',
			'assistance_survey_respondent',
			'assistance_survey_sealed',
			'assistance_survey_count',
			'audit_event'
		] as const;
		const leaks = async () => {
			const out: string[] = [];
			for (const table of tables) {
				const rows = await t.db.selectFrom(table).selectAll().execute();
				for (const row of rows) {
					const text = JSON.stringify(row, (_k, v) =>
						v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v
					);
					const who = households.some((h) => text.includes(h.key) || text.includes(`"${h.user}"`));
					const what = /"(yes|some|no)"|on_time|understood/.test(text);
					if (who && what) out.push(`${table}: ${text}`);
				}
			}
			return out;
		};
		expect(await leaks()).toEqual([]);
		// While open, the answers exist only sealed: no answer word in them.
		const sealed = await t.db.selectFrom('assistance_survey_sealed').selectAll().execute();
		expect(sealed).toHaveLength(3);
		for (const s of sealed)
			expect(Buffer.from(s.sealed).toString('latin1')).not.toMatch(/yes|some/);
		await closeSurvey(t.db, fx.leaderCtx, id, NOW);
		expect(await t.db.selectFrom('assistance_survey_sealed').selectAll().execute()).toEqual([]);
		expect(await leaks()).toEqual([]);
		const counts = await t.db
			.selectFrom('assistance_survey_count')
			.select(['question', 'answer', 'count'])
			.where('question', '=', 'on_time')
			.orderBy('answer')
			.execute();
		expect(counts.map((r) => [r.answer, Number(r.count)])).toEqual([
			['no', 1],
			['some', 1],
			['yes', 1]
		]);
	});
});

describe('the evaluation at three months', () => {
	it('is recorded once, not before its day, with every due deliverable scored, into the register', async () => {
		const c = await contract();
		const visits = await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{ kind: 'visit', title: 'Visitas de junio', month: '2026-06', community: '', amount: '0' },
			NOW
		);
		await addDeliverable(
			t.db,
			fx.leaderCtx,
			c.id,
			{
				kind: 'report',
				title: 'Informe de diciembre',
				month: '2026-12',
				community: '',
				amount: '0'
			},
			NOW
		);
		const v1 = await logVisit(
			t.db,
			technician,
			c.id,
			{
				date: '2026-06-10',
				community: 'Tajamar',
				households: [keyOf(families[0])],
				work: 'Sanidad',
				deliverableId: visits
			},
			[],
			NOW
		);
		const v2 = await logVisit(
			t.db,
			technician,
			c.id,
			{
				date: '2026-06-11',
				community: 'Tajamar',
				households: [keyOf(families[1])],
				work: 'Ración',
				deliverableId: visits
			},
			[],
			NOW
		);
		await answerVisit(t.db, families[0], v1, { answer: 'confirmed' }, NOW);
		await answerVisit(t.db, families[1], v2, { answer: 'denied' }, NOW);
		const seen = await getEvaluation(t.db, families[0], c.id, 3);
		expect(seen).toMatchObject({
			date: '2026-07-31',
			visits: { confirmed: 1, denied: 1, pending: 0 }
		});
		expect(seen!.deliverables.map((d) => d.title)).toEqual(['Visitas de junio']);
		expect(await getEvaluation(t.db, families[0], c.id, 4)).toBeUndefined();

		const input = {
			outcome: 'warn',
			summary: 'Una familia dice que no vino.',
			scores: { [visits]: '6' }
		};
		const early = await rejection(recordEvaluation(t.db, fx.leaderCtx, c.id, 3, input, NOW));
		expect(early.messageRef.key).toBe('error_evaluation_early');
		const LATER = Date.UTC(2026, 7, 5, 15);
		const unscored = await rejection(
			recordEvaluation(t.db, fx.leaderCtx, c.id, 3, { ...input, scores: {} }, LATER)
		);
		expect(unscored.fields[`score_${visits}`]?.key).toBe('error_evaluation_score');
		expect((await rejection(recordEvaluation(t.db, families[0], c.id, 3, input, LATER))).code).toBe(
			'forbidden'
		);
		const seq = await recordEvaluation(t.db, fx.leaderCtx, c.id, 3, input, LATER);
		const row = await t.db
			.selectFrom('decision')
			.select('entry')
			.where('seq', '=', seq)
			.executeTakeFirstOrThrow();
		const entry = JSON.parse(row.entry) as RegisterEntry;
		expect(entry.evaluation).toMatchObject({
			month: 3,
			outcome: 'warn',
			scores: [{ deliverable: visits, title: 'Visitas de junio', score: 6 }],
			visits: { confirmed: 1, denied: 1, pending: 0 }
		});
		expect(
			(await rejection(recordEvaluation(t.db, fx.leaderCtx, c.id, 3, input, LATER))).messageRef.key
		).toBe('error_evaluation_twice');
		const page = await getContractPage(t.db, families[0], c.id, LATER);
		expect(page!.evaluations).toEqual([
			{ month: 3, date: '2026-07-31', due: true, outcome: 'warn', seq },
			{ month: 6, date: '2026-10-31', due: false, outcome: null, seq: null }
		]);
	});
});
