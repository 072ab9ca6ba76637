import { getLocale } from '$lib/paraglide/runtime.js';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { username: locals.user.username, display_name: locals.user.display_name }
		: null,
	locale: getLocale()
});
