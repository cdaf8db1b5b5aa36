import { error } from '@sveltejs/kit';
import { requireTeacher } from '$lib/server/auth/guards';
import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import { rubricOf, typeLabel } from '$lib/quiz/registry';
import type { BloomLevel } from '$lib/quiz/types';
import { answerKeyText } from '$lib/server/quiz/key';
import type { PageServerLoad } from './$types';

/** A question's Bloom level as teachers read it, in the request's language. */
function bloomLabel(level: BloomLevel): string {
	return {
		remember: m.guide_bloom_remember,
		understand: m.guide_bloom_understand,
		apply: m.guide_bloom_apply,
		analyze: m.guide_bloom_analyze,
		evaluate: m.guide_bloom_evaluate,
		create: m.guide_bloom_create
	}[level]();
}

export const load: PageServerLoad = (event) => {
	requireTeacher(event);
	const content = getContent();
	if (!content.module) error(404, m.guide_missing());
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
				bloom: bloomLabel(question.bloom),
				prompt: question.prompt,
				placement: lesson.extensionCheckIds.includes(question.id)
					? m.guide_placement_extension()
					: lesson.checkIds.includes(question.id)
						? m.guide_placement_inline()
						: m.guide_placement_quiz(),
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
