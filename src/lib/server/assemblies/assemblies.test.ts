import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { addMemberWithoutAccount, changeMemberRole } from '$lib/server/associations';
import type { DB } from '$lib/server/db';
import type { Member } from '$lib/server/db/schema';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { getRegisterHead } from '$lib/server/record/register';
import { pdfText } from '$lib/server/testing/pdf';
import {
	addMember,
	contextOf,
	makeAssociation,
	makeUser,
	rejection,
	type Fixture
} from '$lib/server/testing';
import {
	castBallot,
	enterHandCount,
	getVote,
	recordProxy,
	updateRegisterVisibility
} from '$lib/server/voting';
import { localDateTimeInput } from '$lib/format';
import {
	addPoint,
	assemblyQuorum,
	closePointVote,
	attachPhoto,
	closeAssembly,
	confirmPointHandCount,
	conveneAssembly,
	enterPointHandCount,
	getActa,
	getAssembly,
	getAssemblyLive,
	getAssemblyPage,
	getPhotoInfo,
	listPoints,
	markAttendance,
	movePoint,
	nextAssembly,
	openPointVote,
	recordPointConsensus,
	removePoint,
	renderActaPdf,
	startAssembly,
	updateAssemblyCall,
	type AssemblyCallInput
} from './index';

let t: TestDb;
let db: Kysely<DB>;
let fx: Fixture;
let secretary: Awaited<ReturnType<typeof addMember>>;
let people: Member[];

const HOUR = 60 * 60 * 1000;

/** The call of an assembly `hours` from now, in Bolivian time. */
function callAt(hours = 2, extra: Partial<AssemblyCallInput> = {}): AssemblyCallInput {
	const local = localDateTimeInput(Date.now() + hours * HOUR);
	return {
		kind: 'ordinary',
		place: 'Sede de Chillijchi',
		date: local.slice(0, 10),
		time: local.slice(11),
		...extra
	};
}

beforeEach(async () => {
	t = await createTestDb();
	db = t.db;
	fx = await makeAssociation(db);
	await changeMemberRole(db, fx.leaderCtx, fx.leaderCtx.member!.id, {
		role: 'leader',
		office: 'presidente'
	});
	fx.leaderCtx = await contextOf(db, fx.slug, fx.leader);
	secretary = await addMember(db, fx, 'leader', 'secretario_actas');
	people = [];
	for (const [name, ci] of [
		['Felipa Claros', '4567890 Cbba.'],
		['Genaro Vargas', '3456789 Cbba.'],
		['Hilda Choque', '5678901 Cbba.'],
		['Ismael Rocha', '6789012 Cbba.']
	])
		people.push(await addMemberWithoutAccount(db, fx.leaderCtx, { name, id_number: ci }));
});

afterEach(async () => {
	await t.close();
});

const present = (id: number) =>
	markAttendance(db, fx.leaderCtx, assemblyId, 'present', { member: id });
let assemblyId: number;

let firstCall: number;

async function convene() {
	const assembly = await conveneAssembly(db, fx.leaderCtx, callAt());
	assemblyId = assembly.id;
	firstCall = assembly.first_call_at;
	return assembly;
}

