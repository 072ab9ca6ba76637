import { getDb } from '$lib/server/app';
import { changePassword, updateProfile } from '$lib/server/auth';
import { failFrom, readForm, requireUser, succeed } from '$lib/server/http';
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
		try {
			await updateProfile(getDb(), user.id, values);
		} catch (err) {
			return failFrom(err, values);
		}
		return succeed(values, m.account_profile_saved());
	},
	password: async (event) => {
		const user = requireUser(event);
		const values = await readForm(event.request);
		try {
			await changePassword(
				getDb(),
				user.id,
				{ current: values.current_password, next: values.new_password },
				event.locals.session?.id
			);
		} catch (err) {
			return failFrom(err, values);
		}
		return succeed(values, m.account_password_saved());
	}
};
