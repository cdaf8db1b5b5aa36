import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status, message }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	if (status >= 500) console.error(`[${errorId}]`, error);
	return { message: status >= 500 ? 'Something went wrong in the page.' : message, errorId };
};
