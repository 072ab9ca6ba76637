import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import {
	addDeliverable,
	answerVisit,
	approveDeliverable,
	attachSignedCopy,
	closeSurvey,
	getContractPage,
	openSurvey,
	markDelivered,
	payDeliverable,
	readDeliverableForm,
	readPaymentForm,
	setTechnician
} from '$lib/server/assistance';
import { getApprovedPlan, listAccounts } from '$lib/server/money';
import {
	assertConfirmed,
	associationContext,
	attempt,
	formAction,
	guard,
	parseId,
	readMultipart,
	throwPageError
} from '$lib/server/http';
import { readRowId } from '$lib/fields';
import { RECEIPT_MAX_BYTES } from '$lib/money/vocabulary';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'assistance.read');
	let page;
	try {
		page = await getContractPage(getDb(), ctx, parseId(event.params.id));
	} catch (err) {
		throwPageError(err, event);
	}
	if (!page) error(404, m.error_not_found());
	return {
		...page,
		accounts: page.canPay ? await listAccounts(getDb(), ctx.association.id) : [],
		// The plan's lines a fee can be charged to (its technical assistance line).
		lines: page.canPay
			? ((await getApprovedPlan(getDb(), ctx.association.id))?.lines ?? []).map((l) => ({
					id: l.id,
					label: l.code ? `${l.code} · ${l.title}` : l.title,
					category: l.category
				}))
			: [],
		maxMb: RECEIPT_MAX_BYTES / 1024 / 1024,
		done: event.url.searchParams.get('done')
	};
};

const back = (event: RequestEvent, done: string, anchor = '') => ({
	to: `${event.url.pathname}?done=${done}${anchor}`
});

export const actions: Actions = {
	technician: (event) =>
		formAction(
			event,
			'assistance.manage',
			async (ctx, values) => {
				await setTechnician(getDb(), ctx, parseId(event.params.id), readRowId(values.technician));
				return back(event, 'technician');
			},
			() => 'technician'
		),
	signed: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'assistance.manage');
		const { values, bytes } = await readMultipart(event.request, 'receipt');
		return attempt({ ...values, _form: 'signed' }, async () => {
			await attachSignedCopy(getDb(), ctx, parseId(event.params.id), bytes);
			return back(event, 'signed');
		});
	},
	deliverable: (event) =>
		formAction(
			event,
			'assistance.manage',
			async (ctx, values) => {
				await addDeliverable(getDb(), ctx, parseId(event.params.id), readDeliverableForm(values));
				return back(event, 'deliverable', '#schedule-heading');
			},
			() => 'deliverable'
		),
	delivered: (event) =>
		formAction(
			event,
			'assistance.view',
			async (ctx, values) => {
				await markDelivered(getDb(), ctx, readRowId(values.deliverable));
				return back(event, 'delivered', '#schedule-heading');
			},
			(values) => `row-${values.deliverable}`
		),
	approve: (event) =>
		formAction(
			event,
			'assistance.manage',
			async (ctx, values) => {
				assertConfirmed(values);
				await approveDeliverable(getDb(), ctx, readRowId(values.deliverable));
				return back(event, 'approved', '#schedule-heading');
			},
			(values) => `row-${values.deliverable}`
		),
	pay: async (event) => {
		const ctx = await associationContext(event);
		guard(event, ctx, 'money.record');
		const { values, bytes } = await readMultipart(event.request, 'receipt');
		return attempt({ ...values, _form: `row-${values.deliverable}` }, async () => {
			assertConfirmed(values);
			await payDeliverable(
				getDb(),
				ctx,
				readRowId(values.deliverable),
				readPaymentForm(values),
				bytes
			);
			return back(event, 'paid', '#schedule-heading');
		});
	},
	survey: (event) =>
		formAction(
			event,
			'assistance.manage',
			async (ctx, values) => {
				await openSurvey(getDb(), ctx, parseId(event.params.id), (values.period ?? '').trim());
				return back(event, 'survey_opened', '#surveys-heading');
			},
			() => 'survey'
		),
	close_survey: (event) =>
		formAction(
			event,
			'assistance.manage',
			async (ctx, values) => {
				assertConfirmed(values);
				await closeSurvey(getDb(), ctx, readRowId(values.survey));
				return back(event, 'survey_closed', '#surveys-heading');
			},
			(values) => `survey-${values.survey}`
		),
	answer: (event) =>
		formAction(
			event,
			'assistance.answer',
			async (ctx, values) => {
				await answerVisit(getDb(), ctx, readRowId(values.visit), { answer: values.answer ?? '' });
				return back(event, values.answer === 'confirmed' ? 'yes' : 'no', `#visit-${values.visit}`);
			},
			(values) => `visit-${values.visit}`
		),
	assembly: (event) =>
		formAction(
			event,
			'assistance.manage',
			async (ctx, values) => {
				await answerVisit(getDb(), ctx, readRowId(values.visit), {
					answer: values.answer ?? '',
					household: values.household ?? ''
				});
				return back(event, 'assembly', `#visit-${values.visit}`);
			},
			(values) => `visit-${values.visit}`
		)
};
