import { getDb } from '$lib/server/app';
import {
	getAssemblyLive,
	getAttendancePage,
	markAttendance,
	readAttendanceForm,
	type AttendanceAction
} from '$lib/server/assemblies';
import { associationContext, formAction, guard, parseId, throwPageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	event.depends('minka:assembly');
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const id = parseId(event.params.id);
	const db = getDb();
	try {
		return {
			...(await getAttendancePage(db, ctx, id)),
			version: (await getAssemblyLive(db, ctx, id)).version,
			q: event.url.searchParams.get('q')?.slice(0, 80) ?? '',
			done: event.url.searchParams.has('done') ? m.assembly_done_attendance() : null
		};
	} catch (err) {
		throwPageError(err);
	}
};

function mark(action: AttendanceAction) {
	return async (event: RequestEvent) => {
		return formAction(event, 'assembly.manage', async (ctx, values) => {
			await markAttendance(
				getDb(),
				ctx,
				parseId(event.params.id),
				action,
				readAttendanceForm(values)
			);
			const q = (values.q ?? '').slice(0, 80);
			const query = new URLSearchParams({ done: action, ...(q ? { q } : {}) });
			return { to: `${event.url.pathname}?${query}#member-${Number(values.member) || ''}` };
		});
	};
}

export const actions: Actions = {
	present: mark('present'),
	proxy: mark('proxy'),
	excused: mark('excused'),
	undo: mark('undo')
};
