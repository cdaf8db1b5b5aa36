import { m } from '$lib/i18n';

/**
 * How a student rates their own recall of a written answer in review; client-safe, no answers here. The
 * label and hint are read when shown, in the reader's language.
 */
export const selfRatings = [
	{ value: 'again', label: m.review_rating_again, hint: m.review_rating_again_hint },
	{ value: 'hard', label: m.review_rating_hard, hint: m.review_rating_hard_hint },
	{ value: 'good', label: m.review_rating_good, hint: m.review_rating_good_hint },
	{ value: 'easy', label: m.review_rating_easy, hint: m.review_rating_easy_hint }
] as const;

export type SelfRating = (typeof selfRatings)[number]['value'];

export function isSelfRating(value: unknown): value is SelfRating {
	return selfRatings.some((rating) => rating.value === value);
}
