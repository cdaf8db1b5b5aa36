/** The form field that carries a question's answer (or one part of it: an item, a position). */
export function answerField(questionId: string, part?: string): string {
	return part === undefined ? questionId : `${questionId}.${part}`;
}

/** Longest text any single answer field may hold; written answers have their own, larger limit. */
export const maxFieldLength = 200;

/** Text values of a field; a file or an over-long value makes the whole answer malformed. */
export function readTextValues(
	form: FormData,
	name: string,
	maxLength = maxFieldLength
): { ok: true; values: string[] } | { ok: false } {
	const values: string[] = [];
	for (const value of form.getAll(name)) {
		if (typeof value !== 'string' || value.length > maxLength) return { ok: false };
		values.push(value);
	}
	return { ok: true, values };
}
