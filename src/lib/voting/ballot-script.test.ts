import { describe, expect, it } from 'vitest';
import { formatBs } from '$lib/drafts/budget';
// The static script the vote page loads (it ships no framework code) formats its running total.
import { formatCentavos } from '../../../static/ballot.js';

describe('the ballot page script', () => {
	it('formats amounts exactly as the rest of Minka does', () => {
		for (const centavos of [0, 5, 99, 100, 123_450, 999_999, 1_000_000, 53_060_000, 1_234_567_890])
			expect(formatCentavos(centavos)).toBe(formatBs(centavos));
	});
});
