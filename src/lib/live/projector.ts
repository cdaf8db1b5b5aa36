/**
 * Pure rules of the projector's screens: the podium's order, how many nickname chips show, the class's
 * share of right answers.
 */

/** The podium left to right: 2nd, 1st, 3rd (as many as there are players, at most three). */
export function podiumOrder<T>(ranked: T[]): { entry: T; place: 1 | 2 | 3 }[] {
	const [first, second, third] = ranked;
	const order: { entry: T | undefined; place: 1 | 2 | 3 }[] = [
		{ entry: second, place: 2 },
		{ entry: first, place: 1 },
		{ entry: third, place: 3 }
	];
	return order.filter((step): step is { entry: T; place: 1 | 2 | 3 } => step.entry !== undefined);
}

/**
 * How many nickname chips to show when `fitting` of `total` fit the screen: all when all fit, otherwise one
 * fewer than fit, so the "+N more" chip has a place of its own.
 */
export function chipsShown(total: number, fitting: number): number {
	if (fitting >= total) return total;
	return Math.max(0, fitting - 1);
}

/** How many chips fit a box: those whose bottom edge is inside its height (the list wraps in rows). */
export function chipsFitting(bottoms: number[], boxHeight: number): number {
	const inside = bottoms.findIndex((bottom) => bottom > boxHeight + 1);
	return inside === -1 ? bottoms.length : inside;
}

/** A share as a whole percentage; 0 of nothing is 0%. */
export function percent(part: number, whole: number): number {
	return whole > 0 ? Math.round((100 * part) / whole) : 0;
}

interface Bar {
	id: string;
	correct: boolean;
	count: number;
}

/**
 * How many of this question's answers were right, from its chart: with one bar per choice, the right
 * choices' bars; with bars by score, the "correct" bar; null when an answer can fall in several bars.
 */
export function rightAnswers(bars: Bar[], oneBarPerAnswer: boolean): number | null {
	if (oneBarPerAnswer) {
		return bars.filter((bar) => bar.correct).reduce((sum, bar) => sum + bar.count, 0);
	}
	return bars.find((bar) => bar.id === 'correct')?.count ?? null;
}

/** What a key does on the projector (the button of that name is clicked); null: the key is not ours. */
export type ProjectorShortcut =
	'next' | 'reveal' | 'pause' | 'end' | 'fullscreen' | 'confirm-end' | 'cancel-end';

export interface ShortcutKey {
	key: string;
	altKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
	shiftKey: boolean;
}

/**
 * The shortcut a key press stands for. Never with a modifier (the browser's own shortcuts), and never
 * while typing in a form field or on a button or link, where Enter and Escape already mean something.
 */
export function shortcutFor(
	press: ShortcutKey,
	target: { typing: boolean; onControl: boolean },
	confirmingEnd: boolean
): ProjectorShortcut | null {
	if (press.altKey || press.ctrlKey || press.metaKey || press.shiftKey || target.typing)
		return null;
	if (confirmingEnd) {
		if (press.key === 'Escape') return 'cancel-end';
		if (press.key === 'Enter') return target.onControl ? null : 'confirm-end';
	}
	switch (press.key.length === 1 ? press.key.toLowerCase() : press.key) {
		case 'n':
		case 'ArrowRight':
			return 'next';
		case 'r':
			return 'reveal';
		case 'p':
			return 'pause';
		case 'e':
			return 'end';
		case 'f':
			return 'fullscreen';
		default:
			return null;
	}
}
