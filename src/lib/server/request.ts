import { error } from '@sveltejs/kit';

/** Reads a submitted form; a body that isn't a readable form is the sender's mistake, not a crash. */
export async function readForm(request: Request): Promise<FormData> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		error(400, 'The form could not be read. Reload the page and try again.');
	}
	// nobody types a NUL, and PostgreSQL can neither store nor compare text holding one
	for (const [key, value] of form) {
		if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) {
			error(
				400,
				'The form has an invisible NUL character, which can’t be saved. Type the text again by hand.'
			);
		}
	}
	return form;
}
