// Printable documents (a decision's record, an assembly's acta) as PDF, on the paper Bolivian
// offices use: Carta (8.5 × 11 in) and Oficio (8.5 × 13 in). Callers describe the document as a
// list of blocks in the reader's language; this file only lays them out. Text is set in Noto Sans
// (Latin with every accent, Greek, Cyrillic, IPA…) and, for what it lacks, Noto Emoji, both embedded
// as subsets of the glyphs used: whatever members write prints as they wrote it. The standard
// fonts would print "Ø=Ü" for an emoji and lose any character outside Latin-1.
import PDFDocument from 'pdfkit';
import { encode } from 'uqr';
import { BOLD_NAME, REGULAR_NAME, fontRuns, registerFonts, type FontRole } from './pdf-fonts';

export type Paper = 'carta' | 'oficio';

const PAPER_SIZE: Record<Paper, [number, number]> = {
	carta: [612, 792],
	oficio: [612, 936]
};

export type PdfBlock =
	| { type: 'title'; text: string }
	| { type: 'heading'; text: string }
	| { type: 'paragraph'; text: string; small?: boolean; large?: boolean }
	/** Monospaced, for hashes: breaks anywhere. */
	| { type: 'code'; text: string }
	/** Label and value pairs, one per line. */
	| { type: 'facts'; rows: [label: string, value: string][] }
	/** A ruled table; widths are fractions of the line and add up to 1. */
	| {
			type: 'table';
			columns: { label: string; width: number; align?: 'left' | 'right' }[];
			rows: string[][];
			/** Taller rows, e.g. to sign or stamp a thumbprint in the last column. */
			rowHeight?: number;
	  }
	/** Lines to sign on, side by side, each with a name and a role under it. */
	| { type: 'signatures'; people: { name: string; role: string }[] }
	/**
	 * One bar per row under its label and caption: coloured segments (shares 0..1 of the bar, in
	 * order) on a grey track. The colours always have their names beside them (a `legend`).
	 */
	| {
			type: 'bars';
			rows: { label: string; caption: string; segments: { share: number; colour: string }[] }[];
	  }
	/** Colour keys, each beside its name, on one line (wrapping). */
	| { type: 'legend'; items: { label: string; colour: string }[] }
	/** A QR code of `text` (a URL the app built), `size` points wide, centred. */
	| { type: 'qr'; text: string; size: number }
	/** Large centred text, for a poster read from across the room. */
	| { type: 'display'; text: string; size: number; bold?: boolean }
	/**
	 * `count` copies of one paper ballot, as many to a page as fit, each inside a dashed line to
	 * cut along: its title, the instruction, and each choice with its mark (a coloured shape the
	 * reader finds without reading) beside the words and an empty box to mark.
	 */
	| { type: 'ballots'; count: number; ballot: PaperBallotSpec }
	/** Starts the next block on a new page. */
	| { type: 'page_break' };

/** The shapes a ballot's choices are told apart by; the tick, cross and ring are sí, no, abstención. */
export type PdfMark =
	| 'check'
	| 'cross'
	| 'ring'
	| 'circle'
	| 'square'
	| 'triangle'
	| 'diamond'
	| 'star'
	| 'hexagon'
	| 'drop';

export interface PaperBallotSpec {
	title: string;
	instruction: string;
	choices: { label: string; detail?: string; mark: PdfMark; colour: string }[];
}

export interface PdfDocumentSpec {
	title: string;
	author?: string;
	paper: Paper;
	/** Printed at the foot of every page, with the page number. */
	footer: string;
	/** "Página {page} de {pages}", in the reader's language. */
	pageLabel: (page: number, pages: number) => string;
	blocks: PdfBlock[];
}

export function isPaper(value: unknown): value is Paper {
	return value === 'carta' || value === 'oficio';
}

const MARGIN = 56;
const FONT: FontRole = 'regular';
const BOLD: FontRole = 'bold';
/** Hashes and commands only: ASCII, so the standard Courier serves. */
const MONO = 'Courier';
const GREY = '#555555';

type Doc = InstanceType<typeof PDFDocument>;
type TextOptions = PDFKit.Mixins.TextOptions;

/**
 * Writes `text` in the given role's font, switching to the emoji font for the characters the
 * text font lacks; pdfkit wraps the runs as one paragraph.
 */
