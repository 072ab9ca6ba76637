import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '@inlang/paraglide-js';
import { compareCatalogues, interpolate, messageKeys, placeholders } from './catalogue';

const root = resolve(import.meta.dirname, '../../..');
const read = (name: string) => JSON.parse(readFileSync(join(root, 'messages', name), 'utf8'));
const es = read('es.json');

describe('the Quechua and Aymara catalogues', () => {
	for (const locale of ['qu', 'ay']) {
		it(`${locale} has every key of es.json, the same placeholders and no empty label`, () => {
			const gaps = compareCatalogues(es, read(`${locale}.json`));
			// `npm run i18n:missing` lists what to translate when this fails.
			expect(gaps.missing).toEqual([]);
			expect(gaps.placeholders).toEqual([]);
			expect(gaps.empty).toEqual([]);
			expect(gaps.extra).toEqual([]);
		});
	}

	it('is registered with Paraglide', () => {
		const settings = JSON.parse(readFileSync(join(root, 'project.inlang/settings.json'), 'utf8'));
		expect(settings.baseLocale).toBe('es');
		expect(settings.locales).toEqual(expect.arrayContaining(['es', 'en', 'qu', 'ay']));
	});

	it('uses the glossary word wherever the Spanish uses the term', () => {
		const glossary = read('glossary.json');
		const catalogues: Record<string, Record<string, string>> = {
			qu: read('qu.json'),
			ay: read('ay.json')
		};
		const strays: string[] = [];
		let checked = 0;
		for (const term of glossary.terms) {
			if (!term.match) continue;
			const inSpanish = new RegExp(term.match.es, 'iu');
			for (const key of messageKeys(es)) {
				if (!inSpanish.test(es[key])) continue;
				for (const locale of ['qu', 'ay']) {
					const text = catalogues[locale][key];
					checked++;
					if (text !== undefined && !new RegExp(term.match[locale], 'iu').test(text)) {
						strays.push(`${locale} ${key}: «${text}» lacks «${term[locale]}»`);
					}
				}
			}
		}
		expect(checked).toBeGreaterThan(500);
		expect(strays).toEqual([]);
	});

	it('marks as reviewed only keys that exist, and leaves the rest as drafts', () => {
		const review = read('review.json');
		for (const locale of ['qu', 'ay']) {
			const reviewed = Object.keys(review[locale].reviewed);
			expect(reviewed.filter((key) => !(key in es))).toEqual([]);
			// Nothing but the starter vocabulary has been seen by a speaker yet.
			expect(reviewed.length).toBeLessThan(messageKeys(es).length / 10);
		}
	});
});

describe('placeholders and interpolation', () => {
	it('reads placeholder names once each and fills them', () => {
		expect(placeholders('{n} de {total}, {n}')).toEqual(['n', 'total']);
		expect(interpolate('{n} de {total}', { n: 3, total: 5 })).toBe('3 de 5');
		expect(interpolate('{n} de {total}', { n: 3 })).toBe('3 de {total}');
	});

	it('reports a dropped placeholder, an empty label and a missing key', () => {
		const gaps = compareCatalogues(
			{ a: 'Votaron {cast} de {electorate}', b: 'Sí', c: 'No' },
			{ a: 'Votarqanku {cast}', b: ' ' }
		);
		expect(gaps.missing).toEqual(['c']);
		expect(gaps.empty).toEqual(['b']);
		expect(gaps.placeholders.map((p) => p.key)).toEqual(['a']);
	});
});

describe("Paraglide's fallback", () => {
	it('shows the Spanish message for a key a catalogue lacks, never the key', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'minka-fallback-'));
		try {
			await mkdir(join(dir, 'project.inlang'), { recursive: true });
			await mkdir(join(dir, 'messages'));
			const plugin = join(root, 'node_modules/@inlang/plugin-message-format/dist/index.js');
			await writeFile(
				join(dir, 'project.inlang/settings.json'),
				JSON.stringify({
					baseLocale: 'es',
					locales: ['es', 'en', 'qu', 'ay'],
					modules: [plugin],
					'plugin.inlang.messageFormat': { pathPattern: join(dir, 'messages/{locale}.json') }
				})
			);
			const base = { greet: 'Hola {name}', fresh_key: 'Clave nueva de {name}' };
			await writeFile(join(dir, 'messages/es.json'), JSON.stringify(base));
			await writeFile(join(dir, 'messages/en.json'), JSON.stringify({ greet: 'Hello {name}' }));
			await writeFile(
				join(dir, 'messages/qu.json'),
				JSON.stringify({ greet: 'Napaykullayki {name}' })
			);
			await writeFile(join(dir, 'messages/ay.json'), JSON.stringify({ greet: 'Kamisaki {name}' }));
			await compile({
				project: join(dir, 'project.inlang'),
				outdir: join(dir, 'out'),
				strategy: ['baseLocale'],
				emitGitIgnore: false
			});
			const m = await import(pathToFileURL(join(dir, 'out/messages.js')).href);
			expect(m.greet({ name: 'Ana' }, { locale: 'qu' })).toBe('Napaykullayki Ana');
			for (const locale of ['qu', 'ay', 'en']) {
				expect(m.fresh_key({ name: 'Ana' }, { locale })).toBe('Clave nueva de Ana');
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
