import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalJson, contentHash } from '$lib/canonical';
import { projectDocument } from '$lib/drafts/document';
import { listAudit } from '$lib/server/associations';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import type { Draft } from '$lib/server/db/schema';
import {
	addMember,
	contextOf,
	makeAssociation,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { addCoAuthor, createDraft } from './drafts';
import {
	compareVersions,
	freezeVersion,
	getDraftDocument,
	getVersion,
	getVersionState,
	listVersions,
	loadDraftState,
	saveVersion
} from './versions';

/** A client's document whose every change is stored as the collaboration server would. */
class Writer {
	readonly doc = new Y.Doc();
	private pending: Uint8Array[] = [];

	constructor() {
		this.doc.on('update', (update: Uint8Array) => this.pending.push(update));
	}

	/** Appends the updates made since the last flush to `draft_update`, one row each. */
	async flush(t: TestDb, draftId: number) {
		for (const update of this.pending.splice(0)) {
			await t.db
				.insertInto('draft_update')
				.values({
					draft_id: draftId,
					data: Buffer.from(update),
					size: update.byteLength,
					created_at: Date.now()
				})
				.execute();
		}
	}

	paragraph(text: string): Y.XmlText {
		const el = new Y.XmlElement('paragraph');
		const body = this.doc.getXmlFragment('body');
		body.insert(body.length, [el]);
		const t = new Y.XmlText();
		el.insert(0, [t]);
		t.insert(0, text);
		return t;
	}

	line(fields: Record<string, string | number>): Y.Map<unknown> {
		const map = new Y.Map<unknown>();
		this.doc.getArray<Y.Map<unknown>>('items').push([map]);
		for (const [k, v] of Object.entries(fields)) map.set(k, v);
		return map;
	}
}

const TANK = {
	id: 'l-tank',
	code: 'I-01',
	title: 'Tanque de frío',
	category: 'equipment',
	unit: 'pieza',
	quantity: 1,
	unit_cost: 9_600_000,
	par: 8_400_000,
	cash: 1_200_000
};

describe('draft versions', () => {
	let t: TestDb;
	let fx: Fixture;
	let draft: Draft;
	let writer: Writer;

	beforeEach(async () => {
		t = await createTestDb();
		fx = await makeAssociation(t.db);
		draft = await createDraft(t.db, fx.leaderCtx, {
			kind: 'investment_plan',
			title: 'Plan de Alianza 2027'
		});
		writer = new Writer();
		writer.doc.getMap('meta').set('title', 'Plan de Alianza 2027');
		writer.paragraph('Compraremos un tanque de frío para el acopio de leche.');
		writer.line(TANK);
		await writer.flush(t, draft.id);
	});
	afterEach(() => t.close());

	it('loads the stored document as one update, and an empty one when nothing is stored', async () => {
		const state = await loadDraftState(t.db, draft.id);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, state);
		expect(projectDocument(copy)).toEqual(projectDocument(writer.doc));
		expect(await getDraftDocument(t.db, fx.leaderCtx, draft.id)).toEqual(
			projectDocument(writer.doc)
		);

		const other = await createDraft(t.db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		const empty = new Y.Doc();
		Y.applyUpdate(empty, await loadDraftState(t.db, other.id));
		expect(projectDocument(empty).body).toEqual([]);
	});

	it('are numbered 1, 2, 3 per draft, listed newest first, and audited', async () => {
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const v1 = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: '  Primera   propuesta ' });
		expect(v1).toMatchObject({ number: 1, label: 'Primera propuesta', frozen: false });
		await saveVersion(t.db, facilitator.ctx, draft.id, { label: 'Con la facilitadora' });
		await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Para la asamblea' });
		const other = await createDraft(t.db, fx.leaderCtx, { kind: 'rule', title: 'Reglamento' });
		expect((await saveVersion(t.db, fx.leaderCtx, other.id, { label: 'Borrador' })).number).toBe(1);

		const list = await listVersions(t.db, fx.leaderCtx, draft.id);
		expect(list.map((v) => [v.number, v.label, v.created_by_name])).toEqual([
			[3, 'Para la asamblea', fx.leader.display_name],
			[2, 'Con la facilitadora', facilitator.user.display_name],
			[1, 'Primera propuesta', fx.leader.display_name]
		]);
		const audit = await listAudit(t.db, fx.leaderCtx.association.id);
		const saved = audit.events.filter((e) => e.action === 'draft.version_saved');
		expect(saved).toHaveLength(4);
		expect(saved.at(-1)).toMatchObject({
			subject: 'Plan de Alianza 2027',
			details: { draft: draft.id, number: 1, label: 'Primera propuesta', hash: v1.content_hash }
		});
	});

	it('saved at the same time get distinct numbers', async () => {
		const saves = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				saveVersion(t.db, fx.leaderCtx, draft.id, { label: `Versión ${i}` })
			)
		);
		expect(saves.map((v) => v.number).sort((x, y) => x - y)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10
		]);
		expect(await listVersions(t.db, fx.leaderCtx, draft.id)).toHaveLength(10);
	});

	it('store content whose hash anyone can recompute, from the JSON or from the Yjs state', async () => {
		const saved = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'v1' });
		const row = await t.db
			.selectFrom('draft_version')
			.selectAll()
			.where('draft_id', '=', draft.id)
			.executeTakeFirstOrThrow();
		expect(createHash('sha256').update(row.content, 'utf8').digest('hex')).toBe(saved.content_hash);
		expect(row.content).toBe(canonicalJson(projectDocument(writer.doc)));

		const replay = new Y.Doc();
		Y.applyUpdate(replay, await getVersionState(t.db, fx.leaderCtx, draft.id, 1));
		expect(contentHash(projectDocument(replay))).toBe(saved.content_hash);

		const view = await getVersion(t.db, fx.leaderCtx, draft.id, 1);
		expect(view).toMatchObject({ number: 1, intact: true, content_hash: saved.content_hash });
		expect(view.document.items[0]).toMatchObject({ code: 'I-01', par: 8_400_000 });
		expect(view.document.totals.total).toBe(9_600_000);
	});

	it('keep what they were when the draft moves on', async () => {
		const v1 = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Antes' });
		writer.paragraph('Un párrafo más.');
		await writer.flush(t, draft.id);
		const v2 = await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Después' });
		expect(v2.content_hash).not.toBe(v1.content_hash);
		expect((await getVersion(t.db, fx.leaderCtx, draft.id, 1)).document.body).toHaveLength(1);
		expect((await getVersion(t.db, fx.leaderCtx, draft.id, 2)).document.body).toHaveLength(2);
	});

	it('need a label of 1 to 80 characters', async () => {
		const empty = await rejection(saveVersion(t.db, fx.leaderCtx, draft.id, { label: ' \n ' }));
		expect(empty.fields).toHaveProperty('label.key', 'error_required');
		const long = await rejection(
			saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'x'.repeat(81) })
		);
		expect(long.fields).toHaveProperty('label.key', 'error_version_label_long');
		const cows = '🐄'.repeat(80);
		expect((await saveVersion(t.db, fx.leaderCtx, draft.id, { label: cows })).label).toBe(cows);
	});

	it('are read by every member, saved only by those who edit, invisible to outsiders', async () => {
		await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'v1' });
		const member = await addMember(t.db, fx, 'member');
		const observer = await addMember(t.db, fx, 'observer');
		for (const reader of [member, observer]) {
			expect(await listVersions(t.db, reader.ctx, draft.id)).toHaveLength(1);
			expect((await getVersion(t.db, reader.ctx, draft.id, 1)).label).toBe('v1');
			const refused = await rejection(saveVersion(t.db, reader.ctx, draft.id, { label: 'v2' }));
			expect(refused.code).toBe('forbidden');
		}
		await addCoAuthor(t.db, fx.leaderCtx, draft.id, member.ctx.member!.id);
		expect((await saveVersion(t.db, member.ctx, draft.id, { label: 'v2' })).number).toBe(2);

		const outsider = await makeAssociation(t.db);
		const anonymous = await contextOf(t.db, fx.slug, null);
		for (const ctx of [outsider.leaderCtx, anonymous]) {
			for (const attempt of [
				() => listVersions(t.db, ctx, draft.id),
				() => getVersion(t.db, ctx, draft.id, 1),
				() => getVersionState(t.db, ctx, draft.id, 1),
				() => compareVersions(t.db, ctx, draft.id, 1, 2),
				() => getDraftDocument(t.db, ctx, draft.id)
			]) {
				expect((await rejection(attempt())).code).toBe('not_found');
			}
		}
		const err = await rejection(saveVersion(t.db, outsider.leaderCtx, draft.id, { label: 'x' }));
		expect(err.code).toBe('not_found');
		expect((await rejection(getVersion(t.db, fx.leaderCtx, draft.id, 9))).messageRef.key).toBe(
			'error_version_not_found'
		);
	});

	it('cannot be saved once the draft has gone to a vote', async () => {
		await t.db.updateTable('draft').set({ status: 'voting' }).where('id', '=', draft.id).execute();
		const err = await rejection(saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'tarde' }));
		expect(err.code).toBe('forbidden');
	});

	it('are frozen by leaders only, once, with an audit entry', async () => {
		await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Para votar' });
		const facilitator = await addMember(t.db, fx, 'facilitator');
		const member = await addMember(t.db, fx, 'member');
		for (const who of [facilitator, member]) {
			expect((await rejection(freezeVersion(t.db, who.ctx, draft.id, 1))).code).toBe('forbidden');
		}
		const outsider = await makeAssociation(t.db);
		expect((await rejection(freezeVersion(t.db, outsider.leaderCtx, draft.id, 1))).code).toBe(
			'not_found'
		);
		expect((await getVersion(t.db, fx.leaderCtx, draft.id, 1)).frozen).toBe(false);

		const frozen = await freezeVersion(t.db, fx.leaderCtx, draft.id, 1);
		expect(frozen).toMatchObject({ number: 1, frozen: true });
		expect(frozen.frozen_at).toEqual(expect.any(Number));
		const again = await freezeVersion(t.db, fx.leaderCtx, draft.id, 1);
		expect(again).toEqual(frozen);
		expect(await getVersion(t.db, member.ctx, draft.id, 1)).toMatchObject({
			frozen: true,
			frozen_at: frozen.frozen_at
		});
		const events = (await listAudit(t.db, fx.leaderCtx.association.id)).events.filter(
			(e) => e.action === 'draft.version_frozen'
		);
		expect(events).toHaveLength(1);
		expect(events[0].details).toMatchObject({
			draft: draft.id,
			number: 1,
			hash: frozen.content_hash
		});
		expect((await rejection(freezeVersion(t.db, fx.leaderCtx, draft.id, 2))).code).toBe(
			'not_found'
		);
	});

	it('cannot be changed or deleted in the database, frozen or not', async () => {
		await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'v1' });
		await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'v2' });
		await freezeVersion(t.db, fx.leaderCtx, draft.id, 1);
		const rows = () =>
			t.db
				.selectFrom('draft_version')
				.selectAll()
				.where('draft_id', '=', draft.id)
				.orderBy('number')
				.execute();
		const before = await rows();
		const version = (n: number) =>
			t.db.updateTable('draft_version').where('draft_id', '=', draft.id).where('number', '=', n);

		await expect(version(1).set({ label: 'cambiada' }).execute()).rejects.toThrow(/immutable/);
		await expect(version(1).set({ frozen: 0, frozen_at: null }).execute()).rejects.toThrow(
			/immutable/
		);
		await expect(version(1).set({ frozen_at: 1 }).execute()).rejects.toThrow(/immutable/);
		await expect(version(2).set({ content: '{}' }).execute()).rejects.toThrow(/immutable/);
		await expect(
			version(2)
				.set({ content_hash: '0'.repeat(64) })
				.execute()
		).rejects.toThrow(/immutable/);
		await expect(
			version(2)
				.set({ state: Buffer.from([0, 0]) })
				.execute()
		).rejects.toThrow(/immutable/);
		await expect(version(2).set({ number: 7 }).execute()).rejects.toThrow(/immutable/);
		for (const n of [1, 2]) {
			await expect(
				t.db
					.deleteFrom('draft_version')
					.where('draft_id', '=', draft.id)
					.where('number', '=', n)
					.execute()
			).rejects.toThrow(/immutable/);
		}
		await expect(sql`delete from draft_version`.execute(t.db)).rejects.toThrow(/immutable/);
		expect(await rows()).toEqual(before);

		// Freezing is the one change allowed.
		await version(2).set({ frozen: 1, frozen_at: Date.now() }).execute();
		expect((await rows()).map((r) => r.frozen)).toEqual([1, 1]);
	});

	it('survive their author losing the account, and go only with their whole draft', async () => {
		const facilitator = await addMember(t.db, fx, 'facilitator');
		await saveVersion(t.db, facilitator.ctx, draft.id, { label: 'v1' });
		await t.db.deleteFrom('user').where('id', '=', facilitator.user.id).execute();
		const [v] = await listVersions(t.db, fx.leaderCtx, draft.id);
		expect(v).toMatchObject({ number: 1, created_by_name: null });

		await t.db.deleteFrom('draft').where('id', '=', draft.id).execute();
		const left = await t.db
			.selectFrom('draft_version')
			.select('id')
			.where('draft_id', '=', draft.id)
			.execute();
		expect(left).toEqual([]);
	});

	it('compare: a changed paragraph and a changed budget line, with amounts', async () => {
		await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Primera' });
		const text = writer.doc.getXmlFragment('body').get(0) as Y.XmlElement;
		(text.get(0) as Y.XmlText).insert('Compraremos un tanque de frío'.length, ' de 2.000 litros');
		const tank = writer.doc.getArray<Y.Map<unknown>>('items').get(0);
		writer.doc.transact(() => {
			tank.set('quantity', 2);
			tank.set('par', 16_800_000);
			tank.set('cash', 2_400_000);
		});
		writer.line({ id: 'l-scale', code: 'I-02', title: 'Balanza', unit_cost: 300_000, quantity: 1 });
		await writer.flush(t, draft.id);
		await saveVersion(t.db, fx.leaderCtx, draft.id, { label: 'Segunda' });

		const member = await addMember(t.db, fx, 'member');
		const cmp = await compareVersions(t.db, member.ctx, draft.id, 1, 2);
		expect([cmp.from.label, cmp.to.label]).toEqual(['Primera', 'Segunda']);
		expect(cmp.changes.text).toEqual([
			{
				kind: 'changed',
				from: { type: 'paragraph', text: 'Compraremos un tanque de frío para el acopio de leche.' },
				to: {
					type: 'paragraph',
					text: 'Compraremos un tanque de frío de 2.000 litros para el acopio de leche.'
				},
				words: [
					{ kind: 'same', text: 'Compraremos un tanque de frío ' },
					{ kind: 'added', text: 'de 2.000 litros ' },
					{ kind: 'same', text: 'para el acopio de leche.' }
				]
			}
		]);
		expect(cmp.changes.items.changed).toEqual([
			{
				id: 'l-tank',
				code: 'I-01',
				title: 'Tanque de frío',
				fields: [
					{ field: 'quantity', from: 1, to: 2 },
					{ field: 'par', from: 8_400_000, to: 16_800_000 },
					{ field: 'cash', from: 1_200_000, to: 2_400_000 }
				],
				total: { from: 9_600_000, to: 19_200_000 }
			}
		]);
		expect(cmp.changes.items.added).toEqual([expect.objectContaining({ code: 'I-02' })]);
		expect(cmp.changes.totals.from.total).toBe(9_600_000);
		expect(cmp.changes.totals.to.total).toBe(19_500_000);
		expect(cmp.changes.totals.to.unassigned).toBe(300_000);
		expect((await rejection(compareVersions(t.db, member.ctx, draft.id, 1, 3))).code).toBe(
			'not_found'
		);
	});
});
