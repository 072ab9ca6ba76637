// Budget votes: each ballot approves investment lines of the frozen plan without going over the
// budget. Results by approval order within the budget (greedy) and by the Method of Equal Shares
// (equal-shares.ts). Amounts are integer centavos.

import { lotOrder } from './lot';
import { DEFAULT_VOTE_RULES, requireSeed, type VoteRules } from './rules';
import { equalShares, type EqualSharesOptions, type EqualSharesStep } from './equal-shares';
import { greedyByApprovals, type GreedyStep } from './greedy';

export interface BudgetLineInput {
	id: string;
	title: string;
	/** Centavos. */
	cost: number;
}

/** The ids of the lines a voter approves. */
export type BudgetBallot = readonly string[];

export type BudgetBallotError =
	| { kind: 'unknown_line'; id: string; messageKey: 'error_budget_ballot_unknown' }
	| { kind: 'duplicate_line'; id: string; messageKey: 'error_budget_ballot_duplicate' }
	| {
			kind: 'over_budget';
			/** What the ballot's lines cost together. */
			total: number;
			budget: number;
			/** total − budget: how much to take out. */
			over: number;
			messageKey: 'error_budget_ballot_over';
	  };

export type BudgetBallotCheck =
	{ ok: true; ids: string[]; total: number } | { ok: false; error: BudgetBallotError };

/** Checks one ballot: known lines, each once, together within the budget. */
export function validateBudgetBallot(
	lines: readonly Pick<BudgetLineInput, 'id' | 'cost'>[],
	budget: number,
	ballot: BudgetBallot
): BudgetBallotCheck {
	const cost = new Map(lines.map((l) => [l.id, l.cost]));
	const seen = new Set<string>();
	let total = 0;
	for (const id of ballot) {
		const c = cost.get(id);
		if (c === undefined) {
			return {
				ok: false,
				error: { kind: 'unknown_line', id, messageKey: 'error_budget_ballot_unknown' }
			};
		}
		if (seen.has(id)) {
			return {
				ok: false,
				error: { kind: 'duplicate_line', id, messageKey: 'error_budget_ballot_duplicate' }
			};
		}
		seen.add(id);
		total += c;
	}
	if (total > budget) {
		return {
			ok: false,
			error: {
				kind: 'over_budget',
				total,
				budget,
				over: total - budget,
				messageKey: 'error_budget_ballot_over'
			}
		};
	}
	return { ok: true, ids: [...seen], total };
}

export type BudgetRule = 'greedy' | 'equal_shares';
export type { GreedyStep };

export type BudgetStep =
	| {
			kind: 'budget_ballots';
			counted: number;
			invalid: number;
			budget: number;
			/** Approvals per line, in the plan's order. */
			approvals: { lineId: string; approvals: number }[];
	  }
	| { kind: 'tie_order'; rule: 'priority' | 'lot'; order: string[]; seed?: string }
	| GreedyStep
	| EqualSharesStep;

export interface BudgetMethodResult {
	/** Funded line ids, in the order they were chosen. */
	funded: string[];
	total: number;
	left: number;
	steps: BudgetStep[];
}

export interface BudgetResult {
	/** The result of the rule that decides this vote. */
	outcome: { rule: BudgetRule; funded: string[]; total: number; budget: number; left: number };
	/** Ballots summary followed by the deciding method's steps. */
	steps: BudgetStep[];
	budget: number;
	/** The lines as counted (priority order), so a result can be shown on its own. */
	lines: BudgetLineInput[];
	voters: number;
	invalid: number;
	approvals: { lineId: string; approvals: number }[];
	greedy: BudgetMethodResult;
	equalShares: BudgetMethodResult;
}

export interface BudgetTallyOptions {
	decidesBy?: BudgetRule;
	/** tieBreak and seed; status_quo = the plan's priority order. */
	rules?: Pick<VoteRules, 'tieBreak' | 'seed'>;
	equalShares?: EqualSharesOptions;
}

/**
 * The rank each line has when two are tied (0 first): the plan's priority order (the position
 * `lines` are given in), or an order drawn by lot from the rules' seed.
 */
export function lineTieRanks(
	lines: readonly BudgetLineInput[],
	rules: Pick<VoteRules, 'tieBreak' | 'seed'>
): { ranks: Map<string, number>; step: BudgetStep } {
	const ids = lines.map((l) => l.id);
	if (rules.tieBreak === 'lot') {
		const seed = requireSeed(rules);
		const order = lotOrder(ids, seed);
		return {
			ranks: new Map(order.map((id, i) => [id, i])),
			step: { kind: 'tie_order', rule: 'lot', order, seed }
		};
	}
	return {
		ranks: new Map(ids.map((id, i) => [id, i])),
		step: { kind: 'tie_order', rule: 'priority', order: ids }
	};
}

/**
 * Counts a budget vote by both rules. Ballots naming an unknown line or one line twice are not
 * counted and are reported. A ballot over the budget is counted as cast: casting refuses them
 * (validateBudgetBallot), and the results stay within the budget whatever the ballots say.
 */
export function tallyBudget(
	lines: readonly BudgetLineInput[],
	budget: number,
	ballots: readonly BudgetBallot[],
	options: BudgetTallyOptions = {}
): BudgetResult {
	assertLines(lines, budget);
	const rules = options.rules ?? DEFAULT_VOTE_RULES;
	const index = new Map(lines.map((l, i) => [l.id, i]));
	const valid: number[][] = [];
	let invalid = 0;
	for (const ballot of ballots) {
		const check = validateBudgetBallot(lines, Infinity, ballot);
		if (check.ok) valid.push(check.ids.map((id) => index.get(id)!));
		else invalid++;
	}
	const approvalCounts = new Array<number>(lines.length).fill(0);
	for (const b of valid) for (const i of b) approvalCounts[i]++;
	const approvals = lines.map((l, i) => ({ lineId: l.id, approvals: approvalCounts[i] }));
	const { ranks, step: tieStep } = lineTieRanks(lines, rules);
	const tieRank = lines.map((l) => ranks.get(l.id)!);
	const head: BudgetStep[] = [
		{ kind: 'budget_ballots', counted: valid.length, invalid, budget, approvals },
		tieStep
	];

	const greedy = greedyByApprovals(lines, budget, approvalCounts, tieRank);
	const mes = equalShares(lines, budget, valid, approvalCounts, tieRank, options.equalShares);
	const decidesBy = options.decidesBy ?? 'equal_shares';
	const chosen = decidesBy === 'greedy' ? greedy : mes;
	return {
		outcome: {
			rule: decidesBy,
			funded: chosen.funded,
			total: chosen.total,
			budget,
			left: chosen.left
		},
		steps: [...head, ...chosen.steps],
		budget,
		lines: lines.map(({ id, title, cost }) => ({ id, title, cost })),
		voters: valid.length,
		invalid,
		approvals,
		greedy: { ...greedy, steps: [...head, ...greedy.steps] },
		equalShares: { ...mes, steps: [...head, ...mes.steps] }
	};
}

function assertLines(lines: readonly BudgetLineInput[], budget: number) {
	if (!Number.isSafeInteger(budget) || budget < 0) {
		throw new RangeError('The budget must be a whole number of centavos, not negative');
	}
	const ids = new Set<string>();
	for (const l of lines) {
		if (!Number.isSafeInteger(l.cost) || l.cost < 0) {
			throw new RangeError(`Line ${l.id}: the cost must be a whole number of centavos`);
		}
		if (ids.has(l.id)) throw new RangeError(`Line ${l.id} appears twice`);
		ids.add(l.id);
	}
}
