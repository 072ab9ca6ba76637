import { describe, expect, it } from 'vitest';
import { assemblyStatusLabel } from '$lib/assemblies/labels';
import { amendmentStatusLabel, stanceLabel } from '$lib/deliberation/labels';
import { entryKindLabel, entryOutcomeLabel } from '$lib/record/labels';
import {
	categoryLabel,
	draftKindLabel,
	draftStatusLabel,
	lineFieldLabel,
	officeLabel,
	roleLabel,
	sourceLabel,
	statusLabel
} from '$lib/labels';
import { answerLabel, channelLabel, outcomeLabel, voteKindLabel } from '$lib/voting/labels';
import { own } from './own';

/** Names every plain object inherits: a lookup that finds one of them is the bug. */
const INHERITED = [
	'__proto__',
	'constructor',
	'valueOf',
	'toString',
	'toLocaleString',
	'hasOwnProperty',
	'isPrototypeOf',
	'propertyIsEnumerable',
	'__defineGetter__',
	'__defineSetter__',
	'__lookupGetter__',
	'__lookupSetter__'
];

describe('own', () => {
	it('finds only the entries of the table itself', () => {
		const table = { a: 1 };
		expect(own(table, 'a')).toBe(1);
		expect(own(table, 'b')).toBeUndefined();
		expect(own(table, null)).toBeUndefined();
		expect(own(table, undefined)).toBeUndefined();
		for (const key of INHERITED) expect(own(table, key), key).toBeUndefined();
	});
});

describe('labels looked up by a code from a URL, a form or a document', () => {
	const labels = [
		roleLabel,
		officeLabel,
		statusLabel,
		draftKindLabel,
		draftStatusLabel,
		sourceLabel,
		lineFieldLabel,
		categoryLabel,
		stanceLabel,
		amendmentStatusLabel,
		(code: string) => entryKindLabel(code),
		(code: string) => entryOutcomeLabel(code),
		(code: string) => voteKindLabel(code),
		(code: string) => outcomeLabel(code),
		(code: string) => channelLabel(code),
		(code: string) => answerLabel(code),
		assemblyStatusLabel
	];

	it('say an unknown code as it is, even one every object inherits, and never throw', () => {
		for (const label of labels)
			for (const code of INHERITED) expect(label(code), `${label.name}(${code})`).toBe(code);
	});

	it('still name the codes they know', () => {
		expect(roleLabel('leader')).not.toBe('leader');
		expect(outcomeLabel('approved')).not.toBe('approved');
		expect(stanceLabel('for')).not.toBe('for');
	});
});
