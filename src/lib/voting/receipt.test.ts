import { describe, expect, it } from 'vitest';
import { isReceipt, normalizeReceipt } from './receipt';

describe('normalizeReceipt', () => {
	it('finds a receipt however it is typed', () => {
		for (const typed of [
			'ABCD-EFGH-JKLM-NPQR',
			'abcd-efgh-jklm-npqr',
			'ABCDEFGHJKLMNPQR',
			' abcd efgh jklm npqr ',
			'ABCD – EFGH – JKLM – NPQR',
			'abcd.efgh.jklm.npqr'
		])
			expect(normalizeReceipt(typed)).toBe('ABCD-EFGH-JKLM-NPQR');
		expect(normalizeReceipt('abc')).toBe('ABC');
		expect(isReceipt('ABCD-EFGH-JKLM-NPQR')).toBe(true);
		expect(isReceipt('ABCD-EFGH-JKLM-NPQ')).toBe(false);
	});
});
