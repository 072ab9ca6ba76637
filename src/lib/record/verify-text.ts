// A verification's outcome in plain words, the same for `npm run verify` and the Verificar page.
import { m } from '$lib/paraglide/messages.js';
import { shortHash } from '$lib/record/labels';
import type { ChainProblem, Head } from './chain';

type Locale = 'es' | 'en';
type Options = { locale?: Locale };

/** A problem of the chain, or of the database rows (their text or a column). */
export interface ProblemLike {
	reason: ChainProblem['reason'] | 'canonical' | 'column';
	seq: number;
	column?: string;
}

/** The first bad entry and what happened to it, in one sentence. */
export function problemText(problem: ProblemLike, options: Options = {}): string {
	const seq = problem.seq;
	switch (problem.reason) {
		case 'format':
			return seq === 0
				? m.verify_problem_file({}, options)
				: m.verify_problem_format({ seq }, options);
		case 'association':
			return m.verify_problem_association({ seq }, options);
		case 'sequence':
			return m.verify_problem_sequence({ seq }, options);
		case 'hash':
			return m.verify_problem_hash({ seq }, options);
		case 'link':
			return m.verify_problem_link({ seq }, options);
		case 'head':
			return m.verify_problem_head({ seq }, options);
		case 'truncated':
			return m.verify_problem_truncated({ seq }, options);
		case 'anchor':
			return m.verify_problem_anchor({ seq }, options);
		case 'canonical':
			return m.verify_problem_canonical({ seq }, options);
		case 'column':
			return m.verify_problem_column({ seq, column: problem.column ?? '?' }, options);
	}
}

/** "The register is intact: 14 decisions, the last one no. 14, fingerprint 3fa2…". */
export function intactText(
	head: Head,
	count: number,
	options: Options & { fullHash?: boolean } = {}
): string {
	const hash = options.fullHash ? head.hash : `${shortHash(head.hash)}…`;
	return count === 0
		? m.verify_ok_empty({}, { locale: options.locale })
		: m.verify_ok({ count, seq: head.seq, hash }, { locale: options.locale });
}
