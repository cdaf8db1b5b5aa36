import { requireOwnClass } from '$lib/server/classes/access';
import { classWorkScope } from '$lib/server/classes/class-work';
import { classMembersOf } from '$lib/server/classes/classes';
import { buildQuestionStatistics, loadFirstAnswers } from '$lib/server/classes/dashboard';
import { questionTypes } from '$lib/quiz/registry';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const members = await classMembersOf(db, classRow.id);
	const firstAnswers = await loadFirstAnswers(
		db,
		members.map((member) => member.id),
		classRow.id
	);
	const lessons = buildQuestionStatistics(getContent(), { members, firstAnswers });
	return {
		students: members.length,
		classWorkScope,
		lessons: lessons.map((lesson) => ({
			...lesson,
			questions: lesson.questions.map((question) => ({
				...question,
				typeLabel: questionTypes[question.type].label,
				/** one answer may tick several options, so the bars add up to more than the answers */
				several: questionTypes[question.type].countsSeveralChoices,
				keyLabel: questionTypes[question.type].gradedByTeacher ? 'Model answer' : 'Right answer'
			}))
		}))
	};
};
