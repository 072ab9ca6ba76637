// The statute in force: the association's rule drafts (Estatuto, Reglamento Interno…) as the
// decisions put them in force, article by article, each with the decisions that changed it.
import { authorize, type AssociationContext } from '$lib/server/associations';
import type { Db } from '$lib/server/db';
import { articleHistories, type ArticleHistory } from '$lib/drafts/articles';
import { listEnactments } from './versions';

export interface EnactedBy {
	seq: number;
	title: string;
	at: number;
	version: number;
}

export interface StatuteText {
	draft_id: number;
	title: string;
	version: number;
	content_hash: string;
	enacted_at: number;
	articles: ArticleHistory<EnactedBy>[];
}

/** Every rule text with a version in force; members only (as the drafts are). */
export async function getStatute(db: Db, ctx: AssociationContext): Promise<StatuteText[]> {
	authorize(ctx.actor, 'association.view_private');
	const drafts = await db
		.selectFrom('draft')
		.innerJoin('draft_enactment', 'draft_enactment.draft_id', 'draft.id')
		.select(['draft.id', 'draft.title'])
		.distinct()
		.where('draft.association_id', '=', ctx.association.id)
		.where('draft.kind', '=', 'rule')
		.orderBy('draft.id')
		.execute();
	const texts: StatuteText[] = [];
	for (const draft of drafts) {
		const enactments = await listEnactments(db, ctx, Number(draft.id));
		const last = enactments.at(-1);
		if (!last) continue;
		texts.push({
			draft_id: Number(draft.id),
			title: last.document.title || draft.title,
			version: last.version,
			content_hash: last.content_hash,
			enacted_at: last.enacted_at,
			articles: articleHistories(
				enactments.map((e) => ({
					blocks: e.document.body,
					by: { seq: e.decision_seq, title: e.title, at: e.enacted_at, version: e.version }
				}))
			)
		});
	}
	return texts;
}
