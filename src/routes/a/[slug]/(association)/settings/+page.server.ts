import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { associationContext, failFrom, guard, readForm, succeed } from '$lib/server/http';
import {
	getRuleSet,
	hasDecisions,
	listRuleChanges,
	proposeRuleChange,
	ruleArticles,
	updateRegisterVisibility,
	updateSettings
} from '$lib/server/voting';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'settings.manage');
	const db = getDb();
	return {
		rules: await getRuleSet(db, ctx.association.id),
		registerPublic: ctx.association.register_public === 1,
		// Before the first recorded decision the leaders set the rules; after it, the members vote.
		direct: !(await hasDecisions(db, ctx.association.id)),
		articles: await ruleArticles(db, ctx.association.id),
		changes: await listRuleChanges(db, ctx)
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
	},
	visibility: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'settings.manage');
		const values = await readForm(event.request);
		try {
			await updateRegisterVisibility(getDb(), ctx, values);
		} catch (err) {
			return failFrom(err, values);
		}
		return succeed(values, m.settings_visibility_saved());
	},
	propose: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'settings.manage');
		const values = await readForm(event.request);
		let voteId: number;
		try {
			voteId = (await proposeRuleChange(getDb(), ctx, values)).vote.id;
		} catch (err) {
			return failFrom(err, values);
		}
		redirect(303, `/a/${ctx.association.slug}/votes/${voteId}`);
	}
};
