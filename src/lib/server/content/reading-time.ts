/** Silent reading speed for lesson prose, in words per minute. */
export const WORDS_PER_MINUTE = 200;
/** Time for one question: reading it, answering and reading the feedback. */
export const MINUTES_PER_QUESTION = 1;

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

/** A lesson's time in whole minutes, at least one: its words read at 200 a minute, plus a minute a question. */
export function estimateMinutes(words: number, questions: number): number {
	return Math.max(1, Math.round(words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION));
}
