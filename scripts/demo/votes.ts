// The demo's votes (issue 5), from shared/reference/domain.md §6.1: an open budget vote on the
// Plan de Alianza, an open motion on a rule, the hiring of the trainer for the milk-quality
// workshops with the committee's score table, and closed votes with their results. Everything goes through the
// voting domain functions, as if the people had clicked.
import type { AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Draft, Member } from '$lib/server/db/schema';
import {
	addCriterion,
	addVoteOption,
	castBallot,
	closeVote,
	createVote,
	getScoreBoard,
	getVotePage,
	openVote,
	recordProxy,
	saveScores,
	type ScoreMark
} from '$lib/server/voting';
import {
	CANDIDATES,
	COMMITTEE,
	CRITERIA,
	TANK_RULE,
	VOTERS,
	WORKSHOP_CANDIDATES,
	WORKSHOP_TERMS
} from './data';
import { frozenText } from './register';

export interface VoteDemo {
	db: Db;
	ctxOf(username: string): Promise<AssociationContext>;
	members: Map<string, Member>;
	/** The investment plan draft and its frozen version's number. */
	plan: { draft: Draft; frozenVersion: number };
}

const DAY = 24 * 60 * 60 * 1000;

/** A datetime-local value in Bolivian time, `days` from now at `hour`:00. */
function inDays(days: number, hour: number): string {
	const ms = Date.now() + days * DAY;
	const local = new Date(ms - 4 * 60 * 60 * 1000).toISOString().slice(0, 10);
	return `${local}T${String(hour).padStart(2, '0')}:00`;
}

async function optionIds(demo: VoteDemo, voteId: number): Promise<number[]> {
	const page = await getVotePage(demo.db, await demo.ctxOf('justina.mamani'), voteId);
	return page.options.map((o) => o.id);
}

function memberId(demo: VoteDemo, username: string): string {
	return String(demo.members.get(username)!.id);
}

/**
 * The open budget vote on the plan's frozen version 2: the PAR window leaves Bs 450.000 of the
 * plan's Bs 530.600 for this round, so members choose. Secret; eight households have voted.
 */
async function budgetVote(demo: VoteDemo) {
	const president = await demo.ctxOf('justina.mamani');
	const vote = await createVote(demo.db, president, {
		version: { draftId: demo.plan.draft.id, number: demo.plan.frozenVersion },
		title: 'Plan de Alianza 2026: ¿qué inversiones entran en la primera gestión?',
		description:
			'El primer desembolso y la contraparte de esta gestión alcanzan para Bs 450.000 del plan. Marca las líneas que quieres priorizar, sin pasar del monto. Decide el Método de Partes Iguales: cada familia pesa lo mismo.',
		budget: '450.000',
		decidesBy: 'equal_shares',
		secret: true,
		closesAt: inDays(7, 18)
	});
	await openVote(demo.db, president, vote.id);
	const page = await getVotePage(demo.db, president, vote.id);
	const lines = page.options;
	// Each voter's priorities, as positions in the plan; trimmed to fit the budget.
	const wishes = [
		[0, 1, 2, 4, 6],
		[0, 2, 3, 5],
		[0, 1, 4, 7, 8],
		[1, 2, 3, 9],
		[0, 3, 4, 5, 10],
		[0, 1, 2, 3],
		[2, 4, 6, 8, 9],
		[0, 1, 5, 7]
	];
	for (const [i, wish] of wishes.entries()) {
		const chosen: number[] = [];
		let total = 0;
		for (const position of wish) {
			const line = lines[position];
			if (!line || total + (line.amount ?? 0) > 45_000_000) continue;
			total += line.amount ?? 0;
			chosen.push(line.id);
		}
		await castBallot(demo.db, await demo.ctxOf(VOTERS[i]), vote.id, { lines: chosen });
	}
	// Doña Felipa has no phone: her assisted ballot waits for the next assembly, where she is present.
}

/** The open motion on the tank fund rule: public, changeable until the close, live results. */
async function ruleMotion(demo: VoteDemo, withoutAccount: Member[]) {
	const president = await demo.ctxOf('justina.mamani');
	const version = await frozenText(demo, 'rule', TANK_RULE);
	const vote = await createVote(demo.db, president, {
		version,
		title: '¿Aprobamos el Art. 25: fondo de mantenimiento del tanque (Bs 0,05 por litro)?',
		description:
			'Es un cambio al Reglamento Interno: se necesitan dos tercios de los votos por sí o por no.',
		decisionKind: 'statute',
		changeable: true,
		liveResults: true,
		closesAt: inDays(5, 20)
	});
	await openVote(demo.db, president, vote.id);
	const answers = ['yes', 'yes', 'no', 'yes', 'yes', 'abstain', 'yes', 'no', 'yes', 'yes'];
	for (const [i, answer] of answers.entries())
		await castBallot(demo.db, await demo.ctxOf(VOTERS[i]), vote.id, { answer });
	// Vicenta Coca is travelling: Hilda Choque carries her carta poder (and has not voted yet).
	await recordProxy(demo.db, await demo.ctxOf('roxana.vargas'), vote.id, {
		absent: withoutAccount[1].id,
		holder: Number(memberId(demo, 'hilda.choque'))
	});
}