describe('convening', () => {
	it('sets the second call after the waiting time and the usual agenda', async () => {
		const assembly = await convene();
		expect(assembly.second_call_at - assembly.first_call_at).toBe(30 * 60 * 1000);
		expect(assembly.title).toMatch(/^Asamblea General Ordinaria del \d\d\/\d\d\/\d{4}$/);
		const points = await listPoints(db, assembly.id);
		expect(points.map((p) => p.kind)).toEqual(['previous_acta', 'report', 'other']);
		expect((await nextAssembly(db, fx.leaderCtx))?.id).toBe(assembly.id);
	});

	it('refuses bad input field by field, and writes nothing', async () => {
		const err = await rejection(
			conveneAssembly(db, fx.leaderCtx, {
				kind: 'annual',
				place: '',
				date: '2026-02-31',
				time: '25:00'
			})
		);
		expect(Object.keys(err.fields).sort()).toEqual(['kind', 'place', 'time']);
		// A day ahead, at fixed hours, so the test reads the same at any time of day.
		const day = callAt(30).date;
		const late = await rejection(
			conveneAssembly(
				db,
				fx.leaderCtx,
				callAt(30, { date: day, time: '09:00', secondTime: '08:30' })
			)
		);
		expect(late.fields.second_time?.key).toBe('error_assembly_second_before_first');
		// The second call comes after the first, never at the same minute.
		const first = callAt(2);
		const same = await rejection(
			conveneAssembly(db, fx.leaderCtx, { ...first, secondTime: first.time })
		);
		expect(same.fields.second_time?.key).toBe('error_assembly_second_before_first');
		expect(await db.selectFrom('assembly').selectAll().execute()).toEqual([]);
	});

	it('reads a second call earlier on the clock than a late first call as past midnight', async () => {
		const day = callAt(30).date;
		const assembly = await conveneAssembly(
			db,
			fx.leaderCtx,
			callAt(30, { date: day, time: '23:45', secondTime: '00:15' })
		);
		expect(assembly.second_call_at - assembly.first_call_at).toBe(30 * 60 * 1000);
		// Further than three hours, it is a mistake, not the next day.
		const far = await rejection(
			conveneAssembly(
				db,
				fx.leaderCtx,
				callAt(30, { date: day, time: '22:00', secondTime: '01:30' })
			)
		);
		expect(far.fields.second_time?.key).toBe('error_assembly_second_before_first');
	});

	it('the call can change until the assembly is installed', async () => {
		await convene();
		await updateAssemblyCall(
			db,
			fx.leaderCtx,
			assemblyId,
			callAt(26, { kind: 'extraordinary', place: 'Escuela de Tiataco', secondTime: '' })
		);
		const changed = await getAssembly(db, fx.leaderCtx, assemblyId);
		expect(changed).toMatchObject({ kind: 'extraordinary', place: 'Escuela de Tiataco' });
		expect(changed.title).toMatch(/^Asamblea General Extraordinaria del /);
		expect(changed.second_call_at - changed.first_call_at).toBe(30 * 60 * 1000);
		for (const p of people) await present(p.id);
		await startAssembly(db, fx.leaderCtx, assemblyId, changed.first_call_at);
		const late = await rejection(updateAssemblyCall(db, fx.leaderCtx, assemblyId, callAt()));
		expect(late.messageRef.key).toBe('error_assembly_started');
	});

	it('only leaders convene', async () => {
		const member = await addMember(db, fx, 'member');
		expect((await rejection(conveneAssembly(db, member.ctx, callAt()))).code).toBe('forbidden');
	});

	it('new points go before "varios"; points move and are removed', async () => {
		await convene();
		const point = await addPoint(db, fx.leaderCtx, assemblyId, {
			kind: 'decision',
			title: 'Compra del tanque de frío',
			proposedBy: 'Comité de compras'
		});
		let titles = (await listPoints(db, assemblyId)).map((p) => p.title);
		expect(titles.slice(2)).toEqual(['Compra del tanque de frío', 'Varios']);
		await movePoint(db, fx.leaderCtx, assemblyId, { point: point.id, direction: 'up' });
		titles = (await listPoints(db, assemblyId)).map((p) => p.title);
		expect(titles[1]).toBe('Compra del tanque de frío');
		expect((await listPoints(db, assemblyId)).map((p) => p.position)).toEqual([1, 2, 3, 4]);
		await removePoint(db, fx.leaderCtx, assemblyId, { point: point.id });
		expect((await listPoints(db, assemblyId)).length).toBe(3);
	});
});

