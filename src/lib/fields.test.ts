import { describe, expect, it } from 'vitest';
import { checked, readRowId } from './fields';

describe('checked', () => {
	it('reads a ticked checkbox as "on", "true" or "1", and nothing else', () => {
		expect(checked('on')).toBe(true);
		expect(checked('true')).toBe(true);
		expect(checked('1')).toBe(true);
		for (const value of [undefined, '', 'off', 'false', '0', 'ON', 'True', ' on', 'yes'])
			expect(checked(value)).toBe(false);
	});
});

describe('readRowId', () => {
	it('reads a positive whole number as the id it names', () => {
		expect(readRowId('1')).toBe(1);
		expect(readRowId('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
	});

	it('gives NaN for anything that cannot be a row, so it matches none', () => {
		for (const text of [undefined, '', '0', '-1', '01', '1.5', '1e3', '0x10', ' 7', '7 ', 'siete'])
			expect(readRowId(text), String(text)).toBeNaN();
		expect(readRowId('9007199254740993')).toBeNaN();
	});
});
