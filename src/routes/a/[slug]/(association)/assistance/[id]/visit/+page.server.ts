import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { getContractPage, logVisit, readVisitForm } from '$lib/server/assistance';
import { associationContext, attempt, guard, parseId, throwPageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages.js';
import { RECEIPT_MAX_BYTES } from '$lib/money/vocabulary';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.view');
	let page;
	try {
		page = await getContractPage(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err, event);
	}
	if (!page) error(404, m.error_not_found());
	if (!page.canLog) error(403, m.error_forbidden());
	return {
		contract: page.contract,
		households: page.households,
		deliverables: page.deliverables.filter((d) => d.kind === 'visit'),
		today: page.today,
		maxMb: RECEIPT_MAX_BYTES / 1024 / 1024
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'assistance.view');
		let data: FormData;
		try {
			data = await event.request.formData();
		} catch (err) {
			if ((err as { status?: number }).status === 413) error(413, m.error_body_too_large());
			error(400, m.error_bad_request());
		}
		const values: Record<string, string> = {};
		const photos: Uint8Array[] = [];
		for (const [key, value] of data) {
			if (typeof value === 'string') {
				if (!Object.hasOwn(values, key)) values[key] = value;
			} else if (key === 'photos' && value.size > 0)
				photos.push(new Uint8Array(await value.arrayBuffer()));
		}
		return attempt(values, async () => {
			await logVisit(getDb(), ctx, parseId(event.params.id), readVisitForm(values), photos);
			return {
				to: `/a/${ctx.association.slug}/assistance/${event.params.id}?done=visit#visits-heading`
			};
		});
	}
};
