import { describe, expect, it } from 'vitest';
import { originAllowed, parseDraftPath, readCookie } from './auth';

describe('parseDraftPath', () => {
	it('takes a positive integer draft id, ignoring the query', () => {
		expect(parseDraftPath('/collab/1')).toBe(1);
		expect(parseDraftPath('/collab/42?x=1')).toBe(42);
	});

	it.each([
		undefined,
		'/',
		'/collab/',
		'/collab/0',
		'/collab/007',
		'/collab/-1',
		'/collab/1.5',
		'/collab/abc',
		'/collab/1/2',
		'/collab/%31',
		'/collab/1e3',
		'/collab/9999999999999999',
		'/other/1',
		'//collab/1'
	])('refuses %s', (url) => {
		expect(parseDraftPath(url)).toBeUndefined();
	});
});

describe('originAllowed', () => {
	it('with a configured origin, accepts exactly that origin', () => {
		const expected = 'https://minka.example.org';
		expect(originAllowed('https://minka.example.org', 'x', expected)).toBe(true);
		expect(originAllowed('https://MINKA.example.org:443', 'x', expected)).toBe(true);
		expect(originAllowed('http://minka.example.org', 'minka.example.org', expected)).toBe(false);
		expect(originAllowed('https://evil.example', 'minka.example.org', expected)).toBe(false);
		expect(originAllowed('https://minka.example.org.evil.example', 'x', expected)).toBe(false);
	});

	it('without one, accepts only an Origin whose host is the Host of the request', () => {
		expect(originAllowed('http://localhost:5173', 'localhost:5173')).toBe(true);
		expect(originAllowed('http://localhost:5173', 'localhost:5174')).toBe(false);
		expect(originAllowed('http://evil.example', 'localhost:5173')).toBe(false);
		expect(originAllowed('http://localhost:5173', undefined)).toBe(false);
	});

	it('refuses a missing, opaque or non-web Origin', () => {
		expect(originAllowed(undefined, 'localhost')).toBe(false);
		expect(originAllowed('null', 'localhost')).toBe(false);
		expect(originAllowed('file://localhost', 'localhost')).toBe(false);
		expect(originAllowed('not a url', 'localhost')).toBe(false);
	});
});

describe('readCookie', () => {
	it('finds the named cookie among others', () => {
		expect(readCookie('a=1; minka_session=abc; b=2', 'minka_session')).toBe('abc');
		expect(readCookie('minka_session=a%20b', 'minka_session')).toBe('a b');
		expect(readCookie('xminka_session=abc', 'minka_session')).toBeUndefined();
		expect(readCookie(undefined, 'minka_session')).toBeUndefined();
		expect(readCookie('minka_session=%E0%A4%A', 'minka_session')).toBe('%E0%A4%A');
	});
});
