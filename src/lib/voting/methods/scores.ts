// The committee's score table for hiring: each member of the committee scores each candidate
// against weighted criteria (experience, proposal, cost, local language…) from 0 to 10; voters see
// the average per criterion and the weighted total.

export interface Criterion {
	id: string;
	/** Any positive number; only the proportions matter (e.g. percentages). */
	weight: number;
}

export interface Score {
	candidateId: string;
	criterionId: string;
	scorerId: string;
	/** A whole number from 0 to 10. */
	score: number;
}

export interface ScoreRow {
	candidateId: string;
	/** In the criteria's order; average null when nobody scored it. */
	criteria: { criterionId: string; average: number | null; scorers: number }[];
	/** Σ weight × average / Σ weight over the criteria scored; null when none was. */
	total: number | null;
	/** Every criterion has at least one score. */
	complete: boolean;
	/** 1 = best; candidates with the same total share a place. Null without a total. */
	place: number | null;
}

export type ScoreStep =
	| {
			kind: 'score_weights';
			criteria: { criterionId: string; weight: number; share: number }[];
			scores: number;
			/** Scores left out: out of 0–10, unknown candidate or criterion, or given twice. */
			invalid: number;
	  }
	| { kind: 'score_ranking'; order: string[]; tied: string[][] };

export interface ScoreResult {
	outcome: { ranking: string[]; leader: string | null; tie: boolean };
	table: ScoreRow[];
	steps: ScoreStep[];
}

/**
 * The weighted table. Rows follow `candidateIds` (or first appearance in the scores). Ranking:
 * candidates scored on every criterion first, then by highest total; equal totals keep the
 * candidates' order and are reported as tied.
 */
export function weightedScores(
	criteria: readonly Criterion[],
	scores: readonly Score[],
	candidateIds?: readonly string[]
): ScoreResult {
	const candidates = candidateIds ?? [...new Set(scores.map((s) => s.candidateId))];
	const cIndex = new Map(candidates.map((id, i) => [id, i]));
	const kIndex = new Map(criteria.map((c, i) => [c.id, i]));
	const weightSum = criteria.reduce((s, c) => s + (c.weight > 0 ? c.weight : 0), 0);
	// A key given twice is left out entirely, so the table never depends on the order of rows.
	const seen = new Map<string, number>();
	for (const s of scores) {
		const key = JSON.stringify([s.candidateId, s.criterionId, s.scorerId]);
		seen.set(key, (seen.get(key) ?? 0) + 1);
	}
	const sum = candidates.map(() => criteria.map(() => 0));
	const count = candidates.map(() => criteria.map(() => 0));
	let invalid = 0;
	let valid = 0;
	for (const s of scores) {
		const ci = cIndex.get(s.candidateId);
		const ki = kIndex.get(s.criterionId);
		const key = JSON.stringify([s.candidateId, s.criterionId, s.scorerId]);
		if (
			ci === undefined ||
			ki === undefined ||
			!Number.isInteger(s.score) ||
			s.score < 0 ||
			s.score > 10 ||
			seen.get(key) !== 1
		) {
			invalid++;
			continue;
		}
		valid++;
		sum[ci][ki] += s.score;
		count[ci][ki]++;
	}
	const table: ScoreRow[] = candidates.map((candidateId, ci) => {
		let weighted = 0;
		let weights = 0;
		const cells = criteria.map((c, ki) => {
			const n = count[ci][ki];
			const average = n ? sum[ci][ki] / n : null;
			if (average !== null && c.weight > 0) {
				weighted += c.weight * average;
				weights += c.weight;
			}
			return { criterionId: c.id, average, scorers: n };
		});
		return {
			candidateId,
			criteria: cells,
			total: weights > 0 ? weighted / weights : null,
			complete: cells.every((c) => c.average !== null),
			place: null
		};
	});
	// Totals compared after rounding to 1e-9, so equal sums reached in different orders stay equal.
	const key = (t: number | null) => (t === null ? -1 : Math.round(t * 1e9));
	const order = table
		.map((row, i) => ({ row, i }))
		.sort(
			(a, b) =>
				Number(b.row.complete) - Number(a.row.complete) ||
				key(b.row.total) - key(a.row.total) ||
				a.i - b.i
		)
		.map(({ row }) => row);
	const tied: string[][] = [];
	let place = 0;
	order.forEach((row, i) => {
		if (row.total === null) return;
		const prev = order[i - 1];
		if (i > 0 && prev.complete === row.complete && key(prev.total) === key(row.total)) {
			row.place = place;
			const group = tied.find((g) => g.includes(prev.candidateId));
			if (group) group.push(row.candidateId);
			else tied.push([prev.candidateId, row.candidateId]);
		} else {
			place = i + 1;
			row.place = place;
		}
	});
	const ranking = order.filter((r) => r.total !== null).map((r) => r.candidateId);
	const steps: ScoreStep[] = [
		{
			kind: 'score_weights',
			criteria: criteria.map((c) => ({
				criterionId: c.id,
				weight: c.weight,
				share: weightSum > 0 ? Math.max(c.weight, 0) / weightSum : 0
			})),
			scores: valid,
			invalid
		},
		{ kind: 'score_ranking', order: ranking, tied }
	];
	return {
		outcome: {
			ranking,
			leader: ranking[0] ?? null,
			tie: ranking.length > 1 && tied.some((g) => g.includes(ranking[0]))
		},
		table,
		steps
	};
}
