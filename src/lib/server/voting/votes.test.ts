import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addMemberWithoutAccount,
	changeMemberRole,
	listAudit,
	loadAssociationContext,
	setMemberStatus,
	updateMemberDetails,
	type AssociationContext
} from '$lib/server/associations';
import { conveneAssembly, markAttendance, startAssembly } from '$lib/server/assemblies';
import { changeDraftDocument } from '$lib/server/collab';
import { localDateTimeInput } from '$lib/format';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { countSecretBallots, openBallot } from './secrecy';
import { createDraft, freezeVersion, getDraft, saveVersion } from '$lib/server/drafts';
import {
	addMember,
	contextOf,
	makeAssociation,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { proposeAmendment } from '$lib/server/deliberation';
import {
	addAmendmentAlternative,
	addVoteOption,
	castBallot,
	closeVote,
	confirmHandCount,
	createVote,
	enterHandCount,
	getRuleSet,
	getVotePage,
	listOpenVotes,
	listVotes,
	openVote,
	recordProxy,
	runDueVotes,
	updateRegisterVisibility,
	updateSettings,
	type VoteResult,
	DEFAULT_RULES,
	type SettingsInput,
	type VoteSettingsInput
} from './index';

let t: TestDb;
let fx: Fixture;
let members: { ctx: AssociationContext }[];

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
	members = [];
	for (let i = 0; i < 4; i++) members.push(await addMember(t.db, fx, 'member'));
});
afterEach(async () => t.close());

const HOUR = 60 * 60 * 1000;

async function question(form: VoteSettingsInput = {}) {
	return createVote(t.db, fx.leaderCtx, { title: '¿Compramos el tanque de frío?', ...form });
}

async function openQuestion(form: VoteSettingsInput = {}) {
	const vote = await question(form);
	await openVote(t.db, fx.leaderCtx, vote.id);
	return vote;
}

/** Convenes an assembly an hour ahead, checks `present` in and installs it (they make the quorum). */
async function installAssembly(present: number[]): Promise<number> {
	const local = localDateTimeInput(Date.now() + HOUR);
	const assembly = await conveneAssembly(t.db, fx.leaderCtx, {
		kind: 'ordinary',
		place: 'Sede',
		date: local.slice(0, 10),
		time: local.slice(11)
	});
	for (const id of present)
		await markAttendance(t.db, fx.leaderCtx, assembly.id, 'present', { member: id });
	await startAssembly(t.db, fx.leaderCtx, assembly.id, assembly.first_call_at);
	return assembly.id;
}

async function result(voteId: number): Promise<VoteResult> {
	const row = await t.db
		.selectFrom('vote')
		.select('result')
		.where('id', '=', voteId)
		.executeTakeFirstOrThrow();
	return JSON.parse(row.result!) as VoteResult;
}

/** A frozen investment plan with three lines (Bs 60.000, 30.000 and 20.000). */
async function frozenPlan(): Promise<{ draftId: number; number: number }> {
	const draft = await createDraft(t.db, fx.leaderCtx, {
		kind: 'investment_plan',
		title: 'Plan 2027'
	});
	await changeDraftDocument(t.db, draft.id, (doc) => {
		doc.getMap('meta').set('title', 'Plan de inversión 2027');
		const items = doc.getArray<Y.Map<unknown>>('items');
		for (const [id, title, cost] of [
			['a', 'Tanque de frío', 6_000_000],
			['b', 'Semilla de alfalfa', 3_000_000],
			['c', 'Capacitación', 2_000_000]
		] as const) {
			const line = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ id, title, quantity: 1, unit_cost: cost, par: cost }))
				line.set(k, v);
			items.push([line]);
		}
	});
	const version = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Para votar' });
	await freezeVersion(t.db, fx.leaderCtx, draft.id, version.number);
	return { draftId: draft.id, number: version.number };
}

