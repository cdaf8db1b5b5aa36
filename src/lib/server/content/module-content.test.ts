import { describe, expect, it } from 'vitest';
import { gradedByTeacher, rubricOf } from '../../quiz/registry';
import { responseClasses } from '../../quiz/summary';
import { buildContent } from './build';
import { readContentFiles } from './content-files';

// The real module, as students get it: these are the content issue's acceptance numbers.
const { content, errors } = buildContent(readContentFiles());
const lessons = [...content.lessons.values()].filter((lesson) => lesson.questions.length > 0);

describe('the module content', () => {
	it('is valid', () => {
		expect(errors.map((e) => e.message)).toEqual([]);
	});

	it('has at least four lessons and forty questions', () => {
		expect(lessons.length).toBeGreaterThanOrEqual(4);
		expect(content.questions.size).toBeGreaterThanOrEqual(40);
	});

	it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))(
		'%s: ≥ 10 questions over ≥ 4 types, reaching analyze or evaluate, one written response with a 4-level rubric',
		(_slug, lesson) => {
			expect(lesson.questions.length).toBeGreaterThanOrEqual(10);
			expect(new Set(lesson.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(4);
			expect(lesson.questions.some((q) => q.bloom === 'analyze' || q.bloom === 'evaluate')).toBe(
				true
			);
			const written = lesson.questions.filter(gradedByTeacher);
			expect(written).toHaveLength(1);
			expect(written[0] && rubricOf(written[0])?.map((r) => r.level)).toEqual([0, 1, 2, 3]);
			expect(lesson.objectives.length).toBeGreaterThanOrEqual(3);
			expect(lesson.checkIds.length).toBeGreaterThanOrEqual(2);
		}
	);

	it('cites evidence on every question and gives feedback on every wrong option', () => {
		for (const { question } of content.questions.values()) {
			expect(question.evidence.length, question.id).toBeGreaterThan(0);
			if ('options' in question) {
				// a choice type's chart has one bar per option, the right ones marked
				const right = new Set(
					responseClasses(question)
						.filter((bar) => bar.correct)
						.map((bar) => bar.id)
				);
				expect(right.size, question.id).toBeGreaterThan(0);
				for (const option of question.options.filter((o) => !right.has(o.id))) {
					expect(option.feedback, `${question.id}/${option.id}`).toBeTruthy();
				}
			}
		}
	});

	it('has a module page, a 2006–2025 timeline and a teacher guide for every lesson', () => {
		expect(content.module?.compellingQuestion).toMatch(
			/funding and working alongside security forces/
		);
		const dates = content.module?.timeline.map((event) => event.date) ?? [];
		expect(dates[0]?.slice(0, 4)).toBe('2006');
		expect(Number(dates.at(-1)?.slice(0, 4))).toBeGreaterThanOrEqual(2022);
		const guided = new Set(content.module?.teacherGuide.lessons.map((l) => l.slug));
		for (const lesson of lessons) expect(guided.has(lesson.slug), lesson.slug).toBe(true);
		expect(content.glossary.size).toBeGreaterThanOrEqual(20);
	});
});
