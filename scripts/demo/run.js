// @ts-check
// `npm run demo`: builds the app if the build is missing or stale, seeds a fresh demo database
// and serves it. Environment: PORT (3000); everything else as for server.js.
// Plain JS because Node 20 cannot run TypeScript; the seed itself runs through tsx.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const database = './data/demo.db';
const port = process.env.PORT || '3000';
// Inputs of `vite build`. Generated messages and tests do not change what it produces.
const BUILD_INPUTS = ['src', 'messages', 'svelte.config.js', 'vite.config.ts'];
const IGNORED = [path.join('src', 'lib', 'paraglide')];
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]s$/;

/** @param {string} file */
function mtime(file) {
	try {
		return fs.statSync(path.join(root, file)).mtimeMs;
	} catch {
		return undefined;
	}
}

/**
 * The most recently modified file under `rel` (a file or a folder), with its modification time.
 * @param {string} rel
 * @returns {{ file: string, time: number }}
 */
function newest(rel) {
	const none = { file: rel, time: 0 };
	if (IGNORED.includes(rel)) return none;
	const stat = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
	if (!stat) return none;
	if (!stat.isDirectory()) return TEST_FILE.test(rel) ? none : { file: rel, time: stat.mtimeMs };
	let latest = none;
	for (const entry of fs.readdirSync(path.join(root, rel))) {
		const candidate = newest(path.join(rel, entry));
		if (candidate.time > latest.time) latest = candidate;
	}
	return latest;
}

/** Why the app must be built first, or undefined when build/ is up to date. */
function buildReason() {
	const built = mtime('build/handler.js');
	if (built === undefined) return 'there is no build yet';
	for (const input of BUILD_INPUTS) {
		const { file, time } = newest(input);
		if (time > built) return `${file} changed since the last build`;
	}
	return undefined;
}

/**
 * The entry script of a package's command-line tool, so it runs with this Node and no npx.
 * @param {string} pkg
 * @param {string} name
 */
function binOf(pkg, name) {
	const require = createRequire(path.join(root, 'package.json'));
	const manifest = require.resolve(`${pkg}/package.json`);
	/** @type {{ bin: string | Record<string, string> }} */
	const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
	return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
}

/**
 * Runs a command to completion with the terminal attached; rejects unless it succeeds.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(command, args, env = process.env) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: root,
			env,
			stdio: 'inherit',
			shell: process.platform === 'win32'
		});
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (code === 0) resolve(undefined);
			else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
		});
	});
}

/**
 * Whether something already listens on the port, checked before building and seeding so that
 * a busy port costs one line rather than a minute and a stack trace.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portInUse(port) {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', (/** @type {NodeJS.ErrnoException} */ err) =>
			resolve(err.code === 'EADDRINUSE')
		);
		probe.listen(port, process.env.HOST ?? '0.0.0.0', () => probe.close(() => resolve(false)));
	});
}

async function main() {
	if (await portInUse(Number(port))) {
		console.error(
			`Port ${port} is already in use (another Minka?). Try another one: PORT=3001 npm run demo`
		);
		process.exit(1);
	}
	const reason = buildReason();
	if (reason) {
		console.log(`Building the app: ${reason}.`);
		await run('npm', ['run', 'build']);
	}
	// tsx finds $lib through tsconfig.json, which extends the file `svelte-kit sync` generates;
	// `npm install` makes it, but a clean checkout or a removed .svelte-kit would lack it.
	if (mtime('.svelte-kit/tsconfig.json') === undefined) {
		await run(process.execPath, [binOf('@sveltejs/kit', 'svelte-kit'), 'sync']);
	}

	for (const suffix of ['', '-wal', '-shm']) {
		fs.rmSync(path.join(root, database + suffix), { force: true });
	}
	const env = { ...process.env, DATABASE_URL: database, PORT: port };
	await run(process.execPath, [binOf('tsx', 'tsx'), 'scripts/demo/seed.ts'], env);

	console.log(`\nStarting Minka: open http://localhost:${port}/ and log in with an account above.`);
	console.log('Press Ctrl+C to stop. The demo database is rebuilt at every start.\n');
	const server = spawn(process.execPath, ['server.js'], { cwd: root, env, stdio: 'inherit' });
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
		process.on(signal, () => server.kill(signal));
	}
	server.on('exit', (code, signal) => {
		process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
	});
}

main().catch((err) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