describe('installing', () => {
	it('is refused before the first call, unless a reason is given, kept and printed', async () => {
		await convene();
		for (const p of [fx.leaderCtx.member!.id, secretary.ctx.member!.id, people[0].id, people[1].id])
			await present(p);
		const early = await rejection(startAssembly(db, fx.leaderCtx, assemblyId, firstCall - HOUR));
		expect(early.messageRef.key).toBe('error_assembly_before_call');
		expect(early.fields.early_reason.key).toBe('error_assembly_early_reason');
		expect((await getAssembly(db, fx.leaderCtx, assemblyId)).status).toBe('convened');
		await startAssembly(
			db,
			fx.leaderCtx,
			assemblyId,
			firstCall - HOUR,
			'  La lluvia: todos llegaron temprano  '
		);
		const started = await getAssembly(db, fx.leaderCtx, assemblyId);
		expect(started).toMatchObject({
			status: 'in_session',
			early_reason: 'La lluvia: todos llegaron temprano'
		});
		await closeAssembly(db, fx.leaderCtx, assemblyId);
		const acta = await getActa(db, fx.leaderCtx, assemblyId);
		expect(acta.assembly.early_reason).toBe('La lluvia: todos llegaron temprano');
		const { text } = await pdfText(await renderActaPdf(acta, 'oficio'));
		expect(text).toContain('La lluvia: todos llegaron temprano');
	});
});

describe('attendance and quorum', () => {
	it('counts present and represented live, and installs only with quorum', async () => {
		await convene();
		// 6 electors: two leaders and four members without an account; half plus one = 4.
		await present(people[0].id);
		await present(people[1].id);
		const refused = await rejection(startAssembly(db, fx.leaderCtx, assemblyId, firstCall));
		expect(refused.messageRef).toEqual({
			key: 'error_assembly_no_quorum',
			params: { total: 2, required: 4 }
		});
		await markAttendance(db, fx.leaderCtx, assemblyId, 'proxy', {
			member: people[2].id,
			holder: people[0].id
		});
		await markAttendance(db, fx.leaderCtx, assemblyId, 'excused', { member: people[3].id });
		let q = await assemblyQuorum(db, await getAssembly(db, fx.leaderCtx, assemblyId));
		expect(q).toMatchObject({
			electorate: 6,
			present: 2,
			represented: 1,
			excused: 1,
			total: 3,
			required: 4,
			met: false
		});
		await present(fx.leaderCtx.member!.id);
		q = await assemblyQuorum(db, await getAssembly(db, fx.leaderCtx, assemblyId));
		expect(q).toMatchObject({ total: 4, met: true });
		const started = await startAssembly(db, fx.leaderCtx, assemblyId, firstCall);
		expect(started.call).toBe('first');
		expect((await getAssembly(db, fx.leaderCtx, assemblyId)).status).toBe('in_session');
	});

	it('refuses proxies beyond the limit, without a present holder, and for the holder himself', async () => {
		await convene();
		const proxy = (member: number, holder: number) =>
			markAttendance(db, fx.leaderCtx, assemblyId, 'proxy', {
				member,
				holder
			});
		const notThere = await rejection(proxy(people[1].id, people[0].id));
		expect(notThere.fields.holder?.key).toBe('error_assembly_holder_not_present');
		await present(people[0].id);
		await proxy(people[1].id, people[0].id);
		const limit = await rejection(proxy(people[2].id, people[0].id));
		expect(limit.fields.holder).toEqual({ key: 'error_vote_proxy_limit', params: { max: 1 } });
		expect((await rejection(proxy(people[0].id, people[0].id))).fields.holder?.key).toBe(
			'error_vote_proxy_self'
		);
		// Undoing the holder while they carry a proxy is refused; undoing the proxy first works.
		expect(
			(
				await rejection(
					markAttendance(db, fx.leaderCtx, assemblyId, 'undo', { member: people[0].id })
				)
			).messageRef.key
		).toBe('error_assembly_holder_has_proxies');
		await markAttendance(db, fx.leaderCtx, assemblyId, 'undo', { member: people[1].id });
		await markAttendance(db, fx.leaderCtx, assemblyId, 'undo', { member: people[0].id });
		const q = await assemblyQuorum(db, await getAssembly(db, fx.leaderCtx, assemblyId));
		expect(q.total).toBe(0);
	});

	it('a member cannot mark attendance, and nobody outside the electorate is marked', async () => {
		await convene();
		const member = await addMember(db, fx, 'member');
		expect(
			(
				await rejection(
					markAttendance(db, member.ctx, assemblyId, 'present', { member: people[0].id })
				)
			).code
		).toBe('forbidden');
		const observer = await addMember(db, fx, 'observer');
		const err = await rejection(present(observer.ctx.member!.id));
		expect(err.fields.member?.key).toBe('error_assembly_not_elector');
	});
});

