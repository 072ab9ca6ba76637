// A statute or reglamento read as numbered articles: a block that begins "Artículo 12" (or
// "Art. 12") opens article 12, and the blocks after it, up to the next article, are its text.
// Pure: the statute page and its tests read the same articles.
import { blockText, type Block } from './document';

export interface Article {
	/** "12", or '' for what comes before the first article (the preamble). */
	number: string;
	text: string;
}

const ARTICLE = /^\s*(?:art[íi]culo|art\.)\s*([0-9]{1,4}(?:\s*bis)?)\b/i;

export function articlesOf(blocks: readonly Block[]): Article[] {
	const articles: Article[] = [];
	let current: { number: string; parts: string[] } | null = null;
	const flush = () => {
		if (current && (current.number || current.parts.some((p) => p.trim())))
			articles.push({ number: current.number, text: current.parts.join('\n\n').trim() });
	};
	for (const block of blocks) {
		const text = blockText(block);
		const match = ARTICLE.exec(text);
		if (match) {
			flush();
			current = { number: match[1].replace(/\s+/g, ' ').toLowerCase(), parts: [text] };
		} else {
			current ??= { number: '', parts: [] };
			current.parts.push(text);
		}
	}
	flush();
	return articles;
}

export interface ArticleChange<T> {
	/** What the change came from (a decision), as the caller names it. */
	by: T;
	/** The article's text after the change; null when the change removed it. */
	text: string | null;
}

export interface ArticleHistory<T> extends Article {
	/** Every change of the article, oldest first; the first is its adoption. */
	history: ArticleChange<T>[];
}

/**
 * The articles in force (those of the last text) with the history of each: the texts in force one
 * after the other, each with what put it in force; an article's history lists the texts where it
 * appeared or changed.
 */
export function articleHistories<T>(
	texts: readonly { blocks: readonly Block[]; by: T }[]
): ArticleHistory<T>[] {
	const histories = new Map<string, ArticleChange<T>[]>();
	let previous = new Map<string, string>();
	for (const { blocks, by } of texts) {
		const now = new Map(articlesOf(blocks).map((a) => [a.number, a.text]));
		for (const [number, text] of now)
			if (previous.get(number) !== text) {
				const list = histories.get(number) ?? [];
				list.push({ by, text });
				histories.set(number, list);
			}
		for (const number of previous.keys())
			if (!now.has(number)) histories.get(number)?.push({ by, text: null });
		previous = now;
	}
	const last = texts.at(-1);
	return last
		? articlesOf(last.blocks).map((a) => ({ ...a, history: histories.get(a.number) ?? [] }))
		: [];
}
