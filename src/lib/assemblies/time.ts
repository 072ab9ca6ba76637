// Clock times and dates of an assembly in Bolivia's zone, for forms and for the acta.

const LA_PAZ_OFFSET_MS = 4 * 60 * 60 * 1000;

/** "09:30", Bolivian time. */
export function clock(ms: number): string {
	return new Date(ms - LA_PAZ_OFFSET_MS).toISOString().slice(11, 16);
}

/** The `<input type="date">` value of `ms` in Bolivian time. */
export function dateInput(ms: number): string {
	return new Date(ms - LA_PAZ_OFFSET_MS).toISOString().slice(0, 10);
}
