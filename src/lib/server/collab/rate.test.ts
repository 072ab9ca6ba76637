import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate';

describe('TokenBucket', () => {
	it('allows a burst, then the steady rate, and refuses beyond it', () => {
		const bucket = new TokenBucket(10, 20, 0);
		for (let i = 0; i < 20; i++) expect(bucket.take(1, 0)).toBe(true);
		expect(bucket.take(1, 0)).toBe(false);
		// 100 ms later, one more token.
		expect(bucket.take(1, 100)).toBe(true);
		expect(bucket.take(1, 100)).toBe(false);
		// Idle for long: back to the burst, never beyond.
		expect(bucket.take(20, 60_000)).toBe(true);
		expect(bucket.take(1, 60_000)).toBe(false);
	});
});
