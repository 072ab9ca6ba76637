import { describe, expect, it } from 'vitest';
import { readRange } from './range';

describe('readRange', () => {
	it('answers the whole file without a Range, or with one it does not serve', () => {
		expect(readRange(null, 100)).toEqual({ kind: 'whole' });
		expect(readRange('items=0-9', 100)).toEqual({ kind: 'whole' });
		expect(readRange('bytes=0-9, 20-29', 100)).toEqual({ kind: 'whole' });
	});

	it('reads first-last, open-ended and suffix ranges', () => {
		expect(readRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
		expect(readRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
		expect(readRange('bytes=50-1000', 100)).toEqual({ kind: 'part', start: 50, end: 99 });
		expect(readRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
		expect(readRange('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
	});

	it('finds a range past the end, reversed or malformed unsatisfiable', () => {
		for (const header of [
			'bytes=100-',
			'bytes=200-300',
			'bytes=9-0',
			'bytes=-0',
			'bytes=-',
			'bytes=a-b'
		])
			expect(readRange(header, 100)).toEqual({ kind: 'unsatisfiable' });
	});
});
