import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { quizAttemptReview } from '$lib/server/quiz/own-answers';
import { questionStates } from '$lib/server/quiz/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const content = getContent();
	const lesson = content.lessons.get(event.params.slug);
	if (!lesson) error(404, 'There is no lesson at this address.');
	const review = await quizAttemptReview(
		await getDatabase(),
		content,
		user.id,
		lesson.slug,
		event.params.attemptId
	);
	// someone else's attempt looks exactly like a missing one
	if (!review) error(404, 'There is no such quiz attempt.');
	const questions = lesson.questions.filter((q) => review.questionIds.includes(q.id));
	return {
		lesson: { slug: lesson.slug, title: lesson.title },
		attempt: review.attempt,
		questionIds: review.questionIds,
		questions: questionStates(questions, review.answered)
	};
};
