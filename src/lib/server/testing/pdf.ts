// Test support: the text of a PDF, read by Mozilla's PDF.js as a person's viewer would.
import { createRequire } from 'node:module';
import path from 'node:path';
import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const STANDARD_FONTS =
	path.join(
		path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
		'standard_fonts'
	) + path.sep;

export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
	const pdf = await getDocument({
		data: new Uint8Array(bytes),
		useSystemFonts: false,
		standardFontDataUrl: STANDARD_FONTS,
		isEvalSupported: false
	}).promise;
	const lines: string[] = [];
	for (let n = 1; n <= pdf.numPages; n++) {
		const page = await pdf.getPage(n);
		const content = await page.getTextContent();
		let line = '';
		for (const item of content.items) {
			if (!('str' in item)) continue;
			line += item.str;
			if (item.hasEOL) {
				lines.push(line);
				line = '';
			}
		}
		if (line) lines.push(line);
	}
	await pdf.destroy();
	return { pages: pdf.numPages, text: lines.join('\n') };
}

/** The font of each text item, by its text (the last one wins when a text repeats). */
export async function pdfItemFonts(bytes: Uint8Array): Promise<Map<string, string>> {
	const pdf = await getDocument({
		data: new Uint8Array(bytes),
		useSystemFonts: false,
		standardFontDataUrl: STANDARD_FONTS,
		isEvalSupported: false
	}).promise;
	const fonts = new Map<string, string>();
	for (let n = 1; n <= pdf.numPages; n++) {
		const content = await (await pdf.getPage(n)).getTextContent();
		for (const item of content.items)
			if ('str' in item && item.str.trim()) fonts.set(item.str, item.fontName);
	}
	await pdf.destroy();
	return fonts;
}

/** How many times each fill colour (as #rrggbb) is set on each page: the drawn marks' colours. */
export async function pdfFillColours(bytes: Uint8Array): Promise<Map<string, number>[]> {
	const pdf = await getDocument({
		data: new Uint8Array(bytes),
		useSystemFonts: false,
		standardFontDataUrl: STANDARD_FONTS,
		isEvalSupported: false
	}).promise;
	const pages: Map<string, number>[] = [];
	for (let n = 1; n <= pdf.numPages; n++) {
		const ops = await (await pdf.getPage(n)).getOperatorList();
		const colours = new Map<string, number>();
		ops.fnArray.forEach((fn, i) => {
			if (fn !== OPS.setFillRGBColor) return;
			// pdf.js hands the colour over as three bytes (a typed array).
			const rgb = Array.from(ops.argsArray[i] as ArrayLike<number>).slice(0, 3);
			const colour = '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
			colours.set(colour, (colours.get(colour) ?? 0) + 1);
		});
		pages.push(colours);
	}
	await pdf.destroy();
	return pages;
}
