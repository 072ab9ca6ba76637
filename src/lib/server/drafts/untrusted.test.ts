// The live document is anyone's input: an editor's socket can put any number in a budget line.
// Through the real collaboration server (port 0, real y-websocket clients), what arrives is
// checked where it becomes a version, and a vote can never be left unclosable by it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalJson, sha256Hex } from '$lib/canonical';
import { projectDocument } from '$lib/drafts/document';
import {
	client,
	createEnv,
	eventually,
	storedDoc,
	synced,
	type Client,
	type Env
} from '$lib/server/testing/collab';
import { contextOf, addMember, rejection } from '$lib/server/testing';
import { castBallot, closeVote, createVote, getVotePage, openVote } from '$lib/server/voting';
import { translate } from '$lib/server/http';
import { freezeVersion, saveVersion } from './versions';

let env: Env;
let editor: Client;

beforeEach(async () => {
	env = await createEnv();
	editor = client(env, env.editor.token);
	await synced(editor);
});
afterEach(async () => {
	editor.destroy();
	await env.close();
});

const leader = () => contextOf(env.testDb.db, env.fx.slug, env.fx.leader);

/** Pushes a budget line through the socket, as any editor's browser could, and waits until stored. */
async function pushLine(fields: Record<string, unknown>) {
	const items = editor.doc.getArray<Y.Map<unknown>>('items');
	const line = new Y.Map<unknown>();
	const base = { id: `l${items.length}`, title: `Línea ${items.length + 1}`, quantity: 1 };
	for (const [k, v] of Object.entries({ ...base, ...fields })) line.set(k, v);
	items.push([line]);
	const want = items.length;
	await eventually(async () => (await storedDoc(env)).getArray('items').length === want);
}

async function versionCount() {
	const rows = await env.testDb.db
		.selectFrom('draft_version')
		.select('id')
		.where('draft_id', '=', env.draftId)
		.execute();
	return rows.length;
}

describe('a version is made only of sound numbers', () => {
	const cases: [string, Record<string, unknown>, string, string][] = [
		['a negative unit price', { unit_cost: -300000 }, 'error_line_negative', 'Precio unitario'],
		['a negative quantity', { quantity: -3, unit_cost: 100 }, 'error_line_negative', 'Cantidad'],
		['half a centavo', { unit_cost: 0.5 }, 'error_line_not_whole', 'Precio unitario'],
		['1e15 × 1e15', { quantity: 1e15, unit_cost: 1e15 }, 'error_line_too_large', 'Cantidad'],
		['1e308 × 1e308', { quantity: 1, unit_cost: 1e308 }, 'error_line_too_large', 'Precio'],
		['a product above the bound', { quantity: 1000, unit_cost: 1e9 }, 'error_line_too_large', '×'],
		['a negative contribution', { unit_cost: 100, cash: -50 }, 'error_line_negative', 'Asociación']
	];
	for (const [what, fields, key, names] of cases)
		it(`refuses ${what} with a message naming the line, and writes nothing`, async () => {
			await pushLine({ unit_cost: 100_00, par: 100_00 });
			await pushLine({ title: 'Tanque de frío', ...fields });
			const err = await rejection(
				saveVersion(env.testDb.db, await leader(), env.draftId, { label: 'v1' })
			);
			expect(err.code).toBe('invalid');
			expect(err.messageRef.key).toBe(key);
			const text = translate(err.messageRef);
			expect(text).toContain('Línea 2 (Tanque de frío)');
			expect(text).toContain(names);
			expect(await versionCount()).toBe(0);
		});

	it('saves once the line is corrected', async () => {
		await pushLine({ title: 'Tanque', unit_cost: -300000 });
		await rejection(saveVersion(env.testDb.db, await leader(), env.draftId, { label: 'v1' }));
		editor.doc.getArray<Y.Map<unknown>>('items').get(0).set('unit_cost', 300000);
		await eventually(
			async () =>
				(await storedDoc(env)).getArray<Y.Map<unknown>>('items').get(0).get('unit_cost') === 300000
		);
		const v = await saveVersion(env.testDb.db, await leader(), env.draftId, { label: 'v1' });
		expect(v.number).toBe(1);
	});
});

