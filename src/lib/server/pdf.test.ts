import { describe, expect, it } from 'vitest';
import { renderPdf } from './pdf';
import { pdfItemFonts, pdfText } from '$lib/server/testing/pdf';

describe('renderPdf', () => {
	it('lays out Spanish text, tables and signatures on Oficio paper, over several pages', async () => {
		const rows = Array.from({ length: 60 }, (_, i) => [
			`${i + 1}`,
			`Socia Nº ${i + 1} Ñuñoa`,
			`${4_000_000 + i}`,
			''
		]);
		const bytes = await renderPdf({
			title: 'Acta Nº 3/2026',
			paper: 'oficio',
			footer: 'Asociación de Apicultores «Flor de Ceibo»',
			pageLabel: (page, pages) => `Página ${page} de ${pages}`,
			blocks: [
				{ type: 'title', text: 'Acta Nº 3/2026 — ¿Quórum? ¡Sí!' },
				{
					type: 'facts',
					rows: [
						['Lugar', 'Sede de Chillijchi, Tiquipaya'],
						['Hora', '09:30']
					]
				},
				{
					type: 'paragraph',
					text: 'Se aprobó el plan por 18 votos a favor, 2 en contra y 3 abstenciones.'
				},
				{ type: 'code', text: 'a'.repeat(64) },
				{
					type: 'table',
					columns: [
						{ label: 'Nº', width: 0.08 },
						{ label: 'Nombre', width: 0.42 },
						{ label: 'CI', width: 0.2, align: 'right' },
						{ label: 'Firma o huella', width: 0.3 }
					],
					rows,
					rowHeight: 22
				},
				{
					type: 'signatures',
					people: [
						{ name: 'Hilda Choque', role: 'Presidenta' },
						{ name: 'Roxana Vargas', role: 'Secretaria de actas' }
					]
				}
			]
		});
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		const { pages, text } = await pdfText(bytes);
		expect(pages).toBeGreaterThan(1);
		expect(text).toContain('Acta Nº 3/2026 — ¿Quórum? ¡Sí!');
		expect(text).toContain('Sede de Chillijchi, Tiquipaya');
		expect(text).toContain('Socia Nº 60 Ñuñoa');
		expect(text).toContain('Roxana Vargas');
		expect(text).toContain(`Página ${pages} de ${pages}`);
		expect(text).toContain('a'.repeat(64));
	});

	it('prints every character members write: accents, Aymara and Quechua letters, other scripts and emoji', async () => {
		const name = 'Chillijchi 🐄🥛 Ñawpa Ch\u02bcaska Qhäna — Ωμέγα Жанна Łódź «ok» 👩🏽‍🌾';
		const bytes = await renderPdf({
			title: name,
			paper: 'carta',
			footer: name,
			pageLabel: (page, pages) => `${page}/${pages}`,
			blocks: [
				{ type: 'paragraph', text: name },
				{ type: 'facts', rows: [['Socia 🐑', name]] },
				{ type: 'table', columns: [{ label: 'Nombre', width: 1 }], rows: [[name]] },
				{ type: 'signatures', people: [{ name, role: 'Presidenta 🌾' }] }
			]
		});
		const { text } = await pdfText(bytes);
		for (const piece of [
			'🐄🥛',
			'Ñawpa',
			'Ch\u02bcaska',
			'Qhäna',
			'Ωμέγα',
			'Жанна',
			'Łódź',
			'Socia 🐑',
			'Presidenta 🌾'
		]) {
			expect(text, piece).toContain(piece);
		}
		expect(text).not.toContain('Ø=');
	});

	it('keeps table rows after a page break in the regular font (only the repeated header is bold)', async () => {
		const rows = Array.from({ length: 80 }, (_, i) => [`Fila ${i + 1}`]);
		const bytes = await renderPdf({
			title: 'Tabla',
			paper: 'carta',
			footer: 'pie',
			pageLabel: (page, pages) => `${page}/${pages}`,
			blocks: [{ type: 'table', columns: [{ label: 'Encabezado', width: 1 }], rows }]
		});
		const fonts = await pdfItemFonts(bytes);
		const regular = fonts.get('Fila 1');
		expect(regular).toBeDefined();
		for (let i = 1; i <= 80; i++) expect(fonts.get(`Fila ${i}`), `Fila ${i}`).toBe(regular);
		expect(fonts.get('Encabezado')).not.toBe(regular);
	});
});
