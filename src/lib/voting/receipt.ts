// A secret ballot's receipt: 16 characters of base32 in groups of four ("ABCD-EFGH-JKLM-NPQR").
// People copy it by hand, read it aloud, type it on a phone: it is found however it is typed.

const RECEIPT = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/;

/** "abcd efgh jklmnpqr" → "ABCD-EFGH-JKLM-NPQR"; what is not 16 characters stays as cleaned. */
export function normalizeReceipt(input: string): string {
	const clean = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return clean.length === 16 ? clean.match(/.{4}/g)!.join('-') : clean;
}

export function isReceipt(text: string): boolean {
	return RECEIPT.test(text);
}
