// Where domain errors become HTTP: statuses, translated messages and form failures, in one place.

import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { own } from '$lib/own';
import { readRowId } from '$lib/fields';
import { getDb } from '$lib/server/app';
import {
	can,
	loadAssociationContext,
	type Action,
	type AssociationContext
} from '$lib/server/associations';
import { DomainError, type DomainErrorCode, type MessageRef } from '$lib/server/errors';

const STATUS: Record<DomainErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	conflict: 409,
	invalid: 400,
	closed: 410,
	throttled: 429
};

type MessageFn = (params?: Record<string, string | number>) => string;

/** The message for a key in the current locale; an unknown key is a bug, reported and shown as is. */
export function translate(ref: MessageRef): string {
	const fn = own(m as unknown as Record<string, MessageFn>, ref.key);
	if (!fn) {
		console.error(`missing message key: ${ref.key}`);
		return ref.key;
	}
	// A parameter may itself be a message (a field's label named in an error).
	const params = ref.params
		? Object.fromEntries(
				Object.entries(ref.params).map(([k, v]) => [k, typeof v === 'object' ? translate(v) : v])
			)
		: undefined;
	return fn(params);
}

export interface FormFailure {
	message: string;
	errors: Record<string, string>;
	values: Record<string, string>;
}

/**
 * Turns a DomainError thrown by a form action into `fail(status, …)` with the user's input echoed
 * back (never passwords); anything else is a bug and propagates.
 */
export function failFrom(err: unknown, values: Record<string, string> = {}) {
	if (!(err instanceof DomainError)) throw err;
	const echoed = Object.fromEntries(
		Object.entries(values).filter(([k]) => !k.includes('password'))
	);
	return fail(STATUS[err.code], {
		message: translate(err.messageRef),
		errors: Object.fromEntries(Object.entries(err.fields).map(([f, r]) => [f, translate(r)])),
		values: echoed
	} satisfies FormFailure);
}

/**
 * What a form action's work ends in: the message shown on the same page (a string, or `done` with
 * more for the page to show once, `with`), or the address the browser goes to next (`{ to }`:
 * post, redirect, get, so reloading repeats nothing).
 */
export type ActResult = string | { to: string } | { done: string; with: Record<string, unknown> };

/**
 * The one way a form action runs its work: a DomainError becomes the form's refusal with the
 * input (`values`) echoed back, a message is answered in place, an address is a 303 to it;
 * anything else (a bug, or a redirect of SvelteKit's own) propagates.
 */
export async function attempt(values: Record<string, string>, run: () => Promise<ActResult>) {
	let result: ActResult;
	try {
		result = await run();
	} catch (err) {
		return failFrom(err, values);
	}
	if (typeof result === 'string') return succeed(values, result);
	if ('done' in result) return { ...succeed(values, result.done), ...result.with };
	redirect(303, result.to);
}

/**
 * A form action on an association's page: the visitor must be allowed `action`, the form is read,
 * and `run` does the work (see attempt). `form` names the form a refusal answers, on a page with
 * several (the `_form` the page reads back).
 */
export async function formAction(
	event: RequestEvent,
	action: Action,
	run: (ctx: AssociationContext, values: Record<string, string>) => Promise<ActResult>,
	form?: (values: Record<string, string>) => string
) {
	const ctx = await associationContext(event);
	guard(event, ctx, action);
	const values = await readForm(event.request);
	return attempt(form ? { ...values, _form: form(values) } : values, () => run(ctx, values));
}

/**
 * A leader's act on a page about one thing (a vote, an assembly: the route's `id`). On success
 * the browser goes back to the page's own address with `done` = the code of the message to show,
 * at `anchor` if given; a refusal answers in place with the form's errors.
 */
export async function actAndReturn(
	event: RequestEvent,
	action: Action,
	run: (ctx: AssociationContext, values: Record<string, string>, id: number) => Promise<string>,
	anchor: (values: Record<string, string>) => string = () => ''
) {
	return formAction(event, action, async (ctx, values) => ({
		to: `${event.url.pathname}?done=${await run(ctx, values, parseId(event.params.id))}${anchor(values)}`
	}));
}

/**
 * An irreversible act goes ahead only with its confirmation box ticked (`confirm`), checked here
 * as well as by the browser: a form sent without it is refused, whatever sent it. `consequence`
 * is the message that says what the act cannot undo, when the page has a more precise one.
 */
