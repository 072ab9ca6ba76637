// The production entry (server.js) as a real process: what was acknowledged survives kill -9,
// SIGTERM closes cleanly, and the database stays intact. Needs `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
let dir: string;
let dbFile: string;

beforeAll(() => {
	if (!fs.existsSync(path.join(root, 'build', 'handler.js'))) {
		throw new Error('No build: run `npm run build` before this test (npm test does).');
	}
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-server-'));
	dbFile = path.join(dir, 'minka.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

interface Server {
	proc: ChildProcess;
	base: string;
	output: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function start(): Promise<Server> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const proc = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: dbFile
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		proc.on('exit', (code, signal) => resolve({ code, signal }))
	);
	for (let i = 0; i < 100; i++) {
		const ok = await fetch(`${base}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return { proc, base, output: () => out, exited };
		await new Promise((r) => setTimeout(r, 100));
	}
	proc.kill('SIGKILL');
	throw new Error(`server did not start:\n${out}`);
}

function post(base: string, pathname: string, form: Record<string, string>, cookie = '') {
	return fetch(base + pathname, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: base,
			'content-type': 'application/x-www-form-urlencoded',
			cookie
		},
		body: new URLSearchParams(form)
	});
}

describe('server.js', () => {
	it('keeps every acknowledged write across kill -9, and shuts down cleanly on SIGTERM', async () => {
		let server = await start();
		const register = await post(server.base, '/register', {
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
		const created = await post(
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

		server = await start();
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
