import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compile } from '@inlang/paraglide-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWordingLookups } from './wording-plugin.js';

const root = resolve(import.meta.dirname, '../../..');
let dir: string;
// Paraglide generates the same code for every message; three shapes stand for the catalogue.
const MESSAGES = {
	tab_votes: 'Votaciones',
	vote_participation: 'Votaron {voted} de {total}',
	verify_cli_usage: 'Uso:\n  npm run verify -- ARCHIVO.json'
};
const MESSAGE_KEYS = Object.keys(MESSAGES);

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'minka-wording-plugin-'));
	await mkdir(join(dir, 'project.inlang'));
	await mkdir(join(dir, 'messages'));
	const settings = JSON.parse(await readFile(join(root, 'project.inlang/settings.json'), 'utf8'));
	settings.modules = [join(root, 'node_modules/@inlang/plugin-message-format/dist/index.js')];
	settings['plugin.inlang.messageFormat'] = { pathPattern: join(dir, 'messages/{locale}.json') };
	await writeFile(join(dir, 'project.inlang/settings.json'), JSON.stringify(settings));
	for (const locale of settings.locales) {
		await writeFile(join(dir, `messages/${locale}.json`), JSON.stringify(MESSAGES));
	}
	for (const outputStructure of ['message-modules', 'locale-modules'] as const) {
		await compile({
			project: join(dir, 'project.inlang'),
			outdir: join(dir, outputStructure),
			strategy: ['cookie', 'baseLocale'],
			outputStructure,
			emitGitIgnore: false
		});
	}
}, 60_000);
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

async function wrapped(outputStructure: string): Promise<Map<string, number>> {
	const messages = join(dir, outputStructure, 'messages');
	const counts = new Map<string, number>();
	for (const file of await readdir(messages)) {
		if (!file.endsWith('.js')) continue;
		const { code, count } = addWordingLookups(await readFile(join(messages, file), 'utf8'));
		if (count > 0) {
			counts.set(file, count);
			expect(code.startsWith(`import { wording as __minkaWording }`)).toBe(true);
		}
	}
	return counts;
}

describe('the wording lookup added to Paraglide message functions', () => {
	it('wraps every message of the build (one module per message)', async () => {
		const counts = await wrapped('message-modules');
		expect(counts.size).toBe(MESSAGE_KEYS.length);
		expect([...counts.values()].every((n) => n === 1)).toBe(true);
		const code = await readFile(
			join(dir, 'message-modules/messages/vote_participation.js'),
			'utf8'
		);
		expect(addWordingLookups(code).code).toContain(
			`__minkaWording("vote_participation", locale, inputs)`
		);
	});

	it('wraps every message of dev and tests (one module per locale)', async () => {
		const counts = await wrapped('locale-modules');
		expect(counts).toEqual(new Map([['_index.js', MESSAGE_KEYS.length]]));
	});

	it('leaves modules without message functions alone', async () => {
		const code = await readFile(join(dir, 'locale-modules/messages/qu.js'), 'utf8');
		expect(addWordingLookups(code)).toEqual({ code, count: 0 });
	});
});
