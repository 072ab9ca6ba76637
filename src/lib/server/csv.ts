// CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8 byte order mark so Excel reads
// accents, and cells that a spreadsheet would run as a formula (= + - @, tab, carriage return at the
// start) prefixed with an apostrophe, so an exported name cannot become a formula (CWE-1236).
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
	const lines = [header.map(cell).join(',')];
	for (const row of rows) lines.push(row.map(cell).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
