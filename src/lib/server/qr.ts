import { renderSVG } from 'uqr';

/**
 * A QR code as an SVG element, to be scanned from a phone or a projected screen. The input is a
 * URL built by the app, never user text, so the markup is safe to embed.
 */
export function qrSvg(text: string, label: string): string {
	const svg = renderSVG(text, { ecc: 'M', border: 2, pixelSize: 8 });
	const escaped = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" `);
}
