import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// A message with variants (plurals) is checked as the text of all its variants together.
const catalogue = (locale: string) =>
	Object.fromEntries(
		Object.entries(
			JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<
				string,
				unknown
			>
		).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])
	);

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return e.name === 'paraglide' ? [] : sourceFiles(p);
		return /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
	});
}

describe('message catalogue', () => {
	const es = catalogue('es');
	const en = catalogue('en');

	it('Spanish and English have exactly the same keys, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
		for (const [key, text] of [...Object.entries(es), ...Object.entries(en)]) {
			expect(text.trim(), key).not.toBe('');
		}
	});

	it('both translations of a message use the same placeholders', () => {
		const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(es)) {
			if (key === '$schema') continue;
			expect(params(en[key]), key).toEqual(params(es[key]));
		}
	});

	it('every key the code uses exists', () => {
		const used = new Set<string>();
		for (const file of sourceFiles(path.join(root, 'src'))) {
			const text = fs.readFileSync(file, 'utf8');
			for (const m of text.matchAll(/\bm\.([a-z][a-z0-9_]*)\b/g)) used.add(m[1]);
			// Domain errors carry keys as strings.
			for (const m of text.matchAll(/'(error_[a-z0-9_]+)'/g)) used.add(m[1]);
		}
		expect(used.size).toBeGreaterThan(50);
		const missing = [...used].filter((k) => !(k in es));
		expect(missing).toEqual([]);
	});
});
