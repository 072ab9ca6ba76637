// Finding and replacing a quoted passage in a draft's text, the Yjs body that Tiptap binds
// (y-prosemirror: block elements holding Y.XmlText). Pure: no database, no framework.
import * as Y from 'yjs';

// An embedded node inside a text takes one position; it can never be part of a quoted passage.
const EMBED = '\uFFFC';

interface Found {
	text: Y.XmlText;
	index: number;
	attributes: Record<string, unknown>;
}

function plain(text: Y.XmlText): {
	value: string;
	ops: { insert: unknown; attributes?: object }[];
} {
	const ops = text.toDelta() as { insert: unknown; attributes?: object }[];
	return {
		value: ops.map((op) => (typeof op.insert === 'string' ? op.insert : EMBED)).join(''),
		ops
	};
}

function attributesAt(ops: { insert: unknown; attributes?: object }[], index: number) {
	let at = 0;
	for (const op of ops) {
		const length = typeof op.insert === 'string' ? op.insert.length : 1;
		if (index < at + length) return { ...(op.attributes ?? {}) } as Record<string, unknown>;
		at += length;
	}
	return {};
}

function search(node: Y.XmlFragment | Y.XmlElement, passage: string): Found | undefined {
	for (const child of node.toArray()) {
		if (child instanceof Y.XmlText) {
			const { value, ops } = plain(child);
			const index = value.indexOf(passage);
			if (index >= 0) return { text: child, index, attributes: attributesAt(ops, index) };
		} else if (child instanceof Y.XmlElement) {
			const found = search(child, passage);
			if (found) return found;
		}
	}
	return undefined;
}

/** Whether the passage appears, word for word, within one stretch of the draft's text. */
export function hasPassage(doc: Y.Doc, passage: string): boolean {
	return passage.length > 0 && search(doc.getXmlFragment('body'), passage) !== undefined;
}

/**
 * Replaces the first appearance of `passage` with `replacement`, keeping the formatting of its
 * first letter. Returns false, changing nothing, when the passage no longer appears.
 */
export function replacePassage(doc: Y.Doc, passage: string, replacement: string): boolean {
	if (!passage) return false;
	const found = search(doc.getXmlFragment('body'), passage);
	if (!found) return false;
	doc.transact(() => {
		found.text.delete(found.index, passage.length);
		if (replacement) found.text.insert(found.index, replacement, found.attributes);
	});
	return true;
}
