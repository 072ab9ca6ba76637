// fontkit 2 ships no types; Minka uses only this much of it (src/lib/server/pdf-fonts.ts).
declare module 'fontkit' {
	export interface Font {
		hasGlyphForCodePoint(codePoint: number): boolean;
	}
	export function create(buffer: Buffer): Font;
}
