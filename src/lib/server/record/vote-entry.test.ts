import { describe, expect, it } from 'vitest';
import type { Vote, VoteOption } from '$lib/server/db/schema';
import { optionRow, voteRow } from '$lib/server/testing/rows';
import { computeResult, type ResultSource, type VoteResult } from '$lib/server/voting/results';
import { DEFAULT_RULES } from '$lib/voting/rule-set';
import { voteSummary } from './vote-entry';

// Results are built by the pure count, as closing a vote builds them; no database.
const answers = (...list: string[]): ResultSource => ({
	kind: 'ballots',
	choices: list.map((answer) => ({ answer }))
});
const picks = (...ids: (number | string)[]): ResultSource => ({
	kind: 'ballots',
	choices: ids.map((option) => ({ option }))
});

const result = (
	electorate: number,
	source: ResultSource,
	over: Partial<Vote> = {},
	options: VoteOption[] = []
): VoteResult =>
	computeResult({ vote: voteRow(over), options, rules: DEFAULT_RULES, electorate, source });

describe('voteSummary: motions', () => {
	it('an approved motion by ballots, one abstention in the singular', () => {
		const r = result(10, answers('yes', 'no', 'yes', 'abstain', 'yes', 'no', 'yes'));
		expect(voteSummary(r, {})).toBe(
			'Aprobada: 4 a favor, 2 en contra, 1 abstención. Votaron 7 de 10.'
		);
	});

	it('a rejected motion, no abstentions in the plural', () => {
		const r = result(6, answers('yes', 'no', 'no', 'no'));
		expect(voteSummary(r, {})).toBe(
			'Rechazada: 1 a favor, 3 en contra, 0 abstenciones. Votaron 4 de 6.'
		);
	});

	it('a tie under status quo reads as rejected', () => {
		const r = result(6, answers('yes', 'no', 'yes', 'no', 'abstain', 'abstain'));
		expect(voteSummary(r, {})).toBe(
			'Rechazada: 2 a favor, 2 en contra, 2 abstenciones. Votaron 6 de 6.'
		);
	});

	it('a hand count names the people present and represented, not the hands', () => {
		const r = result(12, {
			kind: 'hand_count',
			counts: { yes: 5, no: 2, abstain: 1 },
			present: 6,
			represented: 3
		});
		expect(voteSummary(r, {})).toBe(
			'Aprobada a mano alzada: 5 a favor, 2 en contra, 1 abstención, con 9 presentes de 12.'
		);
	});
});

describe('voteSummary: no quorum', () => {
	it('says how many took part, of how many, and how many were needed', () => {
		expect(voteSummary(result(10, answers('yes', 'yes', 'yes', 'yes', 'yes')), {})).toBe(
			'Sin quórum: participaron 5 de 10 y se necesitaban 6. No se decidió nada.'
		);
	});

	it('counts a hand count by attendance', () => {
		const r = result(12, { kind: 'hand_count', counts: { yes: 5 }, present: 4, represented: 1 });
		expect(voteSummary(r, {})).toBe(
			'Sin quórum: participaron 5 de 12 y se necesitaban 7. No se decidió nada.'
		);
	});

	it('is the same sentence for every kind of vote', () => {
		const candidates = [optionRow(20, 'Ana'), optionRow(21, 'Beto')];
		expect(voteSummary(result(9, picks(20), { kind: 'election' }, candidates), {})).toBe(
			'Sin quórum: participaron 1 de 9 y se necesitaban 5. No se decidió nada.'
		);
		const lines = [optionRow(30, 'Tanque', 60000)];
		const budget = result(
			9,
			{ kind: 'ballots', choices: [{ lines: [30] }] },
			{ kind: 'budget', budget: 100000 },
			lines
		);
		expect(voteSummary(budget, {})).toBe(
			'Sin quórum: participaron 1 de 9 y se necesitaban 5. No se decidió nada.'
		);
	});
});

