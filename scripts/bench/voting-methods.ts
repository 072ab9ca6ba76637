// Benchmark of the pure voting methods (issue 5, item 10): instant runoff over 100,000 ballots ×
// 10 candidates (target < 100 ms), and a budget vote of 10,000 voters × 50 lines by the Method of
// Equal Shares with its completion (target < 1 s) and by approval order.
// Run: npx tsx scripts/bench/voting-methods.ts [--runs 7]
// Prints one JSON line per scenario: median, min and max milliseconds over the runs.

import {
	greedyByApprovals,
	tallyBudget,
	tallyInstantRunoff,
	validateBudgetBallot,
	type Candidate
} from '../../src/lib/voting/methods';
import { prng, randInt } from '../../src/lib/voting/methods/prng';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

const rules = {
	quorum: { firstCall: 'half_plus_one' as const },
	threshold: 'simple' as const,
	tieBreak: 'lot' as const,
	seed: 'bench'
};

function measure(name: string, target: number, fn: () => unknown, facts: Record<string, unknown>) {
	fn(); // warm-up
	const times: number[] = [];
	let last: unknown;
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		last = fn();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)];
	console.log(
		JSON.stringify({
			scenario: name,
			runs: RUNS,
			median_ms: Math.round(median * 10) / 10,
			min_ms: Math.round(times[0] * 10) / 10,
			max_ms: Math.round(times[times.length - 1] * 10) / 10,
			target_ms: target,
			pass: median < target,
			...facts,
			...(typeof last === 'object' && last ? summary(last) : {})
		})
	);
}

function summary(result: object): Record<string, unknown> {
	const r = result as Record<string, unknown>;
	if ('rounds' in r) return { winner: r.winner, rounds: (r.rounds as unknown[]).length };
	return {};
}

// Instant runoff: 100,000 ballots ranking 1–10 of 10 candidates, with a popularity skew so the
// count runs several rounds.
{
	const rand = prng(1);
	const candidates: Candidate[] = Array.from({ length: 10 }, (_, i) => ({
		id: `c${i}`,
		name: `Candidate ${i}`,
		fee: 400_000
	}));
	const weights = candidates.map((_, i) => 1 + 0.15 * i);
	const ballots: string[][] = [];
	for (let b = 0; b < 100_000; b++) {
		const pool = candidates.map((c, i) => ({ id: c.id, key: rand() * weights[i] }));
		pool.sort((x, y) => y.key - x.key);
		ballots.push(pool.slice(0, randInt(rand, 1, 10)).map((p) => p.id));
	}
	measure('instant_runoff', 100, () => tallyInstantRunoff(ballots, candidates, 100_000, rules), {
		ballots: ballots.length,
		candidates: candidates.length
	});
}

// Budget: 10,000 voters × 50 lines, Bs 2,000,000 (Bs 200 per voter); lines Bs 5,000–150,000.
// Each voter approves lines near their interests (communities), within the budget.
{
	const rand = prng(2);
	const lines = Array.from({ length: 50 }, (_, i) => ({
		id: `l${i}`,
		title: `Line ${i}`,
		cost: randInt(rand, 50, 1500) * 10_000
	}));
	const budget = 200_000_000;
	const ballots: string[][] = [];
	for (let v = 0; v < 10_000; v++) {
		const community = randInt(rand, 0, 4);
		const ballot: string[] = [];
		let total = 0;
		for (const [i, l] of lines.entries()) {
			const p = i % 5 === community ? 0.5 : 0.08;
			if (rand() < p && total + l.cost <= budget) {
				ballot.push(l.id);
				total += l.cost;
			}
		}
		ballots.push(ballot);
	}
	let completion: unknown;
	measure(
		'equal_shares_with_completion',
		1000,
		() => {
			const r = tallyBudget(lines, budget, ballots, { decidesBy: 'equal_shares' });
			completion = r.equalShares.steps.find((s) => s.kind === 'mes_completion');
			return r.equalShares;
		},
		{
			voters: ballots.length,
			lines: lines.length,
			budget_centavos: budget,
			note: 'tallyBudget: both rules, Equal Shares with completion and fill'
		}
	);
	console.log(
		JSON.stringify({ scenario: 'equal_shares_completion_detail', ...(completion as object) })
	);
	measure(
		'greedy',
		1000,
		() => {
			// Validating and counting the ballots, then approval order within the budget.
			const checked = ballots.map((b) => validateBudgetBallot(lines, budget, b));
			const index = new Map(lines.map((l, i) => [l.id, i]));
			const approvals = new Array<number>(lines.length).fill(0);
			for (const c of checked) if (c.ok) for (const id of c.ids) approvals[index.get(id)!]++;
			return greedyByApprovals(
				lines,
				budget,
				approvals,
				lines.map((_, i) => i)
			);
		},
		{ voters: ballots.length, lines: lines.length }
	);
}

// A real association: 30 members, 15 lines, Bs 500,000. Each member's share is large (Bs 16,667),
// so the completion raising it Bs 1 at a time may run thousands of times.
{
	const rand = prng(3);
	const lines = Array.from({ length: 15 }, (_, i) => ({
		id: `l${i}`,
		title: `Line ${i}`,
		cost: randInt(rand, 5, 200) * 100_000
	}));
	const budget = 50_000_000;
	const ballots = Array.from({ length: 30 }, () => {
		const ballot: string[] = [];
		let total = 0;
		for (const l of lines) {
			if (rand() < 0.3 && total + l.cost <= budget) {
				ballot.push(l.id);
				total += l.cost;
			}
		}
		return ballot;
	});
	let completion: unknown;
	measure(
		'equal_shares_small_association',
		1000,
		() => {
			const r = tallyBudget(lines, budget, ballots);
			completion = r.equalShares.steps.find((s) => s.kind === 'mes_completion');
			return r.equalShares;
		},
		{ voters: ballots.length, lines: lines.length, budget_centavos: budget }
	);
	console.log(
		JSON.stringify({ scenario: 'equal_shares_small_association_detail', ...(completion as object) })
	);
}
