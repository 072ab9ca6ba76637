import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { whatsappHref } from './share';

const url = 'https://minka.example/a/aplc/votes/7';
const params = { association: 'APL Chillijchi', title: '¿Compramos el tanque de frío?' };

describe('the WhatsApp share link', () => {
	it('opens wa.me with the message and the address, encoded, in Spanish', () => {
		const href = whatsappHref(m.share_vote_open(params, { locale: 'es' }), url);
		expect(href.startsWith('https://wa.me/?text=')).toBe(true);
		const query = href.slice('https://wa.me/?text='.length);
		// Nothing that would end the parameter or the link is left unencoded.
		expect(query).not.toMatch(/[\s&#?¿«»/:]/);
		expect(query).toContain('%C2%BFCompramos%20el%20tanque%20de%20fr%C3%ADo%3F');
		expect(new URL(href).searchParams.get('text')).toBe(
			`Votación abierta en APL Chillijchi: «¿Compramos el tanque de frío?». Entra a votar:\n${url}`
		);
	});

	it('speaks the member’s language: English and Quechua', () => {
		const en = new URL(whatsappHref(m.share_vote_open(params, { locale: 'en' }), url));
		expect(en.searchParams.get('text')).toBe(
			`Vote open in APL Chillijchi: «¿Compramos el tanque de frío?». Come and vote:\n${url}`
		);
		const qu = new URL(
			whatsappHref(m.share_money({ association: 'APL Chillijchi' }, { locale: 'qu' }), url)
		);
		expect(qu.searchParams.get('text')).toMatch(/^¿Imapitaq qullqi gastakurqan\? APL Chillijchi/);
		expect(qu.searchParams.get('text')?.endsWith(`\n${url}`)).toBe(true);
	});

	it('carries an ampersand or a hash in a title without cutting the message', () => {
		const text = m.share_decision(
			{ association: 'Leche & Queso', title: 'Tanque #2' },
			{ locale: 'es' }
		);
		const href = whatsappHref(text, url);
		expect(new URL(href).searchParams.get('text')).toBe(`${text}\n${url}`);
		expect(text).toBe('Decisión de Leche & Queso: «Tanque #2».');
	});
});
