import { getDb } from '$lib/server/app';
import { listDecisions, readArchiveFilters } from '$lib/server/record';
import { answer, apiContext, isPublic } from '../../../api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await apiContext(event);
		const filters = readArchiveFilters(event.url.searchParams);
		const { items, total, page, pages, head } = await listDecisions(getDb(), ctx, filters);
		return {
			body: {
				association: { slug: ctx.association.slug, name: ctx.association.name },
				head,
				filters,
				total,
				page,
				pages,
				decisions: items
			},
			isPublic: isPublic(ctx)
		};
	});
