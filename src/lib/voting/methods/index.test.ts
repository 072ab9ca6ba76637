import { describe, expect, it } from 'vitest';
import * as methods from './index';

const rules: methods.VoteRules = {
	quorum: { firstCall: 'present' },
	threshold: 'simple',
	tieBreak: 'lot',
	seed: 'vote-1'
};
const cands = [
	{ id: 'a', name: 'A', fee: 100 },
	{ id: 'b', name: 'B' }
];

describe('results are plain data', () => {
	it('every result survives JSON (it is stored with the vote and in the register)', () => {
		const results = [
			methods.tallyMotion(['yes', 'no'], 2, rules),
			methods.tallyAlternatives(['x', 'y'], [{ id: 'x', original: true }, { id: 'y' }], 2, rules),
			methods.tallyBudget(
				[
					{ id: 'l1', title: 'L1', cost: 500 },
					{ id: 'l2', title: 'L2', cost: 700 }
				],
				1000,
				[['l1'], ['l2'], ['l1', 'l2']]
			),
			methods.tallyInstantRunoff([['a', 'b'], ['b'], ['a']], cands, 3, rules),
			methods.tallyApproval([['a', 'b'], ['b']], cands, 2, rules),
			methods.weightedScores(
				[{ id: 'k', weight: 1 }],
				[{ candidateId: 'a', criterionId: 'k', scorerId: 's', score: 7 }],
				['a', 'b']
			)
		];
		for (const r of results) expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
	});
});