describe('rule set', () => {
	it('starts from typical statutes and only leaders change it, audited', async () => {
		const rules = await getRuleSet(t.db, fx.leaderCtx.association.id);
		expect(rules.quorumFirstCall).toBe('half_plus_one');
		expect(rules.thresholds.statute).toBe('two_thirds');
		const settings = {
			rules: {
				...DEFAULT_RULES,
				electorate: 'household',
				quorumSecondCall: 'quarter',
				secondCallWaitMinutes: 45,
				thresholds: { ...DEFAULT_RULES.thresholds, ordinary: 'absolute' },
				tieBreak: 'lot',
				proxiesPerHolder: 2,
				counterpartMinPercent: 25
			},
			registerPublic: false
		} satisfies SettingsInput;
		expect((await rejection(updateSettings(t.db, members[0].ctx, settings))).code).toBe(
			'forbidden'
		);
		const bad = await rejection(
			updateSettings(t.db, fx.leaderCtx, {
				...settings,
				rules: { ...settings.rules, counterpartMinPercent: 150 }
			})
		);
		expect(bad.fields.counterpart_min.key).toBe('error_rules_number');
		await updateSettings(t.db, fx.leaderCtx, settings);
		const saved = await getRuleSet(t.db, fx.leaderCtx.association.id);
		expect(saved).toMatchObject({ electorate: 'household', tieBreak: 'lot', proxiesPerHolder: 2 });
		// Unticked checkbox = private register.
		const ctx = await contextOf(t.db, fx.slug, fx.leader);
		expect(ctx.association.register_public).toBe(0);
		const audit = await listAudit(t.db, ctx.association.id);
		expect(audit.events.some((e) => e.action === 'rules.updated')).toBe(true);
	});

	it('each vote keeps the rules it was opened under', async () => {
		const vote = await openQuestion();
		await updateSettings(t.db, fx.leaderCtx, {
			rules: {
				...DEFAULT_RULES,
				quorumFirstCall: 'two_thirds',
				thresholds: { ...DEFAULT_RULES.thresholds, ordinary: 'two_thirds' },
				proxiesAllowed: false
			},
			registerPublic: false
		});
		const page = await getVotePage(t.db, fx.leaderCtx, vote.id);
		expect(page.vote.rules.quorumFirstCall).toBe('half_plus_one');
		expect(page.vote.rules.thresholds.ordinary).toBe('simple');
	});
});

describe('creating and opening', () => {
	it('leaders create; bad input is refused field by field', async () => {
		const err = await rejection(
			createVote(t.db, fx.leaderCtx, { title: '', closesAt: '2020-01-01T10:00' })
		);
		expect(err.fields.title.key).toBe('error_required');
		expect(err.fields.closes_at.key).toBe('error_vote_close_past');
		expect((await rejection(createVote(t.db, members[0].ctx, { title: 'x' }))).code).toBe(
			'forbidden'
		);
	});

	it('freezes the electorate on opening: active leaders and members, with or without account', async () => {
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const observer = await addMember(t.db, fx, 'observer');
		await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Doña Sin Teléfono' });
		await setMemberStatus(t.db, fx.leaderCtx, members[3].ctx.member!.id, 'suspended');
		const vote = await openQuestion();
		const page = await getVotePage(t.db, fx.leaderCtx, vote.id);
		// Leader + 3 active members + the member without an account.
		expect(page.vote.electorate_size).toBe(5);
		expect(page.room!.electors.map((e) => e.name)).toContain('Doña Sin Teléfono');
		for (const ctx of [facilitator.ctx, observer.ctx]) {
			expect((await rejection(castBallot(t.db, ctx, vote.id, { answer: 'yes' }))).code).toBe(
				'forbidden'
			);
		}
		// Someone who joins after the opening is not on the roll.
		const late = await addMember(t.db, fx, 'member');
		const err = await rejection(castBallot(t.db, late.ctx, vote.id, { answer: 'yes' }));
		expect(err.messageRef.key).toBe('error_vote_not_elector');
	});

	it('one vote per household when the rules say so', async () => {
		await updateSettings(t.db, fx.leaderCtx, {
			rules: { ...DEFAULT_RULES, electorate: 'household' },
			registerPublic: true
		});
		for (const i of [0, 1]) {
			const member = members[i].ctx.member!;
			await updateMemberDetails(t.db, fx.leaderCtx, member.id, {
				name: member.name,
				household: 'Familia Rojas'
			});
		}
		const vote = await openQuestion();
		const page = await getVotePage(t.db, fx.leaderCtx, vote.id);
		expect(page.vote.electorate_size).toBe(4);
		await castBallot(t.db, members[0].ctx, vote.id, { answer: 'yes' });
		const err = await rejection(castBallot(t.db, members[1].ctx, vote.id, { answer: 'no' }));
		expect(err.code).toBe('conflict');
	});

	it('a budget vote takes its lines and hash from a frozen plan', async () => {
		const version = await frozenPlan();
		const vote = await createVote(t.db, fx.leaderCtx, { version, budget: '80.000' });
		expect(vote.kind).toBe('budget');
		expect(vote.title).toBe('Plan de inversión 2027');
		expect(vote.content_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(vote.budget).toBe(8_000_000);
		const page = await getVotePage(t.db, fx.leaderCtx, vote.id);
		expect(page.options.map((o) => [o.label, o.amount])).toEqual([
			['Tanque de frío', 6_000_000],
			['Semilla de alfalfa', 3_000_000],
			['Capacitación', 2_000_000]
		]);
		await openVote(t.db, fx.leaderCtx, vote.id);
		// The vote binds the frozen version; the live draft goes on until a vote approves it.
		const draftId = version.draftId;
		expect((await getDraft(t.db, fx.leaderCtx, draftId))!.draft.status).toBe('drafting');
	});

	it('a version that is not frozen cannot be put to a vote', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		const v = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'borrador' });
		const err = await rejection(
			createVote(t.db, fx.leaderCtx, { version: { draftId: draft.id, number: v.number } })
		);
		expect(err.messageRef.key).toBe('error_version_not_frozen');
	});

	it('an election needs two candidates before it opens', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, {
			kind: 'terms_of_reference',
			title: 'Técnico veterinario'
		});
		const v = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'TdR' });
		await freezeVersion(t.db, fx.leaderCtx, draft.id, v.number);
		const vote = await createVote(t.db, fx.leaderCtx, {
			version: { draftId: draft.id, number: v.number },
			title: 'Contratación del técnico',
			ballotStyle: 'ranking'
		});
		expect(vote.kind).toBe('election');
		await addVoteOption(t.db, fx.leaderCtx, vote.id, { label: 'Ing. Ana', fee: '4.500' });
		expect((await rejection(openVote(t.db, fx.leaderCtx, vote.id))).messageRef.key).toBe(
			'error_vote_needs_candidates'
		);
		await addVoteOption(t.db, fx.leaderCtx, vote.id, { label: 'Dr. Luis', fee: '5.200' });
		await openVote(t.db, fx.leaderCtx, vote.id);
		const ids = (await getVotePage(t.db, fx.leaderCtx, vote.id)).options.map((o) => o.id);
		await castBallot(t.db, members[0].ctx, vote.id, { ranks: { [ids[1]]: 1, [ids[0]]: 2 } });
		const gap = await rejection(
			castBallot(t.db, members[1].ctx, vote.id, { ranks: { [ids[1]]: 2 } })
		);
		expect(gap.fields.ranking).toEqual({ key: 'error_ballot_rank_skipped', params: { n: 1 } });
		for (const i of [1, 2])
			await castBallot(t.db, members[i].ctx, vote.id, { ranks: { [ids[1]]: 1 } });
		await closeVote(t.db, fx.leaderCtx, vote.id);
		const r = await result(vote.id);
		expect(r.kind).toBe('election');
		if (r.kind === 'election') expect(r.election.winner).toBe(String(ids[1]));
	});
});

