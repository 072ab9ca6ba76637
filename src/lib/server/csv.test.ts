import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
	it('quotes what needs quoting, keeps accents, and defuses formulas', () => {
		const csv = toCsv(
			['Nº', 'Título'],
			[
				[1, 'Compra del tanque, "urgente"'],
				[2, '=HYPERLINK("http://x")'],
				[3, '-2+3'],
				[-4, null],
				[5, 'línea 1\nlínea 2']
			]
		);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toEqual([
			'Nº,Título',
			'1,"Compra del tanque, ""urgente"""',
			`2,"'=HYPERLINK(""http://x"")"`,
			"3,'-2+3",
			'-4,',
			'5,"línea 1\nlínea 2"',
			''
		]);
	});
});
