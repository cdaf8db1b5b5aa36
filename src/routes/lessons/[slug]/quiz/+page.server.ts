import { error, fail, redirect } from '@sveltejs/kit';
import { showDate } from '$lib/dates';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { gradeQuiz, quizQuestions, recordQuizAttempt } from '$lib/server/quiz/answers';
import { latestPracticeAnswers, quizAttempts } from '$lib/server/quiz/own-answers';
import { practiceAnswerAction } from '$lib/server/quiz/actions';
import { questionStates } from '$lib/server/quiz/pages';
import { readForm } from '$lib/server/request';
import { currentLearner } from '$lib/server/auth/learner';
import { readerTimeZone } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const content = getContent();
	const lesson = content.lessons.get(params.slug);
	if (!lesson) error(404, 'There is no lesson at this address.');
	const mode = url.searchParams.get('mode') === 'quiz' ? 'quiz' : 'practice';
	const questions = quizQuestions(lesson);
	const db = await getDatabase();
	const zone = await readerTimeZone(db, locals.user);
	const answered =
		locals.user && mode === 'practice'
			? await latestPracticeAnswers(db, content, locals.user.id, lesson, lesson.quizIds, zone)
			: {};
	const attempts = locals.user ? await quizAttempts(db, locals.user.id, lesson.slug) : [];
	return {
		lesson: { slug: lesson.slug, title: lesson.title },
		mode,
		questionIds: questions.map((q) => q.id),
		questions: questionStates(questions, answered),
		attempts: attempts.map(({ submittedAt, ...attempt }) => ({
			...attempt,
			submitted: showDate(submittedAt, zone, 'dateTime')
		})),
		hasAccount: locals.user !== null && !locals.user.isGuest
	};
};

export const actions: Actions = {
	answer: practiceAnswerAction,
	submit: async (event) => {
		const form = await readForm(event.request);
		const content = getContent();
		const lesson = content.lessons.get(event.params.slug);
		if (!lesson) error(404, 'There is no lesson at this address.');
		// graded once, before anyone is created: an incomplete quiz makes no guest record
		const quiz = gradeQuiz(content, { lessonSlug: lesson.slug, form });
		if (!quiz.ok) {
			const answers = Object.fromEntries(
				Object.entries(quiz.answers).map(([id, answer]) => [id, { answer }])
			);
			return fail(quiz.status, {
				quizError: { message: quiz.message, problems: quiz.problems },
				quizStates: questionStates(quizQuestions(lesson), answers)
			});
		}
		const db = await getDatabase();
		// a visitor's complete quiz is kept in a guest record
		const learner = await currentLearner(db, event);
		const attemptId = await recordQuizAttempt(db, lesson, learner.id, quiz.graded, new Date());
		redirect(303, `/lessons/${lesson.slug}/quiz/attempts/${attemptId}`);
	}
};
