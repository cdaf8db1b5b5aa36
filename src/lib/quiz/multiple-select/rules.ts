import { m } from '$lib/i18n';

// Kept apart from question.ts so the component can show it without bundling zod into the page.
/** Shown to students beside the question, so the scoring rule is never a surprise (in the reader's language). */
export const partialCreditRule = (): string => m.question_multiple_rule();
