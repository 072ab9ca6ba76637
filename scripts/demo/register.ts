// The demo register's older decisions (issue 6): what Sumaj Lichi decided over the two years before
// the demo's own votes. A rule change by two thirds in the assembly room, the veterinarian elected
// for the health campaign, the alliance profile's investment plan approved online, and the
// counterpart instalments agreed by consensus. Made through the domain functions, dated in the past
// where they take a `now`, so they come first in the register's chain, oldest first.
import type { AssociationContext } from '$lib/server/associations';
import { createUpdateStore } from '$lib/server/collab';
import type { Db } from '$lib/server/db';
import { createDraft, freezeVersion, saveVersion } from '$lib/server/drafts';
import { recordConsensus } from '$lib/server/record';
import {
	addVoteOption,
	castBallot,
	closeVote,
	confirmHandCount,
	createVote,
	enterHandCount,
	getVotePage,
	openVote
} from '$lib/server/voting';
import { HEALTH_TERMS, REFORM, VETS, type DemoDraftText } from './data';
import { firstDocument } from './drafts';

export interface RegisterDemo {
	db: Db;
	ctxOf(username: string): Promise<AssociationContext>;
	/** Households with an account, in the order they vote below. */
	voters: string[];
}

const DAY = 24 * 60 * 60 * 1000;
const PRESIDENT = 'justina.mamani';
const SECRETARY = 'roxana.vargas';

/** A moment `days` before now, at `hour`:00 in Bolivia (UTC−4); assemblies meet on the Sunday before. */
function daysAgo(days: number, hour: number, sunday = false): number {
	const local = new Date(Date.now() - days * DAY - 4 * 60 * 60 * 1000);
	const back = sunday ? local.getUTCDay() : 0;
	const day = new Date(local.getTime() - back * DAY).toISOString().slice(0, 10);
	return Date.parse(`${day}T${String(hour + 4).padStart(2, '0')}:00:00.000Z`);
}

/** Its year in Bolivia, for titles ("Plan operativo 2025"). */
function yearOf(ms: number): number {
	return new Date(ms - 4 * 60 * 60 * 1000).getUTCFullYear();
}

/** A datetime-local value in Bolivian time, as the consensus form takes it. */
function localInput(ms: number): string {
	return new Date(ms - 4 * 60 * 60 * 1000).toISOString().slice(0, 16);
}

/** A draft written, saved and frozen on `at`, as the board did before putting it to the members. */
export async function frozenText(
	demo: Pick<RegisterDemo, 'db' | 'ctxOf'>,
	kind: 'rule' | 'terms_of_reference',
	text: DemoDraftText,
	label = 'Para la asamblea',
	at = Date.now()
): Promise<{ draftId: number; number: number }> {
	const author = await demo.ctxOf(text.author);
	const draft = await createDraft(demo.db, author, { kind, title: text.title }, at);
	await createUpdateStore(demo.db).append(draft.id, firstDocument(text));
	const version = await saveVersion(demo.db, author, draft.id, { label }, at);
	await freezeVersion(demo.db, await demo.ctxOf(PRESIDENT), draft.id, version.number, at);
	return { draftId: draft.id, number: version.number };
}

/** The reform of the Reglamento Interno, by raised hands in the assembly: two thirds needed. */
async function reform(demo: RegisterDemo, at: number): Promise<void> {
	const secretary = await demo.ctxOf(SECRETARY);
	const version = await frozenText(demo, 'rule', REFORM, undefined, at - 20 * DAY);
	const vote = await createVote(
		demo.db,
		secretary,
		{
			version,
			title: '¿Aprobamos la reforma de los Arts. 8 y 14 del Reglamento Interno?',
			description:
				'Asamblea general extraordinaria. Es un cambio al reglamento: se necesitan dos tercios.',
			decisionKind: 'statute',
			inRoom: true
		},
		null,
		at - 2 * DAY
	);
	await openVote(demo.db, secretary, vote.id, at);
	await enterHandCount(
		demo.db,
		secretary,
		vote.id,
		{ counts: { yes: 17, no: 3, abstain: 2 }, present: 20, represented: 2 },
		at + 5 * 60_000
	);
	await confirmHandCount(demo.db, await demo.ctxOf(PRESIDENT), vote.id, at + 8 * 60_000);
}

