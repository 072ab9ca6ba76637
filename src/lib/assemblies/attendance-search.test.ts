import { describe, expect, it } from 'vitest';
import { matchesPerson } from './attendance-search';

const felipa = { name: 'Felipa Claros', id_number: '4.567.890 Cbba.' };

describe('matchesPerson', () => {
	it('finds an ID number with or without dots, spaces or dashes', () => {
		for (const q of ['4567890', '4.567.890', '4 567 890', '4-567-890', '567890'])
			expect(matchesPerson(felipa, q)).toBe(true);
		expect(matchesPerson({ name: 'Felipa', id_number: '4567890 Cbba.' }, '4.567.890')).toBe(true);
		expect(matchesPerson(felipa, '4567891')).toBe(false);
	});

	it('finds a name without accents or capitals', () => {
		expect(matchesPerson({ name: 'Genaro Vargas Ñuflo', id_number: null }, 'nuflo')).toBe(true);
		expect(matchesPerson(felipa, 'CLAROS')).toBe(true);
		expect(matchesPerson(felipa, 'Hilda')).toBe(false);
		expect(matchesPerson(felipa, '  ')).toBe(true);
	});
});
