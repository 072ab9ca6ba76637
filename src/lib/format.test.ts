import { describe, expect, it } from 'vitest';
import { formatDay, formatMonth } from './format';

describe('formatDay', () => {
	it('writes a day as the long date, the same day whatever the zone', () => {
		expect(formatDay('2026-08-03', 'es')).toBe('3 de agosto de 2026');
		expect(formatDay('2026-12-31', 'en')).toBe('31 December 2026');
	});

	it('leaves what is not a day as it came', () => {
		expect(formatDay('ayer', 'es')).toBe('ayer');
	});
});

describe('formatMonth', () => {
	it('writes a month in words', () => {
		expect(formatMonth('2026-09', 'es')).toBe('septiembre de 2026');
		expect(formatMonth('2027-01', 'en')).toBe('January 2027');
	});

	it('leaves what is not a month as it came', () => {
		expect(formatMonth('2026-9', 'es')).toBe('2026-9');
		expect(formatMonth('2026-13', 'es')).toBe('2026-13');
	});
});
