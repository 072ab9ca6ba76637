// The demo drafts' live documents, built as the editor stores them: `meta` (title, summary), `body`
// as Tiptap + y-prosemirror write it (an XmlElement per block around an XmlText) and, for a plan,
// `items` (a Y.Array of Y.Maps, one per budget line, in order of priority). Each builder returns
// one Yjs update, which the seed appends through the collaboration server's own store. The texts
// and figures are plain data in data.ts.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { budgetTotals, formatBs, type BudgetLine, type BudgetTotals } from '$lib/drafts/budget';
import { canonicalJson } from '$lib/canonical';
import { LINE_FIELDS, projectDocument, type Block, type Projection } from '$lib/drafts/document';
import type { DemoBlock, DemoBudgetLine, DemoDraftText, PLAN_TOTALS } from './data';

/** Bolivianos to centavos: the one place where the demo's amounts change unit. */
export function centavos(bs: number): number {
	return Math.round(bs * 100);
}

/** As the editor makes them: random hex, unique enough for a line. */
function newLineId(): string {
	return randomBytes(9).toString('hex');
}

/**
 * The lines in centavos. `ids` maps each code to its line's id, so the same line keeps its id from
 * one version to the next (the comparison matches lines by id).
 */
export function budgetLines(lines: DemoBudgetLine[], ids: Map<string, string>): BudgetLine[] {
	return lines.map((line) => {
		let id = ids.get(line.code);
		if (!id) ids.set(line.code, (id = newLineId()));
		return {
			id,
			code: line.code,
			title: line.title,
			description: line.description,
			category: line.category,
			unit: line.unit,
			quantity: line.quantity,
			unit_cost: centavos(line.unit_cost),
			par: centavos(line.par),
			cash: centavos(line.cash),
			in_kind: centavos(line.in_kind),
			municipality: centavos(line.municipality)
		};
	});
}

/** An earlier state of the lines: some of them, in another order, some with other amounts. */
export function earlierLines(
	lines: DemoBudgetLine[],
	earlier: { order: string[]; amounts: Record<string, Partial<DemoBudgetLine>> }
): DemoBudgetLine[] {
	return earlier.order.map((code) => {
		const line = lines.find((l) => l.code === code);
		if (!line) throw new Error(`demo plan: no line ${code}`);
		return { ...line, ...earlier.amounts[code] };
	});
}

function lineMap(line: BudgetLine): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const field of LINE_FIELDS) map.set(field, line[field]);
	return map;
}

function textElement(name: string, text: string): Y.XmlElement {
	const element = new Y.XmlElement(name);
	element.insert(0, [new Y.XmlText(text)]);
	return element;
}

/** One block as ProseMirror's node types, bound by y-prosemirror: heading, paragraph, bulletList. */
function blockElement(block: DemoBlock): Y.XmlElement {
	switch (block.type) {
		case 'heading': {
			const heading = new Y.XmlElement<{ level: number }>('heading');
			heading.setAttribute('level', block.level);
			heading.insert(0, [new Y.XmlText(block.text)]);
			return heading as Y.XmlElement;
		}
		case 'paragraph':
			return textElement('paragraph', block.text);
		case 'bullet_list': {
			const list = new Y.XmlElement('bulletList');
			list.insert(
				0,
				block.items.map((item) => {
					const listItem = new Y.XmlElement('listItem');
					listItem.insert(0, [textElement('paragraph', item)]);
					return listItem;
				})
			);
			return list;
		}
	}
}

/** The document as its author first writes it: without the blocks and lines added later. */
export function firstDocument(text: DemoDraftText, lines: BudgetLine[] = []): Uint8Array {
	const doc = new Y.Doc();
	doc.transact(() => {
		const meta = doc.getMap('meta');
		meta.set('title', text.title);
		meta.set('summary', text.summary);
		doc.getXmlFragment('body').insert(0, text.body.filter((b) => !b.later).map(blockElement));
		if (lines.length) doc.getArray<Y.Map<unknown>>('items').insert(0, lines.map(lineMap));
	});
	return Y.encodeStateAsUpdate(doc);
}

