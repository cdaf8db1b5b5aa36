import { error } from '@sveltejs/kit';
import { showDate } from '$lib/dates';
import { requireUser } from '$lib/server/auth/guards';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { quizAttemptReview } from '$lib/server/quiz/own-answers';
import { questionStates } from '$lib/server/quiz/pages';
import { readerTimeZone } from '$lib/server/time-zones';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const content = getContent();
	const lesson = content.lessons.get(event.params.slug);
	if (!lesson) error(404, 'There is no lesson at this address.');
	const db = await getDatabase();
	const zone = await readerTimeZone(db, user);
	const review = await quizAttemptReview(
		db,
		content,
		user.id,
		lesson.slug,
		event.params.attemptId,
		zone
	);
	// someone else's attempt looks exactly like a missing one
	if (!review) error(404, 'There is no such quiz attempt.');
	const { submittedAt, ...attempt } = review.attempt;
	const questions = lesson.questions.filter((q) => review.questionIds.includes(q.id));
	return {
		lesson: { slug: lesson.slug, title: lesson.title },
		attempt: { ...attempt, submitted: showDate(submittedAt, zone, 'dateTime') },
		questionIds: review.questionIds,
		questions: questionStates(questions, review.answered)
	};
};
