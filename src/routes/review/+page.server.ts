import { loadReview, reviewAnswerAction } from '$lib/server/review/actions';
import type { Actions, PageServerLoad } from './$types';

// guests (a visitor's record) are signed in too, so their review works before they make an account
export const load: PageServerLoad = (event) => loadReview(event);

export const actions: Actions = { answer: reviewAnswerAction };
