import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hasPassage, replacePassage } from './passage';

function docWith(build: (body: Y.XmlFragment) => void): Y.Doc {
	const doc = new Y.Doc();
	build(doc.getXmlFragment('body'));
	return doc;
}

function paragraph(...parts: (string | [string, object])[]): Y.XmlElement {
	const el = new Y.XmlElement('paragraph');
	const text = new Y.XmlText();
	el.insert(0, [text]);
	for (const part of parts) {
		if (typeof part === 'string') text.insert(text.length, part, {});
		else text.insert(text.length, part[0], part[1]);
	}
	return el;
}

describe('passages of a draft', () => {
	it('replaces the quoted words inside their paragraph and keeps the rest', () => {
		const doc = docWith((body) =>
			body.insert(0, [paragraph('Art. 20. Asistencia'), paragraph('Pagará una multa de Bs 30.')])
		);
		expect(hasPassage(doc, 'multa de Bs 30')).toBe(true);
		expect(replacePassage(doc, 'multa de Bs 30', 'multa de Bs 40')).toBe(true);
		expect(doc.getXmlFragment('body').toString()).toBe(
			'<paragraph>Art. 20. Asistencia</paragraph><paragraph>Pagará una multa de Bs 40.</paragraph>'
		);
	});

	it('finds text in nested blocks (lists) and keeps the formatting of the first letter', () => {
		const doc = docWith((body) => {
			const list = new Y.XmlElement('bulletList');
			const item = new Y.XmlElement('listItem');
			item.insert(0, [paragraph('Cuota: ', ['Bs 1.470', { bold: true }], ' cada vez')]);
			list.insert(0, [item]);
			body.insert(0, [list]);
		});
		expect(replacePassage(doc, 'Bs 1.470', 'Bs 1.500')).toBe(true);
		expect(doc.getXmlFragment('body').toString()).toContain('<bold>Bs 1.500</bold>');
	});

	it('changes nothing when the passage is absent, empty or spans two paragraphs', () => {
		const doc = docWith((body) => body.insert(0, [paragraph('Uno.'), paragraph('Dos.')]));
		const before = Y.encodeStateAsUpdate(doc);
		expect(replacePassage(doc, 'Tres', 'x')).toBe(false);
		expect(replacePassage(doc, '', 'x')).toBe(false);
		expect(replacePassage(doc, 'Uno. Dos.', 'x')).toBe(false);
		expect(hasPassage(doc, 'Uno.Dos.')).toBe(false);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});
});
