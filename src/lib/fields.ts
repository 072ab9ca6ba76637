// The fields of a posted form (or a URL) read into values, the same way in every area. Pure:
// the areas' form readers build on these, in the browser as on the server.

/** A ticked checkbox, as a form without JavaScript sends it ("on") or a script might ("true", "1"). */
export function checked(value: string | undefined): boolean {
	return value === 'on' || value === 'true' || value === '1';
}

/** A row's id as a form or a path names it: a positive whole number, else NaN, which matches no row. */
export function readRowId(text: string | undefined): number {
	const id = /^[1-9][0-9]{0,15}$/.test(text ?? '') ? Number(text) : NaN;
	return Number.isSafeInteger(id) ? id : NaN;
}
