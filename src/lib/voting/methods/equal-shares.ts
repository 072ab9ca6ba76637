// The Method of Equal Shares (Peters & Skowron; Peters, Pierczyński & Skowron, NeurIPS 2021) for
// approval ballots, with the completion recommended at equalshares.net.
//
// 1. The budget is split equally: each of the n voters holds budget/n.
// 2. A line can be bought when its supporters together still hold its cost. Its cost is split "as
//    equally as possible": every supporter pays the same amount ρ, except those who hold less,
//    who pay all they have (the smallest ρ for which the payments cover the cost).
// 3. Among the lines that can be bought, the one chosen is the one with the lowest price per unit
//    of satisfaction:
//      utility 'cost' (default; equalshares.net's "effective vote count", used in the published
//        examples and by cities): a voter values an approved line by its cost, so the line with
//        the smallest ρ / cost, i.e. the largest effective vote count cost / ρ, wins;
//      utility 'approval': each approved line is worth 1 to the voter, so the smallest ρ wins
//        (favours cheap lines).
//    Ties: lower cost, then more approvals, then the rule set's tie order (the plan's priority,
//    or a draw by lot), as equalshares.net recommends.
// 4. Repeat until no line can be bought.
// Completion ("add1", equalshares.net/implementation/completion): the method usually leaves part
// of the budget unspent, so it is run again with each voter's share raised by `completionStep`
// centavos (Bs 1 by default) at a time, stopping when the outcome is exhaustive (no further line
// fits) or when the next raise would spend more than the real budget; the last outcome within the
// budget is kept. What is still left is then filled by approval order (greedy), which is one of
// the alternatives equalshares.net lists; `fill: false` leaves it unspent.
//
// Exact arithmetic without BigInt in the hot loop: money is counted in units of 1/n centavo, so
// every voter's share is a whole number of units (= the budget in centavos) and a line costs
// cost × n units. ρ is compared exactly as a fraction (cross-multiplied, BigInt only on near
// ties). Payments are whole units: each full payer pays ρ rounded up to the next unit, so a line's
// supporters may pay up to (payers − 1) units more than its cost, i.e. less than one centavo in
// all; that dust is dropped. Results therefore never depend on the order of the ballots or on
// floating-point drift. Limit: budget × voters must stay below 2^53 (Bs 9 000 million at 10 000
// voters).

import type { BudgetLineInput, BudgetMethodResult, BudgetStep } from './budget';
import { greedyByApprovals } from './greedy';

export type EqualSharesUtility = 'cost' | 'approval';

export interface EqualSharesOptions {
	utility?: EqualSharesUtility;
	completion?: 'add1' | 'none';
	/** Centavos added to each voter's share per completion run; default 100 (Bs 1). */
	completionStep?: number;
	/** Fill what the method leaves by approval order; default true. */
	fill?: boolean;
	/** Safety limit on completion runs; default 20 000. */
	maxRuns?: number;
}

export type EqualSharesStep =
	| {
			kind: 'mes_start';
			voters: number;
			budget: number;
			/** Each voter's share of the real budget, centavos (may have a fraction). */
			share: number;
			utility: EqualSharesUtility;
	  }
	| {
			kind: 'mes_completion';
			/** How many times the method was run. */
			runs: number;
			/** The share each voter was given in the run that was kept, centavos. */
			share: number;
			/** The raise per run, centavos per voter. */
			step: number;
			stop: 'none' | 'exhaustive' | 'next_over_budget' | 'run_limit';
	  }
	| {
			kind: 'mes_round';
			round: number;
			lineId: string;
			cost: number;
			/** Everyone who approved the line. */
			supporters: number;
			/** Supporters who paid the full equal share ρ. */
			payers: number;
			/** Supporters who had less than ρ and paid all they had left. */
			paidAll: number;
			/** Supporters with nothing left, who paid nothing. */
			outOfMoney: number;
			/** ρ: what each full payer pays, centavos (may have a fraction of a centavo). */
			perSupporter: number;
			/** cost / ρ: supporters counted at full strength (those short of money count in part). */
			effectiveVotes: number;
			/** After this round: voters with money left and the money they hold, centavos. */
			votersWithMoney: number;
			moneyLeft: number;
	  }
	| {
			kind: 'mes_unaffordable';
			/** Lines not chosen because their supporters did not hold enough together at the end. */
			lines: { lineId: string; supporters: number; cost: number; supportersMoney: number }[];
	  }
	| { kind: 'mes_fill'; left: number };

