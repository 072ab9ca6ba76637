import { describe, expect, it } from 'vitest';
import { safeNext } from './http';

describe('safeNext', () => {
	it('keeps paths on this site', () => {
		expect(safeNext('/a/sumaj-lichi/join/abc?x=1#y')).toBe('/a/sumaj-lichi/join/abc?x=1#y');
		expect(safeNext('/')).toBe('/');
	});

	it('refuses anything a browser would take to another site', () => {
		for (const next of [
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'evil.example',
			'',
			null,
			undefined
		]) {
			expect(safeNext(next), JSON.stringify(next)).toBeUndefined();
		}
	});

	it('never returns a control character (a redirect with one would be a 500)', () => {
		// eslint-disable-next-line no-control-regex -- looking for control characters
		expect(safeNext('/a/\u0000b\n')).not.toMatch(/[\u0000-\u001f]/);
	});
});
