/**
 * A lesson's title as a short list shows it: the words before its first colon, or through its first
 * question mark ("Read laterally: check the article…" → "Read laterally"); the whole title otherwise.
 */
export function shortLessonTitle(title: string): string {
	const match = /^(.{3,}?)(?::\s|\?\s)/.exec(title);
	if (!match?.[1]) return title;
	return title.charAt(match[1].length) === '?' ? `${match[1]}?` : match[1];
}
