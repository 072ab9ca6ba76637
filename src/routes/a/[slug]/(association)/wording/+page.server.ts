import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getDb } from '$lib/server/app';
import { can, listMembers, type AssociationContext } from '$lib/server/associations';
import { parseId, associationContext, attempt, readForm, safeNext } from '$lib/server/http';
import {
	acceptWording,
	catalogueText,
	isMessageKey,
	isReviewed,
	listWordings,
	mayProposeWording,
	MESSAGE_KEYS,
	nameWordingEditor,
	proposeWording,
	readWordingProposal,
	rejectWording,
	removeWordingEditor,
	retireWording,
	spanishText,
	WORDING_KEYS_HEADER,
	WORDING_MAX,
	wordingEditors
} from '$lib/server/wording';
import { searchStrings } from '$lib/i18n/search';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const SEARCH_LIMIT = 60;

async function proposer(event: RequestEvent): Promise<AssociationContext> {
	const ctx = await associationContext(event);
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	if (!(await mayProposeWording(getDb(), ctx))) error(403, m.error_forbidden());
	return ctx;
}

/** The page whose strings are listed: a path inside this association, or none. */
function pageOf(ctx: AssociationContext, value: string | null): string | null {
	const path = safeNext(value);
	const base = `/a/${ctx.association.slug}`;
	if (!path || !(path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`))) {
		return null;
	}
	return path.includes('/wording') ? null : path;
}

/** The message keys the page shows: its own server render, asked to list them. */
async function keysOfPage(event: RequestEvent, path: string): Promise<string[]> {
	try {
		const response = await event.fetch(path, { headers: { [WORDING_KEYS_HEADER]: '1' } });
		const header = response.headers.get(WORDING_KEYS_HEADER) ?? '';
		await response.body?.cancel();
		return [...new Set(header.split(',').filter(isMessageKey))];
	} catch {
		return [];
	}
}

export const load: PageServerLoad = async (event) => {
	const ctx = await proposer(event);
	const db = getDb();
	const locale = getLocale();
	const page = pageOf(ctx, event.url.searchParams.get('page'));
	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 80);
	const own = await listWordings(db, ctx.association.id, locale);
	const accepted = new Map(own.filter((w) => w.status === 'accepted').map((w) => [w.key, w]));

	const describe = (key: string) => {
		const catalogue = catalogueText(locale, key);
		const mine = accepted.get(key);
		return {
			key,
			spanish: spanishText(key),
			catalogue: catalogue.text,
			fallback: catalogue.fallback,
			reviewed: isReviewed(locale, key),
			accepted: mine ? { id: mine.id, text: mine.text, by: mine.proposed_by_name } : null
		};
	};

	const pageKeys = page ? await keysOfPage(event, page) : [];
	const found = q
		? searchStrings(
				MESSAGE_KEYS,
				(key) => [
					key,
					spanishText(key),
					catalogueText(locale, key).text,
					accepted.get(key)?.text ?? ''
				],
				q,
				SEARCH_LIMIT + 1
			)
		: [];
	const manage = can(ctx.actor, 'wording.manage');
	const members = manage ? await listMembers(db, ctx.association.id) : [];
	const editors = await wordingEditors(db, ctx.association.id);
	const editorIds = new Set(editors.map((e) => e.id));
	return {
		locale,
		page,
		q,
		max: WORDING_MAX,
		pageStrings: pageKeys.map(describe),
		found: found.slice(0, SEARCH_LIMIT).map(describe),
		more: found.length > SEARCH_LIMIT,
		proposals: own
			.filter((w) => w.status === 'proposed')
			.map((w) => ({
				id: w.id,
				key: w.key,
				text: w.text,
				by: w.proposed_by_name,
				at: w.proposed_at,
				spanish: spanishText(w.key),
				catalogue: catalogueText(locale, w.key).text
			})),
		accepted: [...accepted.values()].map((w) => ({ id: w.id, key: w.key, text: w.text })),
		manage,
		editors,
		candidates: members
			.filter((mb) => mb.status === 'active' && mb.user_id && mb.role !== 'leader')
			.filter((mb) => !editorIds.has(mb.id))
			.map((mb) => ({ value: String(mb.id), label: mb.name }))
	};
};

/** Back to the same list (page and search kept), saying what was done. */
function back(event: RequestEvent, values: Record<string, string>, done: string): string {
	const params = new URLSearchParams();
	if (values.page) params.set('page', values.page);
	if (values.q) params.set('q', values.q);
	params.set('done', done);
	const anchor = values.key ? `#key-${values.key}` : '';
	return `${event.url.pathname}?${params}${anchor}`;
}

async function act(
	event: RequestEvent,
	done: string,
	run: (ctx: AssociationContext, values: Record<string, string>) => Promise<unknown>
) {
	const ctx = await proposer(event);
	const values = await readForm(event.request);
	return attempt(values, async () => {
		await run(ctx, values);
		return { to: back(event, values, done) };
	});
}

export const actions: Actions = {
	propose: (event) =>
		act(event, 'proposed', (ctx, values) =>
			proposeWording(getDb(), ctx, readWordingProposal(values, getLocale()))
		),
	accept: (event) =>
		act(event, 'accepted', (ctx, values) => acceptWording(getDb(), ctx, parseId(values.wording))),
	reject: (event) =>
		act(event, 'rejected', (ctx, values) => rejectWording(getDb(), ctx, parseId(values.wording))),
	retire: (event) =>
		act(event, 'retired', (ctx, values) => retireWording(getDb(), ctx, parseId(values.wording))),
	name_editor: (event) =>
		act(event, 'editor', (ctx, values) => nameWordingEditor(getDb(), ctx, parseId(values.member))),
	remove_editor: (event) =>
		act(event, 'editor_removed', (ctx, values) =>
			removeWordingEditor(getDb(), ctx, parseId(values.member))
		)
};
