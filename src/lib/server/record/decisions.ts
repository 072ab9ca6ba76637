// Decisions the secretary writes into the register by hand: one taken by consensus (no count, "por
// consenso"), and a correction of an earlier entry (the earlier one stays as it was, forever).
import { DECISION_SUMMARY_MAX, DECISION_TITLE_MAX } from '$lib/record/limits';
import {
	actingUser,
	authorize,
	recordAudit,
	type AssociationContext
} from '$lib/server/associations';
import { isRowId, writeTx, type Db } from '$lib/server/db';
import type { Decision, DecisionKind } from '$lib/server/db/schema';
import { DECISION_KINDS } from '$lib/voting/vocabulary';
import { readVersionRef, type VersionRef } from '$lib/drafts/vocabulary';
import { getFrozenVersion, setDraftStatus } from '$lib/server/drafts';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine, cleanParagraphs } from '$lib/server/text';
import { parseLocalDateTime } from '$lib/format';
import type { EntrySubject } from '$lib/record/chain';
import { appendEntry } from './register';

export { DECISION_SUMMARY_MAX, DECISION_TITLE_MAX };

/** A decision taken by consensus, as the secretary wrote it down. */
export interface ConsensusInput {
	title?: string;
	summary?: string;
	decisionKind?: string;
	/** Local date and time as the form sends them ("2026-12-03T09:00"); now when left out. */
	decidedAt?: string;
	/** The frozen version agreed on; NaN parts when the form named one that cannot exist. */
	version?: VersionRef;
}

/** Reads the consensus form (`version` = "draftId:number", `decided_at` local). */
export function readConsensusForm(form: Record<string, string>): ConsensusInput {
	return {
		title: form.title,
		summary: form.summary,
		decisionKind: form.decision_kind,
		decidedAt: form.decided_at,
		version: form.version ? readVersionRef(form.version) : undefined
	};
}

/** A correction of an earlier entry: which one, and what the register should have said. */
export interface CorrectionInput {
	/** The number of the entry corrected. */
	corrects: number;
	summary?: string;
}

function readTitleAndSummary(
	input: { title?: string; summary?: string },
	fields: Record<string, string>
) {
	const title = cleanLine(input.title);
	const summary = cleanParagraphs(input.summary);
	if (!title) fields.title = 'error_decision_title_required';
	else if (title.length > DECISION_TITLE_MAX) fields.title = 'error_decision_title_too_long';
	if (!summary) fields.summary = 'error_decision_summary_required';
	else if (summary.length > DECISION_SUMMARY_MAX)
		fields.summary = 'error_decision_summary_too_long';
	return { title, summary };
}

/** When it was decided: the form's Bolivian date and time, not in the future; now by default. */
export function readDecidedAt(
	value: string | undefined,
	now: number,
	fields: Record<string, string>
) {
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
 * Records a decision taken by consensus; leaders only. When it names the frozen version agreed on,
 * its text and hash go into the entry, and the draft becomes decided.
 */
export async function recordConsensus(
	db: Db,
	ctx: AssociationContext,
	input: ConsensusInput,
	options: ConsensusOptions = {}
): Promise<Decision> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const now = options.now ?? Date.now();
	const fields: Record<string, string> = {};
	const { title, summary } = readTitleAndSummary(input, fields);
	const decisionKind = (input.decisionKind || 'ordinary') as DecisionKind;
	if (!DECISION_KINDS.includes(decisionKind)) fields.decision_kind = 'error_choice';
	const decidedAt = readDecidedAt(input.decidedAt, now, fields);
	let subject: EntrySubject | null = null;
	if (input.version) {
		const { draftId, number } = input.version;
		if (!isRowId(draftId) || !isRowId(number)) fields.version = 'error_vote_version';
		else {
			const frozen = await getFrozenVersion(db, ctx, draftId, number);
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
 * Records a correction of an entry; leaders only. The corrected entry is not touched: the
 * register shows both, the correction pointing at the entry it corrects.
 */
export async function recordCorrection(
	db: Db,
	ctx: AssociationContext,
	input: CorrectionInput,
	now = Date.now()
): Promise<Decision> {
	authorize(ctx.actor, 'register.record');
	const user = actingUser(ctx);
	const fields: Record<string, string> = {};
	const seq = input.corrects;
	const corrected = isRowId(seq)
		? await db
				.selectFrom('decision')
				.select(['seq', 'title', 'decided_at', 'entry'])
				.where('association_id', '=', ctx.association.id)
				.where('seq', '=', seq)
				.executeTakeFirst()
		: undefined;
	if (!corrected) throw new DomainError('not_found', 'error_decision_not_found');
	const { summary } = readTitleAndSummary(
		{ title: corrected.title, summary: input.summary },
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
