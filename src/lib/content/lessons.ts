import type { Component } from 'svelte';
import { z } from 'zod';

// Lesson front matter ships to the browser with the lesson, so it holds titles and timings, never answers.
const lessonMetadata = z.strictObject({
	title: z.string().min(1),
	summary: z.string().min(1),
	minutes: z.number().int().positive()
});

export type LessonMetadata = z.infer<typeof lessonMetadata>;
export interface LessonStub extends LessonMetadata {
	slug: string;
	number: number;
}

const modules = import.meta.glob<{ default: Component; metadata?: unknown }>(
	'/lessons/*/index.md',
	{
		eager: true
	}
);

function buildIndex() {
	const lessons: (LessonStub & { component: Component })[] = [];
	for (const [file, module] of Object.entries(modules)) {
		const folder = file.split('/').at(-2) ?? '';
		const match = /^(\d+)-([a-z0-9-]+)$/.exec(folder);
		if (!match) throw new Error(`${file}: lesson folders are named NN-slug, got "${folder}"`);
		const parsed = lessonMetadata.safeParse(module.metadata);
		if (!parsed.success) {
			throw new Error(`${file}: front matter is invalid: ${z.prettifyError(parsed.error)}`);
		}
		const slug = match[2] ?? '';
		if (lessons.some((lesson) => lesson.slug === slug))
			throw new Error(`${file}: slug "${slug}" is used twice`);
		lessons.push({ ...parsed.data, slug, number: Number(match[1]), component: module.default });
	}
	return lessons.sort((a, b) => a.number - b.number);
}

const index = buildIndex();

export function listLessons(): LessonStub[] {
	return index.map(({ component: _component, ...stub }) => stub);
}

export function findLesson(slug: string) {
	return index.find((lesson) => lesson.slug === slug);
}
