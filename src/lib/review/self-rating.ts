/** How a student rates their own recall of a written answer in review; client-safe, no answers here. */
export const selfRatings = [
	{ value: 'again', label: 'Again', hint: 'I could not answer it' },
	{ value: 'hard', label: 'Hard', hint: 'I got part of it, with effort' },
	{ value: 'good', label: 'Good', hint: 'I knew it' },
	{ value: 'easy', label: 'Easy', hint: 'I knew it at once' }
] as const;

export type SelfRating = (typeof selfRatings)[number]['value'];

export function isSelfRating(value: unknown): value is SelfRating {
	return selfRatings.some((rating) => rating.value === value);
}
