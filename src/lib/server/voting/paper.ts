// Paper ballots for a secret vote counted in the room: one per elector, several to a sheet with
// lines to cut along. Nothing on a ballot tells one from another (no name, no number): how many
// are printed is the only thing the electorate gives them. Leaders print them (the secretary of
// the minutes is one).
import { electorKey } from '$lib/associations/electorate';
import { m } from '$lib/paraglide/messages.js';
import { authorize, listVotingMembers, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { renderPdf, type Paper } from '$lib/server/pdf';
import { paperBallot, type PaperBallot } from '$lib/voting/paper';
import { listVoteOptions } from './options';
import { getRuleSet } from './settings';
import { getVote } from './votes';

export interface PaperBallots {
	association: { name: string };
	vote: { id: number; title: string };
	/** One ballot per elector: a household votes once when the rules say so. */
	count: number;
	ballot: PaperBallot;
}

/**
 * The ballots of a secret vote still to be cast: the electorate frozen at its opening, or, while
 * it is prepared, the electors as they stand today.
 */
export async function getPaperBallots(
	db: Db,
	ctx: AssociationContext,
	voteId: number
): Promise<PaperBallots> {
	authorize(ctx.actor, 'vote.manage');
	const vote = await getVote(db, ctx, voteId);
	if (!vote.secret) throw new DomainError('conflict', 'error_paper_ballots_public');
	if (vote.status !== 'preparing' && vote.status !== 'open')
		throw new DomainError('conflict', 'error_paper_ballots_over');
	let keys: string[];
	if (vote.status === 'open') {
		const rows = await db
			.selectFrom('vote_elector')
			.select('elector_key')
			.where('vote_id', '=', vote.id)
			.execute();
		keys = rows.map((r) => r.elector_key);
	} else {
		const rules = await getRuleSet(db, ctx.association.id);
		const members = await listVotingMembers(db, ctx.association.id);
		keys = members.map((p) => electorKey(p, rules.electorate));
	}
	const options = (await listVoteOptions(db, vote.id)).map((o) => ({
		label: o.label,
		amount: o.amount === null ? null : Number(o.amount),
		details: JSON.parse(o.details) as Record<string, unknown>
	}));
	return {
		association: { name: ctx.association.name },
		vote: { id: vote.id, title: vote.title },
		count: new Set(keys).size,
		ballot: paperBallot(vote, options)
	};
}

export function renderPaperBallotsPdf(ballots: PaperBallots, paper: Paper): Promise<Buffer> {
	const title = m.paper_ballots_title({ title: ballots.vote.title });
	return renderPdf({
		title,
		author: ballots.association.name,
		paper,
		footer: `${ballots.association.name} · ${m.paper_ballots_footer({ count: ballots.count })}`,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks: [
			{
				type: 'ballots',
				count: ballots.count,
				ballot: { title: ballots.vote.title, ...ballots.ballot }
			}
		]
	});
}
