export type DomainErrorCode =
	'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'closed' | 'throttled';

/** A message key from the catalogue (messages/*.json) with the values it interpolates. */
export interface MessageRef {
	key: string;
	params?: Record<string, string | number | MessageRef>;
}

/**
 * A rule of the domain was broken. Carries message keys, never display text: the route that
 * catches it translates into the user's language (see $lib/server/http.ts).
 */
export class DomainError extends Error {
	readonly code: DomainErrorCode;
	readonly messageRef: MessageRef;
	readonly fields: Record<string, MessageRef>;

	constructor(
		code: DomainErrorCode,
		message: string | MessageRef,
		fields: Record<string, string | MessageRef> = {}
	) {
		const ref = typeof message === 'string' ? { key: message } : message;
		super(`${code}: ${ref.key}`);
		this.name = 'DomainError';
		this.code = code;
		this.messageRef = ref;
		this.fields = Object.fromEntries(
			Object.entries(fields).map(([f, m]) => [f, typeof m === 'string' ? { key: m } : m])
		);
	}
}

/** An `invalid` error for one or more fields, with a general message on top. */
export function invalid(fields: Record<string, string | MessageRef>): DomainError {
	return new DomainError('invalid', 'error_form_invalid', fields);
}
