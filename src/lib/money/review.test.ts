import { describe, expect, it } from 'vitest';
import { mayApprove, mayConform, mayObserve, reviewState, type ReviewEvent } from './review';

const obs = (id: number): ReviewEvent => ({ id, kind: 'observation', answersId: null });
const answer = (id: number, to: number): ReviewEvent => ({ id, kind: 'answer', answersId: to });
const conforme = (id: number): ReviewEvent => ({ id, kind: 'conforme', answersId: null });
const approved = (id: number): ReviewEvent => ({ id, kind: 'approved', answersId: null });

describe('reviewState', () => {
	it('walks a report from review to approval, one observation answered on the way', () => {
		const steps: [ReviewEvent[], string, boolean, boolean, boolean][] = [
			[[], 'in_review', true, true, false],
			[[obs(1)], 'observed', true, false, false],
			[[obs(1), answer(2, 1)], 'observed', true, true, false],
			[[obs(1), answer(2, 1), conforme(3)], 'conforme', false, false, true],
			[[obs(1), answer(2, 1), conforme(3), approved(4)], 'approved', false, false, false]
		];
		for (const [events, status, observe, conform, approve] of steps) {
			const state = reviewState(events);
			expect(state.status).toBe(status);
			expect([mayObserve(state), mayConform(state), mayApprove(state)]).toEqual([
				observe,
				conform,
				approve
			]);
		}
	});

	it('names the observations still waiting for an answer, whatever the order of events', () => {
		const state = reviewState([obs(1), obs(2), answer(3, 2), obs(4)]);
		expect(state.observations).toBe(3);
		expect(state.unanswered).toEqual([1, 4]);
		expect(mayConform(state)).toBe(false);
	});
});