/** The veterinarian for the health campaign, elected online by secret ballot among three. */
async function veterinarian(demo: RegisterDemo, at: number): Promise<void> {
	const president = await demo.ctxOf(PRESIDENT);
	const version = await frozenText(
		demo,
		'terms_of_reference',
		HEALTH_TERMS,
		undefined,
		at - 15 * DAY
	);
	const vote = await createVote(
		demo.db,
		president,
		{
			version,
			title: `Contratación del médico/a veterinario/a para la campaña de sanidad ${yearOf(at)} (6 meses)`,
			description: 'La comisión presentó una terna. Elige a una persona.',
			secret: true
		},
		null,
		at - 5 * DAY
	);
	for (const vet of VETS) await addVoteOption(demo.db, president, vote.id, vet, at - 5 * DAY);
	await openVote(demo.db, president, vote.id, at - 3 * DAY);
	const ids = (await getVotePage(demo.db, president, vote.id)).options.map((o) => o.id);
	// 9 for Camacho, 5 for Quispe, 2 for Antezana, 1 blank: 17 of the households voted.
	const picks = [0, 1, 0, 0, 2, 1, 0, 0, 1, 0, 0, 2, 1, 0, 1, 0, -1];
	for (const [i, pick] of picks.entries()) {
		await castBallot(
			demo.db,
			await demo.ctxOf(demo.voters[i]),
			vote.id,
			{ option: pick < 0 ? 'abstain' : ids[pick] },
			{},
			at - 3 * DAY + (i + 1) * 3 * 60 * 60 * 1000
		);
	}
	await closeVote(demo.db, president, vote.id, at);
}

/** The alliance profile's investment plan, approved online (public ballots) before the PAR call. */
async function allianceProfile(demo: RegisterDemo, at: number): Promise<void> {
	const president = await demo.ctxOf(PRESIDENT);
	const vote = await createVote(
		demo.db,
		president,
		{
			title:
				'¿Aprobamos el plan de inversiones del perfil de alianza con Lácteos del Valle (Bs 530.600)?',
			description:
				'Tanque de enfriamiento de 2.000 L, sala de acopio, riego por aspersión, forraje, picadoras, kits de ordeño, inseminación, botiquín y asistencia técnica. PAR Bs 368.600 (69,5 %), contraparte de la asociación Bs 147.000 (27,7 %), municipio Bs 15.000 (2,8 %). Se presenta a la convocatoria del PAR.'
		},
		null,
		at - 6 * DAY
	);
	await openVote(demo.db, president, vote.id, at - 4 * DAY);
	const answers = [
		'yes',
		'yes',
		'yes',
		'yes',
		'yes',
		'no',
		'yes',
		'yes',
		'yes',
		'abstain',
		'yes',
		'yes',
		'yes',
		'no',
		'yes',
		'yes',
		'yes',
		'yes'
	];
	for (const [i, answer] of answers.entries()) {
		await castBallot(
			demo.db,
			await demo.ctxOf(demo.voters[i]),
			vote.id,
			{ answer },
			{},
			at - 4 * DAY + (i + 1) * 4 * 60 * 60 * 1000
		);
	}
	await closeVote(demo.db, president, vote.id, at);
}

/** The counterpart instalments, agreed by consensus in the assembly; the secretary records it. */
async function instalments(demo: RegisterDemo, at: number): Promise<void> {
	await recordConsensus(
		demo.db,
		await demo.ctxOf(SECRETARY),
		{
			title: 'Aporte de contraparte de las familias: tres cuotas de Bs 1.470',
			summary:
				'La asamblea acuerda por consenso que cada familia aporta Bs 4.410 en efectivo para la contraparte de la alianza, en tres cuotas de Bs 1.470, además de unos 17 jornales para la sala de acopio y el riego.\n\nLa tesorería entrega recibo por cada cuota.',
			decisionKind: 'ordinary',
			decidedAt: localInput(at)
		},
		// Written into the register the day after the assembly, from the acta.
		{ now: at + DAY }
	);
}

/**
 * The older decisions, oldest first, over the two years before now: they must be seeded before the
 * demo's current votes close, so that they come first in the chain.
 */
export async function seedRegister(demo: RegisterDemo): Promise<void> {
	await reform(demo, daysAgo(700, 11, true));
	await veterinarian(demo, daysAgo(580, 18));
	await allianceProfile(demo, daysAgo(450, 18));
	await instalments(demo, daysAgo(300, 10, true));
}
