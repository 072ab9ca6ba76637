// The demo's assemblies (issue 7): this morning's ordinary assembly, held and closed with its acta
// (attendance with a carta poder and an excuse, a hand count confirmed by a second leader, a point
// agreed by consensus, both in the register), and the next one, convened with its agenda.
// Everything goes through the assemblies' domain functions, as the secretary's phone would.
import type { AssociationContext } from '$lib/server/associations';
import { listMembers } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Member } from '$lib/server/db/schema';
import {
	addPoint,
	getPoint,
	handsInRoom,
	closeAssembly,
	confirmPointHandCount,
	conveneAssembly,
	enterPointHandCount,
	getAssembly,
	linkPointVote,
	listPoints,
	markAttendance,
	openPointVote,
	recordPointConsensus,
	saveSummary,
	startAssembly,
	type AssemblyCallInput
} from '$lib/server/assemblies';
import { getVotePage, openVote } from '$lib/server/voting';
import { DELIVERY_RULE, DEMO_ACCOUNTS, RULE_CHANGE_TITLE, STAYED_HOME } from './data';
import { evaluateTechnician } from './assistance';
import { prepareDeliveryRule, proposeQuorumChange } from './rules';

export interface AssemblyDemo {
	db: Db;
	ctxOf(username: string): Promise<AssociationContext>;
	/** The dairy technician's contract, evaluated at three months on this morning's agenda. */
	contractId: number;
}

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const PRESIDENT = 'justina.mamani';
const SECRETARY = 'roxana.vargas';

const IN_THE_ROOM = DEMO_ACCOUNTS.filter(
	(a) => (a.role === 'leader' || a.role === 'member') && !STAYED_HOME.has(a.username)
).map((a) => a.username);

/** The call for a moment in Bolivian time (UTC−4). */
function callAt(ms: number, place: string, kind = 'ordinary'): AssemblyCallInput {
	const local = new Date(ms - 4 * 60 * MINUTE).toISOString();
	return { kind, place, date: local.slice(0, 10), time: local.slice(11, 16) };
}

async function pastAssembly(demo: AssemblyDemo): Promise<void> {
	const now = Date.now();
	const secretary = await demo.ctxOf(SECRETARY);
	const president = await demo.ctxOf(PRESIDENT);
	const db = demo.db;
	// Convened a week before for 08:00, the last morning that is over by now (Bolivian time).
	const localMidnight = Math.floor((now - 4 * 60 * MINUTE) / DAY) * DAY + 4 * 60 * MINUTE;
	let firstCall = localMidnight + 8 * 60 * MINUTE;
	if (firstCall + 3 * 60 * MINUTE > now) firstCall -= DAY;
	const after = (minutes: number) => firstCall + minutes * MINUTE;
	const assembly = await conveneAssembly(
		db,
		president,
		callAt(firstCall, 'Sede de la asociación, Chillijchi'),
		firstCall - 7 * DAY
	);
	const tank = await addPoint(db, president, assembly.id, {
		kind: 'decision',
		title: 'Compra de un segundo tanque de enfriamiento para el centro de acopio',
		proposedBy: 'Froilán Condori (secretario de producción)'
	});
	const evaluation = await addPoint(db, president, assembly.id, {
		kind: 'report',
		title: 'Evaluación de los tres meses del técnico lechero',
		proposedBy: 'Comisión calificadora'
	});
	const turns = await addPoint(db, president, assembly.id, {
		kind: 'decision',
		title: 'Turnos para llevar la leche al centro de acopio',
		proposedBy: 'Sabina Flores'
	});
	// Rules changed by the assembly's own vote (scripts/demo/rules.ts), prepared before.
	const quorumVote = await proposeQuorumChange(demo, firstCall);
	const deliveryVote = await prepareDeliveryRule(demo);
	const reform = await addPoint(db, president, assembly.id, {
		kind: 'decision',
		title: RULE_CHANGE_TITLE,
		proposedBy: 'Justina Mamani Quispe (presidenta)'
	});
	const delivery = await addPoint(db, president, assembly.id, {
		kind: 'decision',
		title: DELIVERY_RULE.title,
		proposedBy: 'Roxana Vargas (secretaria de actas)'
	});

	// Attendance, checked in by the secretary as people arrived.
	const everyone = await listMembers(db, secretary.association.id);
	const byName = (name: string) => everyone.find((p) => p.name.startsWith(name))!;
	let at = firstCall - 20 * MINUTE;
	const mark = async (action: 'present' | 'proxy' | 'excused', member: Member, holder?: Member) => {
		at += MINUTE;
		await markAttendance(
			db,
			secretary,
			assembly.id,
			action,
			{ member: member.id, holder: holder?.id },
			at
		);
	};
	for (const username of IN_THE_ROOM) await mark('present', (await demo.ctxOf(username)).member!);
	const felipa = byName('Felipa Claros');
	for (const name of ['Felipa Claros', 'Simón Huanca', 'Tomás Colque'])
		await mark('present', byName(name));
	const withoutPhone = ['Felipa Claros', 'Simón Huanca', 'Tomás Colque'].map((n) => byName(n).name);
	await mark('proxy', byName('Vicenta Coca'), felipa);
	await mark('excused', byName('Bertha Zurita'));

	const quorum = await startAssembly(db, president, assembly.id, after(10));
	if (!quorum.met) throw new Error('the demo assembly has no quorum');
	const points = await listPoints(db, assembly.id);
	const summaries: [number, string][] = [
		[
			points[0].id,
			'La secretaria de actas leyó el acta de la asamblea anterior. No hubo observaciones.'
		],
		[
			points[1].id,
			'La presidenta informó sobre el avance del Plan de Alianza. El tesorero presentó el estado de cuentas: Bs 1.475 en caja y Bs 81.250 en el banco; seis familias deben la 2.ª cuota de contraparte y no están habilitadas para votar (Art. 24).'
		],
		[
			tank.id,
			'El secretario de producción explicó que el tanque actual de 2.000 litros se llena antes de las 8 de la mañana en época de lluvias. Se discutió el costo, el aporte de contraparte y el mantenimiento.'
		],
		[
			evaluation.id,
			'La comisión presentó las visitas del técnico, confirmadas por las familias, y la encuesta de los dos primeros meses. Las familias sin celular dijeron en la asamblea si el técnico vino. Una familia de Tiataco dijo que no vino a la visita del segundo mes.'
		],
		[
			turns.id,
			'Varias socias pidieron que las comunidades más lejanas entreguen primero, para que la leche no se caliente en el camino.'
		]
	];
	for (const [point, summary] of summaries)
		await saveSummary(db, secretary, assembly.id, { point, summary });
	await recordPointConsensus(
		db,
		secretary,
		assembly.id,
		{ point: points[0].id, resolution: 'Se aprueba el acta anterior sin observaciones.' },
		after(25)
	);

	// The tank, by show of hands: the secretary counts, the presidenta confirms.
	await openPointVote(db, secretary, assembly.id, { point: tank.id, method: 'hands' }, after(70));
	const room = await handsInRoom(
		db,
		await getAssembly(db, secretary, assembly.id),
		(await getPoint(db, secretary, assembly.id, tank.id)).point.vote_id!,
		after(80)
	);
	await enterPointHandCount(
		db,
		secretary,
		assembly.id,
		{ point: tank.id, counts: { yes: room.total - 3, no: 2, abstain: 1 } },
		after(80)
	);
	await confirmPointHandCount(db, president, assembly.id, { point: tank.id }, after(82));

	// The technician's three months, evaluated on its point (scripts/demo/assistance.ts).
	await evaluateTechnician(demo, demo.contractId, new Set(withoutPhone), after(90));

	await recordPointConsensus(
		db,
		secretary,
		assembly.id,
		{
			point: turns.id,
			resolution:
				'Desde el lunes, Tiataco entrega de 6:00 a 6:45, Chillijchi de 6:45 a 7:30 y Villa Rivero de 7:30 a 8:15.'
		},
		after(110)
	);
	// The rule change, by show of hands: more than two thirds, in force from the next point.
	await decideByHands(demo, assembly.id, reform.id, quorumVote, after(115), (keys, total) => ({
		[keys[0]]: total - 3,
		[keys[1]]: 2,
		[keys[2]]: 1
	}));
	// The new reglamento, Art. 3 in its original words against the amendment: the amendment wins,
	// under the rules as changed on the point before.
	await decideByHands(demo, assembly.id, delivery.id, deliveryVote, after(125), (keys, total) => ({
		[keys[0]]: 2,
		[keys[1]]: total - 3,
		[keys[2]]: 1
	}));
	await saveSummary(db, secretary, assembly.id, {
		point: points.at(-1)!.id,
		summary: 'Se recordó la feria del queso en Punata el último domingo del mes.'
	});
	await closeAssembly(db, president, assembly.id, after(140));
}

