// A vote on the text of a rule (the Estatuto, the Reglamento Interno) that passes puts a text in
// force: the voted version as it is, or, when an amendment put against the original wins, a new
// version written from the voted one with the amendment's words, frozen. The register entry and
// the draft both point to that version; a losing amendment is never written.
import type { Db } from '$lib/server/db';
import { STORED } from '$lib/server/record/register';
import type { Vote } from '$lib/server/db/schema';
import { amendmentWording, writeAmendment, writeWinningAmendment } from '$lib/server/deliberation';
import { saveEnactedVersion, type EnactedVersion } from '$lib/server/drafts';
import { m } from '$lib/paraglide/messages.js';
import type { VoteResult } from './results';

/** The amendment an alternatives vote's winner stands for, if it is one. */
async function winningAmendment(db: Db, vote: Vote, result: VoteResult): Promise<number | null> {
	if (result.kind !== 'alternatives' || result.alternatives.winner === null) return null;
	const option = await db
		.selectFrom('vote_option')
		.select('details')
		.where('vote_id', '=', vote.id)
		.where('id', '=', Number(result.alternatives.winner))
		.executeTakeFirst();
	const source = option ? (JSON.parse(option.details) as { source?: string }).source : undefined;
	const match = /^amendment:([0-9]+)$/.exec(source ?? '');
	return match ? Number(match[1]) : null;
}

async function isRuleDraft(db: Db, draftId: number): Promise<boolean> {
	const draft = await db
		.selectFrom('draft')
		.select('kind')
		.where('id', '=', draftId)
		.executeTakeFirst();
	return draft?.kind === 'rule';
}

/** Inside the closing transaction: the rule text the vote puts in force, or null. */
export async function enactDecidedText(
	tx: Db,
	vote: Vote,
	result: VoteResult,
	now: number
): Promise<EnactedVersion | null> {
	if (!result.approved || vote.draft_id === null || vote.version_id === null) return null;
	if (!(await isRuleDraft(tx, vote.draft_id))) return null;
	const amendmentId = await winningAmendment(tx, vote, result);
	const wording = amendmentId === null ? undefined : await amendmentWording(tx, amendmentId);
	return saveEnactedVersion(tx, {
		draftId: vote.draft_id,
		votedVersionId: vote.version_id,
		label: m.enacted_version_label({ title: vote.title }, STORED),
		change: wording ? (doc) => writeAmendment(doc, wording) : undefined,
		now
	});
}

/**
 * After the close has committed: the live draft gets the winning amendment's words, so the draft
 * page reads as the version in force. Never throws: the version in force is already stored.
 */
export async function syncEnactedText(db: Db, voteId: number): Promise<void> {
	try {
		const vote = await db
			.selectFrom('vote')
			.selectAll()
			.where('id', '=', voteId)
			.executeTakeFirst();
		if (!vote || vote.status !== 'closed' || vote.draft_id === null || !vote.result) return;
		const result = JSON.parse(vote.result) as VoteResult;
		if (!result.approved || !(await isRuleDraft(db, vote.draft_id))) return;
		const amendmentId = await winningAmendment(db, vote, result);
		if (amendmentId !== null) await writeWinningAmendment(db, vote.draft_id, amendmentId);
	} catch (err) {
		console.error('minka: could not write the winning amendment into the live draft', err);
	}
}
