// What a page needs from an action's result, whatever the action returned.

export interface FormView {
	message?: string;
	errors: Record<string, string>;
	values: Record<string, string>;
	success?: string;
	/** The `_form` hidden field of the form that was sent, when a page has several. */
	source?: string;
}

export function formView(form: unknown): FormView {
	const f = (form ?? {}) as Partial<FormView>;
	return {
		message: f.message,
		errors: f.errors ?? {},
		values: f.values ?? {},
		success: f.success,
		source: f.values?._form
	};
}

/** Whether the answer shown is the one of the form named `name` (its `_form` field). */
export function sentBy(f: FormView) {
	return (name: string) => f.source === name;
}
