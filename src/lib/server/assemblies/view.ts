// What the assembly pages show: the call, the agenda with each point's vote or resolution, the
// quorum, the attendance; and the acta, built from the same facts (heading, attendance and quorum,
// the points with their resolutions, signatures, the attendance list, the register head).
import {
	authorize,
	can,
	getAssociationBySlug,
	type AssociationContext
} from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import type { Assembly, AssemblyPoint } from '$lib/server/db/schema';
import { getVotePage, listVotes, voteRuleChange, type VoteListItem } from '$lib/server/voting';
import { optionLabel } from '$lib/voting/labels';
import type { ResolutionFacts } from '$lib/assemblies/labels';
import { assemblyRules, getAssembly } from './assemblies';
import { listPoints } from './agenda';
import { assemblyQuorum, attendanceList, handsInRoom, type AttendanceLine } from './attendance';
import { getPhotoInfo, type PhotoInfo } from './photo';
import type { QuorumCount } from '$lib/assemblies/quorum';

/** How a point was resolved, as the acta and the big screen say it. */
export type Resolution = ResolutionFacts;

export interface PointVote {
	id: number;
	status: 'preparing' | 'open' | 'closed' | 'cancelled';
	in_room: boolean;
	/** A secret vote: its leaders may print paper ballots for the room. */
	secret: boolean;
	participation: number;
	/** An unconfirmed hand count. */
	pending: {
		counts: Record<string, number>;
		entered_by: string | null;
		confirmable: boolean;
	} | null;
	keys: { key: string; label: string }[];
	/** While a hand count is due: those present and represented who may raise a hand. */
	hands: QuorumCount | null;
}

export interface PointView extends AssemblyPoint {
	vote: PointVote | null;
	result: Resolution | null;
}

function resolutionOf(
	point: AssemblyPoint,
	page: Awaited<ReturnType<typeof getVotePage>> | null,
	ruleChange?: Awaited<ReturnType<typeof voteRuleChange>>
): Resolution | null {
	if (point.resolution === 'consensus')
		return { kind: 'consensus', text: point.resolution_text, seq: point.decision_seq };
	if (point.resolution === 'postponed') return { kind: 'postponed', text: point.resolution_text };
	const result = page?.vote.status === 'closed' ? page.result : null;
	if (!page || !result) return null;
	const labels = new Map(page.options.map((o) => [String(o.id), optionLabel(o)]));
	const winner =
		result.kind === 'election'
			? result.election.winner
			: result.kind === 'alternatives'
				? result.alternatives.winner
				: null;
	return {
		kind: 'vote',
		outcome: result.outcome,
		method: result.source,
		counts: result.kind === 'motion' ? { ...result.motion.counts } : null,
		winner: winner === null ? null : (labels.get(winner) ?? winner),
		cast: result.cast,
		...(ruleChange?.status === 'approved' ? { rulesChanged: ruleChange.changes } : {})
	};
}

async function pointViews(db: Db, ctx: AssociationContext, assembly: Assembly) {
	const points = await listPoints(db, assembly.id);
	const views: PointView[] = [];
	for (const point of points) {
		const page = point.vote_id !== null ? await getVotePage(db, ctx, point.vote_id) : null;
		const options = page?.options ?? [];
		const keys =
			page?.room?.handCountKeys.map((key) => {
				const option = options.find((o) => String(o.id) === key);
				return { key, label: option ? optionLabel(option) : key };
			}) ?? [];
		views.push({
			...point,
			vote: page
				? {
						id: page.vote.id,
						status: page.vote.status,
						in_room: page.vote.in_room === 1,
						secret: page.vote.secret === 1,
						participation: page.participation,
						pending: page.room?.handCount ?? null,
						keys,
						hands:
							page.vote.status === 'open' && page.vote.in_room === 1
								? await handsInRoom(db, assembly, page.vote.id)
								: null
					}
				: null,
			result: resolutionOf(
				point,
				page,
				point.vote_id !== null ? await voteRuleChange(db, point.vote_id) : undefined
			)
		});
	}
	return views;
}

export interface AssemblyPage {
	assembly: Assembly;
	points: PointView[];
	quorum: QuorumCount;
	manage: boolean;
	/** Votes a leader may link to a point: not closed, not in another assembly. */
	linkable: VoteListItem[];
	photo: PhotoInfo | null;
	/** The acta to read and approve at the start: the last assembly closed before this one. */
	previousActa: { id: number; number: string } | null;
}

export async function getAssemblyPage(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
): Promise<AssemblyPage> {
	const assembly = await getAssembly(db, ctx, id);
	const manage = can(ctx.actor, 'assembly.manage');
	const points = await pointViews(db, ctx, assembly);
	const used = new Set(points.map((p) => p.vote_id));
	const linkable =
		manage && assembly.status === 'in_session'
			? (await listVotes(db, ctx, { status: ['preparing', 'open'] })).filter((v) => !used.has(v.id))
			: [];
	return {
		assembly,
		points,
		quorum: closingQuorum(assembly) ?? (await assemblyQuorum(db, assembly, now)),
		manage,
		linkable,
		photo: await getPhotoInfo(db, assembly.id),
		previousActa: await previousActa(db, assembly)
	};
}