describe('a version an older build accepted', () => {
	/** Stores a frozen version as a build without these checks did: a negative line inside. */
	async function oldFrozenVersion() {
		const doc = new Y.Doc();
		const items = doc.getArray<Y.Map<unknown>>('items');
		for (const [id, title, cost] of [
			['a', 'Tanque de frío', 6_000_000],
			['b', 'Descuento', -3_000_000]
		] as const) {
			const line = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ id, title, quantity: 1, unit_cost: cost, par: cost }))
				line.set(k, v);
			items.push([line]);
		}
		const content = canonicalJson(projectDocument(doc));
		const row = await env.testDb.db
			.insertInto('draft_version')
			.values({
				draft_id: env.draftId,
				number: 1,
				label: 'Antigua',
				state: Buffer.from(Y.encodeStateAsUpdate(doc)),
				content,
				content_hash: sha256Hex(content),
				frozen: 1,
				created_by: env.fx.leader.id,
				created_at: Date.now(),
				frozen_at: Date.now()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	it('cannot be frozen or put to a vote: refused with the line named', async () => {
		await oldFrozenVersion();
		const ctx = await leader();
		const err = await rejection(
			createVote(env.testDb.db, ctx, {
				version: { draftId: env.draftId, number: 1 },
				budget: '50.000',
				title: 'Plan 2026'
			})
		);
		expect(err.messageRef.key).toBe('error_line_negative');
		expect(translate(err.messageRef)).toContain('Línea 2 (Descuento)');
	});

	it('a vote opened on it by an older build still closes, without a 500', async () => {
		const ctx = await leader();
		// Created while the version was sound, then its option altered as the older build stored it.
		await pushLine({ title: 'Tanque', unit_cost: 6_000_000, par: 6_000_000 });
		await pushLine({ title: 'Semilla', unit_cost: 3_000_000, par: 3_000_000 });
		const v = await saveVersion(env.testDb.db, ctx, env.draftId, { label: 'v1' });
		await freezeVersion(env.testDb.db, ctx, env.draftId, v.number);
		const vote = await createVote(env.testDb.db, ctx, {
			version: { draftId: env.draftId, number: v.number },
			budget: '50.000',
			title: 'Plan 2026'
		});
		const [tank, seed] = (await getVotePage(env.testDb.db, ctx, vote.id)).options;
		await env.testDb.db
			.updateTable('vote_option')
			.set({ amount: -3_000_000 })
			.where('id', '=', seed.id)
			.execute();
		// Opening refuses it now, with the line named…
		const refused = await rejection(openVote(env.testDb.db, ctx, vote.id));
		expect(refused.messageRef).toEqual({
			key: 'error_vote_line_amount',
			params: { label: 'Semilla' }
		});
		// …and one that an older build opened anyway closes cleanly.
		await env.testDb.db
			.updateTable('vote_option')
			.set({ amount: 3_000_000 })
			.where('id', '=', seed.id)
			.execute();
		await openVote(env.testDb.db, ctx, vote.id);
		await env.testDb.db
			.updateTable('vote_option')
			.set({ amount: -3_000_000 })
			.where('id', '=', seed.id)
			.execute();
		const member = await addMember(env.testDb.db, env.fx, 'member');
		void member;
		await castBallot(env.testDb.db, ctx, vote.id, { lines: [tank.id, seed.id] });
		const result = await closeVote(env.testDb.db, ctx, vote.id);
		expect(result.kind).toBe('budget');
		if (result.kind === 'budget')
			expect(result.budget.outcome.funded).not.toContain(String(seed.id));
	});
});
