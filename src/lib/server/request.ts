import { error } from '@sveltejs/kit';

/** Reads a submitted form; a body that isn't a readable form is the sender's mistake, not a crash. */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, 'The form could not be read. Reload the page and try again.');
	}
}
