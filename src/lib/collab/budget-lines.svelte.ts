// The plan's budget lines as reactive state, bound both ways to the document's `items`
// (a Y.Array of Y.Maps, one per line; the array's order is the priority).
import * as Y from 'yjs';
import {
	budgetTotals,
	CATEGORIES,
	type BudgetLine,
	type Category,
	type Source
} from '$lib/drafts/budget';

export type NumberField = 'quantity' | 'unit_cost' | Source;
export type TextField = 'code' | 'title' | 'description' | 'unit';

/** An id unique enough for a line; crypto.randomUUID needs https, phones on a LAN may not have it. */
function newId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(9));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function readLine(map: Y.Map<unknown>): BudgetLine {
	const num = (k: string) => {
		const v = map.get(k);
		return typeof v === 'number' && Number.isFinite(v) ? v : 0;
	};
	const str = (k: string) => {
		const v = map.get(k);
		return typeof v === 'string' ? v : '';
	};
	const category = str('category');
	return {
		id: str('id'),
		code: str('code'),
		title: str('title'),
		description: str('description'),
		category: (CATEGORIES as readonly string[]).includes(category)
			? (category as Category)
			: 'other',
		unit: str('unit'),
		quantity: num('quantity'),
		unit_cost: num('unit_cost'),
		par: num('par'),
		cash: num('cash'),
		in_kind: num('in_kind'),
		municipality: num('municipality')
	};
}

/** A line this person removed, kept so that they can put it back. */
export interface RemovedLine {
	line: BudgetLine;
	/** The line's place when it was removed, from 0. */
	index: number;
	/** Its fields as stored, including any this version does not know. */
	fields: [string, unknown][];
}

export class BudgetLines {
	readonly #items: Y.Array<Y.Map<unknown>>;
	lines = $state<BudgetLine[]>([]);
	totals = $derived(budgetTotals(this.lines));
	/** The last line removed here, until it is put back or another is removed. */
	removed = $state<RemovedLine | null>(null);

	constructor(doc: Y.Doc) {
		this.#items = doc.getArray<Y.Map<unknown>>('items');
		this.#items.observeDeep(() => this.#read());
		this.#read();
	}

	#read() {
		this.lines = this.#items.toArray().map(readLine);
	}

	#find(id: string): { index: number; map: Y.Map<unknown> } | undefined {
		const index = this.#items.toArray().findIndex((entry) => entry.get('id') === id);
		return index < 0 ? undefined : { index, map: this.#items.get(index) };
	}

	add(): string {
		const id = newId();
		const map = new Y.Map<unknown>();
		const blank: BudgetLine = {
			id,
			code: '',
			title: '',
			description: '',
			category: 'equipment',
			unit: '',
			quantity: 1,
			unit_cost: 0,
			par: 0,
			cash: 0,
			in_kind: 0,
			municipality: 0
		};
		for (const [k, v] of Object.entries(blank)) map.set(k, v);
		this.#items.push([map]);
		return id;
	}

	/** Removes a line for everyone; `undoRemove` puts it back, for everyone too. */
	remove(id: string) {
		const found = this.#find(id);
		if (!found) return;
		this.removed = {
			line: readLine(found.map),
			index: found.index,
			// Plain values only: a deleted shared type cannot be inserted again.
			fields: [...found.map.entries()].map(([k, v]) => [
				k,
				v instanceof Y.AbstractType ? (v.toJSON() as unknown) : v
			])
		};
		this.#items.delete(found.index, 1);
	}

	/** Puts the last removed line back where it was (or at the end, if the plan got shorter). */
	undoRemove() {
		const removed = this.removed;
		if (!removed) return;
		this.removed = null;
		if (this.#find(removed.line.id)) return;
		const map = new Y.Map<unknown>();
		for (const [k, v] of removed.fields) map.set(k, v);
		this.#items.insert(Math.min(removed.index, this.#items.length), [map]);
	}

	forgetRemoved() {
		this.removed = null;
	}

	/** Moves a line up (-1) or down (+1) in priority. */
	move(id: string, delta: -1 | 1) {
		const doc = this.#items.doc!;
		doc.transact(() => {
			const found = this.#find(id);
			if (!found) return;
			const to = found.index + delta;
			if (to < 0 || to >= this.#items.length) return;
			// Yjs has no move: re-insert a copy of the line's fields at the new place.
			const copy = new Y.Map<unknown>();
			for (const [k, v] of found.map.entries()) copy.set(k, v);
			this.#items.delete(found.index, 1);
			this.#items.insert(to, [copy]);
		});
	}

	setText(id: string, field: TextField | 'category', value: string) {
		this.#find(id)?.map.set(field, value);
	}

	setNumber(id: string, field: NumberField, value: number) {
		this.#find(id)?.map.set(field, value);
	}
}
