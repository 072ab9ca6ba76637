import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { findCardHolder, recordCardUse } from '$lib/server/associations';
import { startSession } from '$lib/server/auth';
import { DomainError } from '$lib/server/errors';
import { translate } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const STATUS: Record<string, number> = { throttled: 429, invalid: 404 };

async function holderOf(event: RequestEvent) {
	try {
		return await findCardHolder(getDb(), event.params.secret, event.getClientAddress());
	} catch (err) {
		if (err instanceof DomainError) error(STATUS[err.code] ?? 400, translate(err.messageRef));
		throw err;
	}
}

// Opening the card's address shows whose card it is and one big button; the login itself is a
// POST, so a link preview or a prefetch never logs anyone in. The secret in the address is never
// sent to another site (same-origin referrers; no-referrer would make the POST's Origin null).
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
	const holder = await holderOf(event);
	return { name: holder.memberName, association: holder.associationName };
};

export const actions: Actions = {
	default: async (event) => {
		const holder = await holderOf(event);
		const db = getDb();
		await startSession(db, event, holder.user);
		await recordCardUse(db, holder);
		redirect(303, '/');
	}
};