describe('in-room decisions, the acta', () => {
	async function inSession() {
		await convene();
		const point = await addPoint(db, fx.leaderCtx, assemblyId, {
			kind: 'decision',
			title: 'Compra del tanque de frío',
			proposedBy: 'Felipa Claros'
		});
		const water = await addPoint(db, fx.leaderCtx, assemblyId, {
			kind: 'decision',
			title: 'Turnos de riego',
			proposedBy: 'La directiva'
		});
		for (const p of [fx.leaderCtx.member!.id, secretary.ctx.member!.id, people[0].id, people[1].id])
			await present(p);
		await markAttendance(db, fx.leaderCtx, assemblyId, 'proxy', {
			member: people[2].id,
			holder: people[1].id
		});
		await startAssembly(db, fx.leaderCtx, assemblyId, firstCall);
		return { point, water };
	}

	it('a hand count must add up to those present and represented, and a second leader confirms it', async () => {
		const { point } = await inSession();
		const voteId = await openPointVote(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			method: 'hands'
		});
		const hands = (yes: number, no: number, abstain: number) => ({
			point: point.id,
			counts: { yes, no, abstain }
		});
		const wrong = await rejection(
			enterPointHandCount(db, fx.leaderCtx, assemblyId, hands(3, 1, 0))
		);
		expect(wrong.messageRef).toEqual({ key: 'error_hand_count_sum', params: { sum: 4, total: 5 } });
		// The vote's own page cannot count it with other numbers of people present.
		const around = await rejection(
			enterHandCount(db, fx.leaderCtx, voteId, {
				counts: { yes: 1, no: 0, abstain: 0 },
				present: 1,
				represented: 0
			})
		);
		expect(around.messageRef.key).toBe('error_hand_count_in_assembly');
		await enterPointHandCount(db, fx.leaderCtx, assemblyId, hands(3, 1, 1));
		const same = await rejection(
			confirmPointHandCount(db, fx.leaderCtx, assemblyId, { point: point.id })
		);
		expect(same.messageRef.key).toBe('error_hand_count_same_leader');
		await confirmPointHandCount(db, secretary.ctx, assemblyId, { point: point.id });
		const vote = await getVote(db, fx.leaderCtx, voteId);
		expect(vote.status).toBe('closed');
		expect(vote.assembly_id).toBe(assemblyId);
		const entry = await db
			.selectFrom('decision')
			.selectAll()
			.where('vote_id', '=', voteId)
			.executeTakeFirstOrThrow();
		const parsed = JSON.parse(entry.entry) as { kind: string; assembly: unknown; outcome: string };
		expect(parsed.kind).toBe('hand_count');
		expect(parsed.outcome).toBe('approved');
		expect(parsed.assembly).toEqual({
			id: assemblyId,
			title: (await getAssembly(db, fx.leaderCtx, assemblyId)).title
		});
	});

	it('a vote at an assembly installed at second call counts the second call quorum', async () => {
		// Called an hour ago: the second call (30 minutes later) has come.
		const assembly = await conveneAssembly(db, fx.leaderCtx, callAt(-1));
		assemblyId = assembly.id;
		await present(people[0].id);
		await present(people[1].id);
		const started = await startAssembly(db, fx.leaderCtx, assemblyId, firstCall);
		expect(started).toMatchObject({ call: 'second', total: 2, required: 2 });
		const point = await addPoint(db, fx.leaderCtx, assemblyId, {
			kind: 'decision',
			title: 'Cuota extraordinaria'
		});
		const voteId = await openPointVote(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			method: 'hands'
		});
		await enterPointHandCount(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			counts: { yes: 2, no: 0, abstain: 0 }
		});
		await confirmPointHandCount(db, secretary.ctx, assemblyId, { point: point.id });
		const vote = await db
			.selectFrom('vote')
			.select(['result', 'quorum_call'])
			.where('id', '=', voteId)
			.executeTakeFirstOrThrow();
		expect(vote.quorum_call).toBe('second');
		expect(JSON.parse(vote.result!)).toMatchObject({ outcome: 'approved', quorum: { met: true } });
	});

	it('consensus lands in the register; the close numbers the acta and keeps the head; the PDF says it all', async () => {
		const { point, water } = await inSession();
		await openPointVote(db, fx.leaderCtx, assemblyId, { point: point.id, method: 'hands' });
		await enterPointHandCount(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			counts: { yes: 4, no: 1, abstain: 0 }
		});
		// The assembly cannot close while its vote is open.
		expect((await rejection(closeAssembly(db, fx.leaderCtx, assemblyId))).messageRef.key).toBe(
			'error_assembly_votes_open'
		);
		await confirmPointHandCount(db, secretary.ctx, assemblyId, { point: point.id });
		const seq = await recordPointConsensus(db, fx.leaderCtx, assemblyId, {
			point: water.id,
			resolution: 'Cada familia riega dos horas por semana.'
		});
		const entry = await db
			.selectFrom('decision')
			.selectAll()
			.where('seq', '=', seq)
			.executeTakeFirstOrThrow();
		expect(entry.kind).toBe('consensus');
		expect(JSON.parse(entry.entry).assembly).toMatchObject({ id: assemblyId });
		expect(
			(
				await rejection(
					recordPointConsensus(db, fx.leaderCtx, assemblyId, {
						point: water.id,
						resolution: 'Otra vez'
					})
				)
			).messageRef.key
		).toBe('error_assembly_point_decided');

		const closed = await closeAssembly(db, fx.leaderCtx, assemblyId);
		const head = await getRegisterHead(db, closed.association_id);
		expect(closed.acta_number).toBe(1);
		expect(closed.head_hash).toBe(head.hash);
		expect(closed.head_seq).toBe(2);

		const acta = await getActa(db, fx.leaderCtx, assemblyId);
		expect(acta.number).toBe(`1/${closed.acta_year}`);
		expect(acta.signatories.map((s) => s.name)).toEqual([
			fx.leaderCtx.member!.name,
			secretary.ctx.member!.name
		]);
		const { text } = await pdfText(await renderActaPdf(acta, 'oficio'));
		expect(text).toContain(`Acta Nº 1/${closed.acta_year}`);
		expect(text).toContain('Felipa Claros');
		expect(text).toContain('4567890 Cbba.');
		expect(text).toContain('Aprobada a mano alzada. A favor: 4, en contra: 1, abstenciones: 0.');
		expect(text).toContain('Aprobado por consenso. Cada familia riega dos horas por semana.');
		expect(text.replace(/\s/g, '')).toContain(head.hash);
		expect(text).toContain('Primera convocatoria');

		// A second assembly the same year gets the next number, and reads the first one's acta.
		await convene();
		expect((await getAssemblyPage(db, fx.leaderCtx, assemblyId)).previousActa).toEqual({
			id: closed.id,
			number: `1/${closed.acta_year}`
		});
		for (const p of [fx.leaderCtx.member!.id, secretary.ctx.member!.id, people[0].id, people[1].id])
			await present(p);
		await startAssembly(db, fx.leaderCtx, assemblyId, firstCall);
		expect((await closeAssembly(db, fx.leaderCtx, assemblyId)).acta_number).toBe(2);
	});

	it('a vote on phones carries the cartas poder of the attendance: the holder casts for the absent', async () => {
		const { point } = await inSession();
		// people[1] carries people[2]'s carta poder (see inSession); people[1] has no account, so a
		// leader with an account carries one here too.
		await markAttendance(db, fx.leaderCtx, assemblyId, 'proxy', {
			member: people[3].id,
			holder: secretary.ctx.member!.id
		});
		const voteId = await openPointVote(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			method: 'phones'
		});
		const cast = await castBallot(
			db,
			secretary.ctx,
			voteId,
			{ answer: 'yes' },
			{ forMember: people[3].id }
		);
		expect(cast.channel).toBe('proxy');
		const proxies = await db
			.selectFrom('vote_proxy')
			.select(['absent_member_id', 'holder_member_id'])
			.where('vote_id', '=', voteId)
			.orderBy('absent_member_id')
			.execute();
		expect(proxies).toEqual([
			{ absent_member_id: people[2].id, holder_member_id: people[1].id },
			{ absent_member_id: people[3].id, holder_member_id: secretary.ctx.member!.id }
		]);
	});

	it('a carta poder of the room holds only while its holder is there and the absent one is not', async () => {
		const { point } = await inSession();
		await markAttendance(db, fx.leaderCtx, assemblyId, 'proxy', {
			member: people[3].id,
			holder: secretary.ctx.member!.id
		});
		const voteId = await openPointVote(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			method: 'phones'
		});
		// people[2] is represented, not in the room: they cannot carry anyone's vote.
		const notThere = await rejection(
			recordProxy(db, fx.leaderCtx, voteId, { absent: people[0].id, holder: people[2].id })
		);
		expect(notThere.fields.holder.key).toBe('error_assembly_holder_not_present');
		// people[3] arrives: they vote themselves, their carta poder no longer holds.
		await markAttendance(db, fx.leaderCtx, assemblyId, 'present', { member: people[3].id });
		const arrived = await rejection(
			castBallot(db, secretary.ctx, voteId, { answer: 'yes' }, { forMember: people[3].id })
		);
		expect(arrived.fields.absent.key).toBe('error_assembly_absent_is_present');
		const participation = await db
			.selectFrom('vote_participation')
			.select('member_id')
			.where('vote_id', '=', voteId)
			.execute();
		expect(participation).toEqual([]);
	});

	it("on phones only those present or represented vote, and the quorum is the assembly's", async () => {
		const away = await addMember(db, fx, 'member');
		const { point } = await inSession();
		const voteId = await openPointVote(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			method: 'phones'
		});
		const refused = await rejection(castBallot(db, away.ctx, voteId, { answer: 'yes' }));
		expect(refused.code).toBe('forbidden');
		expect(refused.messageRef.key).toBe('error_vote_not_present');
		await castBallot(db, fx.leaderCtx, voteId, { answer: 'yes' });
		await castBallot(db, secretary.ctx, voteId, { answer: 'yes' });
		await closePointVote(db, fx.leaderCtx, assemblyId, { point: point.id });
		const vote = await getVote(db, fx.leaderCtx, voteId);
		const result = JSON.parse(vote.result!);
		// 4 present and 1 represented of 7 electors: the assembly's quorum, though 2 cast.
		expect(result.quorum).toMatchObject({ electorate: 7, present: 5, met: true });
		expect(result.outcome).toBe('approved');
		const electors = await db
			.selectFrom('vote_elector')
			.select('member_id')
			.where('vote_id', '=', voteId)
			.execute();
		expect(electors.map((e) => e.member_id)).not.toContain(away.ctx.member!.id);
		expect(electors).toHaveLength(5);
	});

	it('the live summary shows the current point and results as they come', async () => {
		const { point } = await inSession();
		await openPointVote(db, fx.leaderCtx, assemblyId, { point: point.id, method: 'hands' });
		const before = await getAssemblyLive(db, fx.leaderCtx, assemblyId);
		expect(before.current).toMatchObject({
			title: 'Compra del tanque de frío',
			vote: { status: 'open', pending: false }
		});
		await enterPointHandCount(db, fx.leaderCtx, assemblyId, {
			point: point.id,
			counts: { yes: 5, no: 0, abstain: 0 }
		});
		await confirmPointHandCount(db, secretary.ctx, assemblyId, { point: point.id });
		const after = await getAssemblyLive(db, fx.leaderCtx, assemblyId);
		expect(after.version).not.toBe(before.version);
		expect(after.current?.result).toMatchObject({
			kind: 'vote',
			outcome: 'approved',
			counts: { yes: 5, no: 0, abstain: 0 }
		});
		expect(after.quorum).toMatchObject({ present: 4, represented: 1 });
	});
});

