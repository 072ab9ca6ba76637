import { describe, expect, it } from 'vitest';
import { splitByPassages } from './passages';

const marks = (text: string, passages: string[]) =>
	splitByPassages(text, passages)
		.map((s) => (s.discussed ? `[${s.text}]` : s.text))
		.join('');

describe('splitByPassages', () => {
	it('marks every occurrence, leftmost and longest first, never overlapping', () => {
		expect(marks('La multa es Bs 50. La multa sube.', ['La multa'])).toBe(
			'[La multa] es Bs 50. [La multa] sube.'
		);
		expect(marks('multa por inasistencia', ['multa', 'multa por'])).toBe(
			'[multa por] inasistencia'
		);
		expect(marks('abcdef', ['bcd', 'cde'])).toBe('a[bcd]ef');
		expect(marks('sin nada', ['otra cosa', ''])).toBe('sin nada');
		expect(marks('', ['x'])).toBe('');
		expect(marks('todo', ['todo'])).toBe('[todo]');
	});

	it('keeps the text intact', () => {
		const text = 'Art. 21. Los socios que no asistan pagan Bs 50, salvo duelo o enfermedad.';
		const parts = splitByPassages(text, ['Bs 50', 'duelo', 'Art. 21']);
		expect(parts.map((p) => p.text).join('')).toBe(text);
		expect(parts.filter((p) => p.discussed).map((p) => p.text)).toEqual([
			'Art. 21',
			'Bs 50',
			'duelo'
		]);
	});
});