async function previousActa(db: Db, assembly: Assembly) {
	const row = await db
		.selectFrom('assembly')
		.select(['id', 'acta_number', 'acta_year'])
		.where('association_id', '=', assembly.association_id)
		.where('status', '=', 'closed')
		.where('id', '!=', assembly.id)
		.where('first_call_at', '<=', assembly.first_call_at)
		.orderBy('first_call_at', 'desc')
		.orderBy('ended_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? { id: row.id, number: `${row.acta_number}/${row.acta_year}` } : null;
}

function closingQuorum(assembly: Assembly): QuorumCount | null {
	return assembly.closing_quorum ? (JSON.parse(assembly.closing_quorum) as QuorumCount) : null;
}

/** The secretary's attendance list and the quorum; members see it, leaders mark it. */
export async function getAttendancePage(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
) {
	const assembly = await getAssembly(db, ctx, id);
	const manage =
		can(ctx.actor, 'assembly.manage') &&
		(assembly.status === 'convened' || assembly.status === 'in_session');
	const people = await attendanceList(db, assembly.id, assembly.association_id);
	const rules = await assemblyRules(db, assembly);
	return {
		assembly,
		// ID numbers are personal data: the secretary needs them, other members do not.
		people: manage ? people : people.map((p) => ({ ...p, id_number: null })),
		quorum: closingQuorum(assembly) ?? (await assemblyQuorum(db, assembly, now)),
		manage,
		proxies: { allowed: rules.proxiesAllowed, perHolder: rules.proxiesPerHolder },
		/** One elector per household: the list groups its people by household. */
		perHousehold: rules.electorate === 'household'
	};
}

import type { AssemblyLive } from '$lib/assemblies/live';

export type { AssemblyLive };

export async function getAssemblyLive(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
): Promise<AssemblyLive> {
	authorize(ctx.actor, 'association.view_private');
	return liveSummary(await getAssemblyPage(db, ctx, id, now));
}

/** The live summary of a page already loaded. */
export function liveSummary(page: AssemblyPage): AssemblyLive {
	const current = page.points.find((p) => p.id === page.assembly.current_point_id);
	const live = {
		status: page.assembly.status,
		quorum: page.quorum,
		current: current
			? {
					position: current.position,
					title: current.title,
					kind: current.kind,
					vote: current.vote
						? {
								status: current.vote.status,
								in_room: current.vote.in_room,
								participation: current.vote.participation,
								pending: current.vote.pending !== null
							}
						: null,
					result: current.result
				}
			: null,
		decided: page.points
			.filter((p) => p.result !== null)
			.map((p) => ({ position: p.position, title: p.title, result: p.result! }))
	};
	return { version: versionOf(live, page.points), ...live };
}

function versionOf(live: Omit<AssemblyLive, 'version'>, points: PointView[]): string {
	// Cheap and stable: what the pages show, summarised. Not a security boundary.
	const text = JSON.stringify([
		live,
		points.map((p) => [p.id, p.position, p.title, p.summary, p.vote?.pending?.counts ?? null])
	]);
	let h = 0;
	for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
	return `${text.length}-${(h >>> 0).toString(36)}`;
}

// --- The acta ---------------------------------------------------------------------------------

export interface Acta {
	association: { name: string; municipality: string; department: string; slug: string };
	assembly: Assembly;
	/** "3/2026", once closed. */
	number: string | null;
	quorum: QuorumCount;
	points: PointView[];
	/** The president and the secretary of the minutes, as the board has them now. */
	signatories: {
		name: string;
		office: 'presidente' | 'secretario_actas';
		id_number: string | null;
	}[];
	attendance: AttendanceLine[];
	head: { seq: number; hash: string } | null;
	photo: PhotoInfo | null;
}

/** The acta of an assembly, from its facts; members only. A draft until the assembly closes. */
export async function getActa(
	db: Db,
	ctx: AssociationContext,
	id: number,
	now = Date.now()
): Promise<Acta> {
	const page = await getAssemblyPage(db, ctx, id, now);
	const a = page.assembly;
	const association = (await getAssociationBySlug(db, ctx.association.slug))!;
	const listed = await attendanceList(db, a.id, a.association_id);
	// ID numbers are personal data: the association's members read them in its acta, the public
	// (a closed assembly of a public register) does not.
	const member = can(ctx.actor, 'association.view_private');
	const attendance = member ? listed : listed.map((p) => ({ ...p, id_number: null }));
	const signatories: Acta['signatories'] = [];
	for (const office of ['presidente', 'secretario_actas'] as const) {
		const holder = attendance.find((p) => p.role === 'leader' && p.office === office);
		signatories.push({ name: holder?.name ?? '', office, id_number: holder?.id_number ?? null });
	}
	return {
		association: {
			name: association.name,
			municipality: association.municipality,
			department: association.department,
			slug: association.slug
		},
		assembly: a,
		number: a.acta_number !== null ? `${a.acta_number}/${a.acta_year}` : null,
		quorum: page.quorum,
		points: page.points,
		signatories,
		attendance,
		head: a.head_hash !== null ? { seq: Number(a.head_seq ?? 0), hash: a.head_hash } : null,
		photo: page.photo
	};
}