describe('the photo of the signed acta', () => {
	const PNG = Uint8Array.from([
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82
	]);

	it('only images, only after the close, with their SHA-256', async () => {
		await convene();
		expect((await rejection(attachPhoto(db, fx.leaderCtx, assemblyId, PNG))).messageRef.key).toBe(
			'error_assembly_not_closed'
		);
		for (const p of people) await present(p.id);
		await startAssembly(db, fx.leaderCtx, assemblyId, firstCall);
		await closeAssembly(db, fx.leaderCtx, assemblyId);
		const text = new TextEncoder().encode('<svg onload="alert(1)"></svg>');
		expect((await rejection(attachPhoto(db, fx.leaderCtx, assemblyId, text))).messageRef.key).toBe(
			'error_acta_photo_type'
		);
		expect(
			(await rejection(attachPhoto(db, fx.leaderCtx, assemblyId, new Uint8Array(9 * 1024 * 1024))))
				.messageRef.key
		).toBe('error_acta_photo_large');
		const stranger = await contextOf(db, fx.slug, await makeUser(db));
		expect((await rejection(attachPhoto(db, stranger, assemblyId, PNG))).code).toBe('forbidden');
		const info = await attachPhoto(db, fx.leaderCtx, assemblyId, PNG);
		expect(info.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
		expect((await getPhotoInfo(db, assemblyId))?.mime).toBe('image/png');
	});
});

describe('a public register', () => {
	it('lets anyone read a closed assembly’s acta, without ID numbers, and nothing before the close', async () => {
		const anyone = () => contextOf(db, fx.slug, null);
		await convene();
		for (const p of people) await present(p.id);
		expect((await rejection(getActa(db, await anyone(), assemblyId))).code).toBe('forbidden');
		await startAssembly(db, fx.leaderCtx, assemblyId, firstCall);
		expect((await rejection(getActa(db, await anyone(), assemblyId))).code).toBe('forbidden');
		await closeAssembly(db, fx.leaderCtx, assemblyId);
		const acta = await getActa(db, await anyone(), assemblyId);
		expect(acta.number).not.toBeNull();
		expect(acta.attendance.map((p) => p.name)).toEqual(
			expect.arrayContaining(people.map((p) => p.name))
		);
		expect(acta.attendance.every((p) => p.id_number === null)).toBe(true);
		expect(acta.signatories.every((p) => p.id_number === null)).toBe(true);
		// The association's members still read the ID numbers in their acta.
		const own = await getActa(db, fx.leaderCtx, assemblyId);
		expect(own.attendance.some((p) => p.id_number !== null)).toBe(true);
		await updateRegisterVisibility(db, fx.leaderCtx, false);
		expect((await rejection(getActa(db, await anyone(), assemblyId))).code).toBe('forbidden');
	});
});
