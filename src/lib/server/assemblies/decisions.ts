// Deciding the agenda's points in the room, through the voting and register areas: a vote for
// those present (a hand count that must add up against the attendance and is confirmed by a
// second leader, or ballots on their own phones), a vote prepared before and linked here, or a
// decision by consensus. Every decision lands in the register naming the assembly.
import type {
	LinkPointVoteInput,
	OpenPointVoteInput,
	PointConsensusInput,
	PointHandCountInput,
	PointInput,
	PostponePointInput
} from '$lib/assemblies/forms';
import { RESOLUTION_MAX } from '$lib/assemblies/limits';
import { authorize, type AssociationContext } from '$lib/server/associations';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { Assembly, AssemblyPoint } from '$lib/server/db/schema';
import { DomainError, invalid, tooLong } from '$lib/server/errors';
import { cleanLine, cleanParagraphs } from '$lib/server/text';
import { recordConsensus } from '$lib/server/record/decisions';
import {
	attachVoteToAssembly,
	closeVote,
	confirmHandCount,
	createVote,
	enterHandCount,
	openVote,
	recordProxy
} from '$lib/server/voting';
import { assemblyRules } from './assemblies';
import { assertUndecided, getPoint } from './agenda';
import { assemblyQuorum, handsInRoom, listAttendance, voteElectorIds } from './attendance';

async function pointInSession(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PointInput
): Promise<{ assembly: Assembly; point: AssemblyPoint }> {
	authorize(ctx.actor, 'assembly.manage');
	const found = await getPoint(db, ctx, assemblyId, input.point);
	if (found.assembly.status !== 'in_session')
		throw new DomainError('conflict', 'error_assembly_not_in_session');
	return found;
}

function voteAssembly(assembly: Assembly) {
	return { id: assembly.id, call: assembly.call ?? 'first' } as const;
}

/**
 * Opens a yes/no vote on the point for those in the room: `method` = `hands` (a hand count) or
 * `phones` (public ballots on their own phones, results live). The vote is the point's from then on.
 */
export async function openPointVote(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: OpenPointVoteInput,
	now = Date.now()
): Promise<number> {
	const { assembly, point } = await pointInSession(db, ctx, assemblyId, input);
	assertUndecided(point);
	const method = input.method === 'phones' ? 'phones' : input.method === 'hands' ? 'hands' : null;
	if (!method) throw invalid({ method: 'error_choice' });
	return writeTx(db, async (tx) => {
		const vote = await createVote(
			tx,
			ctx,
			{
				title: point.title,
				description: point.summary,
				decisionKind: input.decisionKind || 'ordinary',
				inRoom: method === 'hands',
				liveResults: method === 'phones'
			},
			voteAssembly(assembly)
		);
		if (method === 'hands') await openVote(tx, ctx, vote.id, now);
		else {
			// On phones only those in the room vote: the members present, and (while the statutes
			// allow proxies) the absent whose carta poder a present member holds, who casts for them.
			// The quorum is the assembly's, not the share of the membership that has cast, and so are
			// the rules on proxies: those it was installed with.
			const rules = await assemblyRules(tx, assembly);
			const marks = await listAttendance(tx, assembly.id);
			const present = new Set(marks.filter((a) => a.status === 'present').map((a) => a.member_id));
			const carried = new Map<number, number>();
			const proxies = rules.proxiesAllowed
				? marks.filter((a) => {
						if (a.status !== 'proxy' || a.holder_member_id === null) return false;
						if (!present.has(a.holder_member_id)) return false;
						const n = carried.get(a.holder_member_id) ?? 0;
						if (n >= rules.proxiesPerHolder) return false;
						carried.set(a.holder_member_id, n + 1);
						return true;
					})
				: [];
			const quorum = await assemblyQuorum(tx, assembly, now);
			await openVote(tx, ctx, vote.id, now, {
				members: new Set([...present, ...proxies.map((a) => a.member_id)]),
				present: quorum.total
			});
			// A carta poder of a household not habilitados (in arrears, where the rules say so) has no
			// vote to carry.
			const electors = await voteElectorIds(tx, vote.id);
			for (const a of proxies.filter((p) => electors.has(p.member_id)))
				await recordProxy(
					tx,
					ctx,
					vote.id,
					{ absent: a.member_id, holder: a.holder_member_id ?? undefined },
					now
				);
		}
		await tx
			.updateTable('assembly_point')
			.set({ vote_id: vote.id })
			.where('id', '=', point.id)
			.where('vote_id', 'is', null)
			.execute();
		await tx
			.updateTable('assembly')
			.set({ current_point_id: point.id, updated_at: now })
			.where('id', '=', assembly.id)
			.execute();
		return vote.id;
	});
}