describe('amendments as alternatives', () => {
	it('an amendment from the debate goes against the wording in force, and can win', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		await changeDraftDocument(t.db, draft.id, (doc) => {
			const body = doc.getXmlFragment('body');
			const paragraph = new Y.XmlElement('paragraph');
			body.insert(0, [paragraph]);
			paragraph.insert(0, [new Y.XmlText('El socio que no asista pagará una multa de Bs 50.')]);
		});
		const amendmentId = await proposeAmendment(t.db, members[0].ctx, draft.id, {
			passage: 'una multa de Bs 50',
			proposal: 'una multa de Bs 30',
			body: 'Bs 50 es mucho para las familias de Tiataco.'
		});
		const version = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Para votar' });
		await freezeVersion(t.db, fx.leaderCtx, draft.id, version.number);
		const vote = await createVote(t.db, fx.leaderCtx, {
			version: { draftId: draft.id, number: version.number },
			title: 'Art. 21: multa por inasistencia'
		});
		expect(
			(await rejection(addAmendmentAlternative(t.db, members[1].ctx, vote.id, amendmentId))).code
		).toBe('forbidden');
		await addAmendmentAlternative(t.db, fx.leaderCtx, vote.id, amendmentId);
		expect(
			(await rejection(addAmendmentAlternative(t.db, fx.leaderCtx, vote.id, amendmentId))).code
		).toBe('conflict');
		const page = await getVotePage(t.db, fx.leaderCtx, vote.id);
		expect(page.options.map((o) => [o.details.source, o.description])).toEqual([
			['original', 'una multa de Bs 50'],
			[`amendment:${amendmentId}`, 'una multa de Bs 30']
		]);
		await openVote(t.db, fx.leaderCtx, vote.id);
		const [original, amendment] = page.options.map((o) => o.id);
		for (const [i, option] of [amendment, amendment, original].entries())
			await castBallot(t.db, members[i].ctx, vote.id, { option });
		await castBallot(t.db, members[3].ctx, vote.id, { option: 'abstain' });
		await closeVote(t.db, fx.leaderCtx, vote.id);
		const r = await result(vote.id);
		expect(r.kind === 'alternatives' && r.alternatives.winner).toBe(String(amendment));
	});
});

