// @ts-check
// `npm test`: build, then every Vitest and Playwright test, then one line `N passed, N failed`.
// With TEST_POSTGRES_URL set (.ci/run sets it), the database suites run a second time on
// PostgreSQL and the two-instance browser test runs behind nginx; their counts are in the total.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-test-'));
const postgres = process.env.TEST_POSTGRES_URL;

/**
 * @param {string} label
 * @param {string[]} args
 * @param {Record<string, string | undefined>} [env] (undefined: unset)
 */
function run(label, args, env = {}) {
	console.log(`\n▶ ${label}`);
	/** @type {Record<string, string | undefined>} */
	const merged = { ...process.env, ...env };
	for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
	const result = spawnSync('npx', args, { stdio: 'inherit', env: merged });
	return result.status === 0;
}

/** @param {string} dir @returns {string[]} */
function testFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return testFiles(file);
		return entry.name.endsWith('.test.ts') && !entry.name.endsWith('.svelte.test.ts') ? [file] : [];
	});
}

/** The Vitest files that use a database (the ones worth running on PostgreSQL too). */
function databaseSuites() {
	return [...testFiles('src'), ...testFiles('tests')].filter((file) =>
		/createTestDb|createEnv\(|server\/testing'/.test(fs.readFileSync(file, 'utf8'))
	);
}

/** @param {string} file */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

let passed = 0;
let reports = 0;
let failed = 0;

if (!run('build', ['vite', 'build', '--logLevel', 'warn'])) {
	console.log('\nThe build failed; no test ran.\n0 passed, 1 failed');
	process.exit(1);
}

/**
 * @param {string} label
 * @param {string[]} files (none: all)
 * @param {Record<string, string | undefined>} env
 */
function vitest(label, files, env) {
	const json = path.join(out, `vitest-${++reports}.json`);
	const ok = run(
		label,
		['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${json}`, ...files],
		env
	);
	const unit = readJson(json);
	passed += unit?.numPassedTests ?? 0;
	failed += unit?.numFailedTests ?? 0;
	if (!ok && !unit?.numFailedTests) failed += 1; // the runner itself failed
}

/**
 * @param {string} label
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 */
function playwright(label, args, env) {
	const json = path.join(out, `playwright-${++reports}.json`);
	const ok = run(label, ['playwright', 'test', '--reporter=list,json', ...args], {
		...env,
		PLAYWRIGHT_JSON_OUTPUT_NAME: json
	});
	const e2e = readJson(json);
	passed += (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
	failed += e2e?.stats?.unexpected ?? 0;
	if (!ok && !e2e?.stats?.unexpected) failed += 1;
}

vitest('unit and integration tests (Vitest, SQLite)', [], { TEST_POSTGRES_URL: undefined });
if (postgres) {
	vitest('database tests on PostgreSQL (Vitest)', databaseSuites(), {
		TEST_POSTGRES_URL: postgres
	});
}
playwright('browser tests (Playwright, Chromium)', [], {});
if (postgres) {
	playwright(
		'two instances on PostgreSQL behind nginx (Playwright)',
		['-c', 'tests/e2e-instances/playwright.config.ts'],
		{ TEST_POSTGRES_URL: postgres }
	);
}

fs.rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
