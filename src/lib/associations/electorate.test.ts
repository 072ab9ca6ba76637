import { describe, expect, it } from 'vitest';
import { electorKey, isElector } from './electorate';

describe('the electorate', () => {
	it('counts active leaders and members, never facilitators, observers or inactive members', () => {
		expect(isElector({ status: 'active', role: 'leader' })).toBe(true);
		expect(isElector({ status: 'active', role: 'member' })).toBe(true);
		expect(isElector({ status: 'active', role: 'facilitator' })).toBe(false);
		expect(isElector({ status: 'active', role: 'observer' })).toBe(false);
		expect(isElector({ status: 'suspended', role: 'member' })).toBe(false);
		expect(isElector({ status: 'left', role: 'leader' })).toBe(false);
	});

	it('keys a member by id, or by household (case folded) when the rules say so', () => {
		expect(electorKey({ id: 7, household: 'Mamani' }, 'member')).toBe('m:7');
		expect(electorKey({ id: 7, household: 'Mamani' }, 'household')).toBe('h:mamani');
		expect(electorKey({ id: 8, household: 'MAMANI' }, 'household')).toBe('h:mamani');
		expect(electorKey({ id: 9, household: null }, 'household')).toBe('m:9');
	});
});
