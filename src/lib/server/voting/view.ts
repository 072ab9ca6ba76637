// What the vote page shows to one person: the vote, its options, their own standing, the room's
// tools for leaders, and the result only when it may be seen (never a secret vote's before close).
import { can, listVotingMembers, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Vote } from '$lib/server/db/schema';
import type { Choice } from './choice';
import { handCountKeys } from './casting';
import type { VoteResult } from './results';
import { getVote, voteDetails, type VoteDetails } from './votes';
import { listVoteOptions } from './options';
import { tallyVote } from './closing';
import { readExclusions } from '$lib/money/counterpart';

export interface OptionView {
	id: number;
	position: number;
	label: string;
	description: string;
	amount: number | null;
	details: Record<string, unknown>;
}

export interface RoomPerson {
	member_id: number;
	name: string;
	has_account: boolean;
	voted: boolean;
}

export interface VotePage {
	vote: VoteDetails;
	options: OptionView[];
	/** How many electors have voted so far (who voted is not secret; what they voted may be). */
	participation: number;
	me: {
		elector: boolean;
		voted: boolean;
		/** May cast (or, for a changeable public ballot, change) now. */
		canCast: boolean;
		/** The actor's own public ballot, to show and to change. */
		ballot: Choice | null;
		/** Absent members whose carta poder the actor holds. */
		proxies: { member_id: number; name: string; voted: boolean }[];
	};
	manage: boolean;
	/** For leaders while the vote is open: electors, proxies and the hand count. */
	room: {
		electors: RoomPerson[];
		proxies: { absent: string; holder: string }[];
		handCount: {
			counts: Record<string, number>;
			present: number;
			represented: number;
			entered_by: string | null;
			confirmable: boolean;
		} | null;
		handCountKeys: string[];
	} | null;
	/** Closed votes, and public ones that show results live; null otherwise. */
	result: VoteResult | null;
	/** A closed secret vote's counted receipt codes, sorted (never what they voted). */
	receipts: string[] | null;
	/**
	 * The households left out of the electorate at opening for arrears in their counterpart: how
	 * many, whether the actor's is one, and (to members only) which and their people.
	 */
	excluded: {
		count: number;
		mine: boolean;
		households: { name: string; members: string[] }[] | null;
	};
}

function isOpenNow(vote: Vote, now: number) {
	return vote.status === 'open' && (vote.closes_at === null || vote.closes_at > now);
}

