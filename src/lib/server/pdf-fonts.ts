// The fonts embedded in Minka's PDFs, from npm packages (nothing is downloaded at run time):
// Noto Sans for text and Noto Emoji for the pictographs members put in names and posts. pdfkit
// has no font fallback of its own, so `fontRuns` cuts a text into runs of one font each.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
export type FontRole = 'regular' | 'bold';

export const REGULAR_NAME = 'MinkaSans';
export const BOLD_NAME = 'MinkaSans-Bold';
const EMOJI_NAME = 'MinkaEmoji';

const FILES = {
	[REGULAR_NAME]: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
	[BOLD_NAME]: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
	[EMOJI_NAME]: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'
} as const;

type FontName = keyof typeof FILES;
interface Loaded {
	bytes: Buffer;
	has: (codePoint: number) => boolean;
}

let loaded: Map<FontName, Loaded> | undefined;

/** Each font's bytes and glyph coverage, read once per process. */
function fonts(): Map<FontName, Loaded> {
	if (loaded) return loaded;
	const require = createRequire(import.meta.url);
	loaded = new Map();
	for (const [name, file] of Object.entries(FILES) as [FontName, string][]) {
		const bytes = fs.readFileSync(require.resolve(file));
		const font = fontkit.create(bytes);
		const cache = new Map<number, boolean>();
		loaded.set(name, {
			bytes,
			has(codePoint) {
				let known = cache.get(codePoint);
				if (known === undefined) {
					known = font.hasGlyphForCodePoint(codePoint);
					cache.set(codePoint, known);
				}
				return known;
			}
		});
	}
	return loaded;
}

export function registerFonts(doc: Doc): void {
	for (const [name, font] of fonts()) doc.registerFont(name, font.bytes);
	doc.font(REGULAR_NAME);
}

/** Zero-width joiners, variation selectors, skin tones and tags: they stay with the emoji. */
function joinsEmoji(codePoint: number): boolean {
	return (
		codePoint === 0x200d ||
		(codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
		(codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
		(codePoint >= 0xe0020 && codePoint <= 0xe007f) ||
		codePoint === 0x20e3
	);
}

/**
 * `text` cut into runs, each in the font that has its glyphs: the role's text font, or the
 * emoji font for what only it has. A character neither has stays in the text font.
 */
export function fontRuns(role: FontRole, text: string): { font: string; text: string }[] {
	const all = fonts();
	const textName: FontName = role === 'bold' ? BOLD_NAME : REGULAR_NAME;
	const textFont = all.get(textName)!;
	const emoji = all.get(EMOJI_NAME)!;
	const runs: { font: string; text: string }[] = [];
	let inEmoji = false;
	for (const char of text) {
		const cp = char.codePointAt(0)!;
		const useEmoji: boolean = inEmoji && joinsEmoji(cp) ? true : !textFont.has(cp) && emoji.has(cp);
		const font = useEmoji ? EMOJI_NAME : textName;
		const last = runs.at(-1);
		if (last && last.font === font) last.text += char;
		else runs.push({ font, text: char });
		inEmoji = useEmoji;
	}
	if (runs.length === 0) runs.push({ font: textName, text: '' });
	return runs;
}
