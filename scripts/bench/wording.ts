// What an association's own wording costs per request: (1) every message call asks
// $lib/i18n/wording first (the lookup the Vite plugin adds), measured on all the catalogue's
// messages with no request, a request without wordings and a request with 200 of them; (2) the
// two indexed queries that load a member's wordings (loadRequestWordings), on SQLite.
// Run: npx tsx scripts/bench/wording.ts
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '@inlang/paraglide-js';
import { addWordingLookups } from '../../src/lib/i18n/wording-plugin.js';
import {
	acceptWording,
	loadRequestWordings,
	proposeWording,
	runWithWordings
} from '$lib/server/wording';
import { MESSAGE_KEYS } from '$lib/server/wording/catalogues';
import { contextOf } from '$lib/server/testing';
import { benchAssociation, percentile } from './shared';

const root = resolve(import.meta.dirname, '../..');
const dir = await mkdtemp(join(tmpdir(), 'minka-bench-wording-'));
try {
	// The build's message modules, with the lookup added as the Vite plugin does.
	const out = join(dir, 'lib/paraglide');
	await compile({
		project: join(root, 'project.inlang'),
		outdir: out,
		strategy: ['baseLocale'],
		outputStructure: 'message-modules',
		emitGitIgnore: false
	});
	await mkdir(join(dir, 'lib'), { recursive: true });
	await symlink(join(root, 'src/lib/i18n'), join(dir, 'lib/i18n'));
	for (const file of await readdir(join(out, 'messages'))) {
		const path = join(out, 'messages', file);
		const { code, count } = addWordingLookups(await readFile(path, 'utf8'));
		if (count)
			await writeFile(path, code.replace("'../../i18n/wording'", "'../../i18n/wording.ts'"));
	}
	type Messages = Record<string, (inputs?: object, options?: { locale?: string }) => string>;
	const m = (await import(pathToFileURL(join(out, 'messages.js')).href)) as Messages;
	// The same catalogue without the lookup, for the baseline.
	const plain = join(dir, 'plain');
	await compile({
		project: join(root, 'project.inlang'),
		outdir: plain,
		strategy: ['baseLocale'],
		outputStructure: 'message-modules',
		emitGitIgnore: false
	});
	const bare = (await import(pathToFileURL(join(plain, 'messages.js')).href)) as Messages;
	const inputs = { n: 1, name: 'Ana', count: 2, total: 3, date: 'hoy', seq: 4 };
	const renderWith = (messages: Messages) => () => {
		let size = 0;
		for (const key of MESSAGE_KEYS) size += messages[key](inputs, { locale: 'qu' }).length;
		return size;
	};
	const renderAll = renderWith(m);
	const overrides = Object.fromEntries(MESSAGE_KEYS.slice(0, 200).map((k) => [k, `Simi ${k}`]));
	const modes: [string, () => number][] = [
		['catalogue alone (no lookup)', renderWith(bare)],
		['with the lookup, no request', renderAll],
		[
			'request, no wordings',
			() => runWithWordings({ locale: 'qu', texts: {}, proposeFor: null, used: null }, renderAll)
		],
		[
			'request, 200 wordings',
			() =>
				runWithWordings({ locale: 'qu', texts: overrides, proposeFor: null, used: null }, renderAll)
		]
	];
	for (const [name, run] of modes) {
		for (let i = 0; i < 50; i++) run();
		const times: number[] = [];
		for (let i = 0; i < 300; i++) {
			const t0 = performance.now();
			run();
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		const perCall = (percentile(times, 50) / MESSAGE_KEYS.length) * 1e6;
		console.log(
			`${name}: ${MESSAGE_KEYS.length} messages in p50 ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms (${perCall.toFixed(0)} ns a message)`
		);
	}

	const { db, leader, association } = await benchAssociation(join(dir, 'bench.db'));
	const ctx = await contextOf(db, association.slug, leader);
	for (const key of MESSAGE_KEYS.slice(0, 200)) {
		const p = await proposeWording(db, ctx, {
			locale: 'qu',
			key,
			text: (await import('$lib/server/wording/catalogues')).spanishText(key)
		});
		await acceptWording(db, ctx, p.id);
	}
	const times: number[] = [];
	for (let i = 0; i < 1000; i++) {
		const t0 = performance.now();
		await loadRequestWordings(db, `/a/${association.slug}/votes`, leader.id, 'qu');
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	console.log(
		`loadRequestWordings (member, 200 accepted wordings, SQLite): p50 ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms`
	);
	await db.destroy();
} finally {
	await rm(dir, { recursive: true, force: true });
}
