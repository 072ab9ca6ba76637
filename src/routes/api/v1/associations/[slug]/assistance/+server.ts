import { countAnswers } from '$lib/assistance/schedule';
import { getDb } from '$lib/server/app';
import { getContractPage, listContracts } from '$lib/server/assistance';
import { answer, apiContext, isPublic } from '../../../api';
import type { RequestHandler } from './$types';

// The technical assistance in the open: each contract with its deliverables (planned, done,
// confirmed, approved, paid), the payments, and the visits as counts of the households' answers;
// never a household's name.
export const GET: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await apiContext(event);
		const db = getDb();
		const contracts = [];
		for (const summary of await listContracts(db, ctx)) {
			const page = (await getContractPage(db, ctx, summary.id))!;
			contracts.push({
				...summary,
				tor_hash: page.contract.torHash,
				communities: page.contract.communities,
				totals: page.totals,
				deliverables: page.deliverables,
				visits: page.visits.map((v) => ({
					date: v.date,
					community: v.community,
					state: v.state,
					answers: countAnswers(v.households.map((h) => h.answer))
				})),
				surveys: page.surveys.map(({ answered, ...survey }) => (void answered, survey))
			});
		}
		return {
			body: {
				association: { slug: ctx.association.slug, name: ctx.association.name },
				currency: 'BOB',
				unit: 'centavos',
				contracts
			},
			isPublic: isPublic(ctx)
		};
	});
