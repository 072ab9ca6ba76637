import { getDb } from '$lib/server/app';
import { associationContext, formAction, guard } from '$lib/server/http';
import {
	getRuleSet,
	hasDecisions,
	listRuleChanges,
	proposeRuleChange,
	readSettingsForm,
	ruleArticles,
	updateRegisterVisibility,
	updateSettings
} from '$lib/server/voting';
import { checked } from '$lib/fields';
import { readProposalForm } from '$lib/voting/rule-change';
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
	save: (event) =>
		formAction(event, 'settings.manage', async (ctx, values) => {
			await updateSettings(getDb(), ctx, readSettingsForm(values));
			return m.settings_saved();
		}),
	visibility: (event) =>
		formAction(event, 'settings.manage', async (ctx, values) => {
			await updateRegisterVisibility(getDb(), ctx, checked(values.register_public));
			return m.settings_visibility_saved();
		}),
	propose: (event) =>
		formAction(event, 'settings.manage', async (ctx, values) => {
			const { vote } = await proposeRuleChange(getDb(), ctx, readProposalForm(values));
			return { to: `/a/${ctx.association.slug}/votes/${vote.id}` };
		})
};