function write(
	doc: Doc,
	role: FontRole,
	text: string,
	x?: number,
	y?: number,
	options: TextOptions = {}
) {
	const runs = fontRuns(role, text);
	let opts = options;
	// pdfkit drops the spaces at the edges of continued runs when it centres or right-aligns
	// them: a mixed line that fits is placed by hand and written left-aligned instead.
	if (runs.length > 1 && options.align && options.align !== 'left' && x !== undefined) {
		const used = runs.reduce((sum, run) => sum + doc.font(run.font).widthOfString(run.text), 0);
		const room = options.width ?? width(doc);
		opts = { ...options, align: 'left' };
		if (used <= room) {
			x += options.align === 'center' ? (room - used) / 2 : room - used;
			opts = { ...opts, width: used + 1, lineBreak: false };
		}
	}
	runs.forEach((run, i) => {
		doc.font(run.font);
		const more = { ...opts, continued: i < runs.length - 1 };
		if (i === 0 && x !== undefined) doc.text(run.text, x, y, more);
		else doc.text(run.text, more);
	});
	doc.font(role === 'bold' ? BOLD_NAME : REGULAR_NAME);
}

/** The height `text` takes in the role's font (the emoji glyphs are about as wide). */
function heightOf(doc: Doc, role: FontRole, text: string, options: TextOptions): number {
	doc.font(role === 'bold' ? BOLD_NAME : REGULAR_NAME);
	return doc.heightOfString(text, options);
}

/** The PDF's bytes. */
export function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
	const doc: Doc = new PDFDocument({
		size: PAPER_SIZE[spec.paper],
		margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
		bufferPages: true,
		info: {
			Title: spec.title,
			Author: spec.author ?? 'Minka',
			Producer: 'Minka',
			Creator: 'Minka'
		},
		lang: 'es-BO',
		displayTitle: true
	});
	registerFonts(doc);
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	for (const block of spec.blocks) drawBlock(doc, block);
	drawFooters(doc, spec);
	doc.end();
	return done;
}

function width(doc: Doc): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
	return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit on this one. */
function keep(doc: Doc, height: number): void {
	if (doc.y + height > bottom(doc)) doc.addPage();
}

function drawBlock(doc: Doc, block: PdfBlock): void {
	const x = doc.page.margins.left;
	switch (block.type) {
		case 'title':
			doc.fontSize(16).fillColor('black');
			write(doc, BOLD, block.text, x, doc.y, { width: width(doc), align: 'center' });
			doc.moveDown(0.6);
			return;
		case 'heading':
			keep(doc, 40);
			doc.moveDown(0.4);
			doc.fontSize(12).fillColor('black');
			write(doc, BOLD, block.text, x, doc.y, { width: width(doc) });
			doc.moveDown(0.25);
			return;
		case 'paragraph':
			doc.fontSize(block.small ? 9 : block.large ? 15 : 11).fillColor(block.small ? GREY : 'black');
			write(doc, FONT, block.text, x, doc.y, { width: width(doc), align: 'left', lineGap: 2 });
			doc.moveDown(0.4);
			return;
		case 'code':
			doc
				.font(MONO)
				.fontSize(9)
				.fillColor('black')
				.text(block.text, x, doc.y, { width: width(doc), lineBreak: true, characterSpacing: 0 });
			doc.moveDown(0.4);
			return;
		case 'facts':
			drawFacts(doc, block.rows);
			return;
		case 'table':
			drawTable(doc, block);
			return;
		case 'signatures':
			drawSignatures(doc, block.people);
			return;
		case 'bars':
			drawBars(doc, block.rows);
			return;
		case 'legend':
			drawLegend(doc, block.items);
			return;
		case 'qr':
			drawQr(doc, block.text, block.size);
			return;
		case 'display':
			doc.fontSize(block.size).fillColor('black');
			write(doc, block.bold ? BOLD : FONT, block.text, x, doc.y, {
				width: width(doc),
				align: 'center'
			});
			doc.moveDown(0.5);
			return;
		case 'ballots':
			drawBallots(doc, block.count, block.ballot);
			return;
		case 'page_break':
			doc.addPage();
			return;
	}
}

function drawFacts(doc: Doc, rows: [string, string][]): void {
	const x = doc.page.margins.left;
	const labelWidth = width(doc) * 0.34;
	const valueWidth = width(doc) - labelWidth - 8;
	doc.fontSize(10).fillColor('black');
	for (const [label, value] of rows) {
		const height = Math.max(
			heightOf(doc, BOLD, label, { width: labelWidth }),
			heightOf(doc, FONT, value, { width: valueWidth })
		);
		keep(doc, height + 4);
		const y = doc.y;
		write(doc, BOLD, label, x, y, { width: labelWidth });
		write(doc, FONT, value, x + labelWidth + 8, y, { width: valueWidth });
		doc.y = y + height + 4;
	}
	doc.x = x;
	doc.moveDown(0.3);
}

