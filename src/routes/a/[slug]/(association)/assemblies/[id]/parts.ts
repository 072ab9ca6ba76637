// What the assembly page hands to its parts (the components beside it): the loaded data, the
// answer of the form that was sent, and the agenda's points.
import type { FormView } from '$lib/forms';
import type { PageData } from './$types';

export type AgendaPoint = PageData['points'][number];

/** Whether the answer shown is the one of the form named `name` (its `_form` field). */
export function sentBy(f: FormView) {
	return (name: string) => f.source === name;
}
