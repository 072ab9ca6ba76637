import { describe, expect, it } from 'vitest';
import { readBallotForm, readCastFor, readHandCountForm, readProxyForm } from './ballot-form';

describe('readBallotForm', () => {
	it('reads each kind of ballot from the fields the page posts', () => {
		expect(readBallotForm({ answer: 'yes' })).toEqual({ answer: 'yes' });
		expect(readBallotForm({ option: '12' })).toEqual({ option: 12 });
		expect(readBallotForm({ option: 'abstain' })).toEqual({ option: 'abstain' });
		expect(readBallotForm({ option_3: 'on', option_5: 'on', option_7: '' })).toEqual({
			options: [3, 5]
		});
		expect(readBallotForm({ line_4: 'on', line_9: 'on' })).toEqual({ lines: [4, 9] });
		expect(readBallotForm({ rank_4: '2', rank_9: ' 1 ', rank_11: '' })).toEqual({
			ranks: { 4: 2, 9: 1 }
		});
	});

	it('keeps a blank ballot apart from an empty one, and knows whether it was confirmed', () => {
		expect(readBallotForm({})).toEqual({});
		expect(readBallotForm({ blank: 'yes' })).toEqual({ blank: { confirmed: false } });
		expect(readBallotForm({ blank: 'yes', blank_confirm: 'on' })).toEqual({
			blank: { confirmed: true }
		});
		expect(readBallotForm({ blank: 'no' })).toEqual({});
	});

	it('turns what names no option into marks the vote refuses, never into another option', () => {
		expect(readBallotForm({ option: 'x' })).toEqual({ option: 0 });
		expect(readBallotForm({ option: '-3' })).toEqual({ option: 0 });
		expect(readBallotForm({ rank_4: 'primero' })).toEqual({ ranks: { 4: 0 } });
		expect(readBallotForm({ line_x: 'on', line_0: 'on', line_1e3: 'on' })).toEqual({});
	});
});

describe('readCastFor and readProxyForm', () => {
	it('name the member cast for and the witness, or mark a field that names nobody', () => {
		expect(readCastFor({})).toEqual({});
		expect(readCastFor({ for_member: '8', witness: '9' })).toEqual({ forMember: 8, witness: 9 });
		expect(readCastFor({ for_member: 'ocho' }).forMember).toBeNaN();
		expect(readProxyForm({ absent: '3', holder: '4' })).toEqual({ absent: 3, holder: 4 });
		expect(readProxyForm({ absent: '', holder: 'x' })).toEqual({
			absent: undefined,
			holder: undefined
		});
	});
});

describe('readHandCountForm', () => {
	it('reads the hands per option and the people in the room, as whole numbers', () => {
		expect(
			readHandCountForm({
				count_yes: ' 12 ',
				count_no: '3',
				count_abstain: '0',
				present: '14',
				represented: '1'
			})
		).toEqual({ counts: { yes: 12, no: 3, abstain: 0 }, present: 14, represented: 1 });
		expect(readHandCountForm({ count_7: '4', present: '4' })).toEqual({
			counts: { 7: 4 },
			present: 4,
			represented: 0
		});
	});

	it('marks what is not a count, so the vote refuses it and names the field', () => {
		const read = readHandCountForm({
			count_yes: '3.5',
			count_no: '-1',
			present: '',
			represented: 'dos'
		});
		expect(read.counts.yes).toBeNaN();
		expect(read.counts.no).toBeNaN();
		expect(read.present).toBeNaN();
		expect(read.represented).toBeNaN();
		expect(readHandCountForm({ count_yes: '1234567' }).counts.yes).toBeNaN();
	});
});