function drawTable(doc: Doc, block: Extract<PdfBlock, { type: 'table' }>): void {
	const x0 = doc.page.margins.left;
	const total = width(doc);
	const widths = block.columns.map((c) => c.width * total);
	const pad = 4;
	const drawRow = (cells: string[], bold: boolean) => {
		const role = bold ? BOLD : FONT;
		doc.fontSize(9.5).fillColor('black');
		const heights = cells.map((cell, i) =>
			heightOf(doc, role, cell, { width: widths[i] - 2 * pad })
		);
		const height = Math.max(block.rowHeight ?? 0, ...heights) + 2 * pad;
		if (doc.y + height > bottom(doc)) {
			doc.addPage();
			// The header again on the new page; the row below keeps its own (regular) font.
			if (!bold)
				drawRow(
					block.columns.map((c) => c.label),
					true
				);
		}
		const y = doc.y;
		let x = x0;
		cells.forEach((cell, i) => {
			doc.rect(x, y, widths[i], height).lineWidth(0.5).strokeColor('#888888').stroke();
			doc.fontSize(9.5).fillColor('black');
			write(doc, role, cell, x + pad, y + pad, {
				width: widths[i] - 2 * pad,
				align: block.columns[i].align ?? 'left'
			});
			x += widths[i];
		});
		doc.y = y + height;
	};
	keep(doc, 60);
	drawRow(
		block.columns.map((c) => c.label),
		true
	);
	for (const row of block.rows) drawRow(row, false);
	doc.x = x0;
	doc.moveDown(0.6);
}

function drawSignatures(doc: Doc, people: { name: string; role: string }[]): void {
	const x0 = doc.page.margins.left;
	const perRow = Math.min(3, Math.max(1, people.length));
	const gap = 24;
	const cell = (width(doc) - gap * (perRow - 1)) / perRow;
	for (let start = 0; start < people.length; start += perRow) {
		keep(doc, 110);
		const y = doc.y + 56;
		people.slice(start, start + perRow).forEach((person, i) => {
			const x = x0 + i * (cell + gap);
			doc
				.moveTo(x, y)
				.lineTo(x + cell, y)
				.lineWidth(0.7)
				.strokeColor('black')
				.stroke();
			doc.fontSize(10).fillColor('black');
			write(doc, BOLD, person.name, x, y + 4, { width: cell, align: 'center' });
			doc.fontSize(9).fillColor(GREY);
			write(doc, FONT, person.role, x, doc.y, { width: cell, align: 'center' });
		});
		doc.y = y + 40;
	}
	doc.x = x0;
	doc.fillColor('black');
}

const TRACK = '#e4e4e4';

function drawBars(doc: Doc, rows: Extract<PdfBlock, { type: 'bars' }>['rows']): void {
	const x0 = doc.page.margins.left;
	const total = width(doc);
	const barHeight = 7;
	for (const row of rows) {
		doc.font(REGULAR_NAME).fontSize(9.5);
		const captionWidth = Math.min(total * 0.55, doc.widthOfString(row.caption) + 6);
		const labelWidth = total - captionWidth - 8;
		const height = heightOf(doc, BOLD, row.label, { width: labelWidth });
		keep(doc, height + barHeight + 10);
		const y = doc.y;
		doc.fillColor('black');
		write(doc, BOLD, row.label, x0, y, { width: labelWidth });
		doc.fontSize(9.5).fillColor(GREY);
		write(doc, FONT, row.caption, x0 + total - captionWidth, y, {
			width: captionWidth,
			align: 'right'
		});
		const barY = y + height + 2;
		doc.rect(x0, barY, total, barHeight).fill(TRACK);
		let x = x0;
		for (const segment of row.segments) {
			const w = Math.max(0, Math.min(1, segment.share)) * total;
			if (w > 0) doc.rect(x, barY, Math.min(w, x0 + total - x), barHeight).fill(segment.colour);
			x += w;
		}
		doc.x = x0;
		doc.y = barY + barHeight + 5;
	}
	doc.fillColor('black');
	doc.moveDown(0.3);
}

function drawLegend(doc: Doc, items: { label: string; colour: string }[]): void {
	const x0 = doc.page.margins.left;
	const right = x0 + width(doc);
	const box = 9;
	doc.fontSize(9.5);
	keep(doc, 20);
	let x = x0;
	let y = doc.y;
	for (const item of items) {
		const w = box + 4 + doc.widthOfString(item.label) + 14;
		if (x > x0 && x + w > right) {
			x = x0;
			y += 15;
		}
		doc.rect(x, y + 1, box, box).fill(item.colour);
		doc.fillColor('black');
		write(doc, FONT, item.label, x + box + 4, y, { lineBreak: false });
		x += w;
	}
	doc.x = x0;
	doc.y = y + 18;
}

