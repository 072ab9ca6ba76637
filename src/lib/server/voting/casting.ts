// Casting: one write transaction checks the vote is open, that the elector is in the frozen
// electorate, writes who voted and what was voted, and relies on PRIMARY KEY (vote, elector) so
// that parallel duplicates leave exactly one ballot. Proxies, assisted ballots and hand counts are
// the assembly room's ways of voting.
import { isElector } from '$lib/associations/electorate';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import {
	actingUser,
	authorize,
	getMember,
	type AssociationContext
} from '$lib/server/associations';
import { forUpdate, isRowId, isUniqueViolation, writeTx, type Db } from '$lib/server/db';
import type { CastChannel, Vote, VoteOption } from '$lib/server/db/schema';
import { DomainError, invalid } from '$lib/server/errors';
import { MOTION_CHOICES } from '$lib/voting/methods';
import type { BallotMarks, CastFor, HandCountInput, ProxyInput } from '$lib/voting/ballot-form';
import { parseChoice } from './choice';
import { insertSealedBallot } from './secrecy';
import { auditVote, voteRules } from './votes';
import { listVoteOptions } from './options';
import { closeInTx } from './closing';
import { syncEnactedText } from './enact';

function randomCode(bytes: number): string {
	return encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A receipt a person can copy or read aloud: 16 characters in groups of four. */
function newReceipt(): string {
	return randomCode(10).match(/.{4}/g)!.join('-');
}

/** A count of people in a hand count: a whole number, at most six digits as the form allows. */
function isCount(n: number | undefined): n is number {
	return Number.isInteger(n) && n! >= 0 && n! <= 999_999;
}

interface Elector {
	member_id: number;
	elector_key: string;
}

/** Whether the member still votes today (the roll itself is frozen when the vote opens). */
async function votesToday(tx: Db, associationId: number, memberId: number): Promise<boolean> {
	const member = await getMember(tx, associationId, memberId);
	return member !== undefined && isElector(member);
}

/**
 * The assemblies in session (installed) where the member is checked in as present: the
 * vote's own assembly if it has one, else any of the association's. Read here rather than through
 * the assemblies area, which builds on voting.
 */
async function presentIn(
	tx: Db,
	vote: Pick<Vote, 'association_id' | 'assembly_id'>,
	memberId: number
): Promise<Set<number>> {
	let query = tx
		.selectFrom('assembly_attendance')
		.innerJoin('assembly', 'assembly.id', 'assembly_attendance.assembly_id')
		.select('assembly.id')
		.where('assembly.association_id', '=', vote.association_id)
		.where('assembly.status', '=', 'in_session')
		.where('assembly_attendance.member_id', '=', memberId)
		.where('assembly_attendance.status', '=', 'present');
	if (vote.assembly_id !== null) query = query.where('assembly.id', '=', vote.assembly_id);
	return new Set((await query.execute()).map((r) => Number(r.id)));
}

/**
 * An assisted ballot is marked in the room: the member it is for is checked in at an installed
 * assembly, and so is the witness, another member with a vote who is neither of the two.
 */
async function checkAssisted(
	tx: Db,
	vote: Vote,
	forMember: number,
	leader: number,
	witness: number | undefined
): Promise<number> {
	const rooms = await presentIn(tx, vote, forMember);
	if (rooms.size === 0) throw new DomainError('conflict', 'error_vote_assisted_not_present');
	if (
		witness === undefined ||
		!isRowId(witness) ||
		witness === forMember ||
		witness === leader ||
		!(await votesToday(tx, vote.association_id, witness)) ||
		![...(await presentIn(tx, vote, witness))].some((id) => rooms.has(id))
	)
		throw invalid({ witness: 'error_vote_witness' });
	return witness;
}

/**
 * A carta poder of an assembly's vote holds while its holder is in the room and the member it is
 * for is not (arrived, they vote themselves).
 */
async function checkProxyPresence(
	tx: Db,
	vote: Vote,
	absent: number,
	holder: number
): Promise<Record<string, string> | undefined> {
	if (vote.assembly_id === null) return undefined;
	if ((await presentIn(tx, vote, holder)).size === 0)
		return { holder: 'error_assembly_holder_not_present' };
	if ((await presentIn(tx, vote, absent)).size > 0)
		return { absent: 'error_assembly_absent_is_present' };
	return undefined;
}

async function electorOf(tx: Db, voteId: number, memberId: number): Promise<Elector | undefined> {
	return tx
		.selectFrom('vote_elector')
		.select(['member_id', 'elector_key'])
		.where('vote_id', '=', voteId)
		.where('member_id', '=', memberId)
		.executeTakeFirst();
}

async function openVoteInTx(tx: Db, ctx: AssociationContext, voteId: number, now: number) {
	const vote = Number.isSafeInteger(voteId)
		? await forUpdate(
				tx,
				tx
					.selectFrom('vote')
					.selectAll()
					.where('id', '=', voteId)
					.where('association_id', '=', ctx.association.id)
			).executeTakeFirst()
		: undefined;
	if (!vote) throw new DomainError('not_found', 'error_vote_not_found');
	if (vote.status === 'preparing') throw new DomainError('conflict', 'error_vote_not_open');
	if (vote.status !== 'open' || (vote.closes_at !== null && vote.closes_at <= now))
		throw new DomainError('closed', 'error_vote_closed');
	return vote;
}

export interface CastResult {
	/** The secret ballot's receipt code, shown once to its voter. */
	receipt: string | null;
	/** A public ballot that replaced the elector's earlier one. */
	changed: boolean;
	channel: CastChannel;
}

/**
 * Casts a ballot with the voter's marks. By default for the actor; `for.forMember` names either the
 * absent member whose carta poder the actor holds (recorded as a proxy), or — leaders only, with
 * `for.witness` naming
 * another member present — as an assisted ballot for a member without a phone, checked in at an
 * installed assembly. Nobody casts for a member who no longer votes (suspended since the vote
 * opened, removed, made an observer).
 */
export async function castBallot(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	marks: BallotMarks,
	on: CastFor = {},
	now = Date.now()
): Promise<CastResult> {
	const user = actingUser(ctx);
	authorize(ctx.actor, 'association.view_private');
	const me = ctx.member;
	if (!me) throw new DomainError('forbidden', 'error_forbidden');
	const forMember = on.forMember;
	if (forMember !== undefined && !isRowId(forMember)) throw invalid({ for_member: 'error_choice' });

	const options = await listVoteOptions(db, voteId);
	try {
		return await writeTx(db, async (tx) => {
			const vote = await openVoteInTx(tx, ctx, voteId, now);
			if (vote.in_room) throw new DomainError('conflict', 'error_vote_in_room');
			const choice = parseChoice(vote, options, marks);

			let channel: CastChannel = 'online';
			let elector: Elector | undefined;
			let holder: number | null = null;
			let witness: number | null = null;
			if (forMember === undefined || forMember === me.id) {
				authorize(ctx.actor, 'vote.cast');
				elector = await electorOf(tx, vote.id, me.id);
				if (!elector)
					throw new DomainError(
						'forbidden',
						vote.room_present !== null ? 'error_vote_not_present' : 'error_vote_not_elector'
					);
			} else {
				elector = await electorOf(tx, vote.id, forMember);
				if (!elector) throw new DomainError('invalid', 'error_vote_not_elector_other');
				// Suspended (or removed) since the vote opened: nobody votes in their name either.
				if (!(await votesToday(tx, ctx.association.id, forMember)))
					throw new DomainError('conflict', 'error_vote_member_not_active');
				const proxy = await tx
					.selectFrom('vote_proxy')
					.select('holder_member_id')
					.where('vote_id', '=', vote.id)
					.where('absent_member_id', '=', forMember)
					.executeTakeFirst();
				if (proxy && Number(proxy.holder_member_id) === me.id) {
					authorize(ctx.actor, 'vote.cast');
					const away = await checkProxyPresence(tx, vote, forMember, me.id);
					if (away) throw invalid(away);
					channel = 'proxy';
					holder = me.id;
				} else {
					// An assisted ballot: a leader marks it for a member in the room, before a witness.
					authorize(ctx.actor, 'vote.manage');
					witness = await checkAssisted(tx, vote, forMember, me.id, on.witness);
					channel = 'assisted';
				}
			}

			const existing = await tx
				.selectFrom('vote_participation')
				.select('member_id')
				.where('vote_id', '=', vote.id)
				.where('elector_key', '=', elector.elector_key)
				.executeTakeFirst();
			if (existing) {
				if (vote.secret || !vote.changeable || Number(existing.member_id) !== elector.member_id)
					throw new DomainError('conflict', 'error_vote_already_voted');
				await tx
					.updateTable('vote_ballot')
					.set({ choice: JSON.stringify(choice) })
					.where('vote_id', '=', vote.id)
					.where('elector_key', '=', elector.elector_key)
					.execute();
				return { receipt: null, changed: true, channel };
			}

			await tx
				.insertInto('vote_participation')
				.values({
					vote_id: vote.id,
					elector_key: elector.elector_key,
					member_id: elector.member_id,
					channel,
					cast_by: user.id,
					holder_member_id: holder,
					witness_member_id: witness,
					created_at: now
				})
				.execute();
			const receipt = vote.secret ? newReceipt() : null;
			// A secret ballot is sealed while the vote is open and written readable only by the
			// close, apart from this transaction (secrecy.ts: the threat model).
			if (receipt)
				await insertSealedBallot(
					tx,
					vote.id,
					{ receipt, choice: JSON.stringify(choice) },
					options.length
				);
			else
				await tx
					.insertInto('vote_ballot')
					.values({
						vote_id: vote.id,
						id: randomCode(16),
						elector_key: elector.elector_key,
						receipt: null,
						choice: JSON.stringify(choice)
					})
					.execute();
			if (channel === 'assisted')
				await auditVote(tx, ctx, 'vote.assisted_ballot', vote, { member: forMember, witness }, now);
			return { receipt, changed: false, channel };
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new DomainError('conflict', 'error_vote_already_voted');
		throw err;
	}
}

/**
 * Records a carta poder for this vote: `holder` casts for `absent`. Leaders only; within the rule
 * set's limit per holder; both must be in the electorate and still vote, the absent member must not
 * have voted, and for an assembly's vote the holder must be in the room and the absent one not.
 */
export async function recordProxy(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	proxy: ProxyInput,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'vote.manage');
	const user = actingUser(ctx);
	const absent = proxy.absent !== undefined && isRowId(proxy.absent) ? proxy.absent : undefined;
	const holder = proxy.holder !== undefined && isRowId(proxy.holder) ? proxy.holder : undefined;
	const fields: Record<string, string> = {};
	if (absent === undefined) fields.absent = 'error_choice';
	if (holder === undefined) fields.holder = 'error_choice';
	if (absent !== undefined && absent === holder) fields.holder = 'error_vote_proxy_self';
	if (Object.keys(fields).length) throw invalid(fields);
	try {
		await writeTx(db, async (tx) => {
			const vote = await openVoteInTx(tx, ctx, voteId, now);
			const rules = voteRules(vote);
			if (!rules.proxiesAllowed)
				throw new DomainError('conflict', 'error_vote_proxies_not_allowed');
			const absentElector = await electorOf(tx, vote.id, absent!);
			const holderElector = await electorOf(tx, vote.id, holder!);
			if (!absentElector) throw invalid({ absent: 'error_vote_not_elector_other' });
			if (!holderElector) throw invalid({ holder: 'error_vote_not_elector_other' });
			if (!(await votesToday(tx, vote.association_id, absent!)))
				throw invalid({ absent: 'error_vote_member_not_active' });
			if (!(await votesToday(tx, vote.association_id, holder!)))
				throw invalid({ holder: 'error_vote_member_not_active' });
			const away = await checkProxyPresence(tx, vote, absent!, holder!);
			if (away) throw invalid(away);
			const voted = await tx
				.selectFrom('vote_participation')
				.select('member_id')
				.where('vote_id', '=', vote.id)
				.where('elector_key', '=', absentElector.elector_key)
				.executeTakeFirst();
			if (voted) throw invalid({ absent: 'error_vote_proxy_already_voted' });
			const carried = await tx
				.selectFrom('vote_proxy')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('vote_id', '=', vote.id)
				.where('holder_member_id', '=', holder!)
				.executeTakeFirstOrThrow();
			if (Number(carried.n) >= rules.proxiesPerHolder)
				throw new DomainError('conflict', {
					key: 'error_vote_proxy_limit',
					params: { max: rules.proxiesPerHolder }
				});
			await tx
				.insertInto('vote_proxy')
				.values({
					vote_id: vote.id,
					absent_member_id: absent!,
					holder_member_id: holder!,
					recorded_by: user.id,
					created_at: now
				})
				.execute();
			await auditVote(tx, ctx, 'vote.proxy_recorded', vote, { absent, holder });
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw invalid({ absent: 'error_vote_proxy_exists' });
		throw err;
	}
}

/** The options a hand count counts: yes/no/abstain for a motion, else each option and abstain. */
export function handCountKeys(vote: Pick<Vote, 'kind'>, options: VoteOption[]): string[] {
	if (vote.kind === 'motion' && options.length === 0) return [...MOTION_CHOICES];
	return [...options.map((o) => String(o.id)), 'abstain'];
}

/**
 * The secretary enters the raised hands per option with how many are present and represented.
 * The hands must add up to everyone present and represented, and those cannot exceed the
 * electorate nor the proxies the rules allow. Re-entering replaces an unconfirmed count.
 */
export async function enterHandCount(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	input: HandCountInput,
	now = Date.now(),
	/** Set by the assemblies area, which fills present and represented from the attendance. */
	fromAssembly = false
): Promise<void> {
	authorize(ctx.actor, 'vote.manage');
	const user = actingUser(ctx);
	const options = await listVoteOptions(db, voteId);
	await writeTx(db, async (tx) => {
		const vote = await openVoteInTx(tx, ctx, voteId, now);
		if (!vote.in_room) throw new DomainError('conflict', 'error_vote_not_in_room');
		// A vote of an assembly is counted against that assembly's attendance, on its page.
		if (vote.assembly_id !== null && !fromAssembly)
			throw new DomainError('conflict', 'error_hand_count_in_assembly');
		const rules = voteRules(vote);
		const fields: Record<string, string | { key: string; params: Record<string, number> }> = {};
		const counts: Record<string, number> = {};
		for (const key of handCountKeys(vote, options)) {
			const n = input.counts[key];
			if (!isCount(n)) fields[`count_${key}`] = 'error_count_format';
			else counts[key] = n;
		}
		const { present, represented } = input;
		if (!isCount(present) || present === 0) fields.present = 'error_count_format';
		if (!isCount(represented)) fields.represented = 'error_count_format';
		if (Object.keys(fields).length) throw invalid(fields);
		const electorate = Number(vote.electorate_size ?? 0);
		const maxRepresented = rules.proxiesAllowed ? present * rules.proxiesPerHolder : 0;
		if (represented > maxRepresented)
			throw invalid({
				represented: { key: 'error_hand_count_represented', params: { max: maxRepresented } }
			});
		if (present + represented > electorate)
			throw invalid({
				present: { key: 'error_hand_count_electorate', params: { electorate } }
			});
		const sum = Object.values(counts).reduce((a, b) => a + b, 0);
		if (sum !== present + represented)
			throw new DomainError('invalid', {
				key: 'error_hand_count_sum',
				params: { sum, total: present + represented }
			});
		const existing = await tx
			.selectFrom('hand_count')
			.select('confirmed_at')
			.where('vote_id', '=', vote.id)
			.executeTakeFirst();
		if (existing?.confirmed_at) throw new DomainError('conflict', 'error_hand_count_confirmed');
		const row = {
			counts: JSON.stringify(counts),
			present: present,
			represented: represented,
			entered_by: user.id,
			entered_at: now,
			confirmed_by: null,
			confirmed_at: null
		};
		await tx
			.insertInto('hand_count')
			.values({ vote_id: vote.id, ...row })
			.onConflict((oc) => oc.column('vote_id').doUpdateSet(row))
			.execute();
		await auditVote(
			tx,
			ctx,
			'vote.hand_count_entered',
			vote,
			{ counts, present, represented },
			now
		);
	});
}

/**
 * A second leader, not the one who entered it, confirms the hand count: it counts, and the vote
 * closes with it.
 */
export async function confirmHandCount(
	db: Db,
	ctx: AssociationContext,
	voteId: number,
	now = Date.now()
): Promise<void> {
	authorize(ctx.actor, 'vote.manage');
	const user = actingUser(ctx);
	await writeTx(db, async (tx) => {
		const vote = await openVoteInTx(tx, ctx, voteId, now);
		const row = await tx
			.selectFrom('hand_count')
			.selectAll()
			.where('vote_id', '=', vote.id)
			.executeTakeFirst();
		if (!row) throw new DomainError('conflict', 'error_hand_count_missing');
		if (row.entered_by === user.id)
			throw new DomainError('conflict', 'error_hand_count_same_leader');
		await tx
			.updateTable('hand_count')
			.set({ confirmed_by: user.id, confirmed_at: now })
			.where('vote_id', '=', vote.id)
			.where('confirmed_at', 'is', null)
			.execute();
		await auditVote(tx, ctx, 'vote.hand_count_confirmed', vote, {}, now);
		const result = await closeInTx(tx, vote.id, now, user.display_name);
		await auditVote(tx, ctx, 'vote.closed', vote, { outcome: result.outcome }, now);
	});
	if (!db.isTransaction) await syncEnactedText(db, voteId);
}
