import { loadAttemptReview } from '$lib/server/quiz/quiz-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadAttemptReview(event);
