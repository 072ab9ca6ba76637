// The production entry (server.js) as a real process: what was acknowledged survives kill -9,
// SIGTERM closes cleanly, and the database stays intact. Needs `npm run build` first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, requireBuild, startServer } from '$lib/server/testing/process';

let dir: string;
let dbFile: string;

beforeAll(() => {
	requireBuild();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-server-'));
	dbFile = path.join(dir, 'minka.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('server.js', () => {
	it('keeps every acknowledged write across kill -9, and shuts down cleanly on SIGTERM', async () => {
		let server = await startServer(dbFile);
		const register = await postForm(server.base, '/register', {
			username: 'rosa',
			display_name: 'Rosa Mamani',
			password: 'una frase larga'
		});
		expect(register.status).toBe(303);
		const cookie = register.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		expect(cookie).toContain('minka_session=');
		const created = await postForm(
			server.base,
			'/a/new',
			{
				name: 'Lecheros de Tiquipaya',
				product: 'leche',
				municipality: 'Tiquipaya',
				department: 'Cochabamba'
			},
			cookie
		);
		expect(created.status).toBe(303);
		expect(created.headers.get('location')).toBe('/a/lecheros-de-tiquipaya');

		server.proc.kill('SIGKILL');
		expect((await server.exited).signal).toBe('SIGKILL');

		server = await startServer(dbFile);
		const home = await fetch(`${server.base}/a/lecheros-de-tiquipaya`, {
			headers: { cookie, accept: 'text/html' }
		});
		expect(home.status).toBe(200);
		const html = await home.text();
		expect(html).toContain('Lecheros de Tiquipaya');
		expect(html).toContain('Presidente/a'); // still logged in, still its leader

		server.proc.kill('SIGTERM');
		const { code } = await server.exited;
		expect(code).toBe(0);
		expect(server.output()).toContain('SIGTERM');

		const db = new Database(dbFile, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(db.prepare('select count(*) as n from audit_event').get()).toEqual({ n: 1 });
		} finally {
			db.close();
		}
	}, 60_000);
});
