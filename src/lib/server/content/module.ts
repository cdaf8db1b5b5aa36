import { z } from 'zod';
import type { Fact } from './facts';
import { ContentError, type SourceDocument } from './source';
import { readYaml, zodIssuesToErrors } from './yaml-file';

const text = z.string().trim().min(1);

const moduleSchema = z.strictObject({
	title: text,
	compellingQuestion: text,
	introduction: text,
	outcomes: z.array(text).min(1),
	supportingQuestions: z.array(text).min(1),
	timeline: z
		.array(
			z.strictObject({
				date: z
					.string()
					.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "dates look like '2014', '2014-09' or '2014-09-26'"),
				label: text,
				paragraphs: z.array(z.string()).optional(),
				facts: z.array(z.string()).optional(),
				status: z.enum(['confirmed', 'alleged', 'article-claim'])
			})
		)
		.min(1),
	teacherGuide: z.strictObject({
		overview: text,
		/** the standards the module teaches to, each with the wording checked and where the module meets it */
		standards: z
			.array(
				z.strictObject({
					framework: z.enum(['C3', 'CCSS']),
					code: z.string().regex(/^(D\d(\.[A-Z][a-z]+)?\.\d+\.9-12|RH\.9-10\.\d+)$/),
					wording: text,
					where: text
				})
			)
			.optional(),
		/** short background for the teacher, each part with the sources it rests on */
		background: z
			.array(z.strictObject({ title: text, body: z.array(text).min(1), sources: z.array(z.url()) }))
			.optional(),
		accommodations: z.array(text).optional(),
		lessons: z.array(
			z.strictObject({
				slug: z.string(),
				discussionPrompts: z.array(text).min(1),
				teachingNotes: z.array(text).min(1)
			})
		)
	})
});

export type ModuleContent = z.infer<typeof moduleSchema>;
export type TimelineEvent = ModuleContent['timeline'][number];

/** Reads lessons/module.yaml and checks its references to paragraphs, facts and lessons. */
export function parseModule(
	file: { file: string; text: string },
	source: SourceDocument | undefined,
	facts: Map<string, Fact>,
	lessonSlugs: Set<string>
): { module: ModuleContent | null; errors: ContentError[] } {
	const yaml = readYaml(file.text, file.file);
	const parsed = moduleSchema.safeParse(yaml.data);
	if (!parsed.success)
		return { module: null, errors: zodIssuesToErrors(yaml, parsed.error.issues) };
	const errors: ContentError[] = [];
	parsed.data.timeline.forEach((event, index) => {
		for (const id of event.paragraphs ?? []) {
			if (!source?.paragraphs.has(id)) {
				errors.push(
					new ContentError(
						file.file,
						yaml.lineOf(['timeline', index, 'paragraphs']),
						`"${id}" is not a body paragraph`
					)
				);
			}
		}
		for (const id of event.facts ?? []) {
			if (!facts.has(id)) {
				errors.push(
					new ContentError(
						file.file,
						yaml.lineOf(['timeline', index, 'facts']),
						`unknown fact-sheet entry "${id}"`
					)
				);
			}
		}
		const previous = parsed.data.timeline[index - 1];
		if (previous && previous.date > event.date) {
			errors.push(
				new ContentError(
					file.file,
					yaml.lineOf(['timeline', index, 'date']),
					`timeline is out of order: ${event.date} comes after ${previous.date}`
				)
			);
		}
	});
	parsed.data.teacherGuide.lessons.forEach((lesson, index) => {
		if (!lessonSlugs.has(lesson.slug)) {
			errors.push(
				new ContentError(
					file.file,
					yaml.lineOf(['teacherGuide', 'lessons', index, 'slug']),
					`no lesson has the slug "${lesson.slug}"`
				)
			);
		}
	});
	return { module: parsed.data, errors };
}
