import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';

/**
 * A field's name in messages. Pass a function (`() => m.x()`) so the name is read in the request's
 * language: a schema is built once, at module load, but its messages are made when a form is parsed.
 */
export type FieldLabel = string | (() => string);
const labelText = (label: FieldLabel) => (typeof label === 'function' ? label() : label);

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
export function invisibleTextProblem(field: FieldLabel, text: string): string | null {
	const label = () => labelText(field);
	if (text !== '' && nothingVisible.test(text)) return m.form_no_visible({ label: label() });
	if (controlCharacter.test(text)) return m.form_control_characters({ label: label() });
	if (formatCharacter.test(text.replace(emojiJoiner, ''))) {
		return m.form_format_characters({ label: label() });
	}
	return null;
}

/** A required text field, trimmed and in NFC ("é" typed either way is one name), with clear messages. */
export function textField(field: FieldLabel, { min = 1, max }: { min?: number; max: number }) {
	const label = () => labelText(field);
	return z
		.string({ error: () => m.form_must_be_text({ label: label() }) })
		.trim()
		.normalize('NFC')
		.min(min, {
			error: () =>
				min === 1 ? m.form_required({ label: label() }) : m.form_min_length({ label: label(), min })
		})
		.max(max, { error: () => m.form_max_length({ label: label(), max }) })
		.check((ctx) => {
			const problem = invisibleTextProblem(field, ctx.value);
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
