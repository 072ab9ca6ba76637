// Voting methods: pure tallies with a step-by-step explanation, shared by the server (closing a
// vote, the decision register) and any page that recounts. No database, framework or $env
// imports. Every tally returns `{ outcome, steps, … }`; steps are data (discriminated by `kind`)
// that the result components in $lib/components/results render through the message catalogue.
// Results are plain JSON-safe objects (stored with the vote). Amounts are integer centavos.
// Results never depend on the order of the ballots; ties are broken by the rule set's tie-break
// (`status_quo`, or `lot` with a seed fixed before counting; see VoteRules in rules.ts).
//
// API (stable):
//   quorumRequired(electorate, rule: QuorumRule): number          half_plus_one = ⌊n/2⌋+1, third = ⌈n/3⌉…
//   quorumStep(electorate, present, rules): QuorumStep
//   tallyMotion(ballots: MotionChoice[], electorateSize, rules: VoteRules, { present? }): MotionResult
//   tallyMotionCounts(counts: MotionCounts, electorateSize, rules, { present?, invalid? }): MotionResult
//     thresholds (rules.ts): simple = yes > no; absolute = yes > ½ of all cast incl. abstentions;
//     two_thirds = yes ≥ ⅔ of yes + no; or any ThresholdSpec { num, den, base, strict }
//   tallyAlternatives(ballots: (optionId | 'abstain')[], options: Alternative[], electorateSize,
//                     rules, { rule?: 'plurality' | 'majority', present? }): AlternativesResult
//   validateBudgetBallot(lines: { id, cost }[], budget, ballot: string[]): BudgetBallotCheck
//     → { ok: true, ids, total } | { ok: false, error: unknown_line | duplicate_line | over_budget (over) }
//   tallyBudget(lines: { id, title, cost }[] (priority order), budget, ballots: string[][],
//               { decidesBy?: 'equal_shares' | 'greedy', rules?: { tieBreak, seed },
//                 equalShares?: { utility?: 'cost' | 'approval', completion?: 'add1' | 'none',
//                                 completionStep? (centavos per voter, 100), fill? (true) } })
//     → BudgetResult: outcome/steps of the deciding rule, greedy and equalShares side by side
//   tallySingleChoice(ballots: (candidateId | 'blank')[], candidates, electorateSize, rules, { present? })
//   tallyApproval(ballots: candidateId[][], candidates, electorateSize, rules, { present? })
//   tallyInstantRunoff(rankings: candidateId[][], candidates, electorateSize, rules, { present? })
//     → ElectionResult (outcome 'decided' | 'no_quorum' | 'no_votes'; rounds for instant runoff)
//   tallyElection({ style: 'single' | 'approval' | 'ranking', candidates, ballots, electorate, rules,
//                   present? }): ElectionResult   (dispatches to the three above)
//   validateRanking(ranking, candidates): boolean
//   weightedScores(criteria: { id, weight }[], scores: { candidateId, criterionId, scorerId, score }[],
//                  candidateIds?): ScoreResult  (averages per criterion, weighted total, places)

export * from './rules';
export { hash53, lotOrder, drawLot } from './lot';
export * from './motion';
export * from './budget';
export { greedyByApprovals } from './greedy';
export * from './equal-shares';
export * from './election';
export * from './scores';
