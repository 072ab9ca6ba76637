import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { isLocale, rememberLocale, setUserLocale } from '$lib/server/auth';
import { readForm, safeNext } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The language switch: a plain form post, so it works without JavaScript. */
export const POST: RequestHandler = async (event) => {
	const values = await readForm(event.request);
	if (isLocale(values.locale)) {
		rememberLocale(event, values.locale);
		if (event.locals.user) await setUserLocale(getDb(), event.locals.user.id, values.locale);
	}
	redirect(303, safeNext(values.next) ?? '/');
};
