// A movement the treasurer was told is recorded is there after kill -9 (issue 13): the production
// server as a real process on a real SQLite file. Needs `npm run build` first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { createDb, migrateToLatest } from '$lib/server/db';
import { createAccount } from '$lib/server/money';
import { addMember, makeAssociation } from '$lib/server/testing';
import { postForm, requireBuild, startServer } from '$lib/server/testing/process';

let dir: string;
let file: string;
let cookie: string;
let ledger: string;
let accountId: number;

beforeAll(async () => {
	requireBuild();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-money-'));
	file = path.join(dir, 'minka.db');
	const db = createDb(file);
	await migrateToLatest(db);
	const fx = await makeAssociation(db);
	const treasurer = await addMember(db, fx, 'leader', 'tesorero');
	accountId = (await createAccount(db, treasurer.ctx, { kind: 'bank', name: 'Banco Unión' })).id;
	const token = generateSessionToken();
	await createSession(db, token, treasurer.user.id);
	await db.destroy();
	cookie = `minka_session=${token}`;
	ledger = `/a/${fx.slug}/money/ledger`;
}, 30_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a recorded movement', () => {
	it('survives kill -9 right after the treasurer is told it is recorded', async () => {
		let server = await startServer(file);
		const recorded = await postForm(
			server.base,
			`${ledger}?/record`,
			{
				kind: 'income',
				income_kind: 'tranche',
				account: String(accountId),
				amount: '184.300,00',
				description: 'Primer desembolso del PAR'
			},
			cookie
		);
		expect(recorded.status).toBe(303);
		expect(recorded.headers.get('location')).toMatch(/\?done=recorded&seq=1/);

		server.proc.kill('SIGKILL');
		expect((await server.exited).signal).toBe('SIGKILL');

		const db = new Database(file, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(db.prepare('select seq, kind, amount from money_movement').all()).toEqual([
				{ seq: 1, kind: 'income', amount: 18_430_000 }
			]);
		} finally {
			db.close();
		}

		server = await startServer(file);
		const page = await fetch(server.base + ledger, { headers: { cookie, accept: 'text/html' } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Primer desembolso del PAR');
		server.proc.kill('SIGTERM');
		await server.exited;
	}, 60_000);
});