type DemoCandidate = (typeof CANDIDATES)[number];

/**
 * The committee's weighted table: the criteria, and each scorer's marks from domain.md's points,
 * out of each weight, as a 0–10 score; scorers differ a little.
 */
export async function scoreCandidates(
	demo: Pick<VoteDemo, 'db' | 'ctxOf'>,
	voteId: number,
	candidates: readonly DemoCandidate[]
): Promise<void> {
	const president = await demo.ctxOf('justina.mamani');
	for (const c of CRITERIA)
		await addCriterion(demo.db, president, voteId, { label: c.label, weight: c.weight });
	const ids = (await getVotePage(demo.db, president, voteId)).options.map((o) => o.id);
	const criteria = (await getScoreBoard(demo.db, president, voteId))!.criteria;
	for (const [k, scorer] of COMMITTEE.entries()) {
		const marks: ScoreMark[] = [];
		for (const [i, candidate] of candidates.entries())
			for (const [j, criterion] of criteria.entries()) {
				const score =
					Math.round((candidate.points[j] / CRITERIA[j].weight) * 10) + ((i + j + k) % 3) - 1;
				marks.push({
					option: ids[i],
					criterion: criterion.id,
					score: Math.max(0, Math.min(10, score))
				});
			}
		await saveScores(demo.db, await demo.ctxOf(scorer), voteId, marks);
	}
}

/**
 * Hiring who gives the six workshops on milk quality (line AT-02): four candidates, the
 * committee's weighted table, ranked ballots. (The dairy technician was hired in August:
 * scripts/demo/assistance.ts.)
 */
async function hiring(demo: VoteDemo) {
	const president = await demo.ctxOf('justina.mamani');
	const version = await frozenText(demo, 'terms_of_reference', WORKSHOP_TERMS, 'TdR final');
	const vote = await createVote(demo.db, president, {
		version,
		title: 'Contratación del capacitador/a en calidad de leche (6 talleres, 6 meses)',
		description:
			'La comisión calificadora evaluó a los cuatro postulantes. Ordena a los candidatos según tu preferencia: si nadie tiene la mayoría, se elimina al último y sus votos pasan a la siguiente preferencia.',
		ballotStyle: 'ranking',
		secret: true,
		closesAt: inDays(6, 18)
	});
	for (const c of WORKSHOP_CANDIDATES)
		await addVoteOption(demo.db, president, vote.id, {
			label: c.name,
			description: c.profile,
			proposal: c.proposal,
			fee: c.fee
		});
	await scoreCandidates(demo, vote.id, WORKSHOP_CANDIDATES);
	await openVote(demo.db, president, vote.id);
	const ids = await optionIds(demo, vote.id);
	const rankings = [
		[1, 0, 2],
		[0, 1],
		[1, 3, 0],
		[3, 1, 0],
		[1, 0],
		[0, 3, 1],
		[2, 1]
	];
	for (const [i, ranking] of rankings.entries()) {
		const ranks = Object.fromEntries(ranking.map((c, r) => [ids[c], r + 1]));
		await castBallot(demo.db, await demo.ctxOf(VOTERS[i]), vote.id, { ranks });
	}
}

/** Closed online votes: the second counterpart instalment (public) and the absence fine (secret). */
async function closedOnline(demo: VoteDemo) {
	const president = await demo.ctxOf('justina.mamani');
	const quota = await createVote(demo.db, president, {
		title: '¿Fijamos el 30 de octubre como plazo de la 2.ª cuota de contraparte (Bs 1.470)?',
		description: 'Cada familia paga su 2.ª cuota de Bs 1.470 hasta el 30 de octubre.'
	});
	await openVote(demo.db, president, quota.id);
	const quotaAnswers = ['yes', 'yes', 'yes', 'yes', 'no', 'yes', 'yes', 'yes', 'abstain', 'yes'];
	for (const [i, answer] of [...quotaAnswers, 'yes', 'yes', 'no', 'yes'].entries())
		await castBallot(demo.db, await demo.ctxOf(VOTERS[i]), quota.id, { answer });
	await closeVote(demo.db, president, quota.id);

	const fine = await createVote(demo.db, president, {
		title: '¿Bajamos la multa por inasistencia de Bs 50 a Bs 30?',
		description:
			'Sin multa en caso de enfermedad o de viaje avisado al directorio. Es una decisión ordinaria: basta la mayoría simple.',
		secret: true
	});
	await openVote(demo.db, president, fine.id);
	const fineAnswers = [
		'yes',
		'no',
		'yes',
		'yes',
		'no',
		'yes',
		'no',
		'yes',
		'yes',
		'abstain',
		'no',
		'yes',
		'yes',
		'no'
	];
	for (const [i, answer] of fineAnswers.entries())
		await castBallot(demo.db, await demo.ctxOf(VOTERS[i]), fine.id, { answer });
	await closeVote(demo.db, president, fine.id);
}

export async function seedVotes(demo: VoteDemo, withoutAccount: Member[]): Promise<void> {
	await closedOnline(demo);
	await hiring(demo);
	await ruleMotion(demo, withoutAccount);
	await budgetVote(demo);
}
