import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$lib/server/testing/db';
import { setRegisterPublic } from '$lib/server/associations';
import {
	addMember,
	contextOf,
	makeAssociation,
	makeUser,
	rejection,
	type Fixture
} from '$lib/server/testing';
import { castBallot, closeVote, createVote, openVote } from '$lib/server/voting';
import {
	getDecision,
	getPublicRegister,
	listDecisions,
	listPublicRegisters,
	readArchiveFilters,
	recentDecisions,
	recordConsensus,
	recordCorrection,
	type ArchiveFilters
} from './index';

let t: TestDb;
let fx: Fixture;

beforeEach(async () => {
	t = await createTestDb();
	fx = await makeAssociation(t.db);
});
afterEach(async () => t.close());

const NOW = Date.UTC(2026, 10, 20, 15, 0);

function filters(query = ''): ArchiveFilters {
	return readArchiveFilters(new URLSearchParams(query));
}

async function consensus(title: string, summary: string, decidedAt: string) {
	return recordConsensus(t.db, fx.leaderCtx, { title, summary, decidedAt }, { now: NOW });
}

async function anonymous() {
	return contextOf(t.db, fx.slug, null);
}

describe('the archive', () => {
	beforeEach(async () => {
		await consensus(
			'Compra del tanque de frío',
			'Se compra un tanque de 2000 litros.',
			'2025-03-14T10:30'
		);
		await consensus(
			'Elección del técnico',
			'Se contrata a Rosa Quispe como técnica.',
			'2025-12-31T22:00'
		);
		await consensus(
			'Cuota anual',
			'La cuota sube a 50 Bs por año para el tanque.',
			'2026-05-02T09:00'
		);
	});

	it('finds decisions by words, whatever the accents and capitals, every word required', async () => {
		const ctx = await anonymous();
		const titles = async (q: string) =>
			(await listDecisions(t.db, ctx, filters(`q=${encodeURIComponent(q)}`))).items.map(
				(i) => i.title
			);
		expect(await titles('TANQUE')).toEqual(['Cuota anual', 'Compra del tanque de frío']);
		expect(await titles('frio')).toEqual(['Compra del tanque de frío']);
		expect(await titles('Frío tanque')).toEqual(['Compra del tanque de frío']);
		expect(await titles('tecnico rosa')).toEqual(['Elección del técnico']);
		expect(await titles('tanque rosa')).toEqual([]);
		// LIKE's wildcards are not letters: they are folded away, never matched as patterns.
		expect(await titles('%_')).toHaveLength(3);
		expect(await titles('frío%')).toEqual(['Compra del tanque de frío']);
	});

	it('filters by year (Bolivian time), kind and outcome, newest first, with the years that exist', async () => {
		const ctx = await anonymous();
		const page = await listDecisions(t.db, ctx, filters('year=2025'));
		// 22:00 on 31 December in La Paz is already 1 January in UTC, and still 2025 here.
		expect(page.items.map((i) => i.seq)).toEqual([2, 1]);
		expect(page.years).toEqual([2026, 2025]);
		expect(page.head.seq).toBe(3);
		expect((await listDecisions(t.db, ctx, filters('kind=vote'))).total).toBe(0);
		expect((await listDecisions(t.db, ctx, filters('kind=consensus'))).total).toBe(3);
		expect((await listDecisions(t.db, ctx, filters('outcome=approved'))).total).toBe(0);
		const all = await listDecisions(t.db, ctx, filters());
		expect(all.items.map((i) => i.seq)).toEqual([3, 2, 1]);
		expect(all.items[0]).toMatchObject({
			kind: 'consensus',
			outcome: 'consensus',
			summary: 'La cuota sube a 50 Bs por año para el tanque.',
			decided_at: '2026-05-02T13:00:00.000Z'
		});
	});

	it('pages twenty at a time, and a page past the end shows the last one', async () => {
		for (let i = 0; i < 20; i++) {
			await consensus(`Acuerdo ${i + 4}`, 'Un acuerdo más.', '2026-06-01T08:00');
		}
		const ctx = await anonymous();
		const first = await listDecisions(t.db, ctx, filters());
		expect(first).toMatchObject({ total: 23, page: 1, pages: 2 });
		expect(first.items).toHaveLength(20);
		expect(first.items[0].seq).toBe(23);
		const second = await listDecisions(t.db, ctx, filters('page=2'));
		expect(second.items.map((i) => i.seq)).toEqual([3, 2, 1]);
		expect((await listDecisions(t.db, ctx, filters('page=9'))).page).toBe(2);
	});

	it('refuses filters no form offers', () => {
		for (const q of ['year=20x5', 'kind=secret', 'outcome=drop', 'page=0', 'page=-1', 'year=1']) {
			expect(() => filters(q), q).toThrow(/invalid/);
		}
	});

	it('shows one decision from its entry, with its neighbours and its corrections', async () => {
		await recordCorrection(t.db, fx.leaderCtx, {
			corrects: 2,
			summary: 'Es Rosa Quispe Mamani.'
		});
		const ctx = await anonymous();
		const view = await getDecision(t.db, ctx, 2);
		expect(view).toMatchObject({
			intact: true,
			previous: 1,
			next: 3,
			correctedBy: [4],
			head: { seq: 4 }
		});
		expect(view.entry).toMatchObject({ seq: 2, title: 'Elección del técnico', kind: 'consensus' });
		expect(view.entry.hash).toMatch(/^[0-9a-f]{64}$/);
		const last = await getDecision(t.db, ctx, 4);
		expect(last).toMatchObject({ next: null, entry: { corrects: 2, kind: 'correction' } });
		expect((await getDecision(t.db, ctx, 1)).previous).toBeNull();
		expect((await rejection(getDecision(t.db, ctx, 5))).code).toBe('not_found');
		expect((await recentDecisions(t.db, ctx, 2)).map((d) => d.seq)).toEqual([4, 3]);
	});

	it('is closed to outsiders when the register is private, open to members', async () => {
		const member = await addMember(t.db, fx, 'member');
		await setRegisterPublic(t.db, fx.leaderCtx, false);
		const stranger = await contextOf(t.db, fx.slug, await makeUser(t.db, 'Extraña'));
		for (const ctx of [await anonymous(), stranger]) {
			expect((await rejection(listDecisions(t.db, ctx, filters()))).code).toBe('forbidden');
			expect((await rejection(getDecision(t.db, ctx, 1))).code).toBe('forbidden');
			expect((await rejection(getPublicRegister(t.db, ctx))).code).toBe('forbidden');
		}
		expect((await listDecisions(t.db, member.ctx, filters())).total).toBe(3);
		expect(await listPublicRegisters(t.db)).toEqual([]);
	});
});

describe('public registers for the API', () => {
	it('lists public associations with their heads, an empty register at 0', async () => {
		const other = await makeAssociation(t.db);
		const vote = await createVote(t.db, other.leaderCtx, { title: '¿Compramos semilla?' });
		await openVote(t.db, other.leaderCtx, vote.id);
		await castBallot(t.db, other.leaderCtx, vote.id, { answer: 'yes' });
		await closeVote(t.db, other.leaderCtx, vote.id);
		const hidden = await makeAssociation(t.db);
		await setRegisterPublic(t.db, hidden.leaderCtx, false);
		const list = await listPublicRegisters(t.db);
		expect(list.map((a) => a.slug).sort()).toEqual([fx.slug, other.slug].sort());
		const one = list.find((a) => a.slug === other.slug)!;
		expect(one).toMatchObject({ product: 'leche', municipality: 'Tiquipaya', head: { seq: 1 } });
		expect(one.head).toEqual(
			await getPublicRegister(t.db, await contextOf(t.db, other.slug, null)).then((r) => r.head)
		);
		expect(list.find((a) => a.slug === fx.slug)!.head.seq).toBe(0);
	});
});
