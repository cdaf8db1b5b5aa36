import type { Question } from '../../quiz/registry';
import type { Content, GlossaryEntry, LessonContent, LessonSection } from './build';
import { translatedModule } from './module-translation';
import { translatedSources, type PacketTranslation } from './source-translation';
import { textFields } from './translation';

/**
 * A value with its reader-facing texts replaced by a translation shaped like textSkeleton's output: items
 * with ids by id, other lists by position. Ids, keys, numbers and evidence are never touched, so a translated
 * question scores exactly as the English one; a text the translation lacks stays English.
 */
export function applyTexts<T>(value: T, texts: unknown): T {
	if (texts === undefined || texts === null || typeof texts !== 'object') return value;
	const byKey = texts as Record<string, unknown>;
	if (Array.isArray(value)) {
		const byId =
			value.length > 0 && value.every((item) => typeof item === 'object' && item && 'id' in item);
		return value.map((item, index) => {
			const translated = byId ? byKey[String((item as { id: unknown }).id)] : byKey[index];
			if (typeof item === 'string') return typeof translated === 'string' ? translated : item;
			return applyTexts(item, translated);
		}) as T;
	}
	if (typeof value !== 'object' || value === null) return value;
	const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
	for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
		const translated = byKey[key];
		if (key === 'evidence' || translated === undefined) continue;
		if (typeof field === 'string') {
			if (textFields.has(key) && typeof translated === 'string' && translated.trim() !== '')
				result[key] = translated;
		} else result[key] = applyTexts(field, translated);
	}
	return result as T;
}

/** A lesson's Spanish texts, read from its .es files by buildContent. */
export interface LessonTranslation {
	title?: string;
	summary?: string;
	/** the ## headings of index.es.md in order; a section keeps its English id */
	sectionTitles: string[];
	/** questions.es.yaml: objectives and questions by id */
	bank?: { objectives?: Record<string, string>; questions?: Record<string, unknown> };
	/** glossary.es.yaml by entry id */
	glossary?: Record<string, { term?: string; definition?: string }>;
}

export interface Translations {
	lessons: Map<string, LessonTranslation>;
	/** lessons/module.es.yaml as parsed, laid over the module by translatedModule */
	module?: unknown;
	/** a source's Spanish paragraphs by block id, by source id (source-translation.ts) */
	sources?: Map<string, Map<string, string>>;
	/** the packet's Spanish by document id */
	packet?: Map<string, PacketTranslation>;
}

/** The content as a Spanish reader sees it: every translated text in place, everything else shared. */
export function translatedContent(content: Content, translations: Translations): Content {
	const questions = new Map<string, { question: Question; lessonSlug: string }>();
	const lessons = content.lessonsInOrder.map((lesson): LessonContent => {
		const translation = translations.lessons.get(lesson.slug);
		if (!translation) return lesson;
		const bank = translation.bank;
		const sections = lesson.sections.map((section, index): LessonSection => ({
			...section,
			title: translation.sectionTitles[index] ?? section.title
		}));
		return {
			...lesson,
			title: translation.title ?? lesson.title,
			summary: translation.summary ?? lesson.summary,
			sections,
			objectives: lesson.objectives.map((objective) => ({
				...objective,
				text: bank?.objectives?.[objective.id] ?? objective.text
			})),
			questions: lesson.questions.map((question) =>
				applyTexts(question, bank?.questions?.[question.id])
			)
		};
	});
	for (const lesson of lessons)
		for (const question of lesson.questions)
			questions.set(question.id, { question, lessonSlug: lesson.slug });
	const glossary = new Map<string, GlossaryEntry>();
	for (const [id, entry] of content.glossary) {
		const translated = translations.lessons.get(entry.lessonSlug)?.glossary?.[id];
		glossary.set(id, {
			...entry,
			term: translated?.term || entry.term,
			definition: translated?.definition || entry.definition
		});
	}
	return {
		...content,
		// the module page, timeline and teacher guide (lessons/module.es.yaml)
		module: content.module && translatedModule(content.module, translations.module),
		lessons: new Map(lessons.map((lesson) => [lesson.slug, lesson])),
		lessonsInOrder: lessons,
		questions,
		glossary,
		...translatedSources(content, translations)
	};
}
