import { error } from '@sveltejs/kit';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { latestPracticeAnswers } from '$lib/server/quiz/answers';
import { practiceAnswerAction } from '$lib/server/quiz/actions';
import { lessonReferences, questionStates } from '$lib/server/quiz/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const content = getContent();
	const lesson = content.lessons.get(params.slug);
	if (!lesson) error(404, 'There is no lesson at this address.');
	const checks = lesson.questions.filter((q) => lesson.checkIds.includes(q.id));
	const answered = locals.user
		? await latestPracticeAnswers(
				await getDatabase(),
				content,
				locals.user.id,
				lesson,
				lesson.checkIds
			)
		: {};
	return {
		lesson: {
			slug: lesson.slug,
			title: lesson.title,
			minutes: lesson.minutes,
			objectives: lesson.objectives,
			quizQuestionCount: lesson.quizIds.length
		},
		...lessonReferences(lesson, content),
		checks: questionStates(checks, answered),
		signedIn: locals.user !== null
	};
};

export const actions: Actions = {
	answer: practiceAnswerAction
};
