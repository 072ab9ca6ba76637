// Decisions the secretary writes into the register by hand: one taken by consensus (no count, "por
// consenso"), and a correction of an earlier entry (the earlier one stays as it was, forever).
import { DECISION_SUMMARY_MAX, DECISION_TITLE_MAX } from '$lib/record/limits';
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { writeTx, type Db } from '$lib/server/db';
import type { Decision, DecisionKind } from '$lib/server/db/schema';
import { DECISION_KINDS } from '$lib/voting/vocabulary';
import { getFrozenVersion, setDraftStatus } from '$lib/server/drafts';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine } from '$lib/server/text';
import { parseLocalDateTime } from '$lib/format';
import type { EntrySubject } from '$lib/record/chain';
import { appendEntry } from './register';

export { DECISION_SUMMARY_MAX, DECISION_TITLE_MAX };

/** The summary: what was agreed, in the secretary's words (paragraphs kept, spaces tidied). */
function cleanSummary(value: string | undefined): string {
	return (value ?? '')
		.normalize('NFC')
		.split(/\r?\n/)
		.map((line) => cleanLine(line))
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

function readTitleAndSummary(form: Record<string, string>, fields: Record<string, string>) {
	const title = cleanLine(form.title);
	const summary = cleanSummary(form.summary);
	if (!title) fields.title = 'error_decision_title_required';
	else if (title.length > DECISION_TITLE_MAX) fields.title = 'error_decision_title_too_long';
	if (!summary) fields.summary = 'error_decision_summary_required';
	else if (summary.length > DECISION_SUMMARY_MAX)
		fields.summary = 'error_decision_summary_too_long';
	return { title, summary };
}

/** When it was decided: the form's Bolivian date and time, not in the future; now by default. */
function readDecidedAt(value: string | undefined, now: number, fields: Record<string, string>) {
	if (!value) return now;
	const at = parseLocalDateTime(value);
	if (at === undefined) fields.decided_at = 'error_decision_date';
	else if (at > now + 60_000) fields.decided_at = 'error_decision_date_future';
	return at ?? now;
}

export interface ConsensusOptions {
	/** The assembly the point was decided in. */
	assembly?: { id: number; title: string } | null;
	now?: number;
}

/**
 * Records a decision taken by consensus; leaders only. `form.version` = "draftId:number" names the
 * frozen version agreed on (its text and hash go into the entry, and the draft becomes decided).
 */
export async function recordConsensus(
	db: Db,
	ctx: AssociationContext,
	form: Record<string, string>,
	options: ConsensusOptions = {}
): Promise<Decision> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const now = options.now ?? Date.now();
	const fields: Record<string, string> = {};
	const { title, summary } = readTitleAndSummary(form, fields);
	const decisionKind = (form.decision_kind || 'ordinary') as DecisionKind;
	if (!DECISION_KINDS.includes(decisionKind)) fields.decision_kind = 'error_choice';
	const decidedAt = readDecidedAt(form.decided_at, now, fields);
	let subject: EntrySubject | null = null;
	if (form.version) {
		const match = /^([1-9][0-9]{0,9}):([1-9][0-9]{0,5})$/.exec(form.version);
		if (!match) fields.version = 'error_vote_version';
		else {
			const frozen = await getFrozenVersion(db, ctx, Number(match[1]), Number(match[2]));
			const row = await db
				.selectFrom('draft_version')
				.select('content')
				.where('id', '=', frozen.id)
				.executeTakeFirstOrThrow();
			subject = {
				draft_id: frozen.draft.id,
				draft_kind: frozen.draft.kind,
				version: frozen.number,
				label: frozen.label,
				content_hash: frozen.content_hash,
				content: row.content
			};
		}
	}
	if (Object.keys(fields).length) throw invalid(fields);

	return writeTx(db, async (tx) => {
		const decision = await appendEntry(
			tx,
			ctx.association,
			{
				kind: 'consensus',
				decision_kind: decisionKind,
				title,
				summary,
				outcome: 'consensus',
				recorded_by: user.display_name,
				subject,
				vote: null,
				corrects: null,
				assembly: options.assembly ?? null,
				decidedAt
			},
			now
		);
		if (subject) await setDraftStatus(tx, subject.draft_id, 'decided');
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'decision.recorded',
			subject: title,
			details: { seq: decision.seq },
			at: now
		});
		return decision;
	});
}

/**
 * Records a correction of entry `form.corrects`; leaders only. The corrected entry is not touched:
 * the register shows both, the correction pointing at the entry it corrects.
 */
export async function recordCorrection(
	db: Db,
	ctx: AssociationContext,
	form: Record<string, string>,
	now = Date.now()
): Promise<Decision> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const fields: Record<string, string> = {};
	const seq = /^[1-9][0-9]{0,9}$/.test(form.corrects ?? '') ? Number(form.corrects) : 0;
	const corrected = seq
		? await db
				.selectFrom('decision')
				.select(['seq', 'title', 'decided_at', 'entry'])
				.where('association_id', '=', ctx.association.id)
				.where('seq', '=', seq)
				.executeTakeFirst()
		: undefined;
	if (!corrected) throw new DomainError('not_found', 'error_decision_not_found');
	const { summary } = readTitleAndSummary(
		{ title: corrected.title, summary: form.summary },
		fields
	);
	if (Object.keys(fields).length) throw invalid(fields);
	const original = JSON.parse(corrected.entry) as { decision_kind: string };

	return writeTx(db, async (tx) => {
		const decision = await appendEntry(
			tx,
			ctx.association,
			{
				kind: 'correction',
				decision_kind: original.decision_kind,
				title: corrected.title,
				summary,
				outcome: 'corrected',
				recorded_by: user.display_name,
				subject: null,
				vote: null,
				corrects: Number(corrected.seq),
				assembly: null,
				decidedAt: now
			},
			now
		);
		await recordAudit(tx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'decision.corrected',
			subject: corrected.title,
			details: { seq: decision.seq, corrects: Number(corrected.seq) },
			at: now
		});
		return decision;
	});
}
