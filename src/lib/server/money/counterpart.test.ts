// The counterpart per household on a real database: the assembly's split, labour days with their
// witness, each household's standing, and the rule that leaves a household in arrears out of a
// vote's electorate when it opens (said on the vote page and in the register entry).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { addMember, makeAssociation, rejection, type Fixture } from '$lib/server/testing';
import {
	setMemberStatus,
	updateMemberDetails,
	type AssociationContext
} from '$lib/server/associations';
import {
	DEFAULT_RULES,
	castBallot,
	closeVote,
	createVote,
	getVotePage,
	openVote,
	updateSettings
} from '$lib/server/voting';
import type { RegisterEntry } from '$lib/record/chain';
import {
	createAccount,
	householdStandings,
	readLabourForm,
	readMovementForm,
	readQuotaForm,
	recordLabour,
	recordMovement,
	reverseMovement,
	setQuotas
} from './index';

let t: TestDb;
let fx: Fixture;
let treasurer: AssociationContext;
let rojas1: AssociationContext;
let rojas2: AssociationContext;
let quispe: AssociationContext;
let bank: number;

// 15 July 2026, after the first instalment fell due on 30 June.
const NOW = Date.UTC(2026, 6, 15, 15, 0);
const ROJAS = 'h:familia rojas';
const id = (ctx: AssociationContext) => ctx.member!.id;
const own = (ctx: AssociationContext) => `m:${id(ctx)}`;

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	treasurer = (await addMember(t.db, fx, 'leader', 'tesorero')).ctx;
	rojas1 = (await addMember(t.db, fx, 'member')).ctx;
	rojas2 = (await addMember(t.db, fx, 'member')).ctx;
	quispe = (await addMember(t.db, fx, 'member')).ctx;
	for (const ctx of [rojas1, rojas2])
		await updateMemberDetails(t.db, fx.leaderCtx, id(ctx), {
			name: ctx.member!.name,
			household: 'Familia Rojas'
		});
	bank = (await createAccount(t.db, treasurer, { kind: 'bank', name: 'Banco Unión' }, NOW)).id;
});
afterEach(async () => {
	await t.close();
});

/** The split of the acta: Bs 1.500 and 4 jornales by 30 June, for the Rojas and for Quispe. */
async function split(by: AssociationContext = treasurer, extra: Record<string, string> = {}) {
	return setQuotas(
		t.db,
		by,
		readQuotaForm({
			due_on: '2026-06-30',
			agreed_by: 'Acta Nº 3/2026, punto 4',
			cash_all: '1.500',
			days_all: '4',
			[`cash:${ROJAS}`]: '',
			[`cash:${own(quispe)}`]: '',
			...extra
		}),
		NOW
	);
}

async function pay(payer: AssociationContext, witness: AssociationContext, amount: string) {
	return recordMovement(
		t.db,
		treasurer,
		readMovementForm(
			{
				kind: 'income',
				income_kind: 'counterpart',
				account: String(bank),
				amount,
				date: '2026-06-20',
				description: 'Cuota de contraparte',
				payer: String(id(payer)),
				witness: String(id(witness))
			},
			NOW
		),
		undefined,
		NOW
	);
}

async function work(household: string, witness: AssociationContext, days: string) {
	return recordLabour(
		t.db,
		treasurer,
		readLabourForm(
			{
				household,
				date: '2026-06-25',
				days,
				note: 'Adobe para la sala de acopio',
				witness: String(id(witness))
			},
			NOW
		),
		NOW
	);
}

async function standing(key: string, at = '2026-07-15') {
	const all = await householdStandings(t.db, fx.leaderCtx.association.id, at);
	return all.find((h) => h.key === key)!;
}

