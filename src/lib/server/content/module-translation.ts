import type { TextFile } from './build';
import type { ModuleContent } from './module';
import { ContentError } from './source';
import { translationGaps, type TextTree } from './translation';
import { readYaml } from './yaml-file';

/**
 * lessons/module.es.yaml, the Spanish module page, timeline and teacher guide: the texts of module.yaml in
 * the same shape, lists by position. Each timeline event repeats its `date`, each standard its `code` and each
 * lesson its `slug` as an anchor that must equal the English one, so a reordered or shifted list is caught at
 * its line. Paragraphs, facts, statuses and source links live only in module.yaml: a translation cannot
 * change them.
 */
export function moduleTextSkeleton(module: ModuleContent): TextTree {
	const guide = module.teacherGuide;
	const teacherGuide: Record<string, TextTree> = { overview: guide.overview };
	if (guide.standards)
		teacherGuide.standards = guide.standards.map((s) => ({
			code: s.code,
			wording: s.wording,
			where: s.where
		}));
	if (guide.background)
		teacherGuide.background = guide.background.map((b) => ({ title: b.title, body: [...b.body] }));
	if (guide.accommodations) teacherGuide.accommodations = [...guide.accommodations];
	teacherGuide.lessons = guide.lessons.map((lesson) => ({
		slug: lesson.slug,
		discussionPrompts: [...lesson.discussionPrompts],
		teachingNotes: [...lesson.teachingNotes]
	}));
	return {
		title: module.title,
		compellingQuestion: module.compellingQuestion,
		introduction: module.introduction,
		outcomes: [...module.outcomes],
		supportingQuestions: [...module.supportingQuestions],
		timeline: module.timeline.map((event) => ({ date: event.date, label: event.label })),
		teacherGuide
	};
}

/** The anchors a translation repeats, each with its path: they must equal the English. */
function moduleAnchors(module: ModuleContent): { path: (string | number)[]; value: string }[] {
	return [
		...module.timeline.map((event, i) => ({ path: ['timeline', i, 'date'], value: event.date })),
		...(module.teacherGuide.standards ?? []).map((s, i) => ({
			path: ['teacherGuide', 'standards', i, 'code'],
			value: s.code
		})),
		...module.teacherGuide.lessons.map((lesson, i) => ({
			path: ['teacherGuide', 'lessons', i, 'slug'],
			value: lesson.slug
		}))
	];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
	let value = data;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string | number, unknown>)[key];
	}
	return value;
}

/**
 * The Spanish module checked against the English: what is missing, extra or empty, and an anchor that differs,
 * each at its line (`editorial`, so an unfinished translation never stops the app; the English shows instead).
 * A file that is not YAML is an error. `texts` is the parsed translation for translatedModule.
 */
export function checkModuleTranslation(
	module: ModuleContent | null,
	english: TextFile | undefined,
	spanish: TextFile | undefined
): { texts: unknown; errors: ContentError[]; editorial: ContentError[] } {
	if (!spanish) {
		const editorial =
			module && english
				? [
						new ContentError(
							english.file,
							1,
							`has no Spanish translation (${english.file.replace(/\.yaml$/, '.es.yaml')})`
						)
					]
				: [];
		return { texts: undefined, errors: [], editorial };
	}
	let yaml;
	try {
		yaml = readYaml(spanish.text, spanish.file);
	} catch (error) {
		if (error instanceof ContentError) return { texts: undefined, errors: [error], editorial: [] };
		throw error;
	}
	if (!module) return { texts: yaml.data, errors: [], editorial: [] };
	const editorial = translationGaps(moduleTextSkeleton(module), yaml);
	for (const anchor of moduleAnchors(module)) {
		const found = valueAt(yaml.data, anchor.path);
		if (typeof found === 'string' && found.trim() !== '' && found !== anchor.value)
			editorial.push(
				new ContentError(
					spanish.file,
					yaml.lineOf(anchor.path),
					`${anchor.path.join('.')}: "${found}" here, "${anchor.value}" in the English (keep the English order)`
				)
			);
	}
	return { texts: yaml.data, errors: [], editorial };
}

/**
 * The module with its Spanish texts in place. A text the translation lacks or leaves empty stays English, and a
 * timeline event, standard or lesson whose anchor differs keeps its English texts; ids, dates, paragraphs,
 * facts, statuses and sources are never touched.
 */
export function translatedModule(module: ModuleContent, texts: unknown): ModuleContent {
	if (typeof texts !== 'object' || texts === null) return module;
	const text = (english: string, ...path: (string | number)[]) => {
		const found = valueAt(texts, path);
		return typeof found === 'string' && found.trim() !== '' ? found : english;
	};
	const anchored = (path: (string | number)[], key: string, value: string) =>
		valueAt(texts, [...path, key]) === value;
	const list = (english: string[], ...path: (string | number)[]) =>
		english.map((item, i) => text(item, ...path, i));
	const guide = module.teacherGuide;
	return {
		...module,
		title: text(module.title, 'title'),
		compellingQuestion: text(module.compellingQuestion, 'compellingQuestion'),
		introduction: text(module.introduction, 'introduction'),
		outcomes: list(module.outcomes, 'outcomes'),
		supportingQuestions: list(module.supportingQuestions, 'supportingQuestions'),
		timeline: module.timeline.map((event, i) =>
			anchored(['timeline', i], 'date', event.date)
				? { ...event, label: text(event.label, 'timeline', i, 'label') }
				: event
		),
		teacherGuide: {
			...guide,
			overview: text(guide.overview, 'teacherGuide', 'overview'),
			standards: guide.standards?.map((s, i) => {
				const at = ['teacherGuide', 'standards', i];
				return anchored(at, 'code', s.code)
					? {
							...s,
							wording: text(s.wording, ...at, 'wording'),
							where: text(s.where, ...at, 'where')
						}
					: s;
			}),
			background: guide.background?.map((b, i) => {
				const at = ['teacherGuide', 'background', i];
				return { ...b, title: text(b.title, ...at, 'title'), body: list(b.body, ...at, 'body') };
			}),
			accommodations: guide.accommodations
				? list(guide.accommodations, 'teacherGuide', 'accommodations')
				: undefined,
			lessons: guide.lessons.map((lesson, i) => {
				const at = ['teacherGuide', 'lessons', i];
				return anchored(at, 'slug', lesson.slug)
					? {
							...lesson,
							discussionPrompts: list(lesson.discussionPrompts, ...at, 'discussionPrompts'),
							teachingNotes: list(lesson.teachingNotes, ...at, 'teachingNotes')
						}
					: lesson;
			})
		}
	};
}
