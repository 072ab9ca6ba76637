// Tampering with the register behind the application's back, as someone with the database file
// would: a second connection drops the append-only triggers, then edits, deletes, inserts, reorders,
// truncates or rewrites the whole chain. The database check and the export check must each say so
// and name the first bad entry; what a chain alone cannot show (a cut end, a consistent rewrite)
// shows against a head seen before.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '$lib/canonical';
import {
	sealEntry,
	verifyExport,
	type Head,
	type RegisterEntry,
	type RegisterExport
} from '$lib/record/chain';
import { createDb, type DB } from '$lib/server/db';
import { createTestDb } from '$lib/server/testing/db';
import { searchText } from '$lib/server/text';
import { addMember, makeAssociation } from '$lib/server/testing';
import {
	castBallot,
	closeVote,
	confirmHandCount,
	createVote,
	enterHandCount,
	openVote
} from '$lib/server/voting';
import type { Kysely } from 'kysely';
import { loadAssociationContext, type AssociationContext } from '$lib/server/associations';
import { recordConsensus, recordCorrection } from './decisions';
import { exportRegister } from './export';
import { verifyRegisterDb } from './verify-db';
import { main } from '../../../../scripts/verify';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-tamper-'));
const template = path.join(dir, 'template.db');
let slug = '';
/** The register's head as the community saw it before anyone touched the file. */
let seenHead: Head;
const ENTRIES = 6;

// The attacks edit a SQLite file behind the application's back: there is no file on PostgreSQL
// (its append-only trigger is tested in register.test.ts and verify-db.test.ts).
const onPostgres = !!process.env.TEST_POSTGRES_URL;

