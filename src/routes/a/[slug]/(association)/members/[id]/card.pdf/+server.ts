import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/app';
import { cardPath, getMember, isActiveCardSecret } from '$lib/server/associations';
import { associationContext, guard, parseId, readForm } from '$lib/server/http';
import { isPaper, renderPdf } from '$lib/server/pdf';
import type { RequestHandler } from './$types';

/**
 * The card just printed, as a PDF. The secret comes back from the card page's form (it is never
 * stored), and only the member's working card is drawn: an old or guessed code is refused.
 */
export const POST: RequestHandler = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'cards.manage');
	const values = await readForm(event.request);
	const paper = values.paper || 'carta';
	if (!isPaper(paper)) error(400, m.error_decision_paper());
	const db = getDb();
	const member = await getMember(db, ctx.association.id, parseId(event.params.id));
	if (!member) error(404, m.error_member_not_found());
	const secret = values.secret ?? '';
	if (!(await isActiveCardSecret(db, ctx.association.id, member.id, secret))) {
		error(410, m.error_card_invalid());
	}
	const url = new URL(cardPath(secret), event.url.origin).href;
	const pdf = await renderPdf({
		title: m.card_pdf_title({ name: member.name }),
		paper,
		footer: ctx.association.name,
		pageLabel: (page, pages) => m.register_pdf_page({ page, pages }),
		blocks: [
			{ type: 'title', text: member.name },
			{ type: 'paragraph', text: ctx.association.name },
			{ type: 'qr', text: url, size: 260 },
			{ type: 'heading', text: m.card_how_heading() },
			{ type: 'paragraph', text: m.card_how_text() },
			{ type: 'paragraph', text: m.card_keep_text(), small: true }
		]
	});
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${ctx.association.slug}-card-${member.id}-${paper}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
