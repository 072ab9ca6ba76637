import { createHash } from 'node:crypto';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { budgetTotals, type BudgetLine } from './budget';
import { canonicalJson, contentHash, sha256Hex } from '$lib/canonical';
import { bodyText, projectDocument, type Block } from './document';

type Run = string | [string, Record<string, unknown>];

/** A block element holding text, as y-prosemirror stores it: an XmlElement around an XmlText. */
function textElement(
	parent: Y.XmlFragment | Y.XmlElement,
	name: string,
	runs: Run[],
	attrs: Record<string, string | number> = {}
): Y.XmlElement {
	const el = new Y.XmlElement(name);
	parent.insert(parent.length, [el]);
	for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
	const text = new Y.XmlText();
	el.insert(0, [text]);
	for (const run of runs) {
		const [s, format] = typeof run === 'string' ? [run, {}] : run;
		text.insert(text.length, s, format);
	}
	return el;
}

function setLine(doc: Y.Doc, fields: Partial<Record<keyof BudgetLine, unknown>>, reverse = false) {
	const map = new Y.Map<unknown>();
	doc.getArray<Y.Map<unknown>>('items').push([map]);
	const entries = Object.entries(fields);
	for (const [k, v] of reverse ? entries.reverse() : entries) map.set(k, v);
}

const LINE: BudgetLine = {
	id: 'l-1',
	code: 'I-01',
	title: 'Tanque de frío de 2.000 litros',
	description: 'Acero inoxidable, con instalación',
	category: 'equipment',
	unit: 'pieza',
	quantity: 1,
	unit_cost: 9_600_000,
	par: 8_400_000,
	cash: 1_200_000,
	in_kind: 0,
	municipality: 0
};

/** The plan used for the golden hash: change it and the hash must change with it. */
function samplePlan(reverse = false): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		const meta = doc.getMap('meta');
		const metaEntries: [string, string][] = [
			['title', 'Plan de Alianza 2027 — Leche Sumaj Lichi'],
			['summary', 'Acopio y frío para 29 familias; contraparte en efectivo y jornales.']
		];
		for (const [k, v] of reverse ? [...metaEntries].reverse() : metaEntries) meta.set(k, v);
		const body = doc.getXmlFragment('body');
		textElement(body, 'heading', ['Objetivo'], { level: 2 });
		textElement(body, 'paragraph', [
			'Mejorar la ',
			['calidad', { bold: true }],
			' de la leche y venderla a ',
			['PIL Andina', { link: { href: 'https://example.org' } }],
			'. Año: 2027 ñandú 🐄'
		]);
		setLine(doc, LINE, reverse);
		setLine(
			doc,
			{
				id: 'l-2',
				code: 'I-02',
				title: 'Capacitación en ordeño higiénico',
				category: 'training',
				unit: 'taller',
				quantity: 3,
				unit_cost: 450_000,
				par: 945_000,
				in_kind: 405_000
			},
			reverse
		);
	});
	return doc;
}

