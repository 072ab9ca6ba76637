// @ts-check
// `npm test`: build, then every Vitest and Playwright test, then one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-test-'));
const vitestJson = path.join(out, 'vitest.json');
const playwrightJson = path.join(out, 'playwright.json');

/**
 * @param {string} label
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function run(label, args, env = {}) {
	console.log(`\n▶ ${label}`);
	const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status === 0;
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
let failed = 0;

if (!run('build', ['vite', 'build', '--logLevel', 'warn'])) {
	console.log('\nThe build failed; no test ran.\n0 passed, 1 failed');
	process.exit(1);
}

const unitOk = run('unit and integration tests (Vitest)', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile=${vitestJson}`
]);
const unit = readJson(vitestJson);
passed += unit?.numPassedTests ?? 0;
failed += unit?.numFailedTests ?? 0;
if (!unitOk && !unit?.numFailedTests) failed += 1; // the runner itself failed

const e2eOk = run(
	'browser tests (Playwright, Chromium)',
	['playwright', 'test', '--reporter=list,json'],
	{
		PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson
	}
);
const e2e = readJson(playwrightJson);
passed += (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
failed += e2e?.stats?.unexpected ?? 0;
if (!e2eOk && !e2e?.stats?.unexpected) failed += 1;

fs.rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
