// Server rendering of the result components: what a member reads, in Spanish, with accessible
// charts and no inline styles (the pages run under a strict CSP).
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import {
	tallyAlternatives,
	tallyBudget,
	tallyInstantRunoff,
	tallyMotion,
	tallySingleChoice,
	weightedScores,
	type Candidate,
	type MotionChoice,
	type VoteRules
} from '$lib/voting/methods';
import AlternativesResult from './AlternativesResult.svelte';
import BudgetResult from './BudgetResult.svelte';
import ElectionResult from './ElectionResult.svelte';
import MotionResult from './MotionResult.svelte';
import ScoreTable from './ScoreTable.svelte';

const rules: VoteRules = {
	quorum: { firstCall: 'half_plus_one' },
	threshold: 'simple',
	tieBreak: 'status_quo'
};
const fill = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);
/** Visible text, tags removed and spaces collapsed. */
const text = (html: string) =>
	html
		.replace(/<!--.*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

function expectCspSafe(html: string) {
	expect(html).not.toMatch(/\sstyle=/);
	expect(html).not.toMatch(/<script/);
}

describe('MotionResult', () => {
	it('says the outcome, the quorum line and the rule, with a labelled chart and a table', () => {
		const ballots: MotionChoice[] = [
			...fill<MotionChoice>(8, 'yes'),
			...fill<MotionChoice>(5, 'no'),
			'abstain'
		];
		const { body } = render(MotionResult, { props: { result: tallyMotion(ballots, 24, rules) } });
		const t = text(body);
		expect(t).toContain('Aprobada');
		expect(t).toContain('Hay quórum: 14 de 24, se necesitan 13.');
		expect(t).toContain('Votaron 14 de 24 personas con voto (58,3 %).');
		expect(t).toContain('Regla: mayoría simple');
		expect(t).toContain('Votos por el sí: 8; hacían falta 7.');
		expect(body).toMatch(
			/<svg[^>]*role="img"[^>]*aria-label="Gráfico de barras: Sí 8, No 5, Abstención 1"/
		);
		expect(body).toMatch(/<th scope="row"[^>]*>.*?Sí/s);
		expectCspSafe(body);
	});

	it('no quorum, and a tie decided by the rules', () => {
		const noQuorum = render(MotionResult, {
			props: { result: tallyMotion(fill<MotionChoice>(5, 'yes'), 24, rules) }
		});
		expect(text(noQuorum.body)).toContain('No hay quórum: 5 de 24, se necesitaban 13.');
		expect(text(noQuorum.body)).toContain('Sin quórum');
		const tie = render(MotionResult, {
			props: {
				result: tallyMotion(
					[...fill<MotionChoice>(7, 'yes'), ...fill<MotionChoice>(7, 'no')],
					20,
					rules
				)
			}
		});
		expect(text(tie.body)).toContain('con empate la propuesta no se aprueba');
		expect(text(tie.body)).toContain('Rechazada');
	});
});

describe('AlternativesResult', () => {
	it('names the winning wording', () => {
		const r = tallyAlternatives(
			[...fill(4, 'o'), ...fill(7, 'a')],
			[{ id: 'o', original: true }, { id: 'a' }],
			20,
			rules
		);
		const { body } = render(AlternativesResult, {
			props: {
				result: r,
				labels: { o: 'Artículo 12 vigente', a: 'Enmienda de la comunidad' },
				original: 'o'
			}
		});
		expect(text(body)).toContain('Ganó: Enmienda de la comunidad');
		expect(text(body)).toContain('(texto actual)');
		expectCspSafe(body);
	});
});

describe('BudgetResult', () => {
	const lines = [
		{ id: 'tank', title: 'Tanque de agua', cost: 70_000_00 },
		{ id: 'gym', title: 'Galpón de acopio', cost: 40_000_00 },
		{ id: 'kids', title: 'Capacitación en sanidad animal', cost: 10_000_00 },
		{ id: 'seed', title: 'Semilla mejorada', cost: 20_000_00 }
	];
	const ballots = [
		...fill(6, ['tank', 'gym']),
		['tank'],
		['seed', 'kids'],
		['seed'],
		['seed', 'kids'],
		['kids']
	];

	it('shows both rules side by side and explains the equal-shares rounds in Spanish', () => {
		const result = tallyBudget(lines, 110_000_00, ballots);
		const { body } = render(BudgetResult, { props: { result } });
		const t = text(body);
		expect(t).toContain('Por orden de aprobación');
		expect(t).toContain('Reparto en partes iguales (decide)');
		expect(t).toContain(
			'Votantes: 11. Cada uno recibe una parte igual del presupuesto, Bs 10.000,00'
		);
		expect(t).toContain(
			'Ronda 1: se compra Tanque de agua (Bs 70.000,00). Aprobaciones: 7. Pago por persona: Bs 10.000,00.'
		);
		expect(t).toContain('Financiado:');
		expect(body).toMatch(/role="img"[^>]*aria-label="Bs [\d.,]+ de Bs 110\.000,00 usados"/);
		expect(t).toContain(
			'Tanque de agua (Bs 70.000,00; aprobaciones: 7): se financia; quedan Bs 40.000,00.'
		);
		expectCspSafe(body);
	});
});

describe('ElectionResult', () => {
	const cands: Candidate[] = [
		{ id: 'ana', name: 'Ana Mamani', fee: 450000 },
		{ id: 'beto', name: 'Beto Quispe', fee: 380000 },
		{ id: 'carla', name: 'Carla Choque', fee: 420000 }
	];
	it('shows the instant-runoff rounds with transfers', () => {
		const r = tallyInstantRunoff(
			[...fill(4, ['ana']), ...fill(3, ['beto', 'carla']), ...fill(2, ['carla', 'beto'])],
			cands,
			10,
			rules
		);
		const { body } = render(ElectionResult, { props: { result: r } });
		const t = text(body);
		expect(t).toContain('Ganó: Beto Quispe');
		expect(t).toContain(
			'Sale Carla Choque, con menos votos. Sus boletas van así: a Beto Quispe: 2.'
		);
		expect(t).toContain('Gana Beto Quispe, con más de la mitad de los votos.');
		expect(t).toContain('Bs 4.500,00 al mes');
		expect(t).toContain('fuera');
		expectCspSafe(body);
	});
	it('single choice: counts and no rounds table', () => {
		const r = tallySingleChoice([...fill(5, 'ana'), ...fill(2, 'blank')], cands, 10, rules);
		const { body } = render(ElectionResult, { props: { result: r } });
		expect(text(body)).toContain('Ganó: Ana Mamani');
		expect(text(body)).toContain('En blanco');
		expect(text(body)).not.toContain('Ronda 1');
	});
});

describe('ScoreTable', () => {
	it('averages, weights as percentages, totals and places', () => {
		const result = weightedScores(
			[
				{ id: 'exp', weight: 60 },
				{ id: 'lang', weight: 40 }
			],
			[
				{ candidateId: 'ana', criterionId: 'exp', scorerId: 'x', score: 8 },
				{ candidateId: 'ana', criterionId: 'exp', scorerId: 'y', score: 7 },
				{ candidateId: 'ana', criterionId: 'lang', scorerId: 'x', score: 10 },
				{ candidateId: 'beto', criterionId: 'exp', scorerId: 'x', score: 9 }
			],
			['ana', 'beto']
		);
		const { body } = render(ScoreTable, {
			props: {
				result,
				criteria: [
					{ id: 'exp', label: 'Experiencia' },
					{ id: 'lang', label: 'Idioma local' }
				],
				candidates: [
					{ id: 'ana', name: 'Ana Mamani' },
					{ id: 'beto', name: 'Beto Quispe' }
				]
			}
		});
		const t = text(body);
		expect(t).toContain('Experiencia (60,0 %)');
		expect(t).toContain('Idioma local (40,0 %)');
		expect(t).toContain('7,5');
		// (60 × 7.5 + 40 × 10) / 100 = 8.5
		// Beto was scored on one criterion only: his 9 is shown but ranks after complete rows.
		expect(t).toMatch(/Ana Mamani 7,5 evaluadores: 2 10 evaluadores: 1 8,5 1/);
		expect(t).toMatch(/Beto Quispe 9 evaluadores: 1 sin puntaje 9 faltan criterios 2/);
		expectCspSafe(body);
	});
});
