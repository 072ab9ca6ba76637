import { getLocale } from '$lib/paraglide/runtime.js';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const wordings = locals.wordings;
	const page = url.pathname + url.search;
	return {
		user: locals.user
			? { username: locals.user.username, display_name: locals.user.display_name }
			: null,
		locale: getLocale(),
		// The association's accepted wordings, for the browser to render as the server did.
		wording: {
			locale: wordings?.locale ?? getLocale(),
			texts: wordings?.texts ?? {},
			proposeHref:
				wordings?.proposeFor && !url.pathname.endsWith('/wording')
					? `/a/${wordings.proposeFor}/wording?page=${encodeURIComponent(page)}`
					: null
		}
	};
};
