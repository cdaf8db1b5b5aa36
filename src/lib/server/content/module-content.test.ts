import { describe, expect, it } from 'vitest';
import { gradedByTeacher, rubricOf } from '../../quiz/registry';
import { responseClasses } from '../../quiz/summary';
import { buildContent } from './build';
import { readContentFiles } from './content-files';

// The real module, as students get it: these are the content issue's acceptance numbers.
const { content, errors, editorial } = buildContent(readContentFiles());
// the numbered lessons; "Start here" (00) opens the module with the students' own questions
const lessons = content.lessonsInOrder.filter(
	(lesson) => lesson.number > 0 && lesson.questions.length > 0
);

describe('the module content', () => {
	it('is valid', () => {
		expect(errors.map((e) => e.message)).toEqual([]);
	});

	it('follows every editorial rule: a core path fits a period, every lesson reaches Create, every question cites the article, no reposts', () => {
		expect(editorial.map((e) => e.message)).toEqual([]);
	});

	it('has seven lessons after "Start here", among them the packet, after 2014 and the final inquiry', () => {
		expect(lessons.map((lesson) => lesson.slug)).toEqual([
			'sourcing-the-article',
			'read-laterally',
			'guns-money-and-people',
			'corruption-on-both-sides',
			'accountability',
			'after-2014',
			'final-inquiry'
		]);
		expect(content.documents.size).toBeGreaterThanOrEqual(8);
		expect(content.lessons.get('read-laterally')?.documentIds.length).toBeGreaterThanOrEqual(8);
	});

	it('opens with the students writing their own questions', () => {
		const start = content.lessonsInOrder[0];
		expect(start?.slug).toBe('start-here');
		expect(start?.questions.some((q) => gradedByTeacher(q) && q.bloom === 'create')).toBe(true);
	});

	it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))(
		'%s: ≥ 8 questions over ≥ 4 types, written responses with 4-level rubrics',
		(_slug, lesson) => {
			expect(lesson.questions.length).toBeGreaterThanOrEqual(8);
			expect(new Set(lesson.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(4);
			const written = lesson.questions.filter(gradedByTeacher);
			expect(written.length).toBeGreaterThanOrEqual(1);
			for (const question of written)
				expect(
					rubricOf(question)?.map((r) => r.level),
					question.id
				).toEqual([0, 1, 2, 3]);
			expect(lesson.objectives.length).toBeGreaterThanOrEqual(2);
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
