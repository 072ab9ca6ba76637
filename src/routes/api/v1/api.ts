// The read-only JSON API's plumbing: the association a request names (private registers answer 404
// to outsiders, as if they did not exist), JSON answers, and errors as JSON with a 4xx status.
import { json, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/app';
import { can, loadAssociationContext, type AssociationContext } from '$lib/server/associations';
import { translate } from '$lib/server/http';
import { DomainError } from '$lib/server/errors';
import { readRowId } from '$lib/fields';
import { m } from '$lib/paraglide/messages.js';

const STATUS: Record<string, number> = { not_found: 404, forbidden: 404, invalid: 400 };

class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

function notFound(): ApiError {
	return new ApiError(404, 'not_found', m.api_error_not_found());
}

/** The association in the URL, for a visitor who may read its register; 404 otherwise. */
export async function apiContext(event: RequestEvent): Promise<AssociationContext> {
	const ctx = await loadAssociationContext(getDb(), event.params.slug ?? '', event.locals.user);
	if (!ctx || !can(ctx.actor, 'association.view', ctx.association)) throw notFound();
	return ctx;
}

/** A positive integer from the path; 404 for anything else. */
export function apiId(value: string | undefined): number {
	const id = readRowId(value);
	if (Number.isNaN(id)) throw notFound();
	return id;
}

/**
 * Runs a handler and answers JSON. Public data (anything anyone may read) may be read by other
 * sites too; a private register read by a member is not shared with them.
 */
export async function answer(
	handler: () => Promise<{ body: unknown; isPublic: boolean }>
): Promise<Response> {
	try {
		const { body, isPublic } = await handler();
		return json(body, {
			headers: {
				'cache-control': 'no-store',
				...(isPublic ? { 'access-control-allow-origin': '*' } : {})
			}
		});
	} catch (err) {
		if (err instanceof ApiError) return failure(err.status, err.code, err.message);
		if (err instanceof DomainError && err.code in STATUS) {
			const status = STATUS[err.code];
			return status === 404
				? failure(404, 'not_found', m.api_error_not_found())
				: failure(status, err.code, translate(err.messageRef));
		}
		throw err;
	}
}

function failure(status: number, code: string, message: string): Response {
	return json(
		{ error: code, message },
		{ status, headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' } }
	);
}

/** Whether anyone may read this association's register. */
export function isPublic(ctx: AssociationContext): boolean {
	return ctx.association.register_public === 1;
}