describe('projectDocument', () => {
	it('gives an empty, complete projection for an empty document', () => {
		expect(projectDocument(new Y.Doc())).toEqual({
			title: '',
			summary: '',
			body: [],
			items: [],
			totals: budgetTotals([])
		});
		expect(canonicalJson(projectDocument(new Y.Doc()))).toBe(
			'{"body":[],"items":[],"summary":"","title":"","totals":{"bySource":{"cash":0,"in_kind":0,' +
				'"municipality":0,"par":0},"counterpart":0,"counterpartShare":0,"lines":[],"shares":{"cash":0,' +
				'"in_kind":0,"municipality":0,"par":0},"total":0,"unassigned":0}}'
		);
	});

	it('reads text the way y-prosemirror stores it: marks dropped, links kept as text', () => {
		const doc = samplePlan();
		const p = projectDocument(doc);
		expect(p.title).toBe('Plan de Alianza 2027 — Leche Sumaj Lichi');
		expect(p.body).toEqual([
			{ type: 'heading', level: 2, text: 'Objetivo' },
			{
				type: 'paragraph',
				text: 'Mejorar la calidad de la leche y venderla a PIL Andina. Año: 2027 ñandú 🐄'
			}
		]);
	});

	it('reads a document written by the real Tiptap schema through y-prosemirror', () => {
		const schema = getSchema([StarterKit]);
		const doc = new Y.Doc();
		const t = (text: string, marks?: { type: string; attrs?: object }[]) => ({
			type: 'text',
			text,
			...(marks ? { marks } : {})
		});
		const para = (...content: object[]) => ({ type: 'paragraph', content });
		const item = (...content: object[]) => ({ type: 'listItem', content });
		prosemirrorJSONToYXmlFragment(
			schema,
			{
				type: 'doc',
				content: [
					{ type: 'heading', attrs: { level: 3 }, content: [t('Reglamento')] },
					para(
						t('Artículo '),
						t('primero', [{ type: 'bold' }, { type: 'italic' }]),
						{ type: 'hardBreak' },
						t('ver '),
						t('estatuto', [{ type: 'link', attrs: { href: 'https://example.org/e' } }])
					),
					{ type: 'paragraph' },
					{
						type: 'bulletList',
						content: [
							item(para(t('Leche'))),
							item(para(t('Queso')), {
								type: 'orderedList',
								content: [item(para(t('fresco'))), item(para(t('madurado')))]
							})
						]
					},
					{ type: 'orderedList', content: [item(para(t('Uno'))), item(para(t('Dos')))] },
					{ type: 'blockquote', content: [para(t('Todos ponen, arriesgan y ganan.'))] },
					{ type: 'codeBlock', content: [t('a = 1\nb = 2')] },
					{ type: 'horizontalRule' }
				]
			},
			doc.getXmlFragment('body')
		);
		const body = projectDocument(doc).body;
		const expected: Block[] = [
			{ type: 'heading', level: 3, text: 'Reglamento' },
			{ type: 'paragraph', text: 'Artículo primero\nver estatuto' },
			{ type: 'list', ordered: false, items: ['Leche', 'Queso\n  1. fresco\n  2. madurado'] },
			{ type: 'list', ordered: true, items: ['Uno', 'Dos'] },
			{ type: 'quote', text: 'Todos ponen, arriesgan y ganan.' },
			{ type: 'code', text: 'a = 1\nb = 2' },
			{ type: 'rule' }
		];
		expect(body).toEqual(expected);
		expect(bodyText(body)).toBe(
			[
				'Reglamento',
				'Artículo primero\nver estatuto',
				'• Leche\n• Queso\n  1. fresco\n  2. madurado',
				'1. Uno\n2. Dos',
				'Todos ponen, arriesgan y ganan.',
				'a = 1\nb = 2',
				'—'
			].join('\n\n')
		);
	});

	it('gives the same result for a hand-built document and one written by y-prosemirror', () => {
		const schema = getSchema([StarterKit]);
		const viaLibrary = new Y.Doc();
		prosemirrorJSONToYXmlFragment(
			schema,
			{
				type: 'doc',
				content: [
					{
						type: 'paragraph',
						content: [
							{ type: 'text', text: 'Hola ' },
							{ type: 'text', text: 'mundo', marks: [{ type: 'bold' }] }
						]
					}
				]
			},
			viaLibrary.getXmlFragment('body')
		);
		const byHand = new Y.Doc();
		textElement(byHand.getXmlFragment('body'), 'paragraph', ['Hola ', ['mundo', { bold: true }]]);
		expect(projectDocument(byHand)).toEqual(projectDocument(viaLibrary));
	});

	it('reads budget lines in order, defaulting what is missing or malformed, with totals', () => {
		const doc = new Y.Doc();
		setLine(doc, LINE);
		setLine(doc, { id: 'l-9', title: 'Sin datos', category: 'cohetes', quantity: 'dos', par: NaN });
		const p = projectDocument(doc);
		expect(p.items).toEqual([
			LINE,
			{
				id: 'l-9',
				code: '',
				title: 'Sin datos',
				description: '',
				category: 'other',
				unit: '',
				quantity: 0,
				unit_cost: 0,
				par: 0,
				cash: 0,
				in_kind: 0,
				municipality: 0
			}
		]);
		expect(p.totals).toEqual(budgetTotals(p.items));
		expect(p.totals.total).toBe(9_600_000);
		expect(p.totals.counterpart).toBe(1_200_000);
	});

	it('replaces half of a surrogate pair, which has no UTF-8 form', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('title', 'vaca \uD83D');
		expect(projectDocument(doc).title).toBe('vaca \uFFFD');
		expect(() => canonicalJson(projectDocument(doc))).not.toThrow();
	});

	it('does not depend on the order in which keys were written, nor on how the doc travelled', () => {
		const a = samplePlan();
		const b = samplePlan(true);
		const c = new Y.Doc();
		Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
		expect(contentHash(projectDocument(b))).toBe(contentHash(projectDocument(a)));
		expect(canonicalJson(projectDocument(c))).toBe(canonicalJson(projectDocument(a)));
	});

	it('hashes the sample plan to a fixed value (a change here changes every future hash)', () => {
		const p = projectDocument(samplePlan());
		expect(contentHash(p)).toBe('170a9931eb95ad0e61de917aea39b829a025eed5a9081958114aa73430c5f683');
		expect(createHash('sha256').update(canonicalJson(p), 'utf8').digest('hex')).toBe(
			contentHash(p)
		);
	});
});

