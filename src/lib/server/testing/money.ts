// Test support for the money area: an investment plan drafted, frozen and approved by consensus,
// so that the plan is in execution, as the money tests need it.
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { changeDraftDocument } from '$lib/server/collab';
import type { DB } from '$lib/server/db/schema';
import { createDraft, freezeVersion, saveVersion, setDraftStatus } from '$lib/server/drafts';
import { recordConsensus } from '$lib/server/record';
import type { Fixture } from './index';

/** A plan line: its id, code and title, and what the programme and the cash counterpart pay. */
export type PlanLine = [id: string, code: string, title: string, par: number, cash: number];

/** Approves a plan of `lines` by consensus; its frozen version is what expenses are charged to. */
export async function approvePlan(db: Kysely<DB>, fx: Fixture, lines: PlanLine[]): Promise<number> {
	const draft = await createDraft(db, fx.leaderCtx, { kind: 'investment_plan', title: 'Plan' });
	await reformulatePlan(db, fx, draft.id, lines);
	return draft.id;
}

/**
 * A new version of the plan, its lines as given (the same ids keep their spending), approved.
 * The app has no step yet that reopens a decided plan: the test reopens it directly.
 */
export async function reformulatePlan(
	db: Kysely<DB>,
	fx: Fixture,
	draftId: number,
	lines: PlanLine[]
): Promise<void> {
	const draft = { id: draftId };
	await setDraftStatus(db, draftId, 'drafting');
	await changeDraftDocument(db, draft.id, (doc) => {
		doc.getMap('meta').set('title', 'Plan de Alianza');
		const items = doc.getArray<Y.Map<unknown>>('items');
		items.delete(0, items.length);
		for (const [id, code, title, par, cash] of lines) {
			const line = new Y.Map<unknown>();
			const fields = { id, code, title, quantity: 1, unit_cost: par + cash, par, cash };
			for (const [k, v] of Object.entries(fields)) line.set(k, v);
			items.push([line]);
		}
	});
	const v = await saveVersion(db, fx.leaderCtx, draft.id, { label: 'Final' });
	await freezeVersion(db, fx.leaderCtx, draft.id, v.number);
	await recordConsensus(db, fx.leaderCtx, {
		title: 'Aprobación del plan',
		summary: 'Se aprueba el plan de inversiones.',
		version: { draftId: draft.id, number: v.number }
	});
}
