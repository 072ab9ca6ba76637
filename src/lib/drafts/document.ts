// A draft's Yjs document as plain data, and the canonical JSON and SHA-256 that identify a version.
// Pure: runs in the browser (live preview) and on the server (versions, votes). Changing what
// projectDocument or canonicalJson produce changes every future hash, so both are pinned by
// golden values in the tests.
import * as Y from 'yjs';
import { withoutLoneSurrogates } from '$lib/canonical';
import {
	budgetTotals,
	CATEGORIES,
	type BudgetLine,
	type BudgetTotals,
	type Category
} from './budget';

export type Block =
	| { type: 'heading'; level: number; text: string }
	| { type: 'paragraph'; text: string }
	| { type: 'list'; ordered: boolean; items: string[] }
	| { type: 'quote'; text: string }
	| { type: 'code'; text: string }
	| { type: 'rule' };

export interface Projection {
	title: string;
	summary: string;
	body: Block[];
	items: BudgetLine[];
	totals: BudgetTotals;
}

const TEXT_FIELDS = ['id', 'code', 'title', 'description', 'unit'] as const;
const NUMBER_FIELDS = ['quantity', 'unit_cost', 'par', 'cash', 'in_kind', 'municipality'] as const;
/** Every field of a budget line, in the order people read them. */
export const LINE_FIELDS: readonly (keyof BudgetLine)[] = [
	'id',
	'code',
	'title',
	'description',
	'category',
	'unit',
	...NUMBER_FIELDS
];

/**
 * Applies stored updates to `doc` one by one inside a single transaction. Y.mergeUpdates over
 * thousands of small updates takes seconds; this takes a fraction of that, and one bad update
 * (reported to `onBad`) cannot hide the others.
 */
export function applyUpdates(
	doc: Y.Doc,
	updates: readonly Uint8Array[],
	onBad?: (index: number, err: unknown) => void
): void {
	doc.transact(() => {
		updates.forEach((update, index) => {
			try {
				Y.applyUpdate(doc, update);
			} catch (err) {
				if (!onBad) throw err;
				onBad(index, err);
			}
		});
	});
}

/** The document's content as plain, JSON-safe data: the same document always gives the same value. */
export function projectDocument(doc: Y.Doc): Projection {
	const meta = doc.getMap('meta');
	const items = doc
		.getArray('items')
		.toArray()
		.map((item) => budgetLine(item));
	return {
		title: text(meta.get('title')),
		summary: text(meta.get('summary')),
		body: blocksOf(doc.getXmlFragment('body')),
		items,
		totals: budgetTotals(items)
	};
}

function budgetLine(item: unknown): BudgetLine {
	const get = (key: string): unknown =>
		item instanceof Y.Map
			? item.get(key)
			: item && typeof item === 'object'
				? (item as Record<string, unknown>)[key]
				: undefined;
	const line = { category: category(get('category')) } as BudgetLine;
	for (const f of TEXT_FIELDS) line[f] = text(get(f));
	for (const f of NUMBER_FIELDS) {
		const n = get(f);
		line[f] = typeof n === 'number' && Number.isFinite(n) ? n : 0;
	}
	return line;
}

function category(value: unknown): Category {
	return (CATEGORIES as readonly unknown[]).includes(value) ? (value as Category) : 'other';
}

// Concurrent edits can leave half of a surrogate pair; it has no UTF-8 form, so it becomes U+FFFD.
function text(value: unknown): string {
	return typeof value === 'string' ? withoutLoneSurrogates(value) : '';
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

function blocksOf(parent: Y.XmlFragment | Y.XmlElement): Block[] {
	const blocks: Block[] = [];
	for (const node of parent.toArray() as Node[]) {
		const block = blockOf(node);
		if (Array.isArray(block)) blocks.push(...block);
		else if (block) blocks.push(block);
	}
	return blocks;
}

function blockOf(node: Node): Block | Block[] | null {
	if (node instanceof Y.XmlText) return textBlock({ type: 'paragraph', text: inlineText(node) });
	if (!(node instanceof Y.XmlElement)) return null;
	switch (node.nodeName) {
		case 'heading':
			return textBlock({ type: 'heading', level: headingLevel(node), text: inlineText(node) });
		case 'paragraph':
			return textBlock({ type: 'paragraph', text: inlineText(node) });
		case 'bulletList':
		case 'orderedList': {
			const items = listItems(node, 0);
			return items.length
				? { type: 'list', ordered: node.nodeName === 'orderedList', items }
				: null;
		}
		case 'blockquote':
			return textBlock({ type: 'quote', text: blocksOf(node).map(blockText).join('\n') });
		case 'codeBlock':
			return textBlock({ type: 'code', text: inlineText(node) });
		case 'horizontalRule':
			return { type: 'rule' };
		default:
			// An element this version does not know: keep its words rather than lose them.
			return hasElementChildren(node)
				? blocksOf(node)
				: textBlock({ type: 'paragraph', text: inlineText(node) });
	}
}

/** Blocks without visible text (an empty line left by Enter) are not content. */
function textBlock<B extends Block & { text: string }>(block: B): B | null {
	return block.text.trim() ? block : null;
}

function hasElementChildren(node: Y.XmlElement): boolean {
	return node.toArray().some((c) => c instanceof Y.XmlElement && c.nodeName !== 'hardBreak');
}

function headingLevel(node: Y.XmlElement): number {
	const level = Number(node.getAttribute('level'));
	return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1;
}

/** The text of an inline container: marks dropped (a link keeps its words), hard breaks as "\n". */
function inlineText(node: Y.XmlElement | Y.XmlText): string {
	if (node instanceof Y.XmlText) {
		let s = '';
		for (const op of node.toDelta() as { insert?: unknown }[]) {
			if (typeof op.insert === 'string') s += op.insert;
		}
		return text(s);
	}
	let s = '';
	for (const child of node.toArray() as Node[]) {
		if (child instanceof Y.XmlText) s += inlineText(child);
		else if (child instanceof Y.XmlElement) {
			s += child.nodeName === 'hardBreak' ? '\n' : inlineText(child);
		}
	}
	return s;
}

/** A list's items; a nested list adds its items, indented, to the item it belongs to. */
function listItems(list: Y.XmlElement, depth: number): string[] {
	const items: string[] = [];
	for (const item of list.toArray() as Node[]) {
		if (!(item instanceof Y.XmlElement)) continue;
		const parts: string[] = [];
		for (const child of item.toArray() as Node[]) {
			if (
				child instanceof Y.XmlElement &&
				(child.nodeName === 'bulletList' || child.nodeName === 'orderedList')
			) {
				const ordered = child.nodeName === 'orderedList';
				listItems(child, depth + 1).forEach((t, i) =>
					parts.push(`${'  '.repeat(depth + 1)}${ordered ? `${i + 1}.` : '•'} ${t}`)
				);
			} else {
				const b = blockOf(child);
				for (const block of Array.isArray(b) ? b : b ? [b] : []) parts.push(blockText(block));
			}
		}
		const joined = parts.join('\n');
		if (joined.trim()) items.push(joined);
	}
	return items;
}

/** One block as plain text. */
export function blockText(block: Block): string {
	switch (block.type) {
		case 'list':
			return block.items
				.map((item, i) => `${block.ordered ? `${i + 1}.` : '•'} ${item}`)
				.join('\n');
		case 'rule':
			return '—';
		default:
			return block.text;
	}
}

/** The body as plain text, blocks separated by a blank line: for display and search. */
export function bodyText(blocks: readonly Block[]): string {
	return blocks.map(blockText).join('\n\n');
}
