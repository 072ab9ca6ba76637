// Finding a member on the attendance list as the secretary types: by name without caring for
// accents or capitals, or by ID number with or without its dots, spaces or dashes.

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('es');
const compact = (text: string) => fold(text).replace(/[.\s\-_/]/g, '');

export function matchesPerson(
	person: { name: string; id_number: string | null },
	query: string
): boolean {
	const q = query.trim();
	if (!q) return true;
	if (fold(`${person.name} ${person.id_number ?? ''}`).includes(fold(q))) return true;
	const digits = compact(q);
	return !!digits && !!person.id_number && compact(person.id_number).includes(digits);
}
