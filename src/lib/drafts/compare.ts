// What changed between two versions of a draft: title, summary, text (block by block, word by
// word inside a changed block) and budget lines (matched by id). Pure, shared by server and browser.
import { lineTotal, type BudgetLine, type BudgetTotals } from './budget';
import { canonicalJson } from '$lib/canonical';
import { blockText, LINE_FIELDS, type Block, type Projection } from './document';

export interface FromTo<T> {
	from: T;
	to: T;
}

/** A run of text; the `same` and `removed` runs spell the old text, `same` and `added` the new. */
export interface Segment {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

export type Change =
	| { kind: 'same'; block: Block }
	| { kind: 'added'; block: Block }
	| { kind: 'removed'; block: Block }
	| { kind: 'changed'; from: Block; to: Block; words: Segment[] };

export type LineField = Exclude<keyof BudgetLine, 'id'>;

export interface LineChange {
	id: string;
	code: string;
	title: string;
	fields: { field: LineField; from: string | number; to: string | number }[];
	/** The line's total (quantity × unit cost, centavos) in each version. */
	total: FromTo<number>;
}

/** A line whose place in the order of priority changed; positions count from 1. */
export interface LineMove {
	id: string;
	code: string;
	title: string;
	from: number;
	to: number;
}

export interface Comparison {
	title?: FromTo<string>;
	summary?: FromTo<string>;
	/** Every block of the newer text, with the blocks removed from the older one in place. */
	text: Change[];
	items: {
		added: BudgetLine[];
		removed: BudgetLine[];
		changed: LineChange[];
		moved: LineMove[];
	};
	totals: FromTo<BudgetTotals>;
}

export function compareProjections(a: Projection, b: Projection): Comparison {
	const result: Comparison = {
		text: compareBlocks(a.body, b.body),
		items: compareLines(a.items, b.items),
		totals: { from: a.totals, to: b.totals }
	};
	if (a.title !== b.title) result.title = { from: a.title, to: b.title };
	if (a.summary !== b.summary) result.summary = { from: a.summary, to: b.summary };
	return result;
}

/** True when the comparison found any difference at all. */
export function hasChanges(c: Comparison): boolean {
	return (
		c.title !== undefined ||
		c.summary !== undefined ||
		c.text.some((ch) => ch.kind !== 'same') ||
		c.items.added.length + c.items.removed.length + c.items.changed.length > 0 ||
		c.items.moved.length > 0
	);
}

type Op =
	| { kind: 'same'; a: number; b: number }
	| { kind: 'removed'; a: number }
	| { kind: 'added'; b: number };

// Beyond this many cells the quadratic LCS costs too much memory; the differing middle of the
// two sequences is then reported as removed and added whole.
const MAX_CELLS = 4_000_000;

/** A shortest edit script between two sequences (longest common subsequence), removals first. */
export function diffSequences(a: readonly string[], b: readonly string[]): Op[] {
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const ops: Op[] = [];
	for (let i = 0; i < start; i++) ops.push({ kind: 'same', a: i, b: i });
	const n = endA - start;
	const m = endB - start;
	if (n * m > MAX_CELLS) {
		for (let i = start; i < endA; i++) ops.push({ kind: 'removed', a: i });
		for (let j = start; j < endB; j++) ops.push({ kind: 'added', b: j });
	} else {
		// lcs[i * (m + 1) + j]: length of the LCS of a[start + i..endA] and b[start + j..endB].
		const w = m + 1;
		const lcs = new Uint32Array((n + 1) * w);
		for (let i = n - 1; i >= 0; i--) {
			for (let j = m - 1; j >= 0; j--) {
				lcs[i * w + j] =
					a[start + i] === b[start + j]
						? lcs[(i + 1) * w + j + 1] + 1
						: Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
			}
		}
		let i = 0;
		let j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && a[start + i] === b[start + j]) {
				ops.push({ kind: 'same', a: start + i++, b: start + j++ });
			} else if (j >= m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
				ops.push({ kind: 'removed', a: start + i++ });
			} else {
				ops.push({ kind: 'added', b: start + j++ });
			}
		}
	}
	for (let k = 0; k < a.length - endA; k++) ops.push({ kind: 'same', a: endA + k, b: endB + k });
	return ops;
}

