// Which wordings the current request shows: an association's accepted wordings apply to its
// active members on its pages (/a/SLUG/...), in the request's language. Kept per request in
// AsyncLocalStorage, read by every message function through $lib/i18n/wording.

import { AsyncLocalStorage } from 'node:async_hooks';
import { overwriteWordingResolver } from '$lib/i18n/wording';
import type { Db } from '$lib/server/db';
import { acceptedWordings } from './wordings';

export interface RequestWordings {
	locale: string;
	texts: Record<string, string>;
	/** The association's slug when the visitor may propose wordings there. */
	proposeFor: string | null;
	/** Message keys the page used, collected when asked for (the wording page's list). */
	used: Set<string> | null;
}

const store = new AsyncLocalStorage<RequestWordings>();

overwriteWordingResolver((key, locale) => {
	const current = store.getStore();
	if (!current) return undefined;
	current.used?.add(key);
	return locale === current.locale ? current.texts[key] : undefined;
});

export function runWithWordings<T>(wordings: RequestWordings, fn: () => T): T {
	return store.run(wordings, fn);
}

export function currentWordings(): RequestWordings | undefined {
	return store.getStore();
}

const ASSOCIATION_PATH = /^\/a\/([a-z0-9-]{3,48})(?:\/|$|\.)/;

/** The association a path belongs to, if any. */
export function associationSlugOf(pathname: string): string | undefined {
	return ASSOCIATION_PATH.exec(pathname)?.[1];
}

/**
 * The wordings for one request: the visitor's active membership in the association of the path
 * (one query), then that association's accepted wordings in the language (a second).
 */
export async function loadRequestWordings(
	db: Db,
	pathname: string,
	userId: string | null,
	locale: string
): Promise<Omit<RequestWordings, 'used'>> {
	const none = { locale, texts: {}, proposeFor: null };
	const slug = associationSlugOf(pathname);
	if (!slug || !userId) return none;
	const member = await db
		.selectFrom('member')
		.innerJoin('association', 'association.id', 'member.association_id')
		.leftJoin('wording_editor', (join) =>
			join
				.onRef('wording_editor.member_id', '=', 'member.id')
				.onRef('wording_editor.association_id', '=', 'member.association_id')
		)
		.select([
			'association.id as associationId',
			'member.role',
			'wording_editor.member_id as editor'
		])
		.where('association.slug', '=', slug)
		.where('member.user_id', '=', userId)
		.where('member.status', '=', 'active')
		.executeTakeFirst();
	if (!member) return none;
	return {
		locale,
		texts: await acceptedWordings(db, member.associationId, locale),
		proposeFor: member.role === 'leader' || member.editor !== null ? slug : null
	};
}