function drawQr(doc: Doc, text: string, size: number): void {
	const { data } = encode(text, { ecc: 'M', border: 2 });
	const cell = size / data.length;
	keep(doc, size + 8);
	const x0 = doc.page.margins.left + (width(doc) - size) / 2;
	const y0 = doc.y;
	data.forEach((row, r) =>
		row.forEach((dark, c) => {
			if (dark) doc.rect(x0 + c * cell, y0 + r * cell, cell, cell);
		})
	);
	doc.fillColor('black').fill();
	doc.x = doc.page.margins.left;
	doc.y = y0 + size + 8;
}

const BALLOT_PAD = 10;
const BALLOT_GAP = 12;
const MARK_SIZE = 22;
const BOX_SIZE = 26;
const CHOICE_MIN = 30;

function ballotParts(doc: Doc, ballot: PaperBallotSpec, outer: number) {
	const inner = outer - 2 * BALLOT_PAD;
	const labelWidth = inner - MARK_SIZE - BOX_SIZE - 28;
	doc.fontSize(13);
	const title = heightOf(doc, BOLD, ballot.title, { width: inner, align: 'center' });
	doc.fontSize(10);
	const instruction = heightOf(doc, FONT, ballot.instruction, { width: inner, align: 'center' });
	const texts = ballot.choices.map((c) => {
		doc.fontSize(12);
		let h = heightOf(doc, BOLD, c.label, { width: labelWidth });
		if (c.detail) {
			doc.fontSize(9);
			h += heightOf(doc, FONT, c.detail, { width: labelWidth });
		}
		return h;
	});
	const choices = texts.map((h) => Math.max(CHOICE_MIN, h + 10));
	const height =
		2 * BALLOT_PAD + title + 4 + instruction + 8 + choices.reduce((sum, h) => sum + h, 0);
	return { outer, inner, labelWidth, texts, choices, height };
}

/** Two ballots side by side, rows of them down the page: a sheet cuts into four to ten. */
function drawBallots(doc: Doc, count: number, ballot: PaperBallotSpec): void {
	const parts = ballotParts(doc, ballot, (width(doc) - BALLOT_GAP) / 2);
	const x0 = doc.page.margins.left;
	let rowY = doc.y;
	for (let n = 0; n < count; n++) {
		const column = n % 2;
		if (column === 0) {
			// A ballot taller than a page is still drawn whole on a page of its own.
			if (doc.y > doc.page.margins.top && doc.y + parts.height > bottom(doc)) doc.addPage();
			rowY = doc.y;
		}
		drawBallot(doc, x0 + column * (parts.outer + BALLOT_GAP), rowY, ballot, parts);
		doc.y = rowY;
		if (column === 1 || n === count - 1) doc.y = rowY + parts.height + BALLOT_GAP;
	}
	doc.x = x0;
	doc.fillColor('black').strokeColor('black');
}

function drawBallot(
	doc: Doc,
	x0: number,
	y0: number,
	ballot: PaperBallotSpec,
	parts: ReturnType<typeof ballotParts>
): void {
	doc
		.rect(x0, y0, parts.outer, parts.height)
		.lineWidth(0.8)
		.dash(5, { space: 4 })
		.strokeColor('#777777')
		.stroke()
		.undash();
	const x = x0 + BALLOT_PAD;
	let y = y0 + BALLOT_PAD;
	doc.fontSize(13).fillColor('black');
	write(doc, BOLD, ballot.title, x, y, { width: parts.inner, align: 'center' });
	y = doc.y + 4;
	doc.fontSize(10).fillColor('black');
	write(doc, FONT, ballot.instruction, x, y, { width: parts.inner, align: 'center' });
	y = doc.y + 8;
	ballot.choices.forEach((choice, i) => {
		const h = parts.choices[i];
		if (i > 0)
			doc
				.moveTo(x, y)
				.lineTo(x + parts.inner, y)
				.lineWidth(0.4)
				.strokeColor('#bbbbbb')
				.stroke();
		drawMark(doc, choice.mark, choice.colour, x + 2, y + (h - MARK_SIZE) / 2, MARK_SIZE);
		const textX = x + MARK_SIZE + 14;
		doc.fontSize(12).fillColor('black');
		write(doc, BOLD, choice.label, textX, y + (h - parts.texts[i]) / 2, {
			width: parts.labelWidth
		});
		if (choice.detail) {
			doc.fontSize(9).fillColor(GREY);
			write(doc, FONT, choice.detail, textX, doc.y, { width: parts.labelWidth });
		}
		doc
			.rect(x + parts.inner - BOX_SIZE - 2, y + (h - BOX_SIZE) / 2, BOX_SIZE, BOX_SIZE)
			.lineWidth(1.5)
			.strokeColor('black')
			.stroke();
		y += h;
	});
	doc.fillColor('black');
}

