import { describe, expect, it } from 'vitest';
import { NO_COLOUR, OPTION_COLOURS, YES_COLOUR, optionMark, paperBallot } from './paper';

const option = (label: string, amount: number | null = null) => ({ label, amount, details: {} });

describe('a paper ballot', () => {
	it('asks a question with sí, no and abstención and their marks', () => {
		const ballot = paperBallot({ kind: 'motion', ballot_style: null, budget: null }, []);
		expect(ballot.instruction).toBe('Marca con una X un solo cuadro.');
		expect(ballot.choices.map((c) => [c.label, c.mark, c.colour])).toEqual([
			['Sí', 'check', YES_COLOUR],
			['No', 'cross', NO_COLOUR],
			['Abstención', 'ring', '#666666']
		]);
	});

	it('says how to mark each style, with abstención only where one is chosen', () => {
		const options = [option('Ana'), option('Luis')];
		const election = (style: 'single' | 'approval' | 'ranking') =>
			paperBallot({ kind: 'election', ballot_style: style, budget: null }, options);
		expect(election('single').choices.map((c) => c.label)).toEqual(['Ana', 'Luis', 'Abstención']);
		expect(election('approval').instruction).toMatch(/cada opción que apruebas/);
		expect(election('approval').choices).toHaveLength(2);
		expect(election('ranking').instruction).toMatch(/^Escribe 1/);
		const budget = paperBallot({ kind: 'budget', ballot_style: null, budget: 8_000_000 }, [
			option('Tanque de frío', 6_000_000)
		]);
		expect(budget.instruction).toBe(
			'Marca con una X las líneas que apruebas, sin pasar de Bs 80.000,00 en total.'
		);
		expect(budget.choices[0]).toMatchObject({ label: 'Tanque de frío', detail: 'Bs 60.000,00' });
	});

	it('never gives two options the same mark in the same colour, nor sí’s or no’s colour', () => {
		const seen = new Set<string>();
		for (let n = 0; n < 42; n++) {
			const { mark, colour } = optionMark(n);
			seen.add(`${mark} ${colour}`);
			expect([YES_COLOUR, NO_COLOUR]).not.toContain(colour);
		}
		expect(seen.size).toBe(42);
		expect(OPTION_COLOURS).toHaveLength(6);
	});
});
