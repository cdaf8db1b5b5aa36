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

/** Control characters (a tab aside), which break a line or beep rather than show. */
const controlCharacter = /(?!\t)\p{Cc}/u;
/** Format characters (Unicode Cf): zero-width spaces, direction marks and overrides, soft hyphens, tags. */
const formatCharacter = /\p{Cf}/u;
/** A zero-width joiner between two emoji draws one emoji (👩‍🏫), so it is the one format character kept. */
const emojiJoiner =
	/(?<=\p{Extended_Pictographic}(?:\u{fe0f}|\p{Emoji_Modifier})?)\u200d(?=\p{Extended_Pictographic})/gu;
/** Only spaces and invisible format characters such as the zero-width space: nothing a reader would see. */
const nothingVisible = /^[\s\p{Cf}]*$/u;

/**
 * Why a one-line text a person typed (a name) can't be kept as it is, or null when it can. Invisible
 * characters let two names that look the same differ ("Ana" and "Ana\u200b"), so they are refused, not dropped.
 */
export function invisibleTextProblem(label: string, text: string): string | null {
	if (text !== '' && nothingVisible.test(text)) return `${label} has no visible characters.`;
	if (controlCharacter.test(text)) {
		return `${label} has invisible or control characters. Type it again by hand.`;
	}
	if (formatCharacter.test(text.replace(emojiJoiner, ''))) {
		return `${label} has invisible characters (such as a zero-width space). Type it again by hand.`;
	}
	return null;
}

/** A required text field, trimmed and in NFC ("é" typed either way is one name), with clear messages. */
export function textField(label: string, { min = 1, max }: { min?: number; max: number }) {
	return z
		.string({ error: `${label} must be text.` })
		.trim()
		.normalize('NFC')
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
