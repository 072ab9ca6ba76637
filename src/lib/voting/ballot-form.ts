// A ballot as its voter marked it, read from the ballot form. The page posts one field per option
// so that it works without JavaScript: `line_12` and `option_12` checkboxes, `rank_12` ranks,
// `option` for a single choice, `answer` on a plain question, `blank` for a deliberate blank.
// Beside it, the other forms a vote is counted from: the carta poder and the hand count. Pure: the demo and the tests build the same marks; the server checks them against the vote.
import { checked } from '$lib/fields';

export interface BallotMarks {
	/** A motion on a plain question: yes, no or abstain. */
	answer?: string;
	/** The one option of a single-choice ballot, or abstaining. */
	option?: number | 'abstain';
	/** The options ticked on an approval ballot. */
	options?: number[];
	/** The lines ticked on a budget ballot. */
	lines?: number[];
	/** A ranking ballot: option id → rank, 1 first; 0 marks a rank that is not a whole number. */
	ranks?: Record<number, number>;
	/** A blank ballot asked for with its own button; `confirmed` once its voter confirmed it. */
	blank?: { confirmed: boolean };
}

/** Who a ballot is cast for when it is not the actor's own: a proxy's, or an assisted one. */
export interface CastFor {
	/** The member voted for; NaN when the field was sent but is not a member. */
	forMember?: number;
	/** The member present who witnesses an assisted ballot. */
	witness?: number;
}

function positiveInt(text: string | undefined): number | undefined {
	return /^[1-9][0-9]{0,9}$/.test((text ?? '').trim()) ? Number(text) : undefined;
}

function tickedWith(form: Record<string, string>, prefix: string): number[] {
	const ids: number[] = [];
	for (const [name, value] of Object.entries(form)) {
		if (!name.startsWith(`${prefix}_`) || !checked(value)) continue;
		const id = positiveInt(name.slice(prefix.length + 1));
		if (id !== undefined) ids.push(id);
	}
	return ids;
}

/** Reads the ballot form's fields into the marks they carry; nothing is checked against a vote. */
export function readBallotForm(form: Record<string, string>): BallotMarks {
	const marks: BallotMarks = {};
	if (form.answer !== undefined) marks.answer = form.answer;
	if (form.option !== undefined)
		marks.option = form.option === 'abstain' ? 'abstain' : (positiveInt(form.option) ?? 0);
	const options = tickedWith(form, 'option');
	if (options.length) marks.options = options;
	const lines = tickedWith(form, 'line');
	if (lines.length) marks.lines = lines;
	const ranks: Record<number, number> = {};
	for (const [name, value] of Object.entries(form)) {
		const id = name.startsWith('rank_') ? positiveInt(name.slice(5)) : undefined;
		if (id !== undefined && value.trim()) ranks[id] = positiveInt(value) ?? 0;
	}
	if (Object.keys(ranks).length) marks.ranks = ranks;
	if (form.blank === 'yes') marks.blank = { confirmed: checked(form.blank_confirm) };
	return marks;
}

/** Reads who the ballot is for (`for_member`, `witness`), when the form names someone. */
export function readCastFor(form: Record<string, string>): CastFor {
	const cast: CastFor = {};
	if (form.for_member) cast.forMember = positiveInt(form.for_member) ?? Number.NaN;
	if (form.witness) cast.witness = positiveInt(form.witness) ?? Number.NaN;
	return cast;
}

/** A carta poder: the member present who holds it casts for the absent one. */
export interface ProxyInput {
	absent?: number;
	holder?: number;
}

/** Reads the carta poder form (`absent`, `holder`); a field that names no member is left out. */
export function readProxyForm(form: Record<string, string>): ProxyInput {
	return { absent: positiveInt(form.absent), holder: positiveInt(form.holder) };
}

/** A hand count as the secretary typed it: NaN where a field is not a whole number. */
export interface HandCountInput {
	/** Raised hands per option id, or per yes/no/abstain on a plain question. */
	counts: Record<string, number>;
	present: number;
	/** Absent members a present one holds a carta poder for; none when left empty. */
	represented: number;
}

function countOf(text: string | undefined): number {
	const t = (text ?? '').trim();
	return /^[0-9]{1,6}$/.test(t) ? Number(t) : Number.NaN;
}

/** Reads the hand count form: `count_<option>` per option, `present` and `represented`. */
export function readHandCountForm(form: Record<string, string>): HandCountInput {
	const counts: Record<string, number> = {};
	for (const [name, value] of Object.entries(form))
		if (name.startsWith('count_')) counts[name.slice(6)] = countOf(value);
	return {
		counts,
		present: countOf(form.present),
		represented: form.represented?.trim() ? countOf(form.represented) : 0
	};
}
