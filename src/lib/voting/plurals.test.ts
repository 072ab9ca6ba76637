import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';

describe('plurals in the catalogue', () => {
	it('one abstention is «1 abstención», others «abstenciones»', () => {
		const counts = { outcome: 'Aprobada', yes: 2, no: 1, cast: 4, electorate: 5, present: 4 };
		expect(m.record_summary_motion({ ...counts, abstain: 1 }, { locale: 'es' })).toBe(
			'Aprobada: 2 a favor, 1 en contra, 1 abstención. Votaron 4 de 5.'
		);
		expect(m.record_summary_motion({ ...counts, abstain: 0 }, { locale: 'es' })).toContain(
			'0 abstenciones'
		);
		expect(m.record_summary_motion_hands({ ...counts, abstain: 1 }, { locale: 'es' })).toContain(
			'1 abstención,'
		);
	});
});
