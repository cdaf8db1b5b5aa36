import { fail } from '@sveltejs/kit';
import { z } from 'zod';

export type FormResult<T> =
	{ ok: true; data: T } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** Validates a submitted form against a zod schema; files where text belongs count as wrong input. */
export function parseForm<T extends z.ZodType>(
	schema: T,
	formData: FormData
): FormResult<z.output<T>> {
	const values: Record<string, FormDataEntryValue> = {};
	for (const [key, value] of formData) if (!(key in values)) values[key] = value;
	const parsed = schema.safeParse(values);
	if (parsed.success) return { ok: true, data: parsed.data };
	const fieldErrors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		fieldErrors[field] ??= issue.message;
	}
	return { ok: false, message: Object.values(fieldErrors).join(' '), fieldErrors };
}

/** Control characters (a tab aside) and direction overrides, which reorder the text around a name on a page. */
const hiddenCharacter = /(?!\t)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** Only spaces and invisible format characters such as the zero-width space: nothing a reader would see. */
const nothingVisible = /^[\s\p{Cf}]*$/u;

/** Why a one-line text a person typed (a name) can't be kept as it is, or null when it can. */
export function invisibleTextProblem(label: string, text: string): string | null {
	if (hiddenCharacter.test(text)) {
		return `${label} has invisible or control characters. Type it again by hand.`;
	}
	if (text !== '' && nothingVisible.test(text)) return `${label} has no visible characters.`;
	return null;
}

/** A required text field, trimmed, with messages a person can act on. */
export function textField(label: string, { min = 1, max }: { min?: number; max: number }) {
	return z
		.string({ error: `${label} must be text.` })
		.trim()
		.min(min, min === 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`)
		.max(max, `${label} can be at most ${max} characters.`)
		.check((ctx) => {
			const problem = invisibleTextProblem(label, ctx.value);
			if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
		});
}

/** The one shape every failed form action returns: a message, per-field messages, safe values to refill. */
export function formFailure<Values extends Record<string, string>>(
	status: 400 | 403 | 404 | 409 | 413 | 429,
	message: string,
	fieldErrors: Record<string, string> = {},
	values: Values = {} as Values
) {
	return fail(status, { message, fieldErrors, values });
}
