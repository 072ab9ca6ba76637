// Pure helpers for text that people type: no database or framework imports.

// C0/C1 control characters and bidi overrides that could disguise a name; newlines handled apart.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** One line of text: NFC, controls removed, runs of whitespace collapsed, trimmed. */
export function cleanLine(value: unknown): string {
	if (typeof value !== 'string') return '';
	return value.normalize('NFC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/**
 * Text of paragraphs (posts, summaries, resolutions, descriptions), often hashed into the register
 * or printed in the acta: NFC, controls and bidi overrides removed, line ends made \n, each line's
 * spaces collapsed and trimmed, at most one blank line between paragraphs, trimmed.
 */
export function cleanParagraphs(value: unknown): string {
	if (typeof value !== 'string') return '';
	return value
		.normalize('NFC')
		.split(/\r\n?|\n/)
		.map((line) => cleanLine(line))
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** The key under which a username is unique: case- and form-insensitive. */
export function usernameKey(username: string): string {
	return username.normalize('NFKC').toLowerCase();
}

/** Text folded for word search: lower case, accents and ñ's tilde removed, one space between words. */
export function searchText(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** A URL slug from a name: "Asociación de Productores Lecheros" → "asociacion-de-productores-lecheros". */
export function slugify(value: string, maxLength = 48): string {
	return value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, maxLength)
		.replace(/-+$/g, '');
}
