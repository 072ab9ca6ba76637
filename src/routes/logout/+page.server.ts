import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) await invalidateSession(getDb(), locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, '/');
	}
};
