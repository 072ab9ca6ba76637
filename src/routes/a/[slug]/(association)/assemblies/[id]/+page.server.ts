import { getDb } from '$lib/server/app';
import { own } from '$lib/own';
import type { AssociationContext } from '$lib/server/associations';
import {
	addPoint,
	cancelAssembly,
	closeAssembly,
	closePointVote,
	confirmPointHandCount,
	enterPointHandCount,
	getAssemblyPage,
	liveSummary,
	linkPointVote,
	movePoint,
	openPointVote,
	postponePoint,
	readAssemblyCallForm,
	readLinkPointVoteForm,
	readMovePointForm,
	readNewPointForm,
	readOpenPointVoteForm,
	readPointConsensusForm,
	readPointForm,
	readPointHandCountForm,
	readPostponePointForm,
	readSummaryForm,
	recordPointConsensus,
	removePoint,
	saveSummary,
	setCurrentPoint,
	startAssembly,
	updateAssemblyCall
} from '$lib/server/assemblies';
import {
	actAndReturn,
	assertConfirmed,
	associationContext,
	guard,
	parseId,
	throwPageError
} from '$lib/server/http';
import { getRuleSet } from '$lib/server/voting';
import { voiceFor } from '$lib/server/voice';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	event.depends('minka:assembly');
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const id = parseId(event.params.id);
	const db = getDb();
	try {
		const page = await getAssemblyPage(db, ctx, id);
		return {
			...page,
			version: liveSummary(page).version,
			...(await voiceFor(
				db,
				ctx,
				page.points.map((p) => ({ kind: 'agenda_point' as const, ref: String(p.id) }))
			)),
			perHousehold: (await getRuleSet(db, ctx.association.id)).electorate === 'household',
			now: Date.now(),
			done: own(DONE, event.url.searchParams.get('done'))?.() ?? null
		};
	} catch (err) {
		throwPageError(err);
	}
};

const DONE: Record<string, () => string> = {
	convened: () => m.assembly_done_convened(),
	started: () => m.assembly_done_started(),
	call: () => m.assembly_done_call(),
	closed: () => m.assembly_done_closed(),
	cancelled: () => m.assembly_done_cancelled(),
	point_added: () => m.assembly_done_point_added(),
	point_removed: () => m.assembly_done_point_removed(),
	moved: () => m.assembly_done_moved(),
	summary: () => m.assembly_done_summary(),
	current: () => m.assembly_done_current(),
	vote_opened: () => m.assembly_done_vote_opened(),
	vote_linked: () => m.assembly_done_vote_linked(),
	hand_count: () => m.hand_count_entered(),
	confirmed: () => m.hand_count_confirmed(),
	vote_closed: () => m.vote_closed_now(),
	consensus: () => m.assembly_done_consensus(),
	postponed: () => m.assembly_done_postponed()
};

/** A leader's act, back at the point acted on: see actAndReturn. */
const act = (
	event: RequestEvent,
	done: string,
	run: (ctx: AssociationContext, values: Record<string, string>, id: number) => Promise<unknown>
) =>
	actAndReturn(
		event,
		'assembly.manage',
		async (ctx, values, id) => {
			await run(ctx, values, id);
			return done;
		},
		(values) => (/^[0-9]{1,15}$/.test(values.point ?? '') ? `#point-${values.point}` : '')
	);

export const actions: Actions = {
	start: (event) =>
		act(event, 'started', (ctx, v, id) => {
			assertConfirmed(v);
			return startAssembly(getDb(), ctx, id, Date.now(), v.early_reason ?? '');
		}),
	close: (event) =>
		act(event, 'closed', (ctx, v, id) => {
			assertConfirmed(v);
			return closeAssembly(getDb(), ctx, id);
		}),
	cancel: (event) =>
		act(event, 'cancelled', (ctx, v, id) => {
			assertConfirmed(v);
			return cancelAssembly(getDb(), ctx, id);
		}),
	call: (event) =>
		act(event, 'call', (ctx, v, id) =>
			updateAssemblyCall(getDb(), ctx, id, readAssemblyCallForm(v))
		),
	add_point: (event) =>
		act(event, 'point_added', (ctx, v, id) => addPoint(getDb(), ctx, id, readNewPointForm(v))),
	remove_point: (event) =>
		act(event, 'point_removed', (ctx, v, id) => {
			assertConfirmed(v);
			return removePoint(getDb(), ctx, id, readPointForm(v));
		}),
	move_point: (event) =>
		act(event, 'moved', (ctx, v, id) => movePoint(getDb(), ctx, id, readMovePointForm(v))),
	summary: (event) =>
		act(event, 'summary', (ctx, v, id) => saveSummary(getDb(), ctx, id, readSummaryForm(v))),
	current: (event) =>
		act(event, 'current', (ctx, v, id) => setCurrentPoint(getDb(), ctx, id, readPointForm(v))),
	open_vote: (event) =>
		act(event, 'vote_opened', (ctx, v, id) =>
			openPointVote(getDb(), ctx, id, readOpenPointVoteForm(v))
		),
	link_vote: (event) =>
		act(event, 'vote_linked', (ctx, v, id) =>
			linkPointVote(getDb(), ctx, id, readLinkPointVoteForm(v))
		),
	hand_count: (event) =>
		act(event, 'hand_count', (ctx, v, id) =>
			enterPointHandCount(getDb(), ctx, id, readPointHandCountForm(v))
		),
	confirm: (event) =>
		act(event, 'confirmed', (ctx, v, id) =>
			confirmPointHandCount(getDb(), ctx, id, readPointForm(v))
		),
	close_vote: (event) =>
		act(event, 'vote_closed', (ctx, v, id) => {
			assertConfirmed(v);
			return closePointVote(getDb(), ctx, id, readPointForm(v));
		}),
	consensus: (event) =>
		act(event, 'consensus', (ctx, v, id) =>
			recordPointConsensus(getDb(), ctx, id, readPointConsensusForm(v))
		),
	postpone: (event) =>
		act(event, 'postponed', (ctx, v, id) =>
			postponePoint(getDb(), ctx, id, readPostponePointForm(v))
		)
};
