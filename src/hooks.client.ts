import type { HandleClientError } from '@sveltejs/kit';
import { m } from '$lib/i18n';

export const handleError: HandleClientError = ({ error, status, message }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	if (status >= 500) console.error(`[${errorId}]`, error);
	return { message: status >= 500 ? m.error_in_page() : message, errorId };
};
