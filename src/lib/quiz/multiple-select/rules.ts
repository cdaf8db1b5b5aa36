// Kept apart from question.ts so the component can show it without bundling zod into the page.
/** Shown to students beside the question, so the scoring rule is never a surprise. */
export const partialCreditRule =
	'Each right choice earns an equal share of the point. Each wrong choice takes one share away. Your score never goes below 0.';
