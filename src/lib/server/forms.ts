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

/** A required text field, trimmed, with messages a person can act on. */
export function textField(label: string, { min = 1, max }: { min?: number; max: number }) {
	return z
		.string({ error: `${label} must be text.` })
		.trim()
		.min(min, min === 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`)
		.max(max, `${label} can be at most ${max} characters.`);
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