beforeAll(async () => {
	if (onPostgres) return;
	const t = await createTestDb();
	const fx = await makeAssociation(t.db);
	slug = fx.slug;
	const voters: AssociationContext[] = [];
	for (let i = 0; i < 3; i++) voters.push((await addMember(t.db, fx, 'member')).ctx);
	const second = (await addMember(t.db, fx, 'leader')).ctx;
	const motion = async (title: string, answers: string[]) => {
		const vote = await createVote(t.db, fx.leaderCtx, { title });
		await openVote(t.db, fx.leaderCtx, vote.id);
		for (const [i, answer] of answers.entries())
			await castBallot(t.db, voters[i], vote.id, { answer });
		await closeVote(t.db, fx.leaderCtx, vote.id);
	};
	await motion('¿Compramos el tanque de enfriamiento?', ['yes', 'yes', 'no']);
	const hands = await createVote(t.db, fx.leaderCtx, {
		title: 'Informe económico del trimestre',
		inRoom: true
	});
	await openVote(t.db, fx.leaderCtx, hands.id);
	await enterHandCount(t.db, fx.leaderCtx, hands.id, {
		counts: { yes: 4, no: 0, abstain: 1 },
		present: 5,
		represented: 0
	});
	await confirmHandCount(t.db, second, hands.id);
	await recordConsensus(t.db, fx.leaderCtx, {
		title: 'Multa por inasistencia',
		summary: 'La asamblea acuerda por consenso una multa de Bs 50 por falta sin aviso.'
	});
	await motion('¿Subimos la cuota mensual a Bs 20?', ['no', 'no', 'yes']);
	await recordCorrection(t.db, fx.leaderCtx, {
		corrects: 3,
		summary: 'La multa es de Bs 30, no de Bs 50: error al copiar el acta.'
	});
	await motion('¿Contratamos al técnico lechero?', ['yes', 'yes', 'yes']);
	const head = await t.db
		.selectFrom('decision')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.executeTakeFirstOrThrow();
	seenHead = { seq: head.seq, hash: head.hash };
	await t.db.destroy();
	fs.copyFileSync(t.url, template);
	fs.rmSync(path.dirname(t.url), { recursive: true, force: true });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let copies = 0;

/** A copy of the register's file, tampered with through a connection of its own. */
function tampered(attack: (raw: SQLite.Database) => void, dropTriggers = true): string {
	const file = path.join(dir, `copy-${++copies}.db`);
	fs.copyFileSync(template, file);
	const raw = new SQLite(file);
	if (dropTriggers) {
		raw.exec('drop trigger decision_no_update; drop trigger decision_no_delete;');
	}
	attack(raw);
	raw.close();
	return file;
}

type Row = { seq: number; entry: string; hash: string; prev_hash: string };

function allRows(raw: SQLite.Database): Row[] {
	return raw
		.prepare('select seq, entry, hash, prev_hash from decision order by seq')
		.all() as Row[];
}

/** Opens the tampered file as the application does and runs `fn` on it. */
async function withDb<T>(file: string, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
	const db = createDb(file);
	try {
		return await fn(db);
	} finally {
		await db.destroy();
	}
}

/** decisions.json as the server serves it from this database, to anyone (the register is public). */
async function exportOf(db: Kysely<DB>): Promise<RegisterExport> {
	const ctx = await loadAssociationContext(db, slug, null);
	return exportRegister(db, ctx!);
}

/** Both checks of a tampered file, with or without the head seen before. */
async function checks(file: string, anchor: Head | null = null) {
	return withDb(file, async (db) => {
		const report = await verifyRegisterDb(db, { association: slug, anchor });
		const doc = await exportOf(db);
		return { report, db: report.associations[0].result, doc, file: verifyExport(doc, { anchor }) };
	});
}

/** Rewrites rows from `from` on so each hashes right and links to the one before (a careful forger). */
function rechain(raw: SQLite.Database, from: number, change: (entry: RegisterEntry) => void) {
	const rows = allRows(raw);
	let prev = rows[from - 2]?.hash ?? '0'.repeat(64);
	const update = raw.prepare(
		'update decision set entry = ?, hash = ?, prev_hash = ?, title = ?, search_text = ? where seq = ?'
	);
	// Each link must stay unique while they are rewritten: clear the old ones first.
	raw.prepare("update decision set prev_hash = 'old-' || seq where seq >= ?").run(from);
	for (const row of rows.slice(from - 1)) {
		const entry = JSON.parse(row.entry) as RegisterEntry;
		entry.prev = prev;
		if (entry.seq === from) change(entry);
		const sealed = sealEntry(entry);
		const words = searchText(`${entry.title} ${entry.summary}`);
		update.run(sealed.text, sealed.hash, prev, entry.title, words, row.seq);
		prev = sealed.hash;
	}
}

describe.skipIf(onPostgres)('the untouched register', () => {
	it('verifies in the database and as an export, and the database refuses changes', async () => {
		const file = tampered((raw) => {
			expect(() => raw.exec("update decision set title = 'Otra cosa' where seq = 2")).toThrow(
				/append-only: UPDATE refused/
			);
			expect(() => raw.exec('delete from decision where seq = 6')).toThrow(
				/append-only: DELETE refused/
			);
		}, false);
		const { report, file: exported } = await checks(file, seenHead);
		expect(report.ok).toBe(true);
		expect(report.triggers).toEqual({ ok: true, missing: [] });
		expect(report.associations[0].result).toEqual({ ok: true, head: seenHead, count: ENTRIES });
		expect(exported).toMatchObject({ ok: true, head: seenHead, count: ENTRIES });
	});
});

describe.skipIf(onPostgres)('tampering behind the application', () => {
	it('reports the append-only triggers gone', async () => {
		const { report, db } = await checks(tampered(() => {}));
		expect(db.ok).toBe(true);
		expect(report.triggers).toEqual({ ok: false, missing: ['UPDATE', 'DELETE'] });
		expect(report.ok).toBe(false);
	});

	it("catches an entry's text edited (the amount of the fine), in both checks", async () => {
		const file = tampered((raw) => {
			const row = allRows(raw)[2];
			const edited = row.entry.replace('Bs 50', 'Bs 5');
			expect(edited).not.toBe(row.entry);
			raw.prepare('update decision set entry = ? where seq = 3').run(edited);
		});
		const { db, file: exported } = await checks(file);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'hash', seq: 3 }, head: { seq: 2 } });
		expect(exported).toMatchObject({ ok: false, problem: { reason: 'hash', seq: 3 } });
	});

	it('catches an entry edited and re-hashed alone: the next one no longer follows it', async () => {
		const file = tampered((raw) => {
			const row = allRows(raw)[1];
			const entry = JSON.parse(row.entry) as RegisterEntry;
			entry.summary = 'Aprobado por unanimidad.';
			const sealed = sealEntry(entry);
			raw
				.prepare('update decision set entry = ?, hash = ?, search_text = ? where seq = 2')
				.run(sealed.text, sealed.hash, searchText(`${entry.title} ${entry.summary}`));
		});
		const { db, file: exported } = await checks(file);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'link', seq: 2 } });
		expect(exported).toMatchObject({ ok: false, problem: { reason: 'link', seq: 2 } });
	});

	it('catches a column edited alone (the archive would show another title)', async () => {
		const file = tampered((raw) => {
			raw.prepare("update decision set title = 'Multa suspendida' where seq = 3").run();
		});
		const { db, file: exported } = await checks(file);
		expect(db).toMatchObject({
			ok: false,
			problem: { reason: 'column', seq: 3, column: 'title' }
		});
		// The export carries the entries, which are intact: only the database check sees a column.
		expect(exported.ok).toBe(true);
	});

	it('catches text stored in another form than its canonical JSON', async () => {
		const file = tampered((raw) => {
			const row = allRows(raw)[3];
			const spaced = JSON.stringify(JSON.parse(row.entry), null, 1);
			raw
				.prepare('update decision set entry = ?, hash = ? where seq = 4')
				.run(spaced, sha256Hex(spaced));
		});
		const { db } = await checks(file);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'canonical', seq: 4 } });
	});

	it('catches a deleted row', async () => {
		const file = tampered((raw) => raw.exec('delete from decision where seq = 3'));
		const { db, file: exported } = await checks(file);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 3 } });
		expect(exported).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 3 } });
		expect(exported.ok || exported.problem.detail).toBe('entry 3 is missing (found 4)');
	});

	it('catches a forged row slipped in, hashed and linked to the one before', async () => {
		const file = tampered((raw) => {
			const rows = allRows(raw);
			for (const row of [...rows].reverse().filter((r) => r.seq >= 3))
				raw.prepare('update decision set seq = seq + 1 where seq = ?').run(row.seq);
			// The entry that followed 2 now must follow the forgery (the UNIQUE link allows one).
			raw.prepare('update decision set prev_hash = ? where seq = 4').run('f'.repeat(64));
			const forged = {
				...(JSON.parse(rows[2].entry) as RegisterEntry),
				seq: 3,
				prev: rows[1].hash,
				title: 'Venta del tanque viejo a un socio',
				summary: 'Se aprueba vender el tanque viejo en Bs 2.000.'
			};
			const sealed = sealEntry(forged);
			raw
				.prepare(
					`insert into decision (association_id, seq, kind, outcome, title, search_text, decided_at,
					year, vote_id, corrects_seq, entry, prev_hash, hash, created_at)
					select association_id, 3, kind, outcome, ?, ?, decided_at, year, null, null, ?, ?, ?,
					created_at from decision where seq = 4`
				)
				.run(
					forged.title,
					searchText(`${forged.title} ${forged.summary}`),
					sealed.text,
					forged.prev,
					sealed.hash
				);
		});
		// The forgery itself checks out; the entry it displaced is where the chain breaks.
		const { db, file: exported } = await checks(file);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 4 } });
		expect(exported).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 4 } });
	});

	it('catches two rows swapped', async () => {
		const file = tampered((raw) => {
			raw.exec(`update decision set seq = -4 where seq = 4;
				update decision set seq = 4 where seq = 5;
				update decision set seq = 5 where seq = -4;`);
		});
		const { db, file: exported } = await checks(file);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 4 } });
		expect(exported).toMatchObject({ ok: false, problem: { reason: 'sequence', seq: 4 } });
	});

	it('catches the end cut off, against the head seen before', async () => {
		const file = tampered((raw) => raw.exec('delete from decision where seq >= 5'));
		// Alone, a shorter chain is a consistent chain: nothing in it is wrong.
		expect((await checks(file)).db.ok).toBe(true);
		const { db, file: exported } = await checks(file, seenHead);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'truncated', seq: 5 } });
		expect(exported).toMatchObject({ ok: false, problem: { reason: 'truncated', seq: 5 } });
	});

	it('catches the whole chain rewritten consistently, against the head seen before', async () => {
		const file = tampered((raw) =>
			rechain(raw, 2, (entry) => {
				entry.title = 'Informe económico del trimestre (observado)';
			})
		);
		// Recomputed hashes and links: on its own it checks out, in both forms.
		const alone = await checks(file);
		expect(alone.db.ok).toBe(true);
		expect(alone.file.ok).toBe(true);
		const { db, file: exported } = await checks(file, seenHead);
		expect(db).toMatchObject({ ok: false, problem: { reason: 'anchor', seq: ENTRIES } });
		expect(exported).toMatchObject({ ok: false, problem: { reason: 'anchor', seq: ENTRIES } });
		// An older head names the rewrite's earliest point the person saw.
		const second = await withDb(template, (d) =>
			d
				.selectFrom('decision')
				.select(['seq', 'hash'])
				.where('seq', '=', 2)
				.executeTakeFirstOrThrow()
		);
		expect((await checks(file, second)).file).toMatchObject({
			ok: false,
			problem: { reason: 'anchor', seq: 2 }
		});
	});
});