describe('voteSummary: elections and amendments', () => {
	const candidates = [optionRow(20, 'Ana'), optionRow(21, 'Beto'), optionRow(22, 'Carla')];
	const labels = { 20: 'Ana', 21: 'Beto', 22: 'Carla' };

	it('names the winner by their label', () => {
		const r = result(8, picks(21, 20, 21, 'blank', 20, 21), { kind: 'election' }, candidates);
		expect(voteSummary(r, labels)).toBe('Se eligió: Beto. Votaron 6 de 8.');
	});

	it('falls back to the id when the winner has no label', () => {
		const r = result(2, picks(22, 22), { kind: 'election' }, candidates);
		expect(voteSummary(r, { 20: 'Ana' })).toBe('Se eligió: 22. Votaron 2 de 2.');
		expect(voteSummary(r, {})).toBe('Se eligió: 22. Votaron 2 de 2.');
	});

	it('an election where nobody got a vote', () => {
		const r = result(2, picks('blank', 'blank'), { kind: 'election' }, candidates);
		expect(voteSummary(r, labels)).toBe(
			'Sin votos: ninguna opción alcanzó lo necesario. Votaron 2 de 2.'
		);
	});

	it('the amendment chosen against the wording in force', () => {
		const options = [optionRow(10, 'Texto vigente'), optionRow(11, 'Enmienda A')];
		const r = result(5, picks(11, 10, 11, 11, 'abstain'), {}, options);
		expect(voteSummary(r, { 10: 'Texto vigente', 11: 'Enmienda A' })).toBe(
			'Se eligió: Enmienda A. Votaron 5 de 5.'
		);
	});

	it('no option chosen among amendments', () => {
		const options = [optionRow(10, 'Texto vigente'), optionRow(11, 'Enmienda A')];
		const r = result(1, picks('abstain'), {}, options);
		expect(voteSummary(r, {})).toBe(
			'Sin mayoría: ninguna opción alcanzó lo necesario. Votaron 1 de 1.'
		);
	});
});

describe('voteSummary: budgets', () => {
	const lines = [
		optionRow(30, 'Tanque', 60000),
		optionRow(31, 'Tubos', 30000),
		optionRow(32, 'Bomba', 50000)
	];
	const ballots: ResultSource = {
		kind: 'ballots',
		choices: [{ lines: [30, 31] }, { lines: [30] }, { lines: [32, 31] }, { lines: [31] }]
	};

	it('how many lines, for how much of the budget, by which rule', () => {
		const r = result(6, ballots, { kind: 'budget', budget: 100000, decides_by: 'greedy' }, lines);
		expect(voteSummary(r, {})).toBe(
			'Se financian 2 líneas por Bs 900,00 de un presupuesto de Bs 1.000,00 ' +
				'(Más votadas primero, hasta agotar el presupuesto). Votaron 4 de 6.'
		);
	});

	it('names equal shares when they decide', () => {
		const r = result(
			6,
			ballots,
			{ kind: 'budget', budget: 100000, decides_by: 'equal_shares' },
			lines
		);
		if (r.kind !== 'budget') throw new Error(r.kind);
		expect(r.budget.outcome.funded).toEqual(['31', '30']);
		expect(voteSummary(r, {})).toBe(
			'Se financian 2 líneas por Bs 900,00 de un presupuesto de Bs 1.000,00 ' +
				'(Partes iguales (Método de Partes Iguales)). Votaron 4 de 6.'
		);
	});

	it('writes the count with its plural: one line, two lines, none', () => {
		const one = result(
			1,
			{ kind: 'ballots', choices: [{ lines: [31] }] },
			{ kind: 'budget', budget: 1234567, decides_by: 'greedy' },
			lines
		);
		expect(voteSummary(one, {})).toBe(
			'Se financia 1 línea por Bs 300,00 de un presupuesto de Bs 12.345,67 ' +
				'(Más votadas primero, hasta agotar el presupuesto). Votaron 1 de 1.'
		);
		const none = result(4, ballots, { kind: 'budget', budget: 0, decides_by: 'greedy' }, lines);
		expect(voteSummary(none, {})).toBe(
			'Se financian 0 líneas por Bs 0,00 de un presupuesto de Bs 0,00 ' +
				'(Más votadas primero, hasta agotar el presupuesto). Votaron 4 de 4.'
		);
	});
});
