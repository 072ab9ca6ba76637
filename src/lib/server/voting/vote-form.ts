// The settings of a vote: what a leader chooses (title, kind of decision, secrecy, ballot style,
// budget, times), read from the form (readVoteForm) and checked together (parseVoteSettings) when
// a vote is created or changed.
import { VOTE_TEXT_MAX as TEXT_MAX, VOTE_TITLE_MAX as TITLE_MAX } from '$lib/voting/limits';
import type { BallotStyle, BudgetRule, DecisionKind, Vote, VoteKind } from '$lib/server/db/schema';
import { type MessageRef, tooLong } from '$lib/server/errors';
import { cleanLine, cleanParagraphs } from '$lib/server/text';
import { formatBs } from '$lib/drafts/budget';
import { VOTE_BUDGET_MAX, readAmount, type AmountProblem } from '$lib/money/amount';
import { parseLocalDateTime } from '$lib/format';
import { readVersionRef, type VersionRef } from '$lib/drafts/vocabulary';
import { checked } from '$lib/fields';
import { DECISION_KINDS, oneOf } from '$lib/voting/rule-set';

const BALLOT_STYLES: readonly BallotStyle[] = ['single', 'approval', 'ranking'];
const BUDGET_RULES: readonly BudgetRule[] = ['equal_shares', 'greedy'];

export type Fields = Record<string, string | MessageRef>;

/** What an amount field says when it is refused: what is wrong, and the limit. */
export function amountMessage(problem: AmountProblem, max: number): string | MessageRef {
	if (problem === 'negative') return 'error_amount_negative';
	if (problem === 'too_large')
		return { key: 'error_amount_too_large', params: { max: formatBs(max) } };
	return 'error_amount_format';
}

export function kindForDraft(kind: string): VoteKind {
	if (kind === 'investment_plan') return 'budget';
	if (kind === 'terms_of_reference') return 'election';
	return 'motion';
}

/** A vote's settings as a leader chose them, before they are checked. */
export interface VoteSettingsInput {
	title?: string;
	description?: string;
	decisionKind?: string;
	secret?: boolean;
	/** A public ballot may be changed until the close. */
	changeable?: boolean;
	liveResults?: boolean;
	/** Decided by a hand count in the room. */
	inRoom?: boolean;
	ballotStyle?: string;
	/** A budget vote's budget, in bolivianos as typed ("45.000", "45000,50"). */
	budget?: string;
	decidesBy?: string;
	/** Local date and time as the form sends them ("2026-12-03T09:00"). */
	opensAt?: string;
	closesAt?: string;
}

/** A new vote: its settings, and the frozen version of a draft it decides, if any. */
export interface NewVoteInput extends VoteSettingsInput {
	/** NaN parts when the form named a version that cannot exist. */
	version?: VersionRef;
}

/** Reads the vote settings form (and `version` = "draftId:number" of a new vote's draft). */
export function readVoteForm(form: Record<string, string>): NewVoteInput {
	const input: NewVoteInput = {
		title: form.title,
		description: form.description,
		decisionKind: form.decision_kind,
		secret: checked(form.secret),
		changeable: checked(form.changeable),
		liveResults: checked(form.live_results),
		inRoom: checked(form.in_room),
		ballotStyle: form.ballot_style,
		budget: form.budget,
		decidesBy: form.decides_by,
		opensAt: form.opens_at,
		closesAt: form.closes_at
	};
	if (form.version) input.version = readVersionRef(form.version);
	return input;
}

/** The vote's columns a leader's settings decide, checked. */
export type ParsedVote = Pick<
	Vote,
	| 'title'
	| 'description'
	| 'decision_kind'
	| 'secret'
	| 'changeable'
	| 'live_results'
	| 'in_room'
	| 'ballot_style'
	| 'budget'
	| 'decides_by'
	| 'opens_at'
	| 'closes_at'
>;

/** The settings a leader chooses for a vote, checked together; `kind` decides which apply. */
export function parseVoteSettings(
	input: VoteSettingsInput,
	kind: VoteKind,
	fields: Fields,
	now: number,
	defaults: { title?: string } = {}
): ParsedVote {
	const title = cleanLine(input.title) || defaults.title || '';
	if (!title) fields.title = 'error_required';
	else if (title.length > TITLE_MAX) fields.title = tooLong(TITLE_MAX);
	const description = cleanParagraphs(input.description);
	if (description.length > TEXT_MAX) fields.description = tooLong(TEXT_MAX);
	const decisionKind = input.decisionKind || 'ordinary';
	if (!oneOf(DECISION_KINDS, decisionKind)) fields.decision_kind = 'error_choice';
	const secret = input.secret === true;
	const inRoom = input.inRoom === true;
	let ballotStyle: BallotStyle | null = null;
	if (kind === 'election') {
		const style = input.ballotStyle || 'single';
		if (oneOf(BALLOT_STYLES, style)) ballotStyle = style;
		else fields.ballot_style = 'error_choice';
		if (inRoom && style !== 'single') fields.ballot_style = 'error_vote_hand_count_single';
	}
	let budget: number | null = null;
	let decidesBy: BudgetRule | null = null;
	if (kind === 'budget') {
		const read = readAmount(input.budget ?? '', VOTE_BUDGET_MAX);
		if (!(input.budget ?? '').trim() || (read.ok && read.value === 0))
			fields.budget = 'error_vote_budget';
		else if (!read.ok) fields.budget = amountMessage(read.problem, VOTE_BUDGET_MAX);
		else budget = read.value;
		const rule = input.decidesBy || 'equal_shares';
		if (oneOf(BUDGET_RULES, rule)) decidesBy = rule;
		else fields.decides_by = 'error_choice';
		if (inRoom) fields.in_room = 'error_vote_budget_in_room';
	}
	const time = (field: 'opens_at' | 'closes_at', typed: string | undefined): number | null => {
		const text = (typed ?? '').trim();
		if (!text) return null;
		const ms = parseLocalDateTime(text);
		if (ms === undefined) fields[field] = 'error_date_format';
		return ms ?? null;
	};
	const opensAt = time('opens_at', input.opensAt);
	const closesAt = time('closes_at', input.closesAt);
	if (closesAt !== null && !fields.closes_at) {
		if (closesAt <= now) fields.closes_at = 'error_vote_close_past';
		else if (opensAt !== null && closesAt <= opensAt)
			fields.closes_at = 'error_vote_close_before_open';
	}
	if (opensAt !== null && !fields.opens_at && opensAt <= now - 60_000)
		fields.opens_at = 'error_vote_open_past';
	if (inRoom && (opensAt !== null || closesAt !== null))
		fields.in_room = 'error_vote_in_room_times';
	return {
		title,
		description,
		decision_kind: decisionKind as DecisionKind,
		secret: secret && !inRoom ? 1 : 0,
		// Secret ballots are final; a public one may be changed until the close if the vote says so.
		changeable: !secret && !inRoom && input.changeable === true ? 1 : 0,
		live_results: !secret && input.liveResults === true ? 1 : 0,
		in_room: inRoom ? 1 : 0,
		ballot_style: ballotStyle,
		budget,
		decides_by: decidesBy,
		opens_at: opensAt,
		closes_at: closesAt
	};
}
