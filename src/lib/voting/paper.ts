// A vote's paper ballot, in words and marks: the instruction for its kind of ballot and each
// choice with a mark told apart by shape and by colour, so a member who does not read finds her
// choice by the mark the leader shows on the screen or says aloud («the green tick», «the blue
// square»). Sí, no and abstención keep the tick, cross and ring the online ballot shows; the
// options take the shapes in order, never red or green, which mean no and sí. Pure.
import { formatBs } from '$lib/drafts/budget';
import { m } from '$lib/paraglide/messages.js';
import { optionLabel } from './labels';
import type { BallotStyle, VoteKind } from './vocabulary';

export const OPTION_SHAPES = [
	'circle',
	'square',
	'triangle',
	'diamond',
	'star',
	'hexagon',
	'drop'
] as const;
export type MarkShape = 'check' | 'cross' | 'ring' | (typeof OPTION_SHAPES)[number];

/** Blue, orange, purple, teal, brown, dark yellow: apart from each other and from sí/no. */
export const OPTION_COLOURS = ['#1d5fbf', '#d9711a', '#7a3ea0', '#10808a', '#8a5a2b', '#b38b00'];
export const YES_COLOUR = '#1e7a34';
export const NO_COLOUR = '#c0392b';
export const ABSTAIN_COLOUR = '#666666';

export interface PaperChoice {
	label: string;
	detail?: string;
	mark: MarkShape;
	colour: string;
}

export interface PaperBallot {
	instruction: string;
	choices: PaperChoice[];
}

export interface PaperVote {
	kind: VoteKind;
	ballot_style: BallotStyle | null;
	budget: number | null;
}

export interface PaperOption {
	label: string;
	amount: number | null;
	details: Record<string, unknown>;
}

/**
 * The n-th option's mark (0-based): shapes and colours cycle at different lengths, so forty-two
 * options pass before a shape comes back in the same colour.
 */
export function optionMark(n: number): { mark: MarkShape; colour: string } {
	return {
		mark: OPTION_SHAPES[n % OPTION_SHAPES.length],
		colour: OPTION_COLOURS[n % OPTION_COLOURS.length]
	};
}

const abstain = (): PaperChoice => ({
	label: m.answer_abstain(),
	mark: 'ring',
	colour: ABSTAIN_COLOUR
});

/** The ballot a vote prints: the same choices, in the same order, as its online ballot. */
export function paperBallot(vote: PaperVote, options: readonly PaperOption[]): PaperBallot {
	if (vote.kind === 'motion' && options.length === 0)
		return {
			instruction: m.paper_ballot_mark_one(),
			choices: [
				{ label: m.answer_yes(), mark: 'check', colour: YES_COLOUR },
				{ label: m.answer_no(), mark: 'cross', colour: NO_COLOUR },
				abstain()
			]
		};
	const detail = (o: PaperOption) =>
		o.amount === null
			? undefined
			: vote.kind === 'budget'
				? formatBs(o.amount)
				: vote.kind === 'election'
					? m.ballot_fee({ fee: formatBs(o.amount) })
					: undefined;
	const choices: PaperChoice[] = options.map((o, i) => ({
		label: optionLabel(o),
		detail: detail(o),
		...optionMark(i)
	}));
	if (vote.kind === 'budget')
		return {
			instruction: m.paper_ballot_mark_lines({ budget: formatBs(vote.budget ?? 0) }),
			choices
		};
	const style = vote.kind === 'motion' ? 'single' : (vote.ballot_style ?? 'single');
	if (style === 'approval') return { instruction: m.paper_ballot_mark_each(), choices };
	if (style === 'ranking') return { instruction: m.paper_ballot_rank(), choices };
	return { instruction: m.paper_ballot_mark_one(), choices: [...choices, abstain()] };
}
