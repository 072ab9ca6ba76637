// The demo's technical assistance (issue 14): the dairy technician the assembly hired by raised
// hands in August, his contract drawn from that decision, three months of visits that the
// families confirmed on their phones (one said «No vino»), or a leader for them in the assembly,
// two surveys of the service, the monthly reports the committee approved and the treasurer paid
// against the plan's line AT-01, and the evaluation at three months, decided in this morning's
// assembly (scripts/demo/assemblies.ts calls evaluateTechnician). Made through the domain
// functions, dated in the past where they take a `now`.
import { listMembers, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Member } from '$lib/server/db/schema';
import {
	addDeliverable,
	answerSurvey,
	answerVisit,
	approveDeliverable,
	attachSignedCopy,
	closeSurvey,
	contractHouseholds,
	createContract,
	deliverableFacts,
	logVisit,
	markDelivered,
	openSurvey,
	payDeliverable,
	recordEvaluation,
	setTechnician,
	type Household
} from '$lib/server/assistance';
import { getApprovedPlan, householdKey, listAccounts } from '$lib/server/money';
import {
	addVoteOption,
	confirmHandCount,
	createVote,
	enterHandCount,
	getVotePage,
	openVote
} from '$lib/server/voting';
import { evaluationDate } from '$lib/assistance/schedule';
import {
	COMMUNITIES,
	DAIRY_ABSTAIN,
	DAIRY_HANDS,
	DAIRY_TERNA,
	DEMO_ACCOUNTS,
	TERMS_OF_REFERENCE
} from './data';
import { dayAgo, receiptPng } from './money';
import { frozenText } from './register';
import { scoreCandidates } from './votes';

