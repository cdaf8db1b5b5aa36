import { m } from '$lib/i18n';
import { parseSourceFilter } from '$lib/server/answers/read-model';
import { requireOwnClass } from '$lib/server/classes/access';
import { classMembersOf } from '$lib/server/classes/classes';
import {
	discriminationVerdict,
	mostChosenWrong,
	questionStatistics
} from '$lib/server/classes/item-statistics';
import { questionTypes } from '$lib/quiz/registry';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const members = await classMembersOf(db, classRow.id);
	// ?source= narrows the figures to practice, quiz or live review answers; anything else means all
	const source = parseSourceFilter(event.url.searchParams.get('source'));
	const lessons = await questionStatistics(db, getContent(), classRow.id, members, source);
	return {
		students: members.length,
		source,
		classWorkScope: m.grading_class_work_scope(),
		lessons: lessons.map((lesson) => ({
			...lesson,
			questions: lesson.questions.map((question) => ({
				...question,
				typeLabel: questionTypes[question.type].label,
				/** one answer may tick several options, so the bars add up to more than the answers */
				several: questionTypes[question.type].countsSeveralChoices,
				keyLabel: questionTypes[question.type].gradedByTeacher
					? m.questions_model_answer()
					: m.questions_right_answer(),
				verdict: discriminationVerdict(question),
				mostWrong: mostChosenWrong(question.options)
			}))
		}))
	};
};
