import { describe, expect, it } from 'vitest';
import {
	readAssemblyCallForm,
	readAttendanceForm,
	readLinkPointVoteForm,
	readMovePointForm,
	readNewPointForm,
	readOpenPointVoteForm,
	readPointConsensusForm,
	readPointForm,
	readPointHandCountForm,
	readPostponePointForm,
	readSummaryForm
} from './forms';

describe('the assemblies forms', () => {
	it('read the call by its field names, leaving the checks to the domain', () => {
		expect(
			readAssemblyCallForm({
				kind: 'annual',
				place: ' Sede ',
				date: '2026-02-31',
				time: '25:00',
				second_time: '08:30'
			})
		).toEqual({
			kind: 'annual',
			place: ' Sede ',
			date: '2026-02-31',
			time: '25:00',
			secondTime: '08:30'
		});
		expect(readAssemblyCallForm({})).toEqual({
			kind: undefined,
			place: '',
			date: '',
			time: '',
			secondTime: undefined
		});
	});

	it('read ids as numbers, and anything that is not a row id as NaN', () => {
		expect(readPointForm({ point: '12' })).toEqual({ point: 12 });
		for (const point of [undefined, '', '0', '-3', '1.5', ' 12', '12abc', '1e3'])
			expect(readPointForm(point === undefined ? {} : { point }).point).toBeNaN();
		expect(readLinkPointVoteForm({ point: '3', vote: 'x' })).toEqual({ point: 3, vote: NaN });
		expect(readAttendanceForm({ member: '7', holder: '9' })).toEqual({ member: 7, holder: 9 });
		expect(readAttendanceForm({ member: '7' })).toEqual({ member: 7, holder: NaN });
	});

	it('keep the summary’s proposer left out when the form has none', () => {
		expect(readSummaryForm({ point: '4', summary: 'Se discutió.' })).toEqual({
			point: 4,
			summary: 'Se discutió.',
			proposedBy: undefined
		});
		expect(readSummaryForm({ point: '4', proposed_by: '' }).proposedBy).toBe('');
		expect(readNewPointForm({ title: 'Riego', proposed_by: 'Felipa' })).toEqual({
			kind: undefined,
			title: 'Riego',
			proposedBy: 'Felipa'
		});
	});

	it('read the point’s decisions', () => {
		expect(readMovePointForm({ point: '2', direction: 'up' })).toEqual({
			point: 2,
			direction: 'up'
		});
		expect(
			readOpenPointVoteForm({ point: '2', method: 'phones', decision_kind: 'statutes' })
		).toEqual({ point: 2, method: 'phones', decisionKind: 'statutes' });
		expect(readPointConsensusForm({ point: '2', resolution: 'Se aprueba.' })).toEqual({
			point: 2,
			resolution: 'Se aprueba.',
			decisionKind: undefined
		});
		expect(readPostponePointForm({ point: '2' })).toEqual({ point: 2, resolution: undefined });
	});

	it('read the raised hands per key; present and represented posted are not the count’s', () => {
		expect(
			readPointHandCountForm({
				point: '5',
				count_yes: '3',
				count_no: ' 1',
				count_17: 'x',
				present: '1',
				represented: '0'
			})
		).toEqual({ point: 5, counts: { yes: 3, no: 1, '17': Number.NaN } });
	});
});
