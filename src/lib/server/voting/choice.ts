// A ballot's marks checked against its vote: what a ballot says (a Choice) as stored and counted.
import type { Vote, VoteOption } from '$lib/server/db/schema';
import { DomainError, invalid } from '$lib/server/errors';
import { formatBs } from '$lib/drafts/budget';
import { MOTION_CHOICES, validateBudgetBallot, type MotionChoice } from '$lib/voting/methods';
import type { BallotMarks } from '$lib/voting/ballot-form';

/** What a ballot says, as stored (JSON) and counted. Option ids are vote_option ids. */
export type Choice =
	| { answer: MotionChoice }
	| { option: number | 'abstain' }
	| { options: number[] }
	| { ranking: number[] }
	| { lines: number[] };

/** The marked ids that are options of this vote, each once, in ascending order. */
function known(ids: ReadonlySet<number>, marked: readonly number[] | undefined): number[] {
	return [...new Set(marked ?? [])].filter((id) => ids.has(id)).sort((a, b) => a - b);
}

/**
 * The Choice a ballot's marks make on this vote, or the refusal in the voter's words: an unknown
 * option, an empty ballot that was not asked for as blank, a ranking with a gap or a repeat, lines
 * over the budget.
 */
export function parseChoice(
	vote: Pick<Vote, 'kind' | 'ballot_style' | 'budget'>,
	options: VoteOption[],
	marks: BallotMarks
): Choice {
	const ids = new Set(options.map((o) => Number(o.id)));
	const style = vote.kind === 'motion' ? 'single' : (vote.ballot_style ?? 'single');
	const manyChoices = vote.kind === 'budget' || style !== 'single';
	// A blank ballot is a deliberate choice, asked for with its own button and confirmed; a ballot
	// that merely arrives empty is refused, so nobody votes blank by accident.
	if (marks.blank && manyChoices) {
		if (!marks.blank.confirmed) throw invalid({ blank_confirm: 'error_ballot_blank_confirm' });
		if (vote.kind === 'budget') return { lines: [] };
		return style === 'approval' ? { options: [] } : { ranking: [] };
	}
	if (vote.kind === 'budget') {
		const lines = known(ids, marks.lines);
		if (lines.length === 0) throw invalid({ lines: 'error_ballot_empty_lines' });
		const check = validateBudgetBallot(
			options.map((o) => ({ id: String(o.id), cost: Number(o.amount ?? 0) })),
			Number(vote.budget ?? 0),
			lines.map(String)
		);
		if (!check.ok) {
			if (check.error.kind === 'over_budget')
				throw new DomainError('invalid', {
					key: 'error_ballot_over_budget',
					params: { over: formatBs(check.error.over), total: formatBs(check.error.total) }
				});
			throw new DomainError('invalid', 'error_ballot_invalid');
		}
		return { lines };
	}
	if (vote.kind === 'motion' && options.length === 0) {
		const answer = marks.answer ?? '';
		if (!(MOTION_CHOICES as readonly string[]).includes(answer))
			throw invalid({ answer: 'error_ballot_choose' });
		return { answer: answer as MotionChoice };
	}
	if (style === 'single') {
		if (marks.option === 'abstain') return { option: 'abstain' };
		const id = marks.option;
		if (id === undefined || !ids.has(id)) throw invalid({ option: 'error_ballot_choose' });
		return { option: id };
	}
	if (style === 'approval') {
		const chosen = known(ids, marks.options);
		if (chosen.length === 0) throw invalid({ options: 'error_ballot_empty_approval' });
		return { options: chosen };
	}
	// Ranking: 1, 2, 3… per candidate; unranked candidates are left out. Ranks are 1..k, once each.
	const ranked: { id: number; rank: number }[] = [];
	for (const id of ids) {
		const rank = marks.ranks?.[id];
		if (rank === undefined) continue;
		if (!Number.isSafeInteger(rank) || rank < 1 || rank > ids.size)
			throw invalid({ ranking: 'error_ballot_ranking' });
		ranked.push({ id, rank });
	}
	if (ranked.length === 0) throw invalid({ ranking: 'error_ballot_empty_ranking' });
	ranked.sort((a, b) => a.rank - b.rank);
	const repeated = ranked.find((r, i) => i > 0 && ranked[i - 1].rank === r.rank);
	if (repeated)
		throw invalid({ ranking: { key: 'error_ballot_rank_repeated', params: { n: repeated.rank } } });
	const skipped = ranked.findIndex((r, i) => r.rank !== i + 1);
	if (skipped >= 0)
		throw invalid({ ranking: { key: 'error_ballot_rank_skipped', params: { n: skipped + 1 } } });
	return { ranking: ranked.map((r) => r.id) };
}
