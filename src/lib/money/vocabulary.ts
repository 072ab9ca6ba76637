// The money area's words: accounts, movements, kinds of income, funding sources, and the limits
// the server checks and the forms repeat (maxlength). Pure and browser-safe.
import { SOURCES, type Source } from '$lib/drafts/budget';

export const ACCOUNT_KINDS = ['bank', 'cash'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const MOVEMENT_KINDS = ['income', 'expense', 'transfer'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Where income comes from (domain.md §2.5). */
export const INCOME_KINDS = [
	'tranche',
	'counterpart',
	'municipality',
	'sales',
	'fines',
	'other'
] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export { SOURCES, type Source };
/** The sources an expense in money can be charged to; in-kind counterpart is labour, not cash. */
export const SPENDING_SOURCES: readonly Source[] = ['par', 'cash', 'municipality'];

export { AMOUNT_MAX } from './amount';
export const ACCOUNT_NAME_MAX = 80;
export const DESCRIPTION_MAX = 300;
export const SUPPLIER_MAX = 120;
export const RECEIPT_NUMBER_MAX = 40;
/** An observation of the vigilance committee, or the treasurer's answer. */
export const REVIEW_NOTE_MAX = 2000;
export const RECEIPT_MAX_BYTES = 8 * 1024 * 1024;

export function isAccountKind(value: unknown): value is AccountKind {
	return (ACCOUNT_KINDS as readonly unknown[]).includes(value);
}
export function isMovementKind(value: unknown): value is MovementKind {
	return (MOVEMENT_KINDS as readonly unknown[]).includes(value);
}
export function isIncomeKind(value: unknown): value is IncomeKind {
	return (INCOME_KINDS as readonly unknown[]).includes(value);
}
export function isSpendingSource(value: unknown): value is Source {
	return (SPENDING_SOURCES as readonly unknown[]).includes(value);
}

/** Supplier and receipt number as compared for duplicates: case, accents, spaces and zeros aside. */
export function supplierKey(supplier: string, number: string): string {
	const norm = (s: string) =>
		s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]/g, '');
	// "Nº 00123", "Nro. 123" and "123" are the same receipt.
	const n = norm(number)
		.replace(/^(?:nro|no|n)(?=\d)/, '')
		.replace(/^0+(?=.)/, '');
	return `${norm(supplier)}#${n}`;
}

/** A movement as the ledger pages show it: amounts in centavos, names rather than ids. */
export interface MovementView {
	seq: number;
	kind: MovementKind;
	incomeKind: string | null;
	account: string;
	toAccount: string | null;
	amount: number;
	date: string;
	description: string;
	lineId: string | null;
	lineCode: string | null;
	source: string | null;
	supplier: string | null;
	receiptNumber: string | null;
	receiptId: number | null;
	receiptMime: string | null;
	household: string | null;
	witness: string | null;
	reverses: number | null;
	reversedBy: number | null;
	hash: string;
}
