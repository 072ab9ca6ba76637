// `npm run verify -- decisions.json` checks an exported decision register; `npm run verify -- --db`
// checks the database itself. Both recompute every hash (node:crypto) and name the first bad entry.
// Exit codes: 0 intact, 1 tampered (or the append-only protection is gone), 2 unusable file/usage.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { verifyExport, type Head } from '$lib/record/chain';
import { intactText, problemText, type ProblemLike } from '$lib/record/verify-text';
import {
	createDb,
	DEFAULT_DATABASE_URL,
	isPostgresUrl,
	printableUrl,
	sqlitePath
} from '$lib/server/db';
import { verifyRegisterDb } from '$lib/server/record/verify-db';
import { verifyMoneyDb } from '$lib/server/money/verify-db';
import { m } from '$lib/paraglide/messages.js';

export const EXIT_OK = 0;
export const EXIT_TAMPERED = 1;
export const EXIT_USAGE = 2;

type Locale = 'es' | 'en';

export interface CliOptions {
	file?: string;
	db: boolean;
	association?: string;
	head?: Head;
	locale: Locale;
	timing: boolean;
}

class UsageError extends Error {}

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function parseHead(value: string | undefined, locale: Locale): Head {
	const match = /^([1-9][0-9]{0,9}):([0-9a-f]{64})$/.exec((value ?? '').trim().toLowerCase());
	if (!match) throw new UsageError(m.verify_cli_bad_head({}, { locale }));
	return { seq: Number(match[1]), hash: match[2] };
}

export function parseArgs(argv: readonly string[]): CliOptions {
	const langAt = argv.indexOf('--lang');
	const locale: Locale = langAt >= 0 && argv[langAt + 1] === 'en' ? 'en' : 'es';
	const options: CliOptions = { db: false, locale, timing: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--db') options.db = true;
		else if (arg === '--timing') options.timing = true;
		else if (arg === '--lang') i++;
		else if (arg === '--association') options.association = argv[++i];
		else if (arg === '--head') options.head = parseHead(argv[++i], locale);
		else if (arg === '--help' || arg === '-h') throw new UsageError('');
		else if (arg.startsWith('-'))
			throw new UsageError(m.verify_cli_bad_option({ option: arg }, { locale }));
		else if (options.file === undefined) options.file = arg;
		else throw new UsageError(m.verify_cli_bad_option({ option: arg }, { locale }));
	}
	if (options.db === (options.file !== undefined)) throw new UsageError('');
	if (options.db && options.head && !options.association)
		throw new UsageError(m.verify_cli_head_needs_association({}, { locale }));
	return options;
}

const ms = (start: number) => (performance.now() - start).toFixed(1);

async function verifyFile(options: CliOptions & { file: string }): Promise<number> {
	const { locale } = options;
	let started = performance.now();
	let doc: unknown;
	let read = '';
	try {
		const text = await readFile(options.file, 'utf8');
		read = ms(started);
		started = performance.now();
		try {
			doc = JSON.parse(text);
		} catch {
			console.error(m.verify_cli_not_json({ file: options.file }, { locale }));
			return EXIT_USAGE;
		}
	} catch (err) {
		const reason = (err as NodeJS.ErrnoException).code ?? String(err);
		console.error(m.verify_cli_read_error({ file: options.file, reason }, { locale }));
		return EXIT_USAGE;
	}
	const parse = ms(started);
	const verifying = performance.now();
	const result = verifyExport(doc, { anchor: options.head, hash: nodeSha256 });
	const verify = ms(verifying);
	console.log(m.verify_cli_file({ file: options.file }, { locale }));
	if (result.ok && result.association) {
		console.log(m.verify_ok_association({ name: result.association }, { locale }));
	}
	let code: number;
	if (result.ok) {
		console.log(`OK. ${intactText(result.head, result.count, { locale, fullHash: true })}`);
		if (options.head) console.log(m.verify_cli_head_matched({ seq: options.head.seq }, { locale }));
		code = EXIT_OK;
	} else {
		printProblem(result, locale);
		code =
			result.problem.reason === 'format' && result.problem.seq === 0 ? EXIT_USAGE : EXIT_TAMPERED;
	}
	if (options.timing) {
		const entries = Array.isArray((doc as { entries?: unknown })?.entries)
			? (doc as { entries: unknown[] }).entries.length
			: 0;
		console.log(m.verify_cli_timing({ read, parse, verify, entries }, { locale }));
	}
	return code;
}

