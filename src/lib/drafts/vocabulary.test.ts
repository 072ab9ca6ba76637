import { describe, expect, it } from 'vitest';
import { readVersionRef } from './vocabulary';

describe('readVersionRef', () => {
	it('reads "draft:number" into the version it names', () => {
		expect(readVersionRef('12:3')).toEqual({ draftId: 12, number: 3 });
	});

	it('gives NaN parts for what cannot name a version, so the domain refuses it', () => {
		for (const text of ['', '12', '0:1', '12:0', '1:2:3', ' 12:3', '12:3x', '-1:2']) {
			const ref = readVersionRef(text);
			expect(ref.draftId, text).toBeNaN();
			expect(ref.number, text).toBeNaN();
		}
	});
});
