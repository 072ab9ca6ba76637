// The rules of a debate that need no database: stances, limits, the edit window and the shape of
// the argument shown at the top. Pure: no database, no framework.
import { STANCES, type Stance } from './vocabulary';

export { STANCES };
/** Stances a reply may take: an amendment is a proposal of its own, never an answer. */
export const REPLY_STANCES: readonly Stance[] = ['for', 'against', 'question', 'neutral'];

export const TITLE_MAX = 160;
export const BODY_MAX = 5000;
export const REASON_MAX = 500;
export const PASSAGE_MAX = 1000;
export const PROPOSAL_MAX = 2000;
/** An author may correct a post this long after writing it; every earlier text is kept. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

export function isStance(value: unknown): value is Stance {
	return (STANCES as readonly unknown[]).includes(value);
}

export function withinEditWindow(createdAt: number, now: number): boolean {
	return now - createdAt <= EDIT_WINDOW_MS;
}

export interface ShapePost {
	id: number;
	parentId: number | null;
	stance: Stance;
	hidden: boolean;
	supports: number;
}

export interface ArgumentShape {
	for: number;
	against: number;
	questions: number;
	amendments: number;
	/** The most supported arguments for and against (with at least one support), best first. */
	topFor: number[];
	topAgainst: number[];
	/** Questions nobody has answered yet, oldest first. */
	openQuestions: number[];
}

const TOP = 3;

/** Counts what is visible: a hidden post is not an argument anyone can weigh. */
export function argumentShape(posts: readonly ShapePost[]): ArgumentShape {
	const visible = posts.filter((p) => !p.hidden);
	const top = visible.filter((p) => p.parentId === null);
	const answered = new Set(visible.filter((p) => p.parentId !== null).map((p) => p.parentId));
	const best = (stance: Stance) =>
		top
			.filter((p) => p.stance === stance && p.supports > 0)
			.sort((a, b) => b.supports - a.supports || a.id - b.id)
			.slice(0, TOP)
			.map((p) => p.id);
	const count = (stance: Stance) => top.filter((p) => p.stance === stance).length;
	return {
		for: count('for'),
		against: count('against'),
		questions: count('question'),
		amendments: count('amendment'),
		topFor: best('for'),
		topAgainst: best('against'),
		openQuestions: top
			.filter((p) => p.stance === 'question' && !answered.has(p.id))
			.sort((a, b) => a.id - b.id)
			.map((p) => p.id)
	};
}
