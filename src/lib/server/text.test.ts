import { describe, expect, it } from 'vitest';
import { cleanLine, slugify, usernameKey, cleanParagraphs } from './text';

describe('text helpers', () => {
	it('slugify drops accents and punctuation', () => {
		expect(slugify('Asociación de Productores Lecheros "Valle Alto"')).toBe(
			'asociacion-de-productores-lecheros-valle-alto'
		);
		expect(slugify('Ñuñoa — Quinua Real!')).toBe('nunoa-quinua-real');
		expect(slugify('x'.repeat(30) + ' ' + 'y'.repeat(30))).toHaveLength(48);
		expect(slugify('x'.repeat(47) + ' y')).toBe('x'.repeat(47));
	});

	it('cleanLine trims, collapses whitespace and removes control and bidi characters', () => {
		expect(cleanLine('  Rosa \n\t Mamani  ')).toBe('Rosa Mamani');
		expect(cleanLine('evil\u202Egnp.exe\u0000')).toBe('evilgnp.exe');
		expect(cleanLine(undefined)).toBe('');
		expect(cleanLine(42)).toBe('');
		expect(cleanLine('Jose\u0301')).toBe('José');
	});

	it('usernameKey folds case and compatibility forms', () => {
		expect(usernameKey('Rosa.MAMANI')).toBe('rosa.mamani');
		expect(usernameKey('ｒｏｓａ')).toBe('rosa');
	});
});

describe('cleanParagraphs', () => {
	it('keeps paragraphs, tidies each line and drops controls and bidi overrides', () => {
		expect(cleanParagraphs('  Primero\u202E  dicho \r\n\r\n\r\n\tsegundo\u0007  punto  \n')).toBe(
			'Primero dicho\n\nsegundo punto'
		);
		expect(cleanParagraphs('e\u0301\nfin')).toBe('é\nfin');
		expect(cleanParagraphs(undefined)).toBe('');
	});
});
