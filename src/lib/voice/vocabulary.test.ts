import { describe, expect, it } from 'vitest';
import { byLanguage, readSubjectRef } from './vocabulary';

describe('readSubjectRef', () => {
	it('takes a row id, or a draft id and a line id for a budget line', () => {
		expect(readSubjectRef('vote_option', ' 12 ')).toBe('12');
		expect(readSubjectRef('draft_line', '3:a1b2c3d4e5f6a7b8c9')).toBe('3:a1b2c3d4e5f6a7b8c9');
	});

	it('refuses anything else', () => {
		for (const v of ['', '0', '-1', '1.5', '1 or 1=1', '12345678901', '3:'])
			expect(readSubjectRef('decision', v)).toBeUndefined();
		expect(readSubjectRef('draft_line', '3')).toBeUndefined();
		expect(readSubjectRef('draft_line', '3:<script>')).toBeUndefined();
	});
});

describe('byLanguage', () => {
	const r = (id: number, language: string, recorded_at = id) => ({ id, language, recorded_at });

	it('puts the reader’s language first, then es, qu, ay, other, newest first within each', () => {
		const list = [r(1, 'es'), r(2, 'other'), r(3, 'ay'), r(4, 'qu'), r(5, 'ay')];
		expect(byLanguage(list, 'ay').map((x) => x.id)).toEqual([5, 3, 1, 4, 2]);
		expect(byLanguage(list, 'qu').map((x) => x.id)).toEqual([4, 1, 5, 3, 2]);
		// English readers have no English recordings: Spanish comes first.
		expect(byLanguage(list, 'en').map((x) => x.id)).toEqual([1, 4, 5, 3, 2]);
	});
});
