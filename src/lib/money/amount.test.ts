import { describe, expect, it } from 'vitest';
import {
	AMOUNT_MAX,
	amountProblem,
	QUANTITY_MAX,
	quantityProblem,
	readAmount,
	readQuantity
} from './amount';

describe('readAmount', () => {
	it('reads bolivianos as people type them into whole centavos', () => {
		expect(readAmount('1.234,50')).toEqual({ ok: true, value: 123450 });
		expect(readAmount('1234,5')).toEqual({ ok: true, value: 123450 });
		expect(readAmount('Bs 96.000')).toEqual({ ok: true, value: 9600000 });
		expect(readAmount(' 1 234 ')).toEqual({ ok: true, value: 123400 });
		expect(readAmount('0')).toEqual({ ok: true, value: 0 });
		expect(readAmount('100.000.000,00')).toEqual({ ok: true, value: AMOUNT_MAX });
	});

	it('refuses, never rounds, what is too large, and says what is wrong', () => {
		expect(readAmount('99999999999999999')).toEqual({ ok: false, problem: 'too_large' });
		expect(readAmount('12345678901234567890123')).toEqual({ ok: false, problem: 'too_large' });
		expect(readAmount('100.000.000,01')).toEqual({ ok: false, problem: 'too_large' });
		expect(readAmount('-300')).toEqual({ ok: false, problem: 'negative' });
		expect(readAmount('abc')).toEqual({ ok: false, problem: 'format' });
		expect(readAmount('')).toEqual({ ok: false, problem: 'format' });
		expect(readAmount('1e5')).toEqual({ ok: false, problem: 'format' });
	});
});

describe('readQuantity', () => {
	it('takes fractions up to three decimals, within the bound', () => {
		expect(readQuantity('1,5')).toEqual({ ok: true, value: 1.5 });
		expect(readQuantity('24')).toEqual({ ok: true, value: 24 });
		expect(readQuantity('-3')).toEqual({ ok: false, problem: 'negative' });
		expect(readQuantity('1e15')).toEqual({ ok: false, problem: 'format' });
		expect(readQuantity('1000001')).toEqual({ ok: false, problem: 'too_large' });
		expect(readQuantity('99999999999999999999')).toEqual({ ok: false, problem: 'too_large' });
		expect(readQuantity(String(QUANTITY_MAX))).toEqual({ ok: true, value: QUANTITY_MAX });
	});
});

describe('stored numbers', () => {
	it('are checked as any input is', () => {
		expect(amountProblem(500)).toBeUndefined();
		expect(amountProblem(-300000)).toBe('negative');
		expect(amountProblem(0.5)).toBe('not_whole');
		expect(amountProblem(1e308)).toBe('too_large');
		expect(amountProblem(Infinity)).toBe('format');
		expect(amountProblem(NaN)).toBe('format');
		expect(amountProblem('5')).toBe('format');
		expect(quantityProblem(1.5)).toBeUndefined();
		expect(quantityProblem(-3)).toBe('negative');
		expect(quantityProblem(1e15)).toBe('too_large');
	});
});
