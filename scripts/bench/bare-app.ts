// The yardstick for Minka's HTTP layer: a bare SvelteKit app on adapter-node with one /healthz
// route (a JSON answer, no hooks, no database), built by the bench from the same packages, in a
// temporary folder, and served by adapter-node's own entry.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

const FILES: Record<string, string> = {
	'package.json': JSON.stringify({ name: 'bare', private: true, type: 'module' }),
	'svelte.config.js': `import adapter from '@sveltejs/adapter-node';
export default { kit: { adapter: adapter({ out: 'build' }) } };
`,
	'vite.config.js': `import { sveltekit } from '@sveltejs/kit/vite';
export default { plugins: [sveltekit()], logLevel: 'warn' };
`,
	'src/app.html': `<!doctype html><html lang="es"><head><meta charset="utf-8" />%sveltekit.head%</head><body>%sveltekit.body%</body></html>
`,
	'src/routes/healthz/+server.js': `import { json } from '@sveltejs/kit';
export const GET = () => json({ status: 'ok', database: 'ok' }, { headers: { 'cache-control': 'no-store' } });
`
};

/** Builds the bare app once; returns its folder. */
export function buildBareApp(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-bare-'));
	for (const [file, text] of Object.entries(FILES)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	}
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	const built = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: dir,
			encoding: 'utf8'
		}
	);
	if (built.status !== 0) throw new Error(`bare app build failed:\n${built.stdout}${built.stderr}`);
	return dir;
}

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** Serves the bare app; resolves once /healthz answers. */
export async function startBareApp(dir: string): Promise<{ base: string; proc: ChildProcess }> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const proc = spawn(process.execPath, ['build/index.js'], {
		cwd: dir,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base },
		stdio: 'ignore'
	});
	for (let i = 0; i < 100; i++) {
		if (
			await fetch(`${base}/healthz`).then(
				(r) => r.ok,
				() => false
			)
		)
			return { base, proc };
		await new Promise((r) => setTimeout(r, 100));
	}
	proc.kill('SIGKILL');
	throw new Error('bare app did not start');
}
