import { error } from '@sveltejs/kit';
import { requireTeacher } from '$lib/server/auth/guards';
import { getContent } from '$lib/server/content';
import { rubricOf, typeLabel } from '$lib/quiz/registry';
import { answerKeyText } from '$lib/server/quiz/key';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireTeacher(event);
	const content = getContent();
	if (!content.module) error(404, 'This module has no teacher guide yet.');
	const guideBySlug = new Map(content.module.teacherGuide.lessons.map((l) => [l.slug, l]));
	const lessons = content.lessonsInOrder
		.filter((lesson) => lesson.questions.length > 0)
		.map((lesson) => ({
			slug: lesson.slug,
			title: lesson.title,
			coreMinutes: lesson.coreMinutes,
			extensionMinutes: lesson.extensionMinutes,
			objectives: lesson.objectives,
			discussionPrompts: guideBySlug.get(lesson.slug)?.discussionPrompts ?? [],
			teachingNotes: guideBySlug.get(lesson.slug)?.teachingNotes ?? [],
			questions: lesson.questions.map((question) => ({
				id: question.id,
				typeLabel: typeLabel(question.type),
				bloom: question.bloom,
				prompt: question.prompt,
				placement: lesson.extensionCheckIds.includes(question.id)
					? 'extension check'
					: lesson.checkIds.includes(question.id)
						? 'inline check'
						: 'end-of-lesson quiz',
				key: answerKeyText(question),
				explanation: question.explanation,
				evidence: question.evidence.map((e) => ('fact' in e ? e.fact : e.paragraph)),
				rubric: rubricOf(question),
				frames: 'frames' in question ? (question.frames ?? []) : []
			}))
		}));
	const {
		overview,
		standards = [],
		background = [],
		accommodations = []
	} = content.module.teacherGuide;
	return { overview, standards, background, accommodations, lessons };
};
