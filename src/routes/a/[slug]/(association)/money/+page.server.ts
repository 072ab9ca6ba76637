import { getDb } from '$lib/server/app';
import { getMoneyPage } from '$lib/server/money';
import { associationContext, guard, throwPageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'money.view');
	try {
		return { money: await getMoneyPage(getDb(), ctx) };
	} catch (err) {
		throwPageError(err);
	}
};