export interface AssistanceDemo {
	db: Db;
	ctxOf(username: string): Promise<AssociationContext>;
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const PRESIDENT = 'justina.mamani';
const SECRETARY = 'roxana.vargas';
const TREASURER = 'german.torrico';
export const TECHNICIAN = 'efrain.colque';
/** The household that said the technician did not come, on the second round of the second month. */
export const DENIED_BY = 'jhonny.orellana';

/** Days of the story, counted back from today. */
const HIRED = 106;
const CONTRACTED = 105;
/** The contract starts 95 days ago: its third month ends at least three days before today. */
const STARTS = 95;

/** `days` ago at `hour`:00 in Bolivia. */
function at(days: number, hour = 10): number {
	return Date.parse(`${dayAgo(days)}T${String(hour + 4).padStart(2, '0')}:00:00.000Z`);
}

/** The month a contract month (0 for the first) is planned in: the one its last day falls in. */
function contractMonth(k: number): string {
	return evaluationDate({ start: dayAgo(STARTS), months: 12 }, k + 1).slice(0, 7);
}

/** The hiring, by raised hands among the committee's terna, in the assembly of August. */
export async function hireTechnician(demo: AssistanceDemo): Promise<number> {
	const president = await demo.ctxOf(PRESIDENT);
	const secretary = await demo.ctxOf(SECRETARY);
	const version = await frozenText(
		demo,
		'terms_of_reference',
		TERMS_OF_REFERENCE,
		'TdR final',
		at(HIRED + 20)
	);
	const vote = await createVote(
		demo.db,
		president,
		{
			version,
			title: 'Contratación del técnico/a en producción lechera (12 meses)',
			description:
				'La comisión calificadora presenta la terna. Claros y Colque quedaron en empate técnico: decide la asamblea a mano alzada, por mayoría simple.',
			inRoom: true
		},
		null,
		at(HIRED + 10)
	);
	for (const c of DAIRY_TERNA)
		await addVoteOption(
			demo.db,
			president,
			vote.id,
			{ label: c.name, description: c.profile, proposal: c.proposal, fee: c.fee },
			at(HIRED + 10)
		);
	await scoreCandidates(demo, vote.id, DAIRY_TERNA);
	await openVote(demo.db, secretary, vote.id, at(HIRED, 11));
	const ids = (await getVotePage(demo.db, secretary, vote.id)).options.map((o) => String(o.id));
	const counts = Object.fromEntries([
		...ids.map((id, i) => [id, DAIRY_HANDS[i]] as const),
		['abstain', DAIRY_ABSTAIN] as const
	]);
	await enterHandCount(
		demo.db,
		secretary,
		vote.id,
		{ counts, present: 19, represented: 2 },
		at(HIRED, 11) + 40 * MINUTE
	);
	await confirmHandCount(demo.db, president, vote.id, at(HIRED, 11) + 45 * MINUTE);
	return vote.id;
}

/** The contract drawn from the decision, signed, with its schedule and the technician's account. */
export async function contractTechnician(demo: AssistanceDemo, voteId: number): Promise<number> {
	const president = await demo.ctxOf(PRESIDENT);
	const { id } = await createContract(
		demo.db,
		president,
		{
			voteId,
			fee: '',
			start: dayAgo(STARTS),
			months: '12',
			communities: [...COMMUNITIES]
		},
		at(CONTRACTED)
	);
	await attachSignedCopy(demo.db, president, id, receiptPng(7), at(CONTRACTED) + HOUR);
	const technician = (await demo.ctxOf(TECHNICIAN)).member!;
	await setTechnician(demo.db, president, id, technician.id, at(CONTRACTED) + HOUR);
	// The schedule from the terms of reference: two rounds of visits a month to every family, a
	// report each month (paid Bs 5.500 once the committee approves it), the feeding plan and the
	// health calendar.
	const add = (kind: string, title: string, k: number, amount = '') =>
		addDeliverable(
			demo.db,
			president,
			id,
			{ kind, title, month: contractMonth(k), community: '', amount },
			at(CONTRACTED) + 2 * HOUR
		);
	for (let k = 0; k < 12; k++) await add('visit', `Visitas del mes ${k + 1}: dos por familia`, k);
	await add('report', 'Plan de alimentación con forraje', 0);
	await add('report', 'Calendario sanitario', 1);
	for (let k = 0; k < 12; k++)
		await add('report', `Informe del mes ${k + 1} a la asamblea`, k, '5.500');
	return id;
}

/** What the technician did on each month's rounds, in his words on the visit form. */
const WORK = [
	'Registro de la producción de cada vaca, revisión de la alimentación y desparasitación.',
	'Siembra de alfalfa y avena: densidad y riego; ración con alfalfa para las vacas en ordeño.',
	'Ordeño limpio y prueba de mastitis en cada vaca; vacunas según el calendario sanitario.'
];

/** A household's faces on the survey: most content, the Spanish explanations understood less. */
const SURVEY_FACES = [
	{ on_time: 'yes', understood: 'some', useful: 'yes', respect: 'yes' },
	{ on_time: 'yes', understood: 'yes', useful: 'yes', respect: 'yes' },
	{ on_time: 'some', understood: 'no', useful: 'some', respect: 'yes' },
	{ on_time: 'yes', understood: 'yes', useful: 'some', respect: 'yes' }
] as const;

interface Story {
	contractId: number;
	/** Household key → the username of its member with an account, when it has one. */
	accounts: Map<string, string>;
	/** The deliverables by title. */
	deliverables: Map<string, number>;
}

async function story(demo: AssistanceDemo, contractId: number): Promise<Story> {
	const president = await demo.ctxOf(PRESIDENT);
	const members = await listMembers(demo.db, president.association.id);
	const accounts = new Map<string, string>();
	for (const account of DEMO_ACCOUNTS) {
		const member = members.find((p: Member) => p.name === account.name);
		if (member && (account.role === 'leader' || account.role === 'member'))
			accounts.set(householdKey(member), account.username);
	}
	const { rows } = await deliverableFacts(demo.db, contractId);
	return {
		contractId,
		accounts,
		deliverables: new Map(rows.map((r) => [r.title, Number(r.id)]))
	};
}

/**
 * Two rounds a month in each community; on each, one visit to the families with a phone, who
 * answer it themselves, and one to the families without, whose answer a leader records in the
 * assembly. The second round of the third month is still being answered.
 */
async function visitFamilies(demo: AssistanceDemo, s: Story): Promise<void> {
	const technician = await demo.ctxOf(TECHNICIAN);
	const secretary = await demo.ctxOf(SECRETARY);
	let photo = 40;
	for (let k = 0; k < 3; k++)
		for (let round = 0; round < 2; round++)
			for (const [c, community] of COMMUNITIES.entries()) {
				const days = STARTS - 30 * k - 5 - 14 * round - 2 * c;
				const households = await contractHouseholds(demo.db, technician.association.id, [
					community
				]);
				const groups: Household[][] = [
					households.filter((h) => s.accounts.has(h.key)),
					households.filter((h) => !s.accounts.has(h.key))
				];
				for (const [g, group] of groups.entries()) {
					if (!group.length) continue;
					const visitId = await logVisit(
						demo.db,
						technician,
						s.contractId,
						{
							date: dayAgo(days - g),
							community,
							households: group.map((h) => h.key),
							work: WORK[k],
							deliverableId: s.deliverables.get(`Visitas del mes ${k + 1}: dos por familia`)!
						},
						[receiptPng(++photo)],
						at(days - g, 17)
					);
					const last = k === 2 && round === 1;
					for (const [i, h] of group.entries()) {
						const username = s.accounts.get(h.key);
						if (username) {
							// On the last round, half the families have not answered yet.
							if (last && i % 2 === 1) continue;
							const denied = k === 1 && round === 1 && username === DENIED_BY;
							await answerVisit(
								demo.db,
								await demo.ctxOf(username),
								visitId,
								{ answer: denied ? 'denied' : 'confirmed' },
								at(days - g - 1, 19)
							);
						} else if (days - g > 42) {
							// Said aloud at the meeting of the first quarter's report, written by the secretary.
							await answerVisit(
								demo.db,
								secretary,
								visitId,
								{ answer: 'confirmed', household: h.key },
								at(42, 12)
							);
						}
					}
				}
			}
}

/** The surveys of the first two months: open a week, answered by the families with a phone. */
async function surveyFamilies(demo: AssistanceDemo, s: Story): Promise<void> {
	const president = await demo.ctxOf(PRESIDENT);
	const households = [...s.accounts.values()];
	for (const [k, days] of [
		[0, 64],
		[1, 34]
	] as const) {
		const surveyId = await openSurvey(demo.db, president, s.contractId, contractMonth(k), at(days));
		// Fourteen households answer the first, fifteen the second; a little better understood.
		const answering = households.slice(0, 14 + k);
		for (const [i, username] of answering.entries()) {
			const faces = SURVEY_FACES[(i + k) % SURVEY_FACES.length];
			const answers =
				k === 1 && faces.understood === 'no' ? { ...faces, understood: 'some' } : faces;
			await answerSurvey(
				demo.db,
				await demo.ctxOf(username),
				surveyId,
				Object.fromEntries(Object.entries(answers).map(([q, v]) => [`q_${q}`, v])),
				at(days - 1 - (i % 5), 20)
			);
		}
		await closeSurvey(demo.db, president, surveyId, at(days - 7));
	}
}

/** The committee approves what the families backed; the treasurer pays each approved report. */
async function approveAndPay(demo: AssistanceDemo, s: Story): Promise<void> {
	const president = await demo.ctxOf(PRESIDENT);
	const treasurer = await demo.ctxOf(TREASURER);
	const technician = await demo.ctxOf(TECHNICIAN);
	const plan = (await getApprovedPlan(demo.db, president.association.id))!;
	const line = plan.lines.find((l) => l.code === 'AT-01')!;
	const bank = (await listAccounts(demo.db, president.association.id)).find(
		(a) => a.kind === 'bank'
	)!;
	const id = (title: string) => s.deliverables.get(title)!;
	const deliver = (title: string, days: number) =>
		markDelivered(demo.db, technician, id(title), at(days, 18));
	const approve = (title: string, days: number) =>
		approveDeliverable(demo.db, president, id(title), at(days, 16));
	const pay = (title: string, days: number, receipt: string) =>
		payDeliverable(
			demo.db,
			treasurer,
			id(title),
			{
				accountId: bank.id,
				date: dayAgo(days),
				receiptNumber: receipt,
				lineId: line.id,
				source: 'par'
			},
			receiptPng(90 + days),
			at(days, 11)
		);
	await deliver('Plan de alimentación con forraje', 70);
	await approve('Plan de alimentación con forraje', 66);
	await deliver('Informe del mes 1 a la asamblea', 64);
	await deliver('Calendario sanitario', 50);
	await approve('Visitas del mes 1: dos por familia', 49);
	await approve('Informe del mes 1 a la asamblea', 49);
	await approve('Calendario sanitario', 49);
	// Paid after the first quarter's cut-off: the first quarter's report has no fee in it.
	await pay('Informe del mes 1 a la asamblea', 47, 'Recibo 0001');
	await deliver('Informe del mes 2 a la asamblea', 34);
	await approve('Visitas del mes 2: dos por familia', 22);
	await approve('Informe del mes 2 a la asamblea', 22);
	await pay('Informe del mes 2 a la asamblea', 18, 'Recibo 0002');
	await deliver('Informe del mes 3 a la asamblea', 4);
}

/** Hired in August, contracted, and three months of work since (before the quarter closes). */
export async function hireAndContract(demo: AssistanceDemo): Promise<number> {
	return contractTechnician(demo, await hireTechnician(demo));
}

export async function assistFamilies(demo: AssistanceDemo, contractId: number): Promise<void> {
	const s = await story(demo, contractId);
	await visitFamilies(demo, s);
	await surveyFamilies(demo, s);
	await approveAndPay(demo, s);
}

/**
 * This morning, on the assembly's point: the families without a phone say aloud whether the
 * technician came, the committee approves the third month, and the assembly decides to continue
 * with a call to explain in Quechua and to go back to the family that said he did not come.
 */
export async function evaluateTechnician(
	demo: AssistanceDemo,
	contractId: number,
	present: ReadonlySet<string>,
	when: number
): Promise<void> {
	const secretary = await demo.ctxOf(SECRETARY);
	const president = await demo.ctxOf(PRESIDENT);
	const s = await story(demo, contractId);
	const visits = await demo.db
		.selectFrom('assistance_visit_household')
		.innerJoin('assistance_visit', 'assistance_visit.id', 'assistance_visit_household.visit_id')
		.select(['visit_id', 'household_key', 'household_name'])
		.where('assistance_visit.contract_id', '=', contractId)
		.where('answer', '=', 'pending')
		.execute();
	for (const v of visits)
		if (!s.accounts.has(v.household_key) && present.has(v.household_name))
			await answerVisit(
				demo.db,
				secretary,
				Number(v.visit_id),
				{ answer: 'confirmed', household: v.household_key },
				when
			);
	await approveDeliverable(
		demo.db,
		president,
		s.deliverables.get('Visitas del mes 3: dos por familia')!,
		when + MINUTE
	);
	await approveDeliverable(
		demo.db,
		president,
		s.deliverables.get('Informe del mes 3 a la asamblea')!,
		when + MINUTE
	);
	const { rows } = await deliverableFacts(demo.db, contractId);
	const evaluationDay = evaluationDate({ start: dayAgo(STARTS), months: 12 }, 3).slice(0, 7);
	const scores = Object.fromEntries(
		rows
			.filter((r) => r.planned_month <= evaluationDay)
			.map((r) => [
				Number(r.id),
				r.kind === 'visit' ? '8' : r.title.startsWith('Informe') ? '7' : '9'
			])
	);
	await recordEvaluation(
		demo.db,
		president,
		contractId,
		3,
		{
			outcome: 'continue',
			summary:
				'La asamblea pide que el técnico explique siempre en quechua y que vuelva a la familia de Tiataco que dijo que no vino.',
			scores
		},
		when + 2 * MINUTE
	);
}
