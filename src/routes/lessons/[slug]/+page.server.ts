import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { latestPracticeAnswers } from '$lib/server/quiz/own-answers';
import { practiceAnswerAction } from '$lib/server/quiz/actions';
import { lessonReferences, questionStates } from '$lib/server/quiz/pages';
import { markSectionReadAction } from '$lib/server/progress/actions';
import { lessonProgress } from '$lib/server/progress/progress';
import { readerTimeZone } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const content = getContent();
	const lesson = content.lessons.get(params.slug);
	if (!lesson) error(404, m.lesson_not_found());
	const checks = lesson.questions.filter((q) => lesson.checkIds.includes(q.id));
	const db = await getDatabase();
	const answered = locals.user
		? await latestPracticeAnswers(
				db,
				content,
				locals.user.id,
				lesson,
				lesson.checkIds,
				await readerTimeZone(db, locals.user)
			)
		: {};
	const progress = locals.user
		? (await lessonProgress(db, content, locals.user.id, lesson.slug))[0]
		: undefined;
	return {
		lesson: {
			slug: lesson.slug,
			title: lesson.title,
			coreMinutes: lesson.coreMinutes,
			extensionMinutes: lesson.extensionMinutes,
			checkCount: lesson.checkIds.length,
			quizQuestionCount: lesson.quizIds.length
		},
		...lessonReferences(lesson, content),
		checks: questionStates(checks, answered),
		hasAccount: locals.user !== null && !locals.user.isGuest,
		progress: {
			sections: lesson.sections,
			readSectionIds: progress?.readSectionIds ?? [],
			hasQuiz: lesson.quizIds.length > 0,
			quizSubmitted: progress?.quizSubmitted ?? false,
			// only someone with a record (a student, teacher or guest) has reading to keep
			tracked: locals.user !== null
		}
	};
};

export const actions: Actions = {
	answer: practiceAnswerAction,
	markRead: markSectionReadAction
};