/** A filled shape (or, for the ring, an outline) `size` points wide with its top left at x, y. */
function drawMark(doc: Doc, mark: PdfMark, colour: string, x: number, y: number, size: number) {
	const c = size / 2;
	const cx = x + c;
	const cy = y + c;
	const polygon = (points: [number, number][]) => {
		doc.polygon(...points.map(([px, py]): [number, number] => [x + px * size, y + py * size]));
		doc.fillColor(colour).fill();
	};
	doc.save();
	switch (mark) {
		case 'check':
			doc.circle(cx, cy, c).fillColor(colour).fill();
			doc
				.moveTo(x + size * 0.27, y + size * 0.53)
				.lineTo(x + size * 0.43, y + size * 0.69)
				.lineTo(x + size * 0.74, y + size * 0.33)
				.lineWidth(size * 0.12)
				.lineCap('round')
				.lineJoin('round')
				.strokeColor('white')
				.stroke();
			break;
		case 'cross':
			doc.circle(cx, cy, c).fillColor(colour).fill();
			doc
				.moveTo(x + size * 0.32, y + size * 0.32)
				.lineTo(x + size * 0.68, y + size * 0.68)
				.moveTo(x + size * 0.68, y + size * 0.32)
				.lineTo(x + size * 0.32, y + size * 0.68)
				.lineWidth(size * 0.12)
				.lineCap('round')
				.strokeColor('white')
				.stroke();
			break;
		case 'ring':
			doc
				.circle(cx, cy, c - size * 0.06)
				.lineWidth(size * 0.12)
				.strokeColor(colour)
				.stroke();
			break;
		case 'circle':
			doc.circle(cx, cy, c).fillColor(colour).fill();
			break;
		case 'square':
			doc
				.rect(x + size * 0.06, y + size * 0.06, size * 0.88, size * 0.88)
				.fillColor(colour)
				.fill();
			break;
		case 'triangle':
			polygon([
				[0.5, 0.02],
				[1, 0.95],
				[0, 0.95]
			]);
			break;
		case 'diamond':
			polygon([
				[0.5, 0],
				[1, 0.5],
				[0.5, 1],
				[0, 0.5]
			]);
			break;
		case 'star': {
			const points: [number, number][] = [];
			for (let k = 0; k < 10; k++) {
				const r = k % 2 === 0 ? 0.5 : 0.21;
				const a = -Math.PI / 2 + (k * Math.PI) / 5;
				points.push([0.5 + r * Math.cos(a), 0.53 + r * Math.sin(a)]);
			}
			polygon(points);
			break;
		}
		case 'hexagon': {
			const points: [number, number][] = [];
			for (let k = 0; k < 6; k++) {
				const a = (k * Math.PI) / 3;
				points.push([0.5 + 0.5 * Math.cos(a), 0.5 + 0.45 * Math.sin(a)]);
			}
			polygon(points);
			break;
		}
		case 'drop':
			doc
				.moveTo(cx, y)
				.bezierCurveTo(
					cx + c * 0.2,
					y + size * 0.3,
					x + size,
					y + size * 0.45,
					x + size,
					y + size * 0.66
				)
				.bezierCurveTo(x + size, y + size * 0.9, cx + c * 0.5, y + size, cx, y + size)
				.bezierCurveTo(cx - c * 0.5, y + size, x, y + size * 0.9, x, y + size * 0.66)
				.bezierCurveTo(x, y + size * 0.45, cx - c * 0.2, y + size * 0.3, cx, y)
				.fillColor(colour)
				.fill();
			break;
	}
	doc.restore();
}

function drawFooters(doc: Doc, spec: PdfDocumentSpec): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const { left, right } = doc.page.margins;
		const y = doc.page.height - MARGIN;
		// Writing into the bottom margin would start a new page: lift the margin while we write.
		const saved = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.fontSize(8).fillColor(GREY);
		write(doc, FONT, `${spec.footer} · ${spec.pageLabel(i + 1, range.count)}`, left, y, {
			width: doc.page.width - left - right,
			align: 'center',
			lineBreak: false
		});
		doc.page.margins.bottom = saved;
	}
}
