// Kept apart from question.ts so the component can use it without bundling zod into the page.
/** The longest text the answer box accepts. */
export const maxNumericLength = 40;