export async function getVotePage(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	now = Date.now()
): Promise<VotePage> {
	const vote = await getVote(db, ctx, voteId);
	const stored = await listVoteOptions(db, vote.id);
	const options = stored.map((o) => ({
		id: Number(o.id),
		position: Number(o.position),
		label: o.label,
		description: o.description,
		amount: o.amount === null ? null : Number(o.amount),
		details: JSON.parse(o.details) as Record<string, unknown>
	}));
	const participants = await db
		.selectFrom('vote_participation')
		.select(['elector_key', 'member_id'])
		.where('vote_id', '=', vote.id)
		.execute();
	const votedKeys = new Set(participants.map((p) => p.elector_key));

	const memberId = ctx.member?.id;
	const mine =
		memberId === undefined
			? undefined
			: await db
					.selectFrom('vote_elector')
					.select('elector_key')
					.where('vote_id', '=', vote.id)
					.where('member_id', '=', memberId)
					.executeTakeFirst();
	const voted = mine !== undefined && votedKeys.has(mine.elector_key);
	let ballot: Choice | null = null;
	if (mine && voted && !vote.secret) {
		const row = await db
			.selectFrom('vote_ballot')
			.select('choice')
			.where('vote_id', '=', vote.id)
			.where('elector_key', '=', mine.elector_key)
			.executeTakeFirst();
		ballot = row ? (JSON.parse(row.choice) as Choice) : null;
	}
	const open = isOpenNow(vote, now) && !vote.in_room;
	const castRight = can(ctx.actor, 'vote.cast');
	const heldProxies =
		memberId === undefined
			? []
			: await db
					.selectFrom('vote_proxy')
					.innerJoin('member', 'member.id', 'vote_proxy.absent_member_id')
					.innerJoin('vote_elector', (j) =>
						j
							.onRef('vote_elector.vote_id', '=', 'vote_proxy.vote_id')
							.onRef('vote_elector.member_id', '=', 'vote_proxy.absent_member_id')
					)
					.select(['member.id', 'member.name', 'vote_elector.elector_key'])
					.where('vote_proxy.vote_id', '=', vote.id)
					.where('vote_proxy.holder_member_id', '=', memberId)
					.execute();

	const manage = can(ctx.actor, 'vote.manage');
	let room: VotePage['room'] = null;
	if (manage && vote.status === 'open') {
		const electors = await db
			.selectFrom('vote_elector')
			.innerJoin('member', 'member.id', 'vote_elector.member_id')
			.select(['member.id', 'member.name', 'member.user_id', 'vote_elector.elector_key'])
			.where('vote_elector.vote_id', '=', vote.id)
			.orderBy('member.name')
			.execute();
		const proxies = await db
			.selectFrom('vote_proxy')
			.innerJoin('member as absent', 'absent.id', 'vote_proxy.absent_member_id')
			.innerJoin('member as holder', 'holder.id', 'vote_proxy.holder_member_id')
			.select(['absent.name as absent', 'holder.name as holder'])
			.where('vote_proxy.vote_id', '=', vote.id)
			.orderBy('absent.name')
			.execute();
		const count = await db
			.selectFrom('hand_count')
			.leftJoin('user', 'user.id', 'hand_count.entered_by')
			.select([
				'hand_count.counts',
				'hand_count.present',
				'hand_count.represented',
				'hand_count.entered_by',
				'user.display_name'
			])
			.where('hand_count.vote_id', '=', vote.id)
			.executeTakeFirst();
		room = {
			electors: electors.map((e) => ({
				member_id: Number(e.id),
				name: e.name,
				has_account: e.user_id !== null,
				voted: votedKeys.has(e.elector_key)
			})),
			proxies,
			handCount: count
				? {
						counts: JSON.parse(count.counts) as Record<string, number>,
						present: Number(count.present),
						represented: Number(count.represented),
						entered_by: count.display_name ?? null,
						confirmable: count.entered_by !== ctx.user?.id
					}
				: null,
			handCountKeys: vote.in_room ? handCountKeys(vote, stored) : []
		};
	}

	let result: VoteResult | null = null;
	if (vote.status === 'closed' && vote.result) result = JSON.parse(vote.result) as VoteResult;
	else if (vote.status === 'open' && !vote.secret && vote.live_results && !vote.in_room)
		result = await tallyVote(db, vote);

	let receipts: string[] | null = null;
	if (vote.status === 'closed' && vote.secret) {
		const rows = await db
			.selectFrom('vote_ballot')
			.select('receipt')
			.where('vote_id', '=', vote.id)
			.where('receipt', 'is not', null)
			.orderBy('receipt')
			.execute();
		receipts = rows.map((r) => r.receipt!);
	}

	return {
		vote: await voteDetails(db, vote),
		options,
		participation: votedKeys.size,
		me: {
			elector: mine !== undefined,
			voted,
			canCast:
				open && castRight && mine !== undefined && (!voted || (!vote.secret && !!vote.changeable)),
			ballot,
			proxies: heldProxies.map((p) => ({
				member_id: Number(p.id),
				name: p.name,
				voted: votedKeys.has(p.elector_key)
			}))
		},
		manage,
		room,
		result,
		receipts,
		excluded: excludedView(ctx, vote)
	};
}

function excludedView(ctx: AssociationContext, vote: Vote): VotePage['excluded'] {
	const exclusions = readExclusions(vote.exclusions);
	const memberId = ctx.member?.id;
	return {
		count: exclusions.length,
		mine:
			memberId !== undefined && exclusions.some((e) => e.members.some((p) => p.id === memberId)),
		households: can(ctx.actor, 'association.view_private')
			? exclusions.map((e) => ({ name: e.name, members: e.members.map((p) => p.name) }))
			: null
	};
}

/** The voting members, for the forms that record a proxy or an assisted ballot. */
export async function listRoomMembers(db: Db, ctx: AssociationContext) {
	const members = await listVotingMembers(db, ctx.association.id);
	return members.map(({ id, name }) => ({ id, name }));
}
