import { describe, expect, it } from 'vitest';
import { countSurvey, emptyCounts, readSurveyForm, yesShare } from './survey';

describe('the survey', () => {
	it('reads four answers, and names the questions left', () => {
		expect(
			readSurveyForm({ q_on_time: 'yes', q_understood: 'some', q_useful: 'no', q_respect: 'yes' })
		).toEqual({
			ok: true,
			answers: { on_time: 'yes', understood: 'some', useful: 'no', respect: 'yes' }
		});
		expect(readSurveyForm({ q_on_time: 'yes', q_useful: 'maybe' })).toEqual({
			ok: false,
			missing: ['understood', 'useful', 'respect']
		});
	});

	it('counts each answer per question', () => {
		const counts = countSurvey([
			{ on_time: 'yes', understood: 'yes', useful: 'some', respect: 'yes' },
			{ on_time: 'no', understood: 'yes', useful: 'some', respect: 'yes' },
			{ on_time: 'yes', understood: 'some', useful: 'no', respect: 'yes' }
		]);
		expect(counts.on_time).toEqual({ yes: 2, some: 0, no: 1 });
		expect(counts.useful).toEqual({ yes: 0, some: 2, no: 1 });
		expect(counts.respect).toEqual({ yes: 3, some: 0, no: 0 });
		expect(yesShare(counts.on_time)).toBeCloseTo(2 / 3);
		expect(yesShare(emptyCounts().respect)).toBeNull();
		expect(countSurvey([])).toEqual(emptyCounts());
	});
});
