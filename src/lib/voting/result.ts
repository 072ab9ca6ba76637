// A vote's result as stored with the vote and recorded in the register: the shape the result
// components render. Pure types; the server computes it in $lib/server/voting/results.ts.
import type {
	AlternativesResult,
	BudgetResult,
	ElectionResult,
	MotionResult,
	QuorumStep,
	VoteRules
} from './methods';

export type VoteResult = {
	/** approved / rejected / no_quorum (motions), decided / no_majority / no_quorum (others). */
	outcome: string;
	/** Whether what was put to the vote was adopted (a draft becomes `decided`). */
	approved: boolean;
	/** Ballots or raised hands counted. */
	cast: number;
	electorate: number;
	quorum: QuorumStep;
	/** The rules as the methods read them, as decided. */
	rules: VoteRules;
	source: 'ballots' | 'hand_count';
} & (
	| { kind: 'motion'; motion: MotionResult }
	| { kind: 'alternatives'; alternatives: AlternativesResult }
	| { kind: 'budget'; budget: BudgetResult }
	| { kind: 'election'; election: ElectionResult }
);

export type ResultSource =
	/** `present`: an assembly room's attendance, the quorum of a vote on phones there. */
	| { kind: 'ballots'; choices: unknown[]; present?: number }
	| { kind: 'hand_count'; counts: Record<string, number>; present: number; represented: number };