describe('casting', () => {
	it('one ballot per elector; the count follows the ballots; closed votes take no more', async () => {
		const vote = await openQuestion({ secret: false });
		await castBallot(t.db, members[0].ctx, vote.id, { answer: 'yes' });
		await castBallot(t.db, members[1].ctx, vote.id, { answer: 'yes' });
		await castBallot(t.db, members[2].ctx, vote.id, { answer: 'no' });
		expect(
			(await rejection(castBallot(t.db, members[0].ctx, vote.id, { answer: 'no' }))).code
		).toBe('conflict');
		const badAnswer = await rejection(
			castBallot(t.db, members[3].ctx, vote.id, { answer: 'maybe' })
		);
		expect(badAnswer.code).toBe('invalid');
		await closeVote(t.db, fx.leaderCtx, vote.id);
		const r = await result(vote.id);
		expect(r.outcome).toBe('approved');
		if (r.kind === 'motion') expect(r.motion.counts).toEqual({ yes: 2, no: 1, abstain: 0 });
		expect(
			(await rejection(castBallot(t.db, members[3].ctx, vote.id, { answer: 'no' }))).code
		).toBe('closed');
	});

	it('the close is enforced at casting even before the scheduler runs', async () => {
		const vote = await openQuestion({});
		await t.db
			.updateTable('vote')
			.set({ closes_at: Date.now() - 1 })
			.where('id', '=', vote.id)
			.execute();
		expect(
			(await rejection(castBallot(t.db, members[0].ctx, vote.id, { answer: 'yes' }))).code
		).toBe('closed');
	});

	it('100 parallel duplicate casts leave exactly one ballot', async () => {
		const vote = await openQuestion();
		const results = await Promise.allSettled(
			Array.from({ length: 100 }, (_, i) =>
				castBallot(t.db, members[0].ctx, vote.id, { answer: i % 2 ? 'yes' : 'no' })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		// (sealed while the vote is open: secrecy.ts)
		expect(await countSecretBallots(t.db, vote.id)).toBe(1);
	});

	it('casts racing the close: none lands after it', async () => {
		const vote = await openQuestion();
		const everyone = [fx.leaderCtx, ...members.map((x) => x.ctx)];
		const racing = everyone.map((ctx, i) =>
			i === 2
				? closeVote(t.db, fx.leaderCtx, vote.id).then(() => 'closed')
				: castBallot(t.db, ctx, vote.id, { answer: 'yes' }).then(() => 'cast')
		);
		const outcomes = await Promise.allSettled(racing);
		const r = await result(vote.id);
		const counted = r.cast;
		const ballots = await t.db
			.selectFrom('vote_ballot')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('vote_id', '=', vote.id)
			.executeTakeFirstOrThrow();
		// Whatever got in before the close is exactly what was counted.
		expect(Number(ballots.n)).toBe(counted);
		const refused = outcomes.filter((o) => o.status === 'rejected').length;
		expect(counted + refused).toBe(everyone.length - 1);
	});

	it('a public ballot may be changed until the close when the vote allows it', async () => {
		const vote = await openQuestion({ secret: false, changeable: true, liveResults: true });
		await castBallot(t.db, members[0].ctx, vote.id, { answer: 'no' });
		const changed = await castBallot(t.db, members[0].ctx, vote.id, { answer: 'yes' });
		expect(changed.changed).toBe(true);
		const page = await getVotePage(t.db, members[1].ctx, vote.id);
		expect(page.result?.kind === 'motion' && page.result.motion.counts.yes).toBe(1);
		expect(page.result?.cast).toBe(1);
	});
});

describe('secret ballots', () => {
	it('store no link from what was voted to who voted; results only after the close', async () => {
		const vote = await openQuestion({ secret: true, liveResults: true });
		const receipts: string[] = [];
		for (const [i, answer] of ['yes', 'no', 'yes'].entries()) {
			const cast = await castBallot(t.db, members[i].ctx, vote.id, { answer });
			expect(cast.receipt).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
			receipts.push(cast.receipt!);
		}
		// Secret ballots are final.
		expect(
			(await rejection(castBallot(t.db, members[0].ctx, vote.id, { answer: 'no' }))).code
		).toBe('conflict');
		// Before the close nobody sees a result, not even leaders, live_results notwithstanding.
		for (const ctx of [fx.leaderCtx, members[0].ctx]) {
			const page = await getVotePage(t.db, ctx, vote.id);
			expect(page.result).toBeNull();
			expect(page.receipts).toBeNull();
			expect(page.me.ballot).toBeNull();
			expect(JSON.stringify(page)).not.toContain('answer');
		}
		// The ballot table has no member, no time and no rowid that follows casting.
		const postgres = t.url.startsWith('postgres');
		const columns = postgres
			? await sql<{ name: string }>`select column_name as name from information_schema.columns
				where table_name = 'vote_ballot' and table_schema = current_schema()`.execute(t.db)
			: await sql<{ name: string }>`select name from pragma_table_info('vote_ballot')`.execute(
					t.db
				);
		expect(columns.rows.map((c) => c.name).sort()).toEqual(
			['choice', 'elector_key', 'id', 'receipt', 'vote_id'].sort()
		);
		const rows = await t.db
			.selectFrom('vote_ballot')
			.selectAll()
			.where('vote_id', '=', vote.id)
			.execute();
		expect(rows.every((r) => r.elector_key === null)).toBe(true);
		// On SQLite even the storage order is that of the random ids, not the order of casting
		// (WITHOUT ROWID). PostgreSQL's heap keeps insertion order: a known limit there.
		if (!postgres) {
			await expect(sql`select rowid from vote_ballot`.execute(t.db)).rejects.toThrow();
			const stored = await sql<{ id: string }>`select id from vote_ballot`.execute(t.db);
			expect(stored.rows.map((r) => r.id)).toEqual(stored.rows.map((r) => r.id).sort());
		}

		await closeVote(t.db, fx.leaderCtx, vote.id);
		const page = await getVotePage(t.db, members[3].ctx, vote.id);
		expect(page.result?.kind === 'motion' && page.result.motion.counts).toEqual({
			yes: 2,
			no: 1,
			abstain: 0
		});
		expect(page.receipts).toEqual([...receipts].sort());
	});
});

describe('in the assembly room', () => {
	it('a proxy holder casts for an absent member, within the limit, recorded as such', async () => {
		const vote = await openQuestion({ secret: false });
		const [holder, absent, other] = members.map((x) => x.ctx.member!.id);
		const form = { absent, holder };
		expect((await rejection(recordProxy(t.db, members[0].ctx, vote.id, form))).code).toBe(
			'forbidden'
		);
		await recordProxy(t.db, fx.leaderCtx, vote.id, form);
		const limit = await rejection(
			recordProxy(t.db, fx.leaderCtx, vote.id, { absent: other, holder: holder })
		);
		expect(limit.messageRef.key).toBe('error_vote_proxy_limit');
		// Only the holder may use it.
		const stranger = await rejection(
			castBallot(t.db, members[2].ctx, vote.id, { answer: 'yes' }, { forMember: absent })
		);
		expect(stranger.code).toBe('forbidden');
		const cast = await castBallot(
			t.db,
			members[0].ctx,
			vote.id,
			{ answer: 'yes' },
			{ forMember: absent }
		);
		expect(cast.channel).toBe('proxy');
		await castBallot(t.db, members[0].ctx, vote.id, { answer: 'no' });
		const rows = await t.db
			.selectFrom('vote_participation')
			.select(['member_id', 'channel', 'holder_member_id'])
			.where('vote_id', '=', vote.id)
			.orderBy('member_id')
			.execute();
		expect(rows).toEqual(
			[
				{ member_id: holder, channel: 'online', holder_member_id: null },
				{ member_id: absent, channel: 'proxy', holder_member_id: holder }
			].sort((a, b) => a.member_id - b.member_id)
		);
	});

	it('a leader casts an assisted ballot for a member without a phone, before a witness', async () => {
		const vote = await openQuestion({ secret: true });
		const person = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Don Celestino' });
		// The member joined the roll only if added before the vote opened.
		const vote2 = await openQuestion({ secret: true });
		// Nobody is in a room yet: no assembly is installed.
		const outside = await rejection(
			castBallot(
				t.db,
				fx.leaderCtx,
				vote2.id,
				{ answer: 'yes' },
				{ forMember: person.id, witness: members[1].ctx.member!.id }
			)
		);
		expect(outside.messageRef.key).toBe('error_vote_assisted_not_present');
		await installAssembly([
			fx.leaderCtx.member!.id,
			person.id,
			members[1].ctx.member!.id,
			members[2].ctx.member!.id
		]);
		const noWitness = await rejection(
			castBallot(t.db, fx.leaderCtx, vote2.id, { answer: 'yes' }, { forMember: person.id })
		);
		expect(noWitness.fields.witness.key).toBe('error_vote_witness');
		const cast = await castBallot(
			t.db,
			fx.leaderCtx,
			vote2.id,
			{ answer: 'yes' },
			{ forMember: person.id, witness: members[1].ctx.member!.id }
		);
		expect(cast.channel).toBe('assisted');
		expect(cast.receipt).not.toBeNull();
		// An ordinary member cannot cast for someone else.
		const err = await rejection(
			castBallot(
				t.db,
				members[0].ctx,
				vote.id,
				{ answer: 'yes' },
				{ forMember: members[2].ctx.member!.id, witness: members[1].ctx.member!.id }
			)
		);
		expect(err.code).toBe('forbidden');
	});

	it('an assisted ballot needs the member and a witness with a vote, both in the room', async () => {
		const felipa = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Felipa Claros' });
		const tomas = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Tomás Colque' });
		const observer = await addMember(t.db, fx, 'observer');
		const vote = await openQuestion({ secret: true });
		const [ana, berta, , dora] = members.map((x) => x.ctx.member!.id);
		await installAssembly([fx.leaderCtx.member!.id, felipa.id, ana, berta]);
		const assisted = (forMember: number, witness: number) =>
			castBallot(
				t.db,
				fx.leaderCtx,
				vote.id,
				{ answer: 'yes' },
				{ forMember: forMember, witness: witness }
			);
		// Tomás did not come: nobody marks a ballot in his name.
		expect((await rejection(assisted(tomas.id, ana))).messageRef.key).toBe(
			'error_vote_assisted_not_present'
		);
		// The witness: not the observer, not someone absent, not the leader, not Felipa herself.
		for (const witness of [observer.ctx.member!.id, dora, fx.leaderCtx.member!.id, felipa.id])
			expect((await rejection(assisted(felipa.id, witness))).fields.witness.key).toBe(
				'error_vote_witness'
			);
		// Suspended after the vote opened: her own cast and anyone's cast for her are refused.
		await setMemberStatus(t.db, fx.leaderCtx, berta, 'suspended');
		const bertaCtx = (await loadAssociationContext(t.db, fx.slug, members[1].ctx.user))!;
		expect((await rejection(castBallot(t.db, bertaCtx, vote.id, { answer: 'no' }))).code).toBe(
			'forbidden'
		);
		expect((await rejection(assisted(berta, ana))).messageRef.key).toBe(
			'error_vote_member_not_active'
		);
		// And she cannot witness either.
		expect((await rejection(assisted(felipa.id, berta))).fields.witness.key).toBe(
			'error_vote_witness'
		);
		// Nobody casts for someone who is not on the roll (added after the vote opened).
		const late = await addMemberWithoutAccount(t.db, fx.leaderCtx, { name: 'Llegó Tarde' });
		expect((await rejection(assisted(late.id, ana))).messageRef.key).toBe(
			'error_vote_not_elector_other'
		);
		expect((await assisted(felipa.id, ana)).channel).toBe('assisted');
		const participation = await t.db
			.selectFrom('vote_participation')
			.select(['member_id', 'witness_member_id'])
			.where('vote_id', '=', vote.id)
			.execute();
		expect(participation).toEqual([{ member_id: felipa.id, witness_member_id: ana }]);
	});

	it('a carta poder is not recorded nor used for a member who no longer votes', async () => {
		const vote = await openQuestion({ secret: false });
		const [holder, absent, other] = members.map((x) => x.ctx.member!.id);
		await recordProxy(t.db, fx.leaderCtx, vote.id, { absent: absent, holder: holder });
		await setMemberStatus(t.db, fx.leaderCtx, absent, 'suspended');
		await setMemberStatus(t.db, fx.leaderCtx, other, 'suspended');
		const cast = await rejection(
			castBallot(t.db, members[0].ctx, vote.id, { answer: 'yes' }, { forMember: absent })
		);
		expect(cast.messageRef.key).toBe('error_vote_member_not_active');
		const recorded = await rejection(
			recordProxy(t.db, fx.leaderCtx, vote.id, { absent: other, holder: members[3].ctx.member!.id })
		);
		expect(recorded.fields.absent.key).toBe('error_vote_member_not_active');
		const byHolder = await rejection(
			recordProxy(t.db, fx.leaderCtx, vote.id, { absent: members[3].ctx.member!.id, holder: other })
		);
		expect(byHolder.fields.holder.key).toBe('error_vote_member_not_active');
	});

	it('a hand count must add up and be confirmed by a second leader', async () => {
		const second = await addMember(t.db, fx, 'leader', 'secretario_actas');
		await changeMemberRole(t.db, fx.leaderCtx, second.ctx.member!.id, {
			role: 'leader',
			office: 'secretario_actas'
		});
		const secondCtx = await contextOf(t.db, fx.slug, second.user);
		const vote = await openQuestion({ inRoom: true });
		// Electorate: leader, 4 members, second leader = 6.
		const notAdding = await rejection(
			enterHandCount(t.db, fx.leaderCtx, vote.id, {
				counts: { yes: 3, no: 1, abstain: 0 },
				present: 5,
				represented: 0
			})
		);
		expect(notAdding.messageRef).toEqual({
			key: 'error_hand_count_sum',
			params: { sum: 4, total: 5 }
		});
		const tooMany = await rejection(
			enterHandCount(t.db, fx.leaderCtx, vote.id, {
				counts: { yes: 7, no: 0, abstain: 0 },
				present: 6,
				represented: 1
			})
		);
		expect(tooMany.fields.present.key).toBe('error_hand_count_electorate');
		await enterHandCount(t.db, fx.leaderCtx, vote.id, {
			counts: { yes: 3, no: 1, abstain: 1 },
			present: 5,
			represented: 0
		});
		expect((await rejection(confirmHandCount(t.db, fx.leaderCtx, vote.id))).messageRef.key).toBe(
			'error_hand_count_same_leader'
		);
		expect(
			(await rejection(castBallot(t.db, members[0].ctx, vote.id, { answer: 'yes' }))).code
		).toBe('conflict');
		await confirmHandCount(t.db, secondCtx, vote.id);
		const r = await result(vote.id);
		expect(r.source).toBe('hand_count');
		expect(r.outcome).toBe('approved');
		expect(r.quorum).toMatchObject({ present: 5, required: 4, met: true });
	});
});

describe('a public register', () => {
	it('lets anyone read a closed vote and its result, never one still open, nor when it is private', async () => {
		const vote = await openQuestion();
		const anyone = () => contextOf(t.db, fx.slug, null);
		expect((await rejection(getVotePage(t.db, await anyone(), vote.id))).code).toBe('forbidden');
		for (const member of members) await castBallot(t.db, member.ctx, vote.id, { answer: 'yes' });
		await closeVote(t.db, fx.leaderCtx, vote.id);
		const page = await getVotePage(t.db, await anyone(), vote.id);
		expect(page.vote.status).toBe('closed');
		expect(page.result).toMatchObject({ outcome: 'approved' });
		expect(page.participation).toBe(4);
		expect(page).toMatchObject({
			manage: false,
			room: null,
			me: { elector: false, canCast: false }
		});
		await updateRegisterVisibility(t.db, fx.leaderCtx, false);
		expect((await rejection(getVotePage(t.db, await anyone(), vote.id))).code).toBe('forbidden');
	});
});

describe('listing', () => {
	it('lists one status at a time, newest first, a page at a time', async () => {
		const opened = [];
		for (let i = 0; i < 3; i++) opened.push((await openQuestion()).id);
		const preparing = (await question()).id;
		const ctx = members[0].ctx;
		const open = await listVotes(t.db, ctx, { status: ['open'] });
		expect(open.map((v) => v.id)).toEqual([...opened].reverse());
		expect(open[0]).toMatchObject({ status: 'open', can_vote: true, voted: false });
		const first = await listVotes(t.db, ctx, { status: ['open'], limit: 2 });
		expect(first.map((v) => v.id)).toEqual([opened[2], opened[1]]);
		const next = await listVotes(t.db, ctx, { status: ['open'], before: first[1].id, limit: 2 });
		expect(next.map((v) => v.id)).toEqual([opened[0]]);
		expect((await listVotes(t.db, ctx, { status: ['preparing'] })).map((v) => v.id)).toEqual([
			preparing
		]);
		expect((await listOpenVotes(t.db, ctx)).map((v) => v.id)).toEqual([...opened].reverse());
	});
});

describe('scheduler', () => {
	it('opens votes at their time and closes them at theirs, with the scheduled close time', async () => {
		const now = Date.now();
		const vote = await question({});
		await t.db
			.updateTable('vote')
			.set({ opens_at: now - 1000, closes_at: now + HOUR })
			.where('id', '=', vote.id)
			.execute();
		expect(await runDueVotes(t.db, now)).toEqual({ opened: 1, closed: 0 });
		await castBallot(t.db, members[0].ctx, vote.id, { answer: 'yes' });
		expect(await runDueVotes(t.db, now + HOUR + 5000)).toEqual({ opened: 0, closed: 1 });
		const row = await t.db
			.selectFrom('vote')
			.selectAll()
			.where('id', '=', vote.id)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('closed');
		expect(row.closed_at).toBe(now + HOUR);
		const list = await listVotes(t.db, members[0].ctx);
		expect(list[0]).toMatchObject({ status: 'closed', voted: true, can_vote: false });
	});
});

describe('budget votes', () => {
	it('refuse a ballot over the budget and fund lines within it', async () => {
		const version = await frozenPlan();
		const vote = await createVote(t.db, fx.leaderCtx, { version, budget: '80.000', secret: false });
		await openVote(t.db, fx.leaderCtx, vote.id);
		const [a, b, c] = (await getVotePage(t.db, fx.leaderCtx, vote.id)).options.map((o) => o.id);
		const over = await rejection(castBallot(t.db, members[0].ctx, vote.id, { lines: [a, b] }));
		expect(over.messageRef).toEqual({
			key: 'error_ballot_over_budget',
			params: { over: 'Bs 10.000,00', total: 'Bs 90.000,00' }
		});
		await castBallot(t.db, members[0].ctx, vote.id, { lines: [a, c] });
		await castBallot(t.db, members[1].ctx, vote.id, { lines: [a] });
		await castBallot(t.db, members[2].ctx, vote.id, { lines: [b, c] });
		await closeVote(t.db, fx.leaderCtx, vote.id);
		const r = await result(vote.id);
		expect(r.kind).toBe('budget');
		if (r.kind !== 'budget') return;
		expect(r.budget.outcome.total).toBeLessThanOrEqual(8_000_000);
		expect(r.budget.greedy.funded).toEqual([String(a), String(c)]);
		expect(r.quorum.met).toBe(true);
		const draftId = version.draftId;
		expect((await getDraft(t.db, fx.leaderCtx, draftId))!.draft.status).toBe('decided');
	});
});

describe('blank ballots', () => {
	it('a budget ballot with no line ticked is refused unless blank is chosen and confirmed', async () => {
		const version = await frozenPlan();
		const vote = await createVote(t.db, fx.leaderCtx, { version, budget: '80.000', secret: true });
		await openVote(t.db, fx.leaderCtx, vote.id);
		const empty = await rejection(castBallot(t.db, members[0].ctx, vote.id, {}));
		expect(empty.fields.lines.key).toBe('error_ballot_empty_lines');
		const unconfirmed = await rejection(
			castBallot(t.db, members[0].ctx, vote.id, { blank: { confirmed: false } })
		);
		expect(unconfirmed.fields.blank_confirm.key).toBe('error_ballot_blank_confirm');
		const page = await getVotePage(t.db, members[0].ctx, vote.id);
		expect(page.participation).toBe(0);
		const cast = await castBallot(t.db, members[0].ctx, vote.id, {
			lines: [page.options[0].id],
			blank: { confirmed: true }
		});
		expect(cast.receipt).toBeTruthy();
		// A secret ballot stays sealed until the close (secrecy.ts): opened here with the key.
		const ballots = await t.db
			.selectFrom('vote_sealed_ballot')
			.select(['id', 'sealed'])
			.where('vote_id', '=', vote.id)
			.execute();
		expect(ballots.map((b) => JSON.parse(openBallot(vote.id, b.id, b.sealed).choice))).toEqual([
			{ lines: [] }
		]);
	});

	it('a ranked or approval ballot with nothing chosen is refused; single choices must choose', async () => {
		const draft = await createDraft(t.db, fx.leaderCtx, {
			kind: 'terms_of_reference',
			title: 'Técnico veterinario'
		});
		const v = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'TdR' });
		await freezeVersion(t.db, fx.leaderCtx, draft.id, v.number);
		const votes = [];
		for (const style of ['ranking', 'approval', 'single']) {
			const vote = await createVote(t.db, fx.leaderCtx, {
				version: { draftId: draft.id, number: v.number },
				title: `Contratación (${style})`,
				ballotStyle: style,
				secret: true
			});
			for (const label of ['Ing. Ana', 'Dr. Luis', 'Lic. Rosa'])
				await addVoteOption(t.db, fx.leaderCtx, vote.id, { label });
			await openVote(t.db, fx.leaderCtx, vote.id);
			votes.push(vote.id);
		}
		const [ranked, approval, single] = votes;
		const ids = (await getVotePage(t.db, fx.leaderCtx, ranked)).options.map((o) => o.id);
		const who = members[0].ctx;
		expect((await rejection(castBallot(t.db, who, ranked, {}))).fields.ranking.key).toBe(
			'error_ballot_empty_ranking'
		);
		const twice = await rejection(
			castBallot(t.db, who, ranked, { ranks: { [ids[0]]: 1, [ids[1]]: 1 } })
		);
		expect(twice.fields.ranking).toEqual({ key: 'error_ballot_rank_repeated', params: { n: 1 } });
		const skip = await rejection(
			castBallot(t.db, who, ranked, { ranks: { [ids[0]]: 1, [ids[1]]: 3 } })
		);
		expect(skip.fields.ranking).toEqual({ key: 'error_ballot_rank_skipped', params: { n: 2 } });
		expect((await rejection(castBallot(t.db, who, approval, {}))).fields.options.key).toBe(
			'error_ballot_empty_approval'
		);
		expect((await rejection(castBallot(t.db, who, single, {}))).fields.option.key).toBe(
			'error_ballot_choose'
		);
		const motion = await openQuestion();
		expect((await rejection(castBallot(t.db, who, motion.id, {}))).fields.answer.key).toBe(
			'error_ballot_choose'
		);
		await castBallot(t.db, who, ranked, { blank: { confirmed: true } });
		await castBallot(t.db, who, approval, { blank: { confirmed: true } });
		const participations = await t.db
			.selectFrom('vote_participation')
			.select('vote_id')
			.where('member_id', '=', who.member!.id)
			.execute();
		expect(participations.map((p) => p.vote_id).sort()).toEqual([ranked, approval].sort());
	});
});

describe('amounts', () => {
	it('a vote budget or a fee out of bounds is refused with the limit, never rounded', async () => {
		const version = await frozenPlan();
		for (const budget of ['99999999999999999', '12345678901234567890123']) {
			const err = await rejection(createVote(t.db, fx.leaderCtx, { version, budget }));
			expect(err.fields.budget).toEqual({
				key: 'error_amount_too_large',
				params: { max: 'Bs 100.000.000,00' }
			});
		}
		const negative = await rejection(
			createVote(t.db, fx.leaderCtx, { version, budget: '-80.000' })
		);
		expect(negative.fields.budget.key).toBe('error_amount_negative');
		const votes = await t.db.selectFrom('vote').select('id').execute();
		expect(votes).toHaveLength(0);
	});
});
