import { getDb } from '$lib/server/app';
import { associationContext, guard, parseId, throwPageError } from '$lib/server/http';
import { appliedRules, getDecision, resultCounts } from '$lib/server/record';
import type { VoteResult } from '$lib/server/voting/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	try {
		const view = await getDecision(getDb(), ctx, parseId(event.params.seq));
		const vote = view.entry.vote;
		const result = vote?.result as VoteResult | undefined;
		return {
			entry: view.entry,
			head: view.head,
			rules: result ? appliedRules(result) : [],
			counts: result && vote ? resultCounts(result, vote.options) : [],
			printedAt: Date.now()
		};
	} catch (err) {
		throwPageError(err);
	}
};
