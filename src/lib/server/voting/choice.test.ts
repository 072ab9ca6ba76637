import { describe, expect, it } from 'vitest';
import type { Vote, VoteOption } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { optionRow } from '$lib/server/testing/rows';
import { parseChoice } from './choice';

type Kind = Pick<Vote, 'kind' | 'ballot_style' | 'budget'>;
const motion: Kind = { kind: 'motion', ballot_style: null, budget: null };
const single: Kind = { kind: 'election', ballot_style: 'single', budget: null };
const approval: Kind = { kind: 'election', ballot_style: 'approval', budget: null };
const ranking: Kind = { kind: 'election', ballot_style: 'ranking', budget: null };
const budget: Kind = { kind: 'budget', ballot_style: null, budget: 100_000 };

function options(...amounts: (number | null)[]): VoteOption[] {
	return amounts.map((amount, i) =>
		optionRow(10 + i, `Opción ${i + 1}`, amount, { vote_id: 1, position: i + 1 })
	);
}

/** The field and message key a refused ballot names. */
function refusal(run: () => unknown): { field: string; key: string } {
	try {
		run();
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		const [field, message] = Object.entries(err.fields)[0] ?? ['', err.messageRef];
		return { field, key: message.key };
	}
	throw new Error('the ballot was accepted');
}

describe('parseChoice', () => {
	it('takes a plain question’s answer and nothing else', () => {
		expect(parseChoice(motion, [], { answer: 'no' })).toEqual({ answer: 'no' });
		expect(refusal(() => parseChoice(motion, [], { answer: 'maybe' }))).toEqual({
			field: 'answer',
			key: 'error_ballot_choose'
		});
		expect(refusal(() => parseChoice(motion, [], {})).key).toBe('error_ballot_choose');
	});

	it('takes one option of this vote, or abstaining', () => {
		const three = options(null, null, null);
		expect(parseChoice(single, three, { option: 11 })).toEqual({ option: 11 });
		expect(parseChoice(single, three, { option: 'abstain' })).toEqual({ option: 'abstain' });
		expect(refusal(() => parseChoice(single, three, { option: 99 })).key).toBe(
			'error_ballot_choose'
		);
		expect(refusal(() => parseChoice(single, three, { option: 0 })).key).toBe(
			'error_ballot_choose'
		);
	});

	it('keeps only this vote’s options on an approval ballot, once each, and refuses it empty', () => {
		const three = options(null, null, null);
		expect(parseChoice(approval, three, { options: [12, 10, 12, 77] })).toEqual({
			options: [10, 12]
		});
		expect(refusal(() => parseChoice(approval, three, { options: [77] })).key).toBe(
			'error_ballot_empty_approval'
		);
	});

	it('asks for ranks 1..k, each once, without gaps', () => {
		const three = options(null, null, null);
		expect(parseChoice(ranking, three, { ranks: { 12: 1, 10: 2 } })).toEqual({
			ranking: [12, 10]
		});
		expect(refusal(() => parseChoice(ranking, three, { ranks: { 10: 1, 11: 1 } })).key).toBe(
			'error_ballot_rank_repeated'
		);
		expect(refusal(() => parseChoice(ranking, three, { ranks: { 10: 1, 11: 3 } })).key).toBe(
			'error_ballot_rank_skipped'
		);
		expect(refusal(() => parseChoice(ranking, three, { ranks: { 10: 4 } })).key).toBe(
			'error_ballot_ranking'
		);
		expect(refusal(() => parseChoice(ranking, three, { ranks: { 10: 0 } })).key).toBe(
			'error_ballot_ranking'
		);
		expect(refusal(() => parseChoice(ranking, three, {})).key).toBe('error_ballot_empty_ranking');
	});

	it('takes budget lines within the budget, and refuses them over it', () => {
		const lines = options(60_000, 30_000, 50_000);
		expect(parseChoice(budget, lines, { lines: [11, 10] })).toEqual({ lines: [10, 11] });
		expect(refusal(() => parseChoice(budget, lines, { lines: [10, 12] })).key).toBe(
			'error_ballot_over_budget'
		);
		expect(refusal(() => parseChoice(budget, lines, {})).key).toBe('error_ballot_empty_lines');
	});

	it('gives a blank ballot only when it was asked for and confirmed', () => {
		const three = options(null, null, null);
		expect(refusal(() => parseChoice(ranking, three, { blank: { confirmed: false } }))).toEqual({
			field: 'blank_confirm',
			key: 'error_ballot_blank_confirm'
		});
		expect(parseChoice(ranking, three, { blank: { confirmed: true } })).toEqual({ ranking: [] });
		expect(parseChoice(approval, three, { blank: { confirmed: true } })).toEqual({ options: [] });
		expect(parseChoice(budget, options(1), { blank: { confirmed: true }, lines: [10] })).toEqual({
			lines: []
		});
		// A single choice has no blank: abstaining is its own option.
		expect(refusal(() => parseChoice(single, three, { blank: { confirmed: true } })).key).toBe(
			'error_ballot_choose'
		);
	});
});