/** Links a vote prepared or open elsewhere (e.g. on a frozen plan) to the point; leaders only. */
export async function linkPointVote(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: LinkPointVoteInput
): Promise<void> {
	authorize(ctx.actor, 'assembly.manage');
	const found = await getPoint(db, ctx, assemblyId, input.point);
	assertUndecided(found.point);
	const voteId = input.vote;
	if (!isRowId(voteId)) throw invalid({ vote: 'error_choice' });
	await writeTx(db, async (tx) => {
		const taken = await tx
			.selectFrom('assembly_point')
			.select('id')
			.where('vote_id', '=', voteId)
			.executeTakeFirst();
		if (taken) throw invalid({ vote: 'error_vote_other_assembly' });
		await attachVoteToAssembly(tx, ctx, voteId, voteAssembly(found.assembly));
		await tx
			.updateTable('assembly_point')
			.set({ vote_id: voteId })
			.where('id', '=', found.point.id)
			.execute();
	});
}

async function pointVote(db: Db, ctx: AssociationContext, assemblyId: number, input: PointInput) {
	const found = await pointInSession(db, ctx, assemblyId, input);
	if (found.point.vote_id === null)
		throw new DomainError('conflict', 'error_assembly_point_no_vote');
	return { ...found, voteId: found.point.vote_id };
}

/**
 * The secretary enters the raised hands for the point's vote. Those present and represented are
 * the assembly's attendance among the vote's electors (a household in arrears, where the rules
 * say so, is in the room but does not raise its hand), not typed: the hands must add up to that.
 */
export async function enterPointHandCount(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PointHandCountInput,
	now = Date.now()
): Promise<void> {
	const { assembly, voteId } = await pointVote(db, ctx, assemblyId, input);
	const quorum = await handsInRoom(db, assembly, voteId, now);
	const { counts } = input;
	await enterHandCount(
		db,
		ctx,
		voteId,
		{ counts, present: quorum.present, represented: quorum.represented },
		now,
		true
	);
}

/** A second leader confirms the count: the vote closes and its entry names the assembly. */
export async function confirmPointHandCount(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PointInput,
	now = Date.now()
): Promise<void> {
	const { voteId } = await pointVote(db, ctx, assemblyId, input);
	await confirmHandCount(db, ctx, voteId, now);
}

/** Closes the point's vote on phones, when everyone in the room has voted. */
export async function closePointVote(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PointInput,
	now = Date.now()
): Promise<void> {
	const { voteId } = await pointVote(db, ctx, assemblyId, input);
	await closeVote(db, ctx, voteId, now);
}

export { RESOLUTION_MAX };

/**
 * Records the point as decided by consensus: `input.resolution` says what was agreed. The register
 * gets an entry naming the assembly; the point keeps its number.
 */
export async function recordPointConsensus(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PointConsensusInput,
	now = Date.now()
): Promise<number> {
	const { assembly, point } = await pointInSession(db, ctx, assemblyId, input);
	assertUndecided(point);
	const text = cleanParagraphs(input.resolution);
	if (!text) throw invalid({ resolution: 'error_decision_summary_required' });
	if (text.length > RESOLUTION_MAX) throw invalid({ resolution: tooLong(RESOLUTION_MAX) });
	return writeTx(db, async (tx) => {
		const decision = await recordConsensus(
			tx,
			ctx,
			{ title: point.title, summary: text, decisionKind: input.decisionKind || 'ordinary' },
			{ assembly: { id: assembly.id, title: assembly.title }, now }
		);
		const done = await tx
			.updateTable('assembly_point')
			.set({
				resolution: 'consensus',
				resolution_text: text,
				decision_seq: decision.seq
			})
			.where('id', '=', point.id)
			.where('resolution', 'is', null)
			.where('vote_id', 'is', null)
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1)
			throw new DomainError('conflict', 'error_assembly_point_decided');
		return Number(decision.seq);
	});
}

/** "Se pasa a la siguiente asamblea": the point is left for another assembly. */
export async function postponePoint(
	db: Db,
	ctx: AssociationContext,
	assemblyId: number,
	input: PostponePointInput
): Promise<void> {
	const { point } = await pointInSession(db, ctx, assemblyId, input);
	assertUndecided(point);
	await db
		.updateTable('assembly_point')
		.set({ resolution: 'postponed', resolution_text: cleanLine(input.resolution) })
		.where('id', '=', point.id)
		.execute();
}
