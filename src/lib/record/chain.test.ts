import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '$lib/canonical';
import {
	GENESIS,
	headRegression,
	REGISTER_FORMAT,
	sealEntry,
	verifyEntries,
	verifyExport,
	type RegisterEntry,
	type SignedEntry
} from './chain';

const SLUG = 'apicultores-sur';

function chain(n: number, slug = SLUG): SignedEntry[] {
	const out: SignedEntry[] = [];
	let prev = GENESIS;
	for (let seq = 1; seq <= n; seq++) {
		const entry: RegisterEntry = {
			v: 1,
			association: slug,
			seq,
			prev,
			kind: 'consensus',
			decision_kind: 'ordinary',
			title: `Decisión ${seq}`,
			summary: `Se acordó el punto ${seq} por consenso.`,
			outcome: 'consensus',
			decided_at: new Date(Date.UTC(2025, 0, seq)).toISOString(),
			recorded_by: 'Hilda Choque',
			subject: null,
			vote: null,
			corrects: null,
			assembly: null
		};
		const { hash } = sealEntry(entry);
		out.push({ ...entry, hash });
		prev = hash;
	}
	return out;
}

/** Recomputes every hash from `from` on, as someone rewriting the whole chain would. */
function rechain(entries: SignedEntry[]): SignedEntry[] {
	let prev = GENESIS;
	return entries.map((e, i) => {
		const { hash: _old, ...rest } = e;
		void _old;
		const entry = { ...rest, seq: i + 1, prev } as RegisterEntry;
		const { hash } = sealEntry(entry);
		prev = hash;
		return { ...entry, hash };
	});
}

const ok = (entries: unknown[], extra = {}) =>
	verifyEntries(entries, { association: SLUG, ...extra });

describe('the chain', () => {
	it("hashes an entry's canonical JSON, and verifies an intact chain to its head", () => {
		const entries = chain(5);
		const { hash: h1, ...first } = entries[0];
		expect(h1).toBe(createHash('sha256').update(canonicalJson(first), 'utf8').digest('hex'));
		expect(ok(entries)).toEqual({ ok: true, head: { seq: 5, hash: entries[4].hash }, count: 5 });
		expect(ok([])).toEqual({ ok: true, head: { seq: 0, hash: GENESIS }, count: 0 });
		// Key order in the file does not matter: the hash is over the canonical form.
		const shuffled = entries.map((e) => Object.fromEntries(Object.entries(e).reverse()));
		expect(ok(shuffled).ok).toBe(true);
	});

	it('names a changed entry', () => {
		const entries = chain(5);
		entries[2] = { ...entries[2], summary: 'Se acordó otra cosa.' };
		expect(ok(entries)).toMatchObject({
			ok: false,
			problem: { reason: 'hash', seq: 3 },
			head: { seq: 2 }
		});
	});

	it('names a changed entry whose own hash was recomputed: the next one no longer follows it', () => {
		const entries = chain(5);
		const { hash: _h, ...rest } = entries[1];
		void _h;
		const changed = { ...rest, title: 'Otra' } as RegisterEntry;
		entries[1] = { ...changed, hash: sealEntry(changed).hash };
		expect(ok(entries)).toMatchObject({ ok: false, problem: { reason: 'link', seq: 2 } });
	});

	it('names a removed, an inserted and a moved entry', () => {
		const removed = chain(5);
		removed.splice(3, 1);
		expect(ok(removed)).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 4 } });

		const inserted = chain(5);
		inserted.splice(2, 0, chain(1)[0]);
		expect(ok(inserted)).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 3 } });

		const moved = chain(5);
		[moved[1], moved[2]] = [moved[2], moved[1]];
		expect(ok(moved)).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 2 } });

		// Renumbered after the move, hashes untouched: each entry's content no longer matches.
		const renumbered = moved.map((e, i) => ({ ...e, seq: i + 1 }));
		expect(ok(renumbered)).toMatchObject({ ok: false, problem: { reason: 'hash', seq: 2 } });
	});

	it('refuses another association’s entries and a first entry that does not start the chain', () => {
		expect(ok(chain(2, 'otra'))).toMatchObject({
			ok: false,
			problem: { reason: 'association', seq: 1 }
		});
		const late = rechain(chain(3)).slice(1);
		const renumbered = rechain(late).map((e, i) => (i === 0 ? { ...e, prev: 'f'.repeat(64) } : e));
		expect(ok(renumbered)).toMatchObject({ ok: false, problem: { reason: 'hash', seq: 1 } });
	});

	it('catches a whole chain rewritten consistently only against a head seen before', () => {
		const original = chain(6);
		const seen = { seq: 4, hash: original[3].hash };
		const rewritten = rechain(
			original.map((e, i) => (i === 2 ? { ...e, outcome: 'rejected' } : e))
		);
		expect(ok(rewritten).ok).toBe(true);
		expect(ok(rewritten, { anchor: seen })).toMatchObject({
			ok: false,
			problem: { reason: 'anchor', seq: 4 }
		});
		expect(ok(original, { anchor: seen }).ok).toBe(true);
		expect(ok(original.slice(0, 3), { anchor: seen })).toMatchObject({
			ok: false,
			problem: { reason: 'truncated', seq: 4 }
		});
	});

	it('checks an export: its shape and its declared head', () => {
		const entries = chain(3);
		const doc = {
			format: REGISTER_FORMAT,
			version: 1,
			association: { slug: SLUG, name: 'Apicultores del Sur' },
			exported_at: '2026-11-24T10:00:00.000Z',
			head: { seq: 3, hash: entries[2].hash },
			entries
		};
		expect(verifyExport(doc)).toMatchObject({ ok: true, association: SLUG, head: { seq: 3 } });
		expect(verifyExport({ ...doc, entries: entries.slice(0, 2) })).toMatchObject({
			ok: false,
			problem: { reason: 'head' }
		});
		expect(verifyExport({ hello: 1 })).toMatchObject({
			ok: false,
			problem: { reason: 'format', seq: 0 }
		});
		expect(verifyExport({ ...doc, entries: [1, 2] })).toMatchObject({
			ok: false,
			problem: { reason: 'format', seq: 1 }
		});
	});

	it('tells a head that went backwards or forked from one that moved on', () => {
		expect(headRegression({ seq: 4, hash: 'a' }, { seq: 3, hash: 'b' })).toBe('backwards');
		expect(headRegression({ seq: 4, hash: 'a' }, { seq: 4, hash: 'b' })).toBe('forked');
		expect(headRegression({ seq: 4, hash: 'a' }, { seq: 4, hash: 'a' })).toBeNull();
		expect(headRegression({ seq: 4, hash: 'a' }, { seq: 9, hash: 'c' })).toBeNull();
	});
});