describe.skipIf(onPostgres)('npm run verify', () => {
	/** The script's own entry point in this process, its output captured (spawning costs a second). */
	async function verify(args: string[]): Promise<{ status: number; stdout: string }> {
		const lines: string[] = [];
		const log = vi.spyOn(console, 'log').mockImplementation((line = '') => lines.push(line));
		const error = vi.spyOn(console, 'error').mockImplementation((line = '') => lines.push(line));
		try {
			return { status: await main(args), stdout: lines.join('\n') };
		} finally {
			log.mockRestore();
			error.mockRestore();
		}
	}

	it('exits 1 naming the bad entry, for the database (as a process) and for an export', async () => {
		const file = tampered((raw) => {
			const row = allRows(raw)[2];
			raw
				.prepare('update decision set entry = ? where seq = 3')
				.run(row.entry.replace('Bs 50', 'Bs 5'));
		});
		const db = spawnSync('npx', ['tsx', 'scripts/verify.ts', '--db', '--association', slug], {
			encoding: 'utf8',
			env: { ...process.env, DATABASE_URL: file }
		});
		expect(db.stdout).toContain('La decisión Nº 3 fue cambiada');
		expect(db.stdout).toContain('Hasta la decisión Nº 2 todo está bien.');
		expect(db.status).toBe(1);

		const json = path.join(dir, 'decisions.json');
		fs.writeFileSync(json, JSON.stringify(await withDb(file, exportOf)));
		const exported = await verify([json, '--lang', 'en']);
		expect(exported.stdout).toContain('Decision no. 3 was changed after it was recorded');
		expect(exported.status).toBe(1);
	});

	it('exits 0 with the head for an intact export, 1 against a newer head, 2 for a bad file', async () => {
		const json = path.join(dir, 'intact.json');
		fs.writeFileSync(json, JSON.stringify(await withDb(template, exportOf)));
		const ok = await verify([json, '--head', `${seenHead.seq}:${seenHead.hash}`]);
		expect(ok.stdout).toContain(`la última Nº ${ENTRIES}, huella ${seenHead.hash}`);
		expect(ok.status).toBe(0);
		const later = await verify([json, '--head', `${ENTRIES + 1}:${'a'.repeat(64)}`]);
		expect(later.stdout).toContain(`ahora falta desde la Nº ${ENTRIES + 1}`);
		expect(later.status).toBe(1);
		fs.writeFileSync(path.join(dir, 'bad.json'), '{"format": "otra cosa"}');
		expect((await verify([path.join(dir, 'bad.json')])).status).toBe(2);
		expect((await verify([path.join(dir, 'missing.json')])).status).toBe(2);
		expect((await verify([json, '--head', '7'])).status).toBe(2);
	});
});
