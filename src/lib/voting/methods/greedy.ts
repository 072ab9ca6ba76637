// Approval order within the budget (the "greedy" rule most participatory budgets use).

import type { BudgetLineInput, BudgetMethodResult, BudgetStep } from './budget';

export type GreedyStep = {
	kind: 'greedy_line';
	lineId: string;
	approvals: number;
	cost: number;
	/** funded; too_expensive = does not fit in what is left; no_approvals = nobody chose it. */
	result: 'funded' | 'too_expensive' | 'no_approvals';
	/** Budget left after this line. */
	left: number;
};

/**
 * Approval order within the budget: lines by approvals (most first; ties by tieRank), each funded
 * if it fits in what is left, otherwise skipped, and the count goes on. Lines nobody approved are
 * never funded.
 */
export function greedyByApprovals(
	lines: readonly BudgetLineInput[],
	budget: number,
	approvals: readonly number[],
	tieRank: readonly number[],
	exclude: ReadonlySet<number> = new Set(),
	left = budget
): BudgetMethodResult {
	const order = lines
		.map((_, i) => i)
		.filter((i) => !exclude.has(i))
		.sort((a, b) => approvals[b] - approvals[a] || tieRank[a] - tieRank[b]);
	const funded: string[] = [];
	const steps: BudgetStep[] = [];
	let total = budget - left;
	for (const i of order) {
		const line = lines[i];
		let result: GreedyStep['result'];
		if (approvals[i] === 0) result = 'no_approvals';
		else if (line.cost <= left) {
			result = 'funded';
			left -= line.cost;
			total += line.cost;
			funded.push(line.id);
		} else result = 'too_expensive';
		steps.push({
			kind: 'greedy_line',
			lineId: line.id,
			approvals: approvals[i],
			cost: line.cost,
			result,
			left
		});
	}
	return { funded, total, left, steps };
}
