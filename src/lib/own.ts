// Lookups in plain-object tables (labels, messages) by a key that a URL, a form or a document
// supplied. `table[key]` would also find what every object inherits (`__proto__`, `valueOf`,
// `constructor`, `hasOwnProperty`…): called, those throw, and the page is a 500.

/** `table[key]` when it is the table's own entry, else undefined. Pure: browser and server. */
export function own<T>(
	table: Readonly<Record<string, T>>,
	key: string | null | undefined
): T | undefined {
	return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