describe('the split and the standing', () => {
	it('counts cash paid (less reversals) and labour worked against what fell due', async () => {
		expect(await split()).toBe(2);
		expect((await standing(ROJAS, '2026-06-29')).status).toBe('up_to_date');
		expect((await standing(ROJAS)).status).toBe('arrears');

		const paid = await pay(rojas2, quispe, '1.500');
		await work(ROJAS, quispe, '3,5');
		let rojas = await standing(ROJAS);
		expect(rojas).toMatchObject({
			name: 'Familia Rojas',
			dueCents: 150_000,
			paidCents: 150_000,
			dueTenths: 40,
			workedTenths: 35,
			status: 'arrears'
		});
		expect(rojas.members.map((p) => p.id).sort()).toEqual([id(rojas1), id(rojas2)].sort());
		await work(ROJAS, quispe, '0,5');
		expect((await standing(ROJAS)).status).toBe('up_to_date');

		await reverseMovement(t.db, treasurer, Number(paid.seq), 'Billete falso', NOW);
		rojas = await standing(ROJAS);
		expect(rojas.paidCents).toBe(0);
		expect(rojas.status).toBe('arrears');
		// A household without a quota owes nothing.
		expect((await standing(own(treasurer))).status).toBe('up_to_date');
	});

	it('setting the same date again supersedes the earlier split, which stays stored', async () => {
		await split();
		await split(fx.leaderCtx, { [`cash:${ROJAS}`]: '500', [`days:${ROJAS}`]: '0' });
		const rojas = await standing(ROJAS);
		expect([rojas.dueCents, rojas.dueTenths]).toEqual([50_000, 0]);
		const rows = await t.db.selectFrom('counterpart_quota').select('id').execute();
		expect(rows).toHaveLength(4);
	});

	it('refuses bad input with field messages and writes nothing', async () => {
		const bad: Record<string, string>[] = [
			{ cash_all: '-5' },
			{ cash_all: '2.000.000' },
			{ days_all: '1,25' },
			{ agreed_by: '' },
			{ due_on: '2026-02-30' },
			{ decision: '99' }
		];
		for (const values of bad) {
			const err = await rejection(split(treasurer, values));
			expect(err.code).toBe('invalid');
		}
		// Whatever the form said, the domain checks the numbers and the household.
		const direct = await rejection(
			setQuotas(
				t.db,
				treasurer,
				{
					dueOn: '2026-06-30',
					agreedBy: 'Acta',
					decisionSeq: null,
					quotas: [
						{ household: ROJAS, cashCents: 100.5, labourTenths: 0 },
						{ household: 'h:nadie', cashCents: 100, labourTenths: 0 }
					]
				},
				NOW
			)
		);
		expect(direct.fields[`cash:${ROJAS}`].key).toBe('error_counterpart_cash');
		expect(direct.fields['cash:h:nadie'].key).toBe('error_counterpart_household');
		expect(await t.db.selectFrom('counterpart_quota').select('id').execute()).toHaveLength(0);
		expect((await rejection(split(rojas1))).code).toBe('forbidden');
	});

	it('labour needs a witness of another household and a date not in the future', async () => {
		const same = await rejection(work(ROJAS, rojas1, '1'));
		expect(same.fields.witness.key).toBe('error_counterpart_witness_household');
		expect(() =>
			readLabourForm(
				{ household: ROJAS, date: '2026-07-16', days: '1', note: 'x', witness: '1' },
				NOW
			)
		).toThrow();
		const future = await rejection(
			recordLabour(
				t.db,
				treasurer,
				{
					household: ROJAS,
					date: '2026-08-01',
					tenths: 10,
					note: 'Zanjas',
					witnessMemberId: id(quispe)
				},
				NOW
			)
		);
		expect(future.fields.date.key).toBe('error_money_date_future');
		expect((await rejection(work('h:nadie', quispe, '1'))).fields.household.key).toBe(
			'error_counterpart_household'
		);
		const member = await rejection(
			recordLabour(
				t.db,
				rojas1,
				{
					household: ROJAS,
					date: '2026-07-01',
					tenths: 10,
					note: 'x',
					witnessMemberId: id(quispe)
				},
				NOW
			)
		);
		expect(member.code).toBe('forbidden');
		expect(await t.db.selectFrom('money_labour').select('id').execute()).toHaveLength(0);
	});

	it('the database refuses to change or remove the split', async () => {
		await split();
		await expect(sql`update counterpart_quota set cash_cents = 0`.execute(t.db)).rejects.toThrow(
			/append-only/
		);
		await expect(sql`delete from counterpart_quota`.execute(t.db)).rejects.toThrow(/append-only/);
	});
});

