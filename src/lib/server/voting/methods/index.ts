// Voting methods: pure tallies with a step-by-step explanation, shared by the server (closing a
// vote, the decision register) and any page that recounts. No database, framework or $env
// imports. Every tally returns `{ outcome, steps, … }`; steps are data (discriminated by `kind`)
// that the result components in $lib/components/results render through the message catalogue.
// Amounts are integer centavos. Results never depend on the order of the ballots; ties are broken
// by the rule set's tie-break (`status_quo`, or `lot` with a seed fixed before counting).
//
// API (stable):
//   quorumRequired(electorate, rule: QuorumRule): number
//   tallyMotion(ballots: MotionChoice[], electorateSize, rules: VoteRules, { present? }): MotionResult
//   tallyMotionCounts(counts: MotionCounts, electorateSize, rules, { present?, invalid? }): MotionResult
//   tallyAlternatives(ballots: (optionId | 'abstain')[], options: Alternative[], electorateSize,
//                     rules, { rule?: 'plurality' | 'majority', present? }): AlternativesResult
//   validateBudgetBallot(lines: BudgetLineInput[], budget, ballot: string[]): BudgetBallotCheck
//   tallyBudget(lines (priority order), budget, ballots: string[][],
//               { decidesBy?, rules?: { tieBreak, seed }, equalShares?: EqualSharesOptions }): BudgetResult
//     (result.greedy and result.equalShares side by side; outcome/steps = the deciding rule's)
//   tallySingleChoice(ballots: (candidateId | 'blank')[], candidates, electorateSize, rules, { present? })
//   tallyApproval(ballots: candidateId[][], candidates, electorateSize, rules, { present? })
//   tallyInstantRunoff(rankings: candidateId[][], candidates, electorateSize, rules, { present? })
//     → ElectionResult (rounds filled for instant runoff)
//   tallyElection({ style: 'single' | 'approval' | 'ranking', candidates, ballots, electorate, rules,
//                   present? }): ElectionResult   (dispatches to the three above)
//   validateRanking(ranking, candidates): boolean
//   weightedScores(criteria: Criterion[], scores: Score[], candidateIds?): ScoreResult

export * from './rules';
export { hash53, lotOrder, drawLot } from './lot';
export * from './motion';
export * from './budget';
export { greedyByApprovals } from './greedy';
export * from './equal-shares';
export * from './election';
export * from './scores';
