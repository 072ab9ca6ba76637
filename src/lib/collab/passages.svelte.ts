// The passages of a draft that its debate is talking about, shared from the draft's page with the
// editor below it (through Svelte context, so the components in between need not know), and the
// ProseMirror plugin that marks them in the text with a class: no style attributes (CSP).
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node } from '@tiptap/pm/model';
import { getContext, setContext } from 'svelte';

const CONTEXT = Symbol('minka.discussed-passages');

export class DiscussedPassages {
	list = $state<string[]>([]);
}

export function provideDiscussedPassages(passages: DiscussedPassages): void {
	setContext(CONTEXT, passages);
}

export function discussedPassages(): DiscussedPassages | undefined {
	return getContext<DiscussedPassages | undefined>(CONTEXT);
}

export const discussedKey = new PluginKey<DecorationSet>('discussed-passages');

function decorate(doc: Node, passages: readonly string[], title: string): DecorationSet {
	const wanted = passages.filter((p) => p.length > 0);
	if (!wanted.length) return DecorationSet.empty;
	const decorations: Decoration[] = [];
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		// One character per inline leaf, so offsets in the text are offsets in the document.
		const text = node.textBetween(0, node.content.size, undefined, '\uFFFC');
		for (const passage of wanted) {
			for (let i = text.indexOf(passage); i >= 0; i = text.indexOf(passage, i + passage.length)) {
				decorations.push(
					Decoration.inline(pos + 1 + i, pos + 1 + i + passage.length, {
						class: 'discussed-passage',
						title
					})
				);
			}
		}
		return false;
	});
	return DecorationSet.create(doc, decorations);
}

/** Marks the passages; dispatch a transaction with `discussedKey` meta when they change. */
export function discussedPassagesPlugin(read: () => readonly string[], title: string): Plugin {
	return new Plugin<DecorationSet>({
		key: discussedKey,
		state: {
			init: (_, state: EditorState) => decorate(state.doc, read(), title),
			apply: (tr, old, _, state) =>
				tr.docChanged || tr.getMeta(discussedKey) ? decorate(state.doc, read(), title) : old
		},
		props: {
			decorations: (state) => discussedKey.getState(state)
		}
	});
}
