import { redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getDb } from '$lib/server/app';
import { registerUser, startSession } from '$lib/server/auth';
import { attempt, readForm, safeNext } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')) ?? '/');
	return { next: safeNext(url.searchParams.get('next')) ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const values = await readForm(event.request);
		return attempt(values, async () => {
			const db = getDb();
			const user = await registerUser(db, {
				...values,
				locale: getLocale(),
				address: event.getClientAddress()
			});
			await startSession(db, event, user);
			return { to: safeNext(values.next) ?? '/' };
		});
	}
};