/** A prepared vote decided on a point: linked, opened, counted by the secretary, confirmed. */
async function decideByHands(
	demo: AssemblyDemo,
	assemblyId: number,
	pointId: number,
	voteId: number,
	at: number,
	counts: (keys: string[], total: number) => Record<string, number>
): Promise<void> {
	const secretary = await demo.ctxOf(SECRETARY);
	const president = await demo.ctxOf(PRESIDENT);
	const point = pointId;
	await linkPointVote(demo.db, secretary, assemblyId, { point, vote: voteId });
	await openVote(demo.db, secretary, voteId, at);
	const keys = (await getVotePage(demo.db, secretary, voteId)).room!.handCountKeys;
	const assembly = await getAssembly(demo.db, secretary, assemblyId);
	const room = await handsInRoom(demo.db, assembly, voteId, at);
	await enterPointHandCount(
		demo.db,
		secretary,
		assemblyId,
		{ point, counts: counts(keys, room.total) },
		at + 3 * MINUTE
	);
	await confirmPointHandCount(demo.db, president, assemblyId, { point }, at + 4 * MINUTE);
}

async function nextAssembly(demo: AssemblyDemo): Promise<void> {
	const president = await demo.ctxOf(PRESIDENT);
	const day = Date.now() + 12 * DAY;
	const nineAm = Math.floor((day - 4 * 60 * MINUTE) / DAY) * DAY + 13 * 60 * MINUTE;
	const assembly = await conveneAssembly(
		demo.db,
		president,
		callAt(nineAm, 'Sede de la asociación, Chillijchi')
	);
	await addPoint(demo.db, president, assembly.id, {
		kind: 'decision',
		title: 'Aprobación del Plan de Alianza con la Alcaldía',
		proposedBy: 'Comité del plan'
	});
	await addPoint(demo.db, president, assembly.id, {
		kind: 'decision',
		title: 'Contratación del capacitador/a de los talleres de calidad de leche',
		proposedBy: 'Comisión calificadora'
	});
}

export async function seedAssemblies(demo: AssemblyDemo): Promise<void> {
	await pastAssembly(demo);
	await nextAssembly(demo);
}
