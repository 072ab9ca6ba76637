// Server rendering of what people write in debates, fed the injection corpus: the only tags in the
// output are the renderer's own, with the renderer's own attributes, and links are http(s).
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { formattedVariants, PAYLOADS } from '../../../../tests/injection-corpus';
import LightText from './LightText.svelte';

const ALLOWED: Record<string, string[]> = {
	div: ['class'],
	p: [],
	ul: [],
	ol: [],
	li: [],
	strong: [],
	br: [],
	a: ['href', 'rel']
};

/** Every tag in server HTML (text is escaped, so each `<` starts a real one) and its attributes. */
function tags(html: string): { name: string; attributes: Record<string, string> }[] {
	const out = [];
	for (const match of html.replace(/<!--[^]*?-->/g, '').matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
		const attributes: Record<string, string> = {};
		for (const a of match[2].matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) attributes[a[1]] = a[2] ?? '';
		out.push({ name: match[1].toLowerCase(), attributes });
	}
	return out;
}

describe('LightText against the injection corpus', () => {
	const cases = PAYLOADS.flatMap(formattedVariants);

	it(`renders ${cases.length} payload variants with only its own tags and safe links`, () => {
		expect(cases.length).toBeGreaterThanOrEqual(200);
		for (const text of cases) {
			const { body } = render(LightText, { props: { text } });
			for (const tag of tags(body)) {
				expect(Object.keys(ALLOWED), text).toContain(tag.name);
				for (const [name, value] of Object.entries(tag.attributes)) {
					expect(ALLOWED[tag.name], `${text} → ${name}`).toContain(name);
					if (name === 'href') expect(value, text).toMatch(/^https?:\/\//);
					if (name === 'rel') expect(value).toBe('nofollow noopener ugc');
				}
			}
			expect(body, text).not.toMatch(/<(script|img|svg|iframe|style|a\s+href="javascript)/i);
		}
	});

	it('shows the payload’s characters as text', () => {
		const { body } = render(LightText, { props: { text: '<img src=x onerror=alert(1)>' } });
		expect(body).toContain('&lt;img src=x onerror=alert(1)>');
	});
});
