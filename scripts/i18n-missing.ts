// `npm run i18n:missing` lists, for each translated catalogue (qu, ay; en too), the keys of
// messages/es.json it lacks, with the Spanish text to translate, and any placeholder or empty-label
// problem. `--json` prints {locale: {key: spanish}} for the missing keys, ready to fill in and
// merge; `--check` exits 1 when anything is missing (for CI). Missing keys show in Spanish.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCatalogues, hasGaps, type Catalogue } from '../src/lib/i18n/catalogue';

const LOCALES = ['qu', 'ay', 'en'];
const dir = join(import.meta.dirname ?? process.cwd(), '..', 'messages');

function load(locale: string): Catalogue {
	return JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8')) as Catalogue;
}

const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('--'));
const locales = wanted.length > 0 ? wanted : LOCALES;
const base = load('es');
let problems = false;
const asJson: Record<string, Catalogue> = {};

for (const locale of locales) {
	const gaps = compareCatalogues(base, load(locale));
	problems ||= hasGaps(gaps);
	asJson[locale] = Object.fromEntries(gaps.missing.map((key) => [key, base[key]]));
	if (args.includes('--json')) continue;
	console.log(
		`${locale}: ${gaps.missing.length} missing, ${gaps.placeholders.length} with other placeholders, ${gaps.empty.length} empty, ${gaps.extra.length} not in es.json`
	);
	for (const key of gaps.missing) console.log(`  missing  ${key}: ${JSON.stringify(base[key])}`);
	for (const p of gaps.placeholders) {
		console.log(
			`  placeholders  ${p.key}: es {${p.base.join('} {')}} vs {${p.translated.join('} {')}}`
		);
	}
	for (const key of gaps.empty) console.log(`  empty  ${key}`);
	for (const key of gaps.extra) console.log(`  extra  ${key}`);
}

if (args.includes('--json')) console.log(JSON.stringify(asJson, null, '\t'));
if (args.includes('--check') && problems) process.exitCode = 1;
