// Test support: vote and option rows as the database returns them, built by hand for the pure
// tests (counting, the register's sentence, reading a ballot) that need no database.
import type { Vote, VoteOption } from '$lib/server/db/schema';

/** An open motion, vote 7 of association 1, with every other column at its default. */
export const voteRow = (over: Partial<Vote> = {}): Vote => ({
	id: 7,
	association_id: 1,
	kind: 'motion',
	decision_kind: 'ordinary',
	title: 'Cambiar la tarifa',
	description: '',
	draft_id: null,
	version_id: null,
	content_hash: null,
	secret: 0,
	changeable: 0,
	live_results: 0,
	in_room: 0,
	ballot_style: null,
	budget: null,
	decides_by: null,
	status: 'open',
	opens_at: null,
	closes_at: null,
	opened_at: 1000,
	closed_at: null,
	rules: '{}',
	electorate_size: null,
	result: null,
	created_by: null,
	created_at: 0,
	updated_at: 0,
	assembly_id: null,
	quorum_call: 'first',
	room_present: null,
	exclusions: null,
	...over
});

/** An option of vote 7, placed at its own id unless `over` says otherwise. */
export const optionRow = (
	id: number,
	label: string,
	amount: number | null = null,
	over: Partial<VoteOption> = {}
): VoteOption => ({
	id,
	vote_id: 7,
	position: id,
	label,
	description: '',
	amount,
	details: '{}',
	...over
});
