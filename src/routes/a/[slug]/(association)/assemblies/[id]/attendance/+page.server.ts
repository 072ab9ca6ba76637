import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import {
	assemblyRules,
	getAssemblyLive,
	getAttendancePage,
	markAttendance
} from '$lib/server/assemblies';
import type { AttendanceAction } from '$lib/server/assemblies';
import {
	associationContext,
	failFrom,
	guard,
	parseId,
	readForm,
	throwPageError
} from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	event.depends('minka:assembly');
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const id = parseId(event.params.id);
	const db = getDb();
	try {
		const page = await getAttendancePage(db, ctx, id);
		const rules = await assemblyRules(db, page.assembly);
		return {
			...page,
			// ID numbers are personal data: the secretary needs them, other members do not.
			people: page.people.map((p) => ({ ...p, id_number: page.manage ? p.id_number : null })),
			version: (await getAssemblyLive(db, ctx, id)).version,
			proxies: { allowed: rules.proxiesAllowed, perHolder: rules.proxiesPerHolder },
			perHousehold: rules.electorate === 'household',
			q: event.url.searchParams.get('q')?.slice(0, 80) ?? '',
			done: event.url.searchParams.has('done') ? m.assembly_done_attendance() : null
		};
	} catch (err) {
		throwPageError(err);
	}
};

function mark(action: AttendanceAction) {
	return async (event: RequestEvent) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'assembly.manage');
		const id = parseId(event.params.id);
		const values = await readForm(event.request);
		try {
			await markAttendance(getDb(), ctx, id, action, values);
		} catch (err) {
			return failFrom(err, values);
		}
		const q = (values.q ?? '').slice(0, 80);
		const query = new URLSearchParams({ done: action, ...(q ? { q } : {}) });
		redirect(303, `${event.url.pathname}?${query}#member-${Number(values.member) || ''}`);
	};
}

export const actions: Actions = {
	present: mark('present'),
	proxy: mark('proxy'),
	excused: mark('excused'),
	undo: mark('undo')
};
