import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const content = getContent();
	const lessons = content.lessonsInOrder;
	return {
		module: content.module
			? {
					title: content.module.title,
					introduction: content.module.introduction,
					compellingQuestion: content.module.compellingQuestion,
					outcomes: content.module.outcomes,
					supportingQuestions: content.module.supportingQuestions
				}
			: null,
		lessons: lessons.map((lesson) => ({
			slug: lesson.slug,
			number: lesson.number,
			title: lesson.title,
			summary: lesson.summary,
			coreMinutes: lesson.coreMinutes,
			extensionMinutes: lesson.extensionMinutes,
			questionCount: lesson.questions.length
		})),
		isTeacher: locals.user?.role === 'teacher' || locals.user?.role === 'admin'
	};
};
