// Test support: the production entry (server.js, over build/) as a real child process on a free
// port, for tests that kill it, restart it and read its database file.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../../..');

export interface ServerProcess {
	proc: ChildProcess;
	base: string;
	output: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Fails with a clear message when there is no build, instead of letting a test pass unseen. */
export function requireBuild(): void {
	if (!fs.existsSync(path.join(root, 'build', 'handler.js'))) {
		throw new Error('No build: run `npm run build` before this test (npm test does).');
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** Starts `node server.js` on `dbFile` (with `env` added) and resolves once /healthz answers. */
export async function startServer(
	dbFile: string,
	env: Record<string, string> = {}
): Promise<ServerProcess> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const proc = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: dbFile,
			...env
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

/** A form post as a browser sends it (text/html, same-site Origin), without following redirects. */
export function postForm(
	base: string,
	pathname: string,
	form: Record<string, string>,
	cookie = ''
) {
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
