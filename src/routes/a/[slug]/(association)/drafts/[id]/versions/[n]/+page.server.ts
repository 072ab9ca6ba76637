import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { compareVersions, freezeVersion, getVersion, listVersions } from '$lib/server/drafts';
import {
	parseId,
	assertConfirmed,
	associationContext,
	formAction,
	guard,
	throwPageError
} from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view_private');
	const db = getDb();
	const draftId = parseId(event.params.id);
	const n = parseId(event.params.n);
	const withParam = event.url.searchParams.get('with');
	try {
		const version = await getVersion(db, ctx, draftId, n);
		const other = withParam ? parseId(withParam) : undefined;
		const comparison =
			other !== undefined && other !== n
				? await compareVersions(db, ctx, draftId, Math.min(other, n), Math.max(other, n))
				: undefined;
		return {
			draftId,
			version,
			versions: (await listVersions(db, ctx, draftId)).map((v) => ({
				number: v.number,
				label: v.label
			})),
			comparison,
			canFreeze: can(ctx.actor, 'members.manage'),
			canPutToVote: can(ctx.actor, 'vote.manage')
		};
	} catch (err) {
		throwPageError(err);
	}
};

export const actions: Actions = {
	freeze: (event) =>
		formAction(event, 'members.manage', async (ctx, values) => {
			assertConfirmed(values);
			await freezeVersion(getDb(), ctx, parseId(event.params.id), parseId(event.params.n));
			return m.version_frozen_done();
		})
};