describe('canonicalJson', () => {
	it('sorts keys by UTF-16 code units and leaves no whitespace (RFC 8785 §3.2.3)', () => {
		const value = {
			'\u20ac': 'Euro Sign',
			'\r': 'Carriage Return',
			'\ufb33': 'Hebrew Letter Dalet With Dagesh',
			'1': 'One',
			'\ud83d\ude00': 'Emoji: Grinning Face',
			'\u0080': 'Control',
			'\u00f6': 'Latin Small Letter O With Diaeresis'
		};
		expect(canonicalJson(value)).toBe(
			'{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
				'"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'
		);
		expect(canonicalJson([56, { d: true, '10': null, '1': [] }])).toBe(
			'[56,{"1":[],"10":null,"d":true}]'
		);
		expect(canonicalJson({ b: { y: 1, x: 2 }, a: [] })).toBe(
			canonicalJson({ a: [], b: { x: 2, y: 1 } })
		);
	});

	it('writes numbers in their shortest form and strings as JSON does (RFC 8785 §3.2.2)', () => {
		expect(
			canonicalJson([-0, 1e21, 1e-7, Number('333333333.33333329'), 0.1 + 0.2, 4.5, 2 ** 53])
		).toBe('[0,1e+21,1e-7,333333333.3333333,0.30000000000000004,4.5,9007199254740992]');
		expect(canonicalJson('€$\u000f\nA\'B"\\\\"/')).toBe('"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
		expect(canonicalJson('Ñuñoa, árbol, 🐄')).toBe('"Ñuñoa, árbol, 🐄"');
	});

	it('leaves out undefined properties and refuses what JSON cannot carry', () => {
		expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		for (const bad of [
			NaN,
			Infinity,
			[undefined],
			undefined,
			'\uDC00',
			new Date(0),
			new Map(),
			new Uint8Array(1),
			1n,
			() => 1,
			cyclic
		]) {
			expect(() => canonicalJson(bad)).toThrow(TypeError);
		}
		const shared = { x: 1 };
		expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
	});
});

describe('contentHash', () => {
	it('is the lowercase hex SHA-256 of the canonical JSON in UTF-8', () => {
		const value = { título: 'Año ñandú 🐄', monto: 123456 };
		const expected = createHash('sha256')
			.update(Buffer.from('{"monto":123456,"título":"Año ñandú 🐄"}', 'utf8'))
			.digest('hex');
		expect(contentHash(value)).toBe(expected);
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});
});
