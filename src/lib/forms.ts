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
