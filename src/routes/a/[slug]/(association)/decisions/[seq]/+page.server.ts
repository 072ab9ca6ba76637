import { getDb } from '$lib/server/app';
import { can } from '$lib/server/associations';
import { parseId, associationContext, formAction, guard, throwPageError } from '$lib/server/http';
import { appliedRules, getDecision, recordCorrection } from '$lib/server/record';
import type { VoteResult } from '$lib/server/voting/results';
import type { Projection } from '$lib/drafts/document';
import { m } from '$lib/paraglide/messages.js';
import { voiceFor } from '$lib/server/voice';
import type { Actions, PageServerLoad } from './$types';

/** The decided text, from the entry; null if it is not a document this page can show. */
function decidedDocument(content: string | undefined): Projection | null {
	if (!content) return null;
	try {
		const doc = JSON.parse(content) as Partial<Projection>;
		return Array.isArray(doc.body) && Array.isArray(doc.items) && doc.totals
			? (doc as Projection)
			: null;
	} catch {
		return null;
	}
}

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	const seq = parseId(event.params.seq);
	try {
		const db = getDb();
		const view = await getDecision(db, ctx, seq);
		const vote = view.entry.vote;
		const done = event.url.searchParams.get('done');
		return {
			...view,
			rules: vote ? appliedRules(vote.result as VoteResult) : [],
			document: decidedDocument(view.entry.subject?.content),
			canRecord: can(ctx.actor, 'register.record'),
			canViewPrivate: can(ctx.actor, 'association.view_private'),
			...(await voiceFor(db, ctx, [{ kind: 'decision', ref: String(seq) }])),
			done:
				done === 'recorded'
					? m.decision_recorded_done({ seq })
					: done === 'corrected'
						? m.decision_correction_done({ seq })
						: null
		};
	} catch (err) {
		throwPageError(err);
	}
};

export const actions: Actions = {
	correct: (event) =>
		formAction(event, 'register.record', async (ctx, values) => {
			const corrects = parseId(event.params.seq);
			const correction = Number(
				(await recordCorrection(getDb(), ctx, { corrects, summary: values.summary })).seq
			);
			return { to: `/a/${ctx.association.slug}/decisions/${correction}?done=corrected` };
		})
};
