import { getDb } from '$lib/server/app';
import { changePassword, updateProfile } from '$lib/server/auth';
import { attempt, readForm, requireUser } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { account: { username: user.username, display_name: user.display_name } };
};

export const actions: Actions = {
	profile: async (event) => {
		const user = requireUser(event);
		const values = await readForm(event.request);
		return attempt(values, async () => {
			await updateProfile(getDb(), user.id, values);
			return m.account_profile_saved();
		});
	},
	password: async (event) => {
		const user = requireUser(event);
		const values = await readForm(event.request);
		return attempt(values, async () => {
			await changePassword(
				getDb(),
				user.id,
				{ current: values.current_password, next: values.new_password },
				event.locals.session?.id
			);
			return m.account_password_saved();
		});
	}
};