/** Retypes a text in place, as a person would: only the part between what stays the same. */
function retype(text: Y.XmlText, to: string): void {
	const from = (text.toDelta() as { insert?: unknown }[])
		.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
		.join('');
	let start = 0;
	while (start < from.length && start < to.length && from[start] === to[start]) start++;
	let end = 0;
	while (
		end < from.length - start &&
		end < to.length - start &&
		from[from.length - 1 - end] === to[to.length - 1 - end]
	) {
		end++;
	}
	text.delete(start, from.length - start - end);
	text.insert(start, to.slice(start, to.length - end));
}

/** Brings the lines to `lines`: amounts changed in place, moved lines re-inserted, new ones added. */
function reviseLines(items: Y.Array<Y.Map<unknown>>, lines: BudgetLine[]): void {
	lines.forEach((line, index) => {
		const at = items.toArray().findIndex((map) => map.get('id') === line.id);
		if (at === -1) {
			items.insert(index, [lineMap(line)]);
		} else if (at !== index) {
			// Yjs has no move: the editor re-inserts a copy of the line at its new place.
			items.delete(at, 1);
			items.insert(index, [lineMap(line)]);
		} else {
			const map = items.get(index);
			for (const field of LINE_FIELDS) {
				if (map.get(field) !== line[field]) map.set(field, line[field]);
			}
		}
	});
	if (items.length > lines.length) items.delete(lines.length, items.length - lines.length);
}

/**
 * The second round of edits, made by someone who opened the stored document (`state`): revised
 * paragraphs retyped, later blocks inserted, and the budget brought to `lines`. Returns only
 * what changed, as the editor sends it.
 */
export function revisedDocument(
	state: Uint8Array,
	text: DemoDraftText,
	lines?: BudgetLine[]
): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const before = Y.encodeStateVector(doc);
	doc.transact(() => {
		const body = doc.getXmlFragment('body');
		text.body.forEach((block, index) => {
			if (block.later) {
				body.insert(index, [blockElement(block)]);
			} else if (block.type === 'paragraph' && block.revised !== undefined) {
				const paragraph = body.get(index);
				const inner = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
				if (!(inner instanceof Y.XmlText)) throw new Error(`demo draft: block ${index} moved`);
				retype(inner, block.revised);
			}
		});
		if (lines) reviseLines(doc.getArray<Y.Map<unknown>>('items'), lines);
	});
	return Y.encodeStateAsUpdate(doc, before);
}

/** A stored state read as the app reads it. */
export function projectState(state: Uint8Array): Projection {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return projectDocument(doc);
}

/** What projectDocument must read back from the body, before or after the second round. */
function expectedBody(text: DemoDraftText, revised: boolean): Block[] {
	return text.body
		.filter((block) => revised || !block.later)
		.map((block): Block => {
			switch (block.type) {
				case 'heading':
					return { type: 'heading', level: block.level, text: block.text };
				case 'paragraph':
					return { type: 'paragraph', text: (revised && block.revised) || block.text };
				case 'bullet_list':
					return { type: 'list', ordered: false, items: block.items };
			}
		});
}

/** Throws unless the stored document reads back as the seed wrote it. */
export function checkDocument(
	what: string,
	read: Projection,
	text: DemoDraftText,
	revised: boolean,
	lines: BudgetLine[] = []
): void {
	const expected = {
		title: text.title,
		summary: text.summary,
		body: expectedBody(text, revised),
		items: lines,
		totals: budgetTotals(lines)
	};
	const actual = canonicalJson(read);
	if (actual !== canonicalJson(expected)) {
		throw new Error(`${what} does not read back as written: ${actual.slice(0, 300)}…`);
	}
}

/** Throws unless the totals are exactly domain.md's TOTAL row (given in bolivianos). */
export function checkTotals(what: string, totals: BudgetTotals, row: typeof PLAN_TOTALS): void {
	const found = {
		total: totals.total,
		par: totals.bySource.par,
		counterpart: totals.counterpart,
		cash: totals.bySource.cash,
		in_kind: totals.bySource.in_kind,
		municipality: totals.bySource.municipality
	};
	const wrong = (Object.keys(row) as (keyof typeof row)[])
		.filter((key) => found[key] !== centavos(row[key]))
		.map((key) => `${key} ${formatBs(found[key])} instead of ${formatBs(centavos(row[key]))}`);
	if (totals.unassigned !== 0) wrong.push(`${formatBs(totals.unassigned)} without a source`);
	if (wrong.length) throw new Error(`${what}: ${wrong.join('; ')}`);
}