function compareBlocks(a: readonly Block[], b: readonly Block[]): Change[] {
	const ops = diffSequences(a.map(canonicalJson), b.map(canonicalJson));
	const changes: Change[] = [];
	let removed: Block[] = [];
	let added: Block[] = [];
	const flush = () => {
		// A removed block and an added one at the same place, of the same kind and sharing words,
		// read best as one block edited.
		const paired = Math.min(removed.length, added.length);
		for (let k = 0; k < paired; k++) {
			const from = removed[k];
			const to = added[k];
			const words = from.type === to.type ? wordDiff(blockText(from), blockText(to)) : null;
			if (words?.some((s) => s.kind === 'same' && s.text.trim())) {
				changes.push({ kind: 'changed', from, to, words });
			} else {
				changes.push({ kind: 'removed', block: from }, { kind: 'added', block: to });
			}
		}
		for (const block of removed.slice(paired)) changes.push({ kind: 'removed', block });
		for (const block of added.slice(paired)) changes.push({ kind: 'added', block });
		removed = [];
		added = [];
	};
	for (const op of ops) {
		if (op.kind === 'removed') removed.push(a[op.a]);
		else if (op.kind === 'added') added.push(b[op.b]);
		else {
			flush();
			changes.push({ kind: 'same', block: b[op.b] });
		}
	}
	flush();
	return changes;
}

// Words (letters, marks and digits), runs of whitespace, and every other character on its own.
const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;

/** Word-level differences between two texts, as runs. */
export function wordDiff(from: string, to: string): Segment[] {
	const a = from.match(TOKEN) ?? [];
	const b = to.match(TOKEN) ?? [];
	const raw: Segment[] = diffSequences(a, b).map((op) =>
		op.kind === 'added' ? { kind: 'added', text: b[op.b] } : { kind: op.kind, text: a[op.a] }
	);
	const out: Segment[] = [];
	let removed = '';
	let added = '';
	const push = (kind: Segment['kind'], text: string) => {
		const last = out[out.length - 1];
		if (last?.kind === kind) last.text += text;
		else out.push({ kind, text });
	};
	const flush = () => {
		if (removed) push('removed', removed);
		if (added) push('added', added);
		removed = added = '';
	};
	raw.forEach((s, k) => {
		if (s.kind === 'removed') removed += s.text;
		else if (s.kind === 'added') added += s.text;
		else if ((removed || added) && !s.text.trim() && raw[k + 1] && raw[k + 1].kind !== 'same') {
			// A lone space between two edits: one replaced phrase reads better than word confetti.
			removed += s.text;
			added += s.text;
		} else {
			flush();
			push('same', s.text);
		}
	});
	flush();
	return out;
}

function lineKeys(lines: readonly BudgetLine[]): string[] {
	// Ids should be unique; if a merge ever duplicated one, the copies still pair up in order.
	const seen = new Map<string, number>();
	return lines.map((l) => {
		const n = seen.get(l.id) ?? 0;
		seen.set(l.id, n + 1);
		return n ? `${l.id}\u0000${n}` : l.id;
	});
}

function compareLines(a: readonly BudgetLine[], b: readonly BudgetLine[]): Comparison['items'] {
	const keysA = lineKeys(a);
	const keysB = lineKeys(b);
	const inA = new Map(keysA.map((k, i) => [k, i]));
	const inB = new Map(keysB.map((k, i) => [k, i]));

	const removed = a.filter((_, i) => !inB.has(keysA[i]));
	const added = b.filter((_, i) => !inA.has(keysB[i]));

	const changed: LineChange[] = [];
	keysB.forEach((key, j) => {
		const i = inA.get(key);
		if (i === undefined) return;
		const from = a[i];
		const to = b[j];
		const fields: LineChange['fields'] = [];
		for (const field of LINE_FIELDS) {
			if (field !== 'id' && from[field] !== to[field]) {
				fields.push({ field, from: from[field], to: to[field] });
			}
		}
		if (fields.length) {
			changed.push({
				id: to.id,
				code: to.code,
				title: to.title,
				fields,
				total: { from: lineTotal(from), to: lineTotal(to) }
			});
		}
	});

	// Lines kept in both: those outside the longest run kept in the same order were moved.
	const commonA = keysA.filter((k) => inB.has(k));
	const commonB = keysB.filter((k) => inA.has(k));
	const moved: LineMove[] = [];
	for (const op of diffSequences(commonA, commonB)) {
		if (op.kind !== 'added') continue;
		const key = commonB[op.b];
		const line = b[inB.get(key)!];
		moved.push({
			id: line.id,
			code: line.code,
			title: line.title,
			from: inA.get(key)! + 1,
			to: inB.get(key)! + 1
		});
	}
	return { added, removed, changed, moved };
}