function printProblem(
	result: { problem: ProblemLike & { detail: string }; head: Head },
	locale: Locale,
	indent = ''
): void {
	const { problem, head } = result;
	console.log(`${indent}${m.verify_bad({}, { locale })} ${problemText(problem, { locale })}`);
	if (head.seq > 0) console.log(`${indent}${m.verify_last_good({ seq: head.seq }, { locale })}`);
	console.log(`${indent}${m.verify_detail({ detail: problem.detail }, { locale })}`);
}

async function verifyDatabase(options: CliOptions): Promise<number> {
	const { locale } = options;
	const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
	// Never create an empty database where one was expected.
	if (!isPostgresUrl(url) && !existsSync(sqlitePath(url))) {
		const reason = `${printableUrl(url)}: ENOENT`;
		console.error(m.verify_cli_db_unreachable({ reason }, { locale }));
		return EXIT_USAGE;
	}
	const db = createDb(url);
	try {
		const started = performance.now();
		const report = await verifyRegisterDb(db, {
			association: options.association,
			anchor: options.head,
			hash: nodeSha256
		});
		const money = await verifyMoneyDb(db, { association: options.association });
		const moneyBySlug = new Map(money.associations.map((c) => [c.slug, c.result]));
		const verify = ms(started);
		console.log(m.verify_cli_database({ url: printableUrl(url) }, { locale }));
		if (options.association && report.associations.length === 0) {
			console.error(m.verify_cli_no_association({ slug: options.association }, { locale }));
			return EXIT_USAGE;
		}
		for (const check of report.associations) {
			console.log(`\n${check.name} (${check.slug})`);
			const result = check.result;
			if (result.ok) {
				console.log(`  OK. ${intactText(result.head, result.count, { locale, fullHash: true })}`);
				if (options.head)
					console.log(`  ${m.verify_cli_head_matched({ seq: options.head.seq }, { locale })}`);
			} else printProblem(result, locale, '  ');
			const ledger = moneyBySlug.get(check.slug);
			if (ledger?.ok && ledger.count > 0)
				console.log(
					`  ${m.verify_cli_money_ok({ count: ledger.count, hash: ledger.head.hash }, { locale })}`
				);
			else if (ledger && !ledger.ok)
				console.log(
					`  ${m.verify_cli_money_bad({ seq: ledger.problem.seq, detail: ledger.problem.detail }, { locale })}`
				);
		}
		for (const total of money.totals)
			console.log(
				m.verify_cli_money_totals_bad({ slug: total.association, key: total.key }, { locale })
			);
		for (const doc of money.altered)
			console.log(
				doc.document === 'report'
					? m.verify_cli_money_report_altered({ slug: doc.association, id: doc.id }, { locale })
					: m.verify_cli_money_descargo_altered(
							{ slug: doc.association, number: doc.id },
							{ locale }
						)
			);
		if (money.missing.length)
			console.log(
				m.verify_cli_money_triggers_missing({ operations: money.missing.join(', ') }, { locale })
			);
		console.log('');
		console.log(
			report.triggers.ok
				? m.verify_cli_triggers_ok({}, { locale })
				: m.verify_cli_triggers_missing(
						{ operations: report.triggers.missing.join(', ') },
						{ locale }
					)
		);
		console.log(
			report.ok && money.ok
				? m.verify_cli_summary_ok({}, { locale })
				: m.verify_cli_summary_bad({}, { locale })
		);
		if (options.timing) {
			const entries = report.associations.reduce((n, c) => n + c.result.count, 0);
			console.log(m.verify_cli_timing_db({ verify, entries }, { locale }));
		}
		return report.ok && money.ok ? EXIT_OK : EXIT_TAMPERED;
	} catch (err) {
		console.error(m.verify_cli_db_unreachable({ reason: (err as Error).message }, { locale }));
		return EXIT_USAGE;
	} finally {
		await db.destroy();
	}
}

export async function main(argv: readonly string[]): Promise<number> {
	let options: CliOptions;
	try {
		options = parseArgs(argv);
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		const locale: Locale = argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'es';
		if (err.message) console.error(err.message);
		console.error(m.verify_cli_usage({}, { locale }));
		return EXIT_USAGE;
	}
	if (options.file !== undefined) return verifyFile({ ...options, file: options.file });
	return verifyDatabase(options);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	process.exitCode = await main(process.argv.slice(2));
}
