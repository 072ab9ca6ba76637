import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { createAssociation } from '$lib/server/associations';
import { failFrom, readForm, requireUser } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const values = await readForm(event.request);
		let slug: string;
		try {
			slug = (await createAssociation(getDb(), user, values)).slug;
		} catch (err) {
			return failFrom(err, values);
		}
		redirect(303, `/a/${slug}`);
	}
};