interface Round {
	line: number;
	supporters: number;
	payers: number;
	paidAll: number;
	outOfMoney: number;
	num: number;
	den: number;
	votersWithMoney: number;
	unitsLeft: number;
}

interface Run {
	selected: number[];
	rounds: Round[];
	total: number;
	budgets: Float64Array;
}

/**
 * Equal Shares with completion and fill. `ballots` are line indices (valid, no repeats);
 * `approvals` the count per line; `tieRank` the rule set's tie order per line (0 first).
 */
export function equalShares(
	lines: readonly BudgetLineInput[],
	budget: number,
	ballots: readonly (readonly number[])[],
	approvals: readonly number[],
	tieRank: readonly number[],
	options: EqualSharesOptions = {}
): BudgetMethodResult {
	const utility = options.utility ?? 'cost';
	const completion = options.completion ?? 'add1';
	const step = options.completionStep ?? 100;
	const maxRuns = options.maxRuns ?? 20_000;
	const n = ballots.length;
	const L = lines.length;
	if (!Number.isSafeInteger(step) || step < 1)
		throw new RangeError('completionStep: whole centavos ≥ 1');
	if (budget * n >= Number.MAX_SAFE_INTEGER / 4) {
		throw new RangeError('Budget × voters is too large to count exactly');
	}
	const steps: BudgetStep[] = [
		{ kind: 'mes_start', voters: n, budget, share: n ? budget / n : 0, utility }
	];
	if (n === 0) {
		steps.push({ kind: 'mes_completion', runs: 0, share: 0, step, stop: 'none' });
		return { funded: [], total: 0, left: budget, steps };
	}

	// Supporters of each line, as voter indices.
	const supporters: Int32Array[] = lines.map((_, p) => new Int32Array(approvals[p]));
	const fillAt = new Int32Array(L);
	ballots.forEach((ballot, v) => {
		for (const p of ballot) supporters[p][fillAt[p]++] = v;
	});
	const cost = lines.map((l) => l.cost);
	const scratch = new Float64Array(n);

	// a better than b? (lower price per utility; then lower cost, more approvals, tie order)
	const better = (a: number, an: number, ad: number, b: number, bn: number, bd: number) => {
		const ua = utility === 'cost' && cost[a] > 0 ? cost[a] : 1;
		const ub = utility === 'cost' && cost[b] > 0 ? cost[b] : 1;
		const fa = an / (ad * ua);
		const fb = bn / (bd * ub);
		let cmp: number;
		if (fa < fb * (1 - 1e-12)) cmp = -1;
		else if (fa > fb * (1 + 1e-12)) cmp = 1;
		else {
			const l = BigInt(an) * BigInt(bd) * BigInt(ub);
			const r = BigInt(bn) * BigInt(ad) * BigInt(ua);
			cmp = l < r ? -1 : l > r ? 1 : 0;
		}
		if (cmp !== 0) return cmp < 0;
		if (cost[a] !== cost[b]) return cost[a] < cost[b];
		if (approvals[a] !== approvals[b]) return approvals[a] > approvals[b];
		return tieRank[a] < tieRank[b];
	};

	const run = (shareUnits: number): Run => {
		const budgets = new Float64Array(n).fill(shareUnits);
		let unitsLeft = shareUnits * n;
		let votersWithMoney = shareUnits > 0 ? n : 0;
		const bound = new Float64Array(L);
		let candidates: number[] = [];
		for (let p = 0; p < L; p++) if (approvals[p] > 0) candidates.push(p);
		const selected: number[] = [];
		const rounds: Round[] = [];
		for (;;) {
			candidates.sort((a, b) => bound[a] - bound[b]);
			let best = -1;
			let bestNum = 0;
			let bestDen = 1;
			let bestScore = Infinity;
			const unaffordable = new Set<number>();
			for (const p of candidates) {
				// Scores only grow as money is spent, so an old score is a lower bound.
				if (best >= 0 && bound[p] > bestScore * (1 + 1e-9)) break;
				const C = cost[p] * n;
				let m = 0;
				let total = 0;
				for (const v of supporters[p]) {
					const b = budgets[v];
					if (b > 0) {
						scratch[m++] = b;
						total += b;
					}
				}
				if (total < C) {
					unaffordable.add(p);
					continue;
				}
				let paid = 0;
				if (C > 0) {
					for (let changed = true; changed;) {
						changed = false;
						const rem = C - paid;
						let w = 0;
						for (let j = 0; j < m; j++) {
							const b = scratch[j];
							if (b * m < rem) {
								paid += b;
								changed = true;
							} else scratch[w++] = b;
						}
						m = w;
					}
				}
				const num = C - paid;
				const den = Math.max(m, 1);
				const u = utility === 'cost' && cost[p] > 0 ? cost[p] : 1;
				const score = num / (den * u);
				bound[p] = score;
				if (best < 0 || better(p, num, den, best, bestNum, bestDen)) {
					best = p;
					bestNum = num;
					bestDen = den;
					bestScore = score;
				}
			}
			if (unaffordable.size) candidates = candidates.filter((p) => !unaffordable.has(p));
			if (best < 0) break;
			// Pay: ρ rounded up to a whole unit for full payers; the rest pay all they have.
			let q = Math.floor(bestNum / bestDen);
			if (q * bestDen < bestNum) q++;
			let payers = 0;
			let paidAll = 0;
			let outOfMoney = 0;
			for (const v of supporters[best]) {
				const b = budgets[v];
				if (b <= 0) outOfMoney++;
				else if (b * bestDen >= bestNum) {
					budgets[v] = b - q;
					unitsLeft -= q;
					payers++;
					if (b === q) votersWithMoney--;
				} else {
					budgets[v] = 0;
					unitsLeft -= b;
					paidAll++;
					votersWithMoney--;
				}
			}
			selected.push(best);
			candidates = candidates.filter((p) => p !== best);
			rounds.push({
				line: best,
				supporters: approvals[best],
				payers,
				paidAll,
				outOfMoney,
				num: bestNum,
				den: bestDen,
				votersWithMoney,
				unitsLeft
			});
		}
		let total = 0;
		for (const p of selected) total += cost[p];
		return { selected, rounds, total, budgets };
	};

	const exhaustive = (r: Run) => {
		const chosen = new Set(r.selected);
		const left = budget - r.total;
		for (let p = 0; p < L; p++) {
			if (!chosen.has(p) && approvals[p] > 0 && cost[p] <= left) return false;
		}
		return true;
	};

	// Units of 1/n centavo: a voter's share of the real budget is `budget` units.
	let raises = 0;
	let current = run(budget);
	let runs = 1;
	let stop: 'none' | 'exhaustive' | 'next_over_budget' | 'run_limit' = 'none';
	if (completion === 'add1') {
		for (;;) {
			if (exhaustive(current)) {
				stop = 'exhaustive';
				break;
			}
			const nextShare = budget + (raises + 1) * step * n;
			if (runs >= maxRuns || nextShare * n >= Number.MAX_SAFE_INTEGER / 4) {
				stop = 'run_limit';
				break;
			}
			const next = run(nextShare);
			runs++;
			if (next.total > budget) {
				stop = 'next_over_budget';
				break;
			}
			current = next;
			raises++;
		}
	}
	const shareUnits = budget + raises * step * n;
	steps.push({ kind: 'mes_completion', runs, share: shareUnits / n, step, stop });
	for (const [i, r] of current.rounds.entries()) {
		steps.push({
			kind: 'mes_round',
			round: i + 1,
			lineId: lines[r.line].id,
			cost: cost[r.line],
			supporters: r.supporters,
			payers: r.payers,
			paidAll: r.paidAll,
			outOfMoney: r.outOfMoney,
			perSupporter: r.num / (r.den * n),
			effectiveVotes: r.num === 0 ? r.den : (cost[r.line] * n * r.den) / r.num,
			votersWithMoney: r.votersWithMoney,
			moneyLeft: Math.round(r.unitsLeft / n)
		});
	}
	const chosen = new Set(current.selected);
	const notChosen: { lineId: string; supporters: number; cost: number; supportersMoney: number }[] =
		[];
	for (let p = 0; p < L; p++) {
		if (chosen.has(p) || approvals[p] === 0) continue;
		let units = 0;
		for (const v of supporters[p]) units += current.budgets[v];
		notChosen.push({
			lineId: lines[p].id,
			supporters: approvals[p],
			cost: cost[p],
			supportersMoney: Math.round(units / n)
		});
	}
	if (notChosen.length) steps.push({ kind: 'mes_unaffordable', lines: notChosen });

	const funded = current.selected.map((p) => lines[p].id);
	let total = current.total;
	if (options.fill ?? true) {
		const left = budget - total;
		const fill = greedyByApprovals(lines, budget, approvals, tieRank, chosen, left);
		if (fill.funded.length) {
			steps.push({ kind: 'mes_fill', left });
			steps.push(
				...fill.steps.filter((s) => s.kind === 'greedy_line' && s.result !== 'no_approvals')
			);
			funded.push(...fill.funded);
			total = fill.total;
		}
	}
	return { funded, total, left: budget - total, steps };
}
