// Light formatting for what people write in debates: paragraphs, lists, **bold** and links.
// Parsed into a small tree that components render as text nodes: no HTML is ever produced, so
// nothing a person types can become markup. Pure: no DOM, database or framework.

export type Inline =
	| { type: 'text'; text: string }
	| { type: 'bold'; children: Inline[] }
	| { type: 'link'; href: string; text: string }
	| { type: 'break' };

export type LightBlock =
	{ type: 'paragraph'; content: Inline[] } | { type: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
// [words](https://…) or a bare http(s) address; the address stops at whitespace and brackets.
const LINK =
	/\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()<>]{1,2000})\)|(https?:\/\/[^\s()<>[\]]{1,2000})/gi;
// Punctuation that ends a sentence rather than an address.
const TRAILING = /[.,;:!?¡¿'"»]+$/;

/** The address if it is a well-formed http(s) URL, normalised; otherwise undefined. */
export function safeHref(value: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	if (url.username || url.password) return undefined;
	return url.href;
}

export function parseLightFormat(source: string): LightBlock[] {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const blocks: LightBlock[] = [];
	let paragraph: string[] = [];
	let list: { ordered: boolean; items: string[] } | null = null;

	const flushParagraph = () => {
		if (paragraph.length) blocks.push({ type: 'paragraph', content: paragraphInlines(paragraph) });
		paragraph = [];
	};
	const flushList = () => {
		if (list) {
			blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(inlines) });
		}
		list = null;
	};

	for (const line of lines) {
		const bullet = BULLET.exec(line);
		const numbered = bullet ? null : NUMBERED.exec(line);
		if (bullet || numbered) {
			flushParagraph();
			const ordered = numbered !== null;
			if (list && list.ordered !== ordered) flushList();
			list ??= { ordered, items: [] };
			list.items.push((bullet ?? numbered)![1]);
		} else if (!line.trim()) {
			flushParagraph();
			flushList();
		} else if (list && /^\s{2,}\S/.test(line)) {
			// An indented line continues the list item above it.
			list.items[list.items.length - 1] += ` ${line.trim()}`;
		} else {
			flushList();
			paragraph.push(line.trim());
		}
	}
	flushParagraph();
	flushList();
	return blocks;
}

function paragraphInlines(lines: string[]): Inline[] {
	const out: Inline[] = [];
	lines.forEach((line, i) => {
		if (i > 0) out.push({ type: 'break' });
		out.push(...inlines(line));
	});
	return out;
}

/** Bold first (it may hold links), then links inside each piece of text. */
export function inlines(text: string): Inline[] {
	const out: Inline[] = [];
	const parts = text.split(/\*\*(?=\S)(.+?)(?<=\S)\*\*/);
	parts.forEach((part, i) => {
		if (!part) return;
		if (i % 2 === 1) out.push({ type: 'bold', children: links(part) });
		else out.push(...links(part));
	});
	return merge(out);
}

function links(text: string): Inline[] {
	const out: Inline[] = [];
	let last = 0;
	for (const match of text.matchAll(LINK)) {
		const [whole, label, labelled, bare] = match;
		let end = match.index + whole.length;
		let address = labelled ?? bare;
		if (bare) {
			const trail = TRAILING.exec(bare)?.[0] ?? '';
			address = bare.slice(0, bare.length - trail.length);
			end -= trail.length;
		}
		const href = safeHref(address);
		if (!href) continue;
		if (match.index > last) out.push({ type: 'text', text: text.slice(last, match.index) });
		out.push({ type: 'link', href, text: label ?? address });
		last = end;
	}
	if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
	return out;
}

function merge(nodes: Inline[]): Inline[] {
	const out: Inline[] = [];
	for (const node of nodes) {
		const prev = out[out.length - 1];
		if (node.type === 'text' && prev?.type === 'text') prev.text += node.text;
		else out.push(node);
	}
	return out;
}

/** The words of a formatted text without its marks, e.g. for a short preview. */
export function plainText(source: string): string {
	const words = (nodes: Inline[]): string =>
		nodes
			.map((n) =>
				n.type === 'text'
					? n.text
					: n.type === 'bold'
						? words(n.children)
						: n.type === 'link'
							? n.text
							: ' '
			)
			.join('');
	return parseLightFormat(source)
		.map((b) => (b.type === 'paragraph' ? words(b.content) : b.items.map(words).join(' · ')))
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim();
}
