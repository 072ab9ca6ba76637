import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '$lib/voting/rule-set';
import {
	callAt,
	countQuorum,
	type AttendanceRow,
	type QuorumElector,
	type QuorumRules
} from './quorum';

const rules = (over: Partial<QuorumRules> = {}): QuorumRules => ({ ...DEFAULT_RULES, ...over });
const people = (n: number, household?: (i: number) => string | null): QuorumElector[] =>
	Array.from({ length: n }, (_, i) => ({ id: i + 1, household: household?.(i) ?? null }));
const present = (...ids: number[]): AttendanceRow[] =>
	ids.map((id) => ({ member_id: id, status: 'present', holder_member_id: null }));
const proxy = (absent: number, holder: number): AttendanceRow => ({
	member_id: absent,
	status: 'proxy',
	holder_member_id: holder
});
const excused = (id: number): AttendanceRow => ({
	member_id: id,
	status: 'excused',
	holder_member_id: null
});
const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('countQuorum at first call (half plus one)', () => {
	it('14 of 24 present: quorum, 13 needed', () => {
		const q = countQuorum(people(24), present(...range(1, 14)), rules(), 'first');
		expect(q).toMatchObject({
			electorate: 24,
			present: 14,
			represented: 0,
			total: 14,
			required: 13,
			met: true,
			call: 'first'
		});
	});

	it('12 of 24 is one short; 13 is exactly enough', () => {
		expect(countQuorum(people(24), present(...range(1, 12)), rules(), 'first').met).toBe(false);
		expect(countQuorum(people(24), present(...range(1, 13)), rules(), 'first').met).toBe(true);
	});

	it('odd electorate: 25 needs 13', () => {
		const q = countQuorum(people(25), present(...range(1, 12)), rules(), 'first');
		expect(q.required).toBe(13);
		expect(q.met).toBe(false);
	});

	it('two thirds at first call when the statutes say so', () => {
		const q = countQuorum(
			people(30),
			present(...range(1, 19)),
			rules({ quorumFirstCall: 'two_thirds' }),
			'first'
		);
		expect(q.required).toBe(20);
		expect(q.met).toBe(false);
	});

	it('an empty association never has quorum', () => {
		expect(countQuorum([], [], rules(), 'first').met).toBe(false);
		expect(countQuorum([], [], rules({ quorumSecondCall: 'present' }), 'second').met).toBe(false);
	});
});

describe('countQuorum at second call', () => {
	it('a third: 8 of 24 is enough after the waiting time, not before', () => {
		const attendance = present(...range(1, 8));
		expect(countQuorum(people(24), attendance, rules(), 'first').met).toBe(false);
		const q = countQuorum(people(24), attendance, rules(), 'second');
		expect(q).toMatchObject({ required: 8, met: true, requiredFirst: 13, requiredSecond: 8 });
		expect(countQuorum(people(24), present(...range(1, 7)), rules(), 'second').met).toBe(false);
	});

	it('"with those present": one person is enough', () => {
		const q = countQuorum(people(24), present(3), rules({ quorumSecondCall: 'present' }), 'second');
		expect(q).toMatchObject({ required: 1, met: true });
	});

	it('a quarter', () => {
		const q = countQuorum(
			people(25),
			present(...range(1, 7)),
			rules({ quorumSecondCall: 'quarter' }),
			'second'
		);
		expect(q).toMatchObject({ required: 7, met: true });
	});

	it('the call changes exactly at the second call time', () => {
		expect(callAt(999, 1000)).toBe('first');
		expect(callAt(1000, 1000)).toBe('second');
		expect(callAt(1001, 1000)).toBe('second');
	});
});

describe('countQuorum with proxies', () => {
	it('a carta poder counts as represented when its holder is present', () => {
		const q = countQuorum(
			people(24),
			[...present(...range(1, 12)), proxy(20, 1)],
			rules(),
			'first'
		);
		expect(q).toMatchObject({ present: 12, represented: 1, total: 13, met: true });
	});

	it('a proxy whose holder is not present does not count', () => {
		const q = countQuorum(
			people(24),
			[...present(...range(1, 12)), proxy(20, 15)],
			rules(),
			'first'
		);
		expect(q).toMatchObject({ represented: 0, total: 12, met: false });
	});

	it('no more proxies per holder than the rules allow', () => {
		const attendance = [...present(1, 2), proxy(10, 1), proxy(11, 1), proxy(12, 1)];
		expect(
			countQuorum(people(24), attendance, rules({ proxiesPerHolder: 1 }), 'first').represented
		).toBe(1);
		expect(
			countQuorum(people(24), attendance, rules({ proxiesPerHolder: 2 }), 'first').represented
		).toBe(2);
	});

	it('proxies count for nothing when the statutes forbid them', () => {
		const q = countQuorum(
			people(24),
			[...present(...range(1, 12)), proxy(20, 1)],
			rules({ proxiesAllowed: false }),
			'first'
		);
		expect(q).toMatchObject({ represented: 0, total: 12, met: false });
	});
});

describe('countQuorum with excused absences', () => {
	it('excused members are not present and do not lower the quorum', () => {
		const attendance = [...present(...range(1, 12)), excused(13), excused(14)];
		const q = countQuorum(people(24), attendance, rules(), 'first');
		expect(q).toMatchObject({ present: 12, excused: 2, total: 12, required: 13, met: false });
	});
});

describe('countQuorum per household', () => {
	// 12 households of two people each: the pair (1,2) is household "h0", (3,4) "h1"…
	const couples = people(24, (i) => `Familia ${Math.floor(i / 2)}`);
	const perHousehold = rules({ electorate: 'household' });

	it('the electorate is the households; two of one household present count once', () => {
		const q = countQuorum(couples, present(1, 2, 3, 5, 7, 9, 11), perHousehold, 'first');
		expect(q).toMatchObject({ electorate: 12, present: 6, required: 7, met: false });
	});

	it('household names are compared without case', () => {
		const members: QuorumElector[] = [
			{ id: 1, household: 'Familia Rojas' },
			{ id: 2, household: 'familia rojas' },
			{ id: 3, household: null }
		];
		const q = countQuorum(members, present(1, 2), perHousehold, 'first');
		expect(q).toMatchObject({ electorate: 2, present: 1 });
	});

	it('a household already present is not counted again through a proxy', () => {
		const q = countQuorum(couples, [...present(1, 3), proxy(2, 3)], perHousehold, 'first');
		expect(q).toMatchObject({ present: 2, represented: 0, total: 2 });
	});

	it('a proxy for an absent household counts once', () => {
		const q = countQuorum(couples, [...present(1, 3), proxy(5, 1)], perHousehold, 'first');
		expect(q).toMatchObject({ present: 2, represented: 1, total: 3 });
	});

	it('members without a household are their own unit', () => {
		const members = [...couples, { id: 99, household: null }];
		const q = countQuorum(members, present(99), perHousehold, 'first');
		expect(q).toMatchObject({ electorate: 13, present: 1 });
	});
});

describe('countQuorum ignores who cannot vote', () => {
	it('attendance of someone outside the electorate is not counted', () => {
		const q = countQuorum(people(4), present(1, 2, 50), rules(), 'first');
		expect(q).toMatchObject({ electorate: 4, present: 2, required: 3, met: false });
	});
});
