// @ts-check
// A Vite plugin that lets an association's accepted wording override a message: in each function
// Paraglide generates (src/lib/paraglide/messages/), right after it picks the locale, it asks
// $lib/i18n/wording for the association's text and returns it when there is one. A file that
// looks like a message module but matches nothing fails the build, so a Paraglide upgrade that
// changes the generated shape cannot silently drop the overrides.

const MESSAGES_DIR = /\/src\/lib\/paraglide\/messages\/[^/]+\.js$/;
const DISPATCH =
	/(export const ([A-Za-z0-9_$]+) = [^\n]*\(\(inputs(?: = \{\})?, options = \{\}\) => \{\n\tconst locale = experimentalStaticLocale \?\? options\.locale \?\? getLocale\(\)\n)/g;

/**
 * @param {string} code
 * @returns {{ code: string, count: number }}
 */
export function addWordingLookups(code) {
	let count = 0;
	const out = code.replace(DISPATCH, (whole, head, key) => {
		count++;
		return `${head}\tconst __wording = __minkaWording(${JSON.stringify(key)}, locale, inputs)\n\tif (__wording !== undefined) return /** @type {LocalizedString} */ (__wording)\n`;
	});
	if (count === 0) return { code, count };
	return { code: `import { wording as __minkaWording } from '../../i18n/wording';\n${out}`, count };
}

/** @returns {import('vite').Plugin} */
export function wordingOverrides() {
	return {
		name: 'minka-wording-overrides',
		transform(code, id) {
			if (!MESSAGES_DIR.test(id.split('?')[0])) return null;
			const { code: out, count } = addWordingLookups(code);
			if (count === 0 && /options\.locale \?\? getLocale\(\)/.test(code)) {
				throw new Error(`minka-wording-overrides: no message function matched in ${id}`);
			}
			return count === 0 ? null : { code: out, map: null };
		}
	};
}
