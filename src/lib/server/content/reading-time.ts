import { questionTypes, type Question } from '../../quiz/registry';

/**
 * Reading pace for lesson prose, in words per minute: a quarter of grade-9 students read grade-level
 * text with comprehension slower than 141 wpm (Spichtig et al. 2016, Reading Research Quarterly 51(2)),
 * and a period is planned for the whole class, not its median reader.
 */
export const WORDS_PER_MINUTE = 140;

/** The most a lesson's core path may take: one class period. */
export const PERIOD_MINUTES = 50;

/**
 * Words a student reads in lesson Markdown: front matter, the script block, tag names and
 * attributes are not read, so they do not count; the text inside a tag (a Term) does.
 */
export function countWords(markdown: string): number {
	const prose = markdown
		.replace(/^---\n[\s\S]*?\n---\n/, '')
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<[^>]*>/g, ' ');
	return prose.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** A question's minutes: its own `minutes` when the bank sets them, else its type's usual time. */
export function questionMinutes(question: Question): number {
	const type = questionTypes[question.type] as { minutesToAnswer(q: Question): number };
	return question.minutes ?? type.minutesToAnswer(question);
}

/** Minutes for reading `words` and answering `questions`, unrounded so parts can be added first. */
export function exactMinutes(words: number, questions: Question[]): number {
	return words / WORDS_PER_MINUTE + questions.reduce((sum, q) => sum + questionMinutes(q), 0);
}

/** Whole minutes, rounded up: an estimate a teacher plans a period by should not come up short. */
export function wholeMinutes(exact: number): number {
	return Math.max(0, Math.ceil(exact - 1e-9));
}