describe('habilitado to vote', () => {
	async function rules(arrearsDisqualify: boolean) {
		await updateSettings(t.db, fx.leaderCtx, {
			rules: { ...DEFAULT_RULES, arrearsDisqualify },
			registerPublic: true
		});
	}

	/** The Rojas are up to date; Quispe owes the instalment of 30 June. */
	async function owing() {
		await split();
		await pay(rojas1, quispe, '1.500');
		await work(ROJAS, quispe, '4');
	}

	async function openQuestion() {
		const vote = await createVote(t.db, fx.leaderCtx, { title: '¿Compramos el tanque?' });
		await openVote(t.db, fx.leaderCtx, vote.id, NOW);
		return vote;
	}

	it('with the rule on, a household in arrears is left out of the electorate, and says why', async () => {
		await rules(true);
		await owing();
		const vote = await openQuestion();
		const electors = await t.db
			.selectFrom('vote_elector')
			.select('member_id')
			.where('vote_id', '=', vote.id)
			.execute();
		const ids = electors.map((e) => Number(e.member_id));
		expect(ids).not.toContain(id(quispe));
		expect(ids).toEqual(expect.arrayContaining([id(rojas1), id(rojas2), id(treasurer)]));

		const page = await getVotePage(t.db, rojas1, vote.id);
		expect(page.vote.electorate_size).toBe(4);
		expect(page.excluded).toEqual({
			count: 1,
			mine: false,
			households: [{ name: quispe.member!.name, members: [quispe.member!.name] }]
		});
		expect((await getVotePage(t.db, quispe, vote.id)).excluded.mine).toBe(true);
		const refused = await rejection(castBallot(t.db, quispe, vote.id, { answer: 'yes' }));
		expect(refused.messageRef.key).toBe('error_vote_not_elector');
		// Not a suspension: Quispe stays an active member.
		expect(quispe.member!.status).toBe('active');
		const row = await t.db
			.selectFrom('member')
			.select('status')
			.where('id', '=', id(quispe))
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('active');

		await castBallot(t.db, rojas1, vote.id, { answer: 'yes' });
		await closeVote(t.db, fx.leaderCtx, vote.id, NOW + 1000);
		const decision = await t.db
			.selectFrom('decision')
			.select('entry')
			.where('vote_id', '=', vote.id)
			.executeTakeFirstOrThrow();
		const entry = JSON.parse(decision.entry) as RegisterEntry;
		expect(entry.vote?.excluded).toEqual({
			reason: 'counterpart_arrears',
			households: 1,
			members: 1
		});
		expect(entry.summary).toMatch(/1 hogar no estuvo habilitado por mora en la contraparte/);
		expect(entry.vote?.electorate).toBe(4);
	});

	it('with the rule off, the same household votes, and the entry carries no new field', async () => {
		await rules(false);
		await owing();
		const vote = await openQuestion();
		const page = await getVotePage(t.db, quispe, vote.id);
		expect(page.me.elector).toBe(true);
		expect(page.excluded.count).toBe(0);
		await castBallot(t.db, quispe, vote.id, { answer: 'no' });
		await closeVote(t.db, fx.leaderCtx, vote.id, NOW + 1000);
		const decision = await t.db
			.selectFrom('decision')
			.select('entry')
			.where('vote_id', '=', vote.id)
			.executeTakeFirstOrThrow();
		const entry = JSON.parse(decision.entry) as RegisterEntry;
		expect(entry.vote).not.toHaveProperty('excluded');
	});

	it('a suspended member stays out as suspended, not as in arrears; paying puts a household back', async () => {
		await rules(true);
		await owing();
		await setMemberStatus(t.db, fx.leaderCtx, id(quispe), 'suspended');
		const first = await openQuestion();
		expect((await getVotePage(t.db, rojas1, first.id)).excluded.count).toBe(0);
		await setMemberStatus(t.db, fx.leaderCtx, id(quispe), 'active');
		await pay(quispe, rojas1, '1.500');
		await work(own(quispe), rojas1, '4');
		const second = await openQuestion();
		const page = await getVotePage(t.db, quispe, second.id);
		expect(page.excluded.count).toBe(0);
		expect(page.me.elector).toBe(true);
	});
});
