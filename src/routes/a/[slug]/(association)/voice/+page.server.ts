import { getDb } from '$lib/server/app';
import {
	associationContext,
	attempt,
	formAction,
	guard,
	readMultipart,
	safeNext
} from '$lib/server/http';
import { readVoiceForm, recordVoice, retireVoice } from '$lib/server/voice';
import { readRowId } from '$lib/fields';
import type { Actions, PageServerLoad } from './$types';

// The recorder forms on the ballot, draft, decision and assembly pages post here and go back to
// the page they came from; a refusal is shown here, with the form again.
export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'voice.record');
	return {};
};

/** Where to go back to: the page the form named, on this site, else the association's home. */
function back(slug: string, next: string | undefined, anchor = ''): string {
	const to = safeNext(next) ?? `/a/${slug}`;
	return anchor && !to.includes('#') ? `${to}#${anchor}` : to;
}

export const actions: Actions = {
	record: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'voice.record');
		const { values, bytes } = await readMultipart(event.request, 'file');
		const next = back(ctx.association.slug, values.next);
		return attempt({ ...values, next }, async () => {
			const info = await recordVoice(getDb(), ctx, readVoiceForm(values), bytes);
			const anchor = `voice-${info.subject_kind}-${info.subject_ref.replace(':', '-')}`;
			return { to: back(ctx.association.slug, values.next, anchor) };
		});
	},
	retire: (event) =>
		formAction(event, 'voice.record', async (ctx, values) => {
			await retireVoice(getDb(), ctx, readRowId(values.id));
			return { to: back(ctx.association.slug, values.next) };
		})
};
