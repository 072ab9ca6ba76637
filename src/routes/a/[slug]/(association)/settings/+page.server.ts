import { getDb } from '$lib/server/app';
import { associationContext, failFrom, guard, readForm, succeed } from '$lib/server/http';
import { getRuleSet, updateSettings } from '$lib/server/voting';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'settings.manage');
	return {
		rules: await getRuleSet(getDb(), ctx.association.id),
		registerPublic: ctx.association.register_public === 1
	};
};

export const actions: Actions = {
	save: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'settings.manage');
		const values = await readForm(event.request);
		try {
			await updateSettings(getDb(), ctx, values);
		} catch (err) {
			return failFrom(err, values);
		}
		return succeed(values, m.settings_saved());
	}
};
