import { getDb } from '$lib/server/app';
import { createAssociation } from '$lib/server/associations';
import { attempt, readForm, requireUser } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const values = await readForm(event.request);
		return attempt(values, async () => {
			const { slug } = await createAssociation(getDb(), user, values);
			return { to: `/a/${slug}` };
		});
	}
};