export function assertConfirmed(
	values: Record<string, string>,
	consequence = 'error_confirm_required'
): void {
	if (values.confirm !== 'on')
		throw new DomainError('invalid', consequence, { confirm: consequence });
}

/** A success answer for a page with several forms: the message, tagged with the form it answers. */
export function succeed(values: Record<string, string>, message: string) {
	return { success: message, values: { _form: values._form ?? '' } };
}

/** In a load: a DomainError becomes the error page with its status; anything else propagates. */
export function throwPageError(err: unknown, event?: RequestEvent): never {
	// A page refused to someone not logged in may be theirs once they are: they go to log in.
	if (err instanceof DomainError && err.code === 'forbidden' && event && !event.locals.user)
		requireUser(event);
	if (err instanceof DomainError) error(STATUS[err.code], translate(err.messageRef));
	throw err;
}

async function formData(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (err) {
		// The node adapter stops reading past BODY_SIZE_LIMIT and fails the stream with a 413.
		if ((err as { status?: number }).status === 413) error(413, m.error_body_too_large());
		error(400, m.error_bad_request());
	}
}

function textFields(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of data)
		if (typeof value === 'string' && !Object.hasOwn(out, key)) out[key] = value;
	return out;
}

/** The text fields of a form post; files and repeated names are ignored. */
export async function readForm(request: Request): Promise<Record<string, string>> {
	return textFields(await formData(request));
}

/** The text fields of a multipart post and the bytes of its one file `field` (none if empty). */
export async function readMultipart(
	request: Request,
	field: string
): Promise<{ values: Record<string, string>; bytes: Uint8Array | undefined }> {
	const data = await formData(request);
	const file = data.get(field);
	const bytes =
		file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
	return { values: textFields(data), bytes };
}

/** A positive integer id from a URL or a form; anything else is a 404 (the thing cannot exist). */
export function parseId(value: string | undefined): number {
	const id = readRowId(value);
	if (Number.isNaN(id)) error(404, m.error_not_found());
	return id;
}

/**
 * A path on this site to return to after login, or undefined. Parsed the way a browser would read
 * a Location (which drops tabs and newlines, reads `\` as `/` and resolves `.` and `..`), then
 * re-serialised, so nothing like `/\t/evil.example` can leave the site. The parse resolves
 * `/..//evil.example` to `//evil.example`, a reference to another site, so the result must also
 * not start with two slashes, whether read as it is or once percent-decoded (as a proxy might).
 */
export function safeNext(value: string | null | undefined): string | undefined {
	if (!value || !value.startsWith('/')) return undefined;
	const url = sameSite(value);
	if (!url) return undefined;
	let decoded: string;
	try {
		decoded = decodeURIComponent(url.pathname);
	} catch {
		return undefined;
	}
	if (!sameSite(decoded)) return undefined;
	return url.pathname + url.search + url.hash;
}

const SITE = 'http://minka.invalid';

/** `path` read against this site, if it stays on it with a path that is not `//…` or `/\\…`. */
function sameSite(path: string): URL | undefined {
	if (/^[/\\][/\\]/.test(path)) return undefined;
	let url: URL;
	try {
		url = new URL(path, SITE);
	} catch {
		return undefined;
	}
	if (url.origin !== SITE || /^[/\\][/\\]/.test(url.pathname)) return undefined;
	return url;
}

export function requireUser(event: RequestEvent): NonNullable<App.Locals['user']> {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return user;
}

/** The association named in the URL, seen by the current visitor; 404 when it does not exist. */
export async function associationContext(event: RequestEvent): Promise<AssociationContext> {
	const slug = event.params.slug ?? '';
	const ctx = await loadAssociationContext(getDb(), slug, event.locals.user);
	if (!ctx) error(404, m.error_association_not_found());
	return ctx;
}

/**
 * Lets the request through only if the visitor may do `action` in the association: anonymous
 * visitors are sent to log in, everyone else refused with 403.
 */
export function guard(event: RequestEvent, ctx: AssociationContext, action: Action): void {
	if (can(ctx.actor, action, ctx.association)) return;
	if (!ctx.user) requireUser(event);
	error(403, m.error_forbidden());
}
