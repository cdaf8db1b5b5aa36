import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { sectionId } from '../../content/section-ids';
import type { Question } from '../../quiz/registry';
import { parseAdapted, type AdaptedSource } from './adapted';
import { parseBank, type Objective } from './bank';
import { missingBloomLevels, periodOverrun, repostLinks } from './editorial';
import { parseFacts, type Fact } from './facts';
import { parseModule, type ModuleContent } from './module';
import { checkModuleTranslation } from './module-translation';
import { parsePacket, type PacketDocument } from './packet';
import { countWords, exactMinutes, wholeMinutes } from './reading-time';
import { checkTranslatedYaml, lessonOutlineGaps, textSkeleton, type TextTree } from './translation';
import { ContentError, parseSource, type SourceDocument } from './source';
import { parsePacketTranslation, parseSourceTranslation } from './source-translation';
import type { LessonTranslation, Translations } from './localize';
import { readYaml, zodIssuesToErrors } from './yaml-file';

export interface TextFile {
	/** repository-relative path, used in error messages */
	file: string;
	text: string;
}

export interface LessonFiles {
	/** the folder name, e.g. 01-sourcing-the-article */
	folder: string;
	index: TextFile;
	bank?: TextFile;
	glossary?: TextFile;
	/** the Spanish translation, file by file as it is done: index.es.md, questions.es.yaml, glossary.es.yaml */
	spanish?: { index?: TextFile; bank?: TextFile; glossary?: TextFile };
}

// Lesson front matter is compiled into browser code, so it may hold these fields and nothing else;
// the lesson's time is computed from its words and questions, never written by hand.
const lessonMetadataSchema = z.strictObject({
	title: z.string().min(1),
	summary: z.string().min(1)
});
export type LessonMetadata = z.infer<typeof lessonMetadataSchema>;

const glossarySchema = z.array(
	z.strictObject({
		id: z.string().regex(/^[a-z0-9-]+$/, 'glossary ids use lower-case letters, digits and dashes'),
		term: z.string().min(1),
		definition: z.string().min(1)
	})
);
export type GlossaryEntry = z.infer<typeof glossarySchema>[number] & { lessonSlug: string };

/** An h2 section of a lesson; progress records which ones a student has read. */
export interface LessonSection {
	/** the heading as a slug, stable while the heading's words stay the same */
	id: string;
	title: string;
}

// shared with svelte.config.js, which gives each lesson h2 this id so progress can link to it
export { sectionId };

export interface LessonContent extends LessonMetadata {
	slug: string;
	number: number;
	/** the source whose paragraphs this lesson's evidence cites */
	sourceId: string;
	objectives: Objective[];
	/** every question of the lesson's bank, in bank order */
	questions: Question[];
	/** questions placed in the prose with <Check id="…"/> */
	checkIds: string[];
	/** the end-of-lesson quiz: every bank question that is not an inline check */
	quizIds: string[];
	/** paragraphs shown with <Excerpt id="…"/> */
	excerptIds: string[];
	/** fact-sheet entries shown with <OtherSources facts="…"> */
	factIds: string[];
	/** packet documents shown with <Document id="D4"/> */
	documentIds: string[];
	/** h2 section headings, in order */
	sections: LessonSection[];
	/** inline checks placed inside an <Extension> block: practice beyond the core path */
	extensionCheckIds: string[];
	/** the core path: prose and excerpts outside <Extension> blocks, its checks and the quiz (reading-time.ts) */
	coreMinutes: number;
	/** what the <Extension> blocks add: their prose, excerpts and checks */
	extensionMinutes: number;
}

export interface Content {
	sources: Map<string, SourceDocument>;
	facts: Map<string, Fact>;
	/** by slug, iterating in lesson order (lessonsInOrder) */
	lessons: Map<string, LessonContent>;
	/** every lesson by its number: sorted once here, so no reader sorts them again */
	lessonsInOrder: LessonContent[];
	questions: Map<string, { question: Question; lessonSlug: string }>;
	glossary: Map<string, GlossaryEntry>;
	/** the document packet: originals to read laterally (lessons/sources/packet.yaml) */
	documents: Map<string, PacketDocument>;
	/** the module page, timeline and teacher guide (lessons/module.yaml) */
	module: ModuleContent | null;
	/** plain-English adaptations of sources, by source id (lessons/sources/*-adapted.yaml) */
	adapted: Map<string, AdaptedSource>;
}

const checkPattern = /<Check\s+id=["']([^"']+)["']\s*\/>/g;
const excerptPattern = /<Excerpt\s+id=["']([^"']+)["']/g;
const otherSourcesPattern = /<OtherSources\s+facts=["']([^"']+)["']/g;
const documentPattern = /<Document\s+id=["']([^"']+)["']/g;
const termPattern = /<Term\s+id=["']([^"']+)["']/g;
const extensionOpen = /^\s*<Extension[\s>]/;
const extensionClose = /^\s*<\/Extension>\s*$/;

function parseFrontMatter(file: TextFile): {
	metadata: LessonMetadata | null;
	error: ContentError | null;
} {
	const lines = file.text.split('\n');
	const end = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
	if (end < 0)
		return {
			metadata: null,
			error: new ContentError(file.file, 1, 'a lesson starts with --- front matter')
		};
	let data: unknown;
	try {
		data = parseYaml(lines.slice(1, end).join('\n'));
	} catch (error) {
		return {
			metadata: null,
			error: new ContentError(file.file, 2, `front matter is not valid YAML: ${String(error)}`)
		};
	}
	const parsed = lessonMetadataSchema.safeParse(data);
	if (!parsed.success) {
		const detail = parsed.error.issues
			.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`)
			.join('; ');
		return { metadata: null, error: new ContentError(file.file, 2, detail) };
	}
	return { metadata: parsed.data, error: null };
}

/**
 * Builds the content index from the files' text; returns every problem found rather than stopping at one.
 * `errors` make the content unusable; `editorial` breaks a rule of the module as taught (a lesson fits a
 * period, reaches Create, cites the article, links originals): check:content fails on both, the server
 * only on errors, so an editor can fix a lesson while the app keeps serving it.
 */
export function buildContent(files: {
	sources: TextFile[];
	facts: TextFile;
	lessons: LessonFiles[];
	module?: TextFile;
	/** lessons/module.es.yaml; a reader that sets this key (even to undefined) asks for the Spanish twin */
	moduleSpanish?: TextFile;
	packet?: TextFile;
	adapted?: TextFile[];
	/** Spanish beside the originals: <source id>.es.yaml and packet.es.yaml (source-translation.ts) */
	spanishSources?: TextFile[];
	spanishPacket?: TextFile;
}): {
	content: Content;
	errors: ContentError[];
	editorial: ContentError[];
	/** the Spanish texts found, lesson by lesson; translatedContent lays them over the content */
	translations: Translations;
} {
	const errors: ContentError[] = [];
	const translations: Translations = { lessons: new Map() };
	const editorial: ContentError[] = [];
	const allFiles = [
		...files.sources,
		files.facts,
		...(files.module ? [files.module] : []),
		...(files.packet ? [files.packet] : []),
		...files.lessons.flatMap((l) => [
			l.index,
			...(l.bank ? [l.bank] : []),
			...(l.glossary ? [l.glossary] : [])
		])
	];
	for (const file of allFiles) editorial.push(...repostLinks(file.file, file.text));
	const collect = <T>(work: () => T): T | undefined => {
		try {
			return work();
		} catch (error) {
			if (error instanceof ContentError) errors.push(error);
			else throw error;
			return undefined;
		}
	};

	const sources = new Map<string, SourceDocument>();
	for (const file of files.sources) {
		const source = collect(() => parseSource(file.text, file.file));
		if (source) sources.set(source.id, source);
	}
	const factsResult = collect(() => parseFacts(files.facts.text, files.facts.file));
	const facts = factsResult?.facts ?? new Map<string, Fact>();
	errors.push(...(factsResult?.errors ?? []));
	const packetResult = files.packet
		? collect(() =>
				parsePacket(files.packet?.text ?? '', files.packet?.file ?? '', new Set(facts.keys()))
			)
		: undefined;
	const documents = packetResult?.documents ?? new Map<string, PacketDocument>();
	errors.push(...(packetResult?.errors ?? []));

	readSourceTranslations(files, sources, documents, translations, errors, editorial);

	const lessons = new Map<string, LessonContent>();
	const questions = new Map<string, { question: Question; lessonSlug: string; file: string }>();
	const glossary = new Map<string, GlossaryEntry>();
	const termUses: { id: string; file: string; line: number }[] = [];
	for (const lesson of files.lessons) {
		const match = /^(\d+)-([a-z0-9-]+)$/.exec(lesson.folder);
		if (!match) {
			errors.push(
				new ContentError(
					lesson.index.file,
					1,
					`lesson folders are named NN-slug, got "${lesson.folder}"`
				)
			);
			continue;
		}
		const slug = match[2] ?? '';
		const front = parseFrontMatter(lesson.index);
		if (front.error) errors.push(front.error);
		if (lesson.glossary) {
			const entries = collect(() =>
				readYaml(lesson.glossary?.text ?? '', lesson.glossary?.file ?? '')
			);
			const parsed = entries ? glossarySchema.safeParse(entries.data) : undefined;
			if (entries && parsed && !parsed.success)
				errors.push(...zodIssuesToErrors(entries, parsed.error.issues));
			const spanishGlossary = lesson.spanish?.glossary;
			if (spanishGlossary && parsed?.success) {
				const english = Object.fromEntries(
					parsed.data.map((e) => [e.id, { term: e.term, definition: e.definition }])
				);
				editorial.push(...checkTranslatedYaml(english, spanishGlossary.file, spanishGlossary.text));
			}
			for (const entry of parsed?.success ? parsed.data : []) {
				// the first lesson to define a shared term owns it; later lessons may simply link to it
				if (!glossary.has(entry.id)) glossary.set(entry.id, { ...entry, lessonSlug: slug });
			}
		}
		const result = lesson.bank
			? collect(() => parseBank(lesson.bank?.text ?? '', lesson.bank?.file ?? '', sources, facts))
			: undefined;
		errors.push(...(result?.errors ?? []));
		const bank = result?.bank;
		const spanishBank = lesson.spanish?.bank;
		if (spanishBank && bank) {
			const english: TextTree = {
				objectives: Object.fromEntries(bank.objectives.map((o) => [o.id, o.text])),
				questions: Object.fromEntries(bank.questions.map((q) => [q.id, textSkeleton(q) ?? {}]))
			};
			editorial.push(...checkTranslatedYaml(english, spanishBank.file, spanishBank.text));
		}
		const spanishIndex = lesson.spanish?.index;
		if (spanishIndex)
			editorial.push(...lessonOutlineGaps(lesson.index.text, spanishIndex.file, spanishIndex.text));
		if (lesson.spanish) {
			const translation = readLessonTranslation(lesson.spanish);
			errors.push(...translation.errors);
			translations.lessons.set(slug, translation.translation);
		}
		// every English file of a lesson read from disk has its Spanish twin
		if (lesson.spanish) {
			const twins = [
				[lesson.index, spanishIndex],
				[lesson.bank, spanishBank],
				[lesson.glossary, lesson.spanish.glossary]
			] as const;
			for (const [englishFile, spanishFile] of twins)
				if (englishFile && !spanishFile)
					editorial.push(
						new ContentError(
							englishFile.file,
							1,
							`has no Spanish translation (${englishFile.file.replace(/\.(md|yaml)$/, '.es.$1')})`
						)
					);
		}

		for (const question of bank?.questions ?? []) {
			const earlier = questions.get(question.id);
			if (earlier) {
				const line = bank?.lines.get(question.id) ?? 1;
				errors.push(
					new ContentError(
						bank?.file ?? '',
						line,
						`question id "${question.id}" is already used in ${earlier.file}`
					)
				);
				continue;
			}
			questions.set(question.id, { question, lessonSlug: slug, file: bank?.file ?? '' });
			if (!question.evidence.some((evidence) => 'paragraph' in evidence))
				editorial.push(
					new ContentError(
						bank?.file ?? '',
						bank?.lines.get(question.id) ?? 1,
						`"${question.id}" cites no body paragraph: cite the paragraph whose claim it tests`
					)
				);
		}
		if (bank) {
			const missing = missingBloomLevels(bank.questions);
			if (missing.length > 0)
				editorial.push(
					new ContentError(
						bank.file,
						1,
						`the lesson's questions never reach ${missing.map((level) => `"${level}"`).join(', ')}`
					)
				);
		}

		const checkIds: string[] = [];
		const excerptIds: string[] = [];
		const factIds: string[] = [];
		const documentIds: string[] = [];
		const sections: LessonSection[] = [];
		const source = sources.get(bank?.source ?? 'truthout-2014');
		// each line is on the core path or inside an <Extension> block; the time estimate adds each part
		const extensionCheckIds: string[] = [];
		const coreExcerptIds = new Set<string>();
		const extensionExcerptIds = new Set<string>();
		const coreLines: string[] = [];
		const extensionLines: string[] = [];
		let extensionStart = 0;
		lesson.index.text.split('\n').forEach((line, index) => {
			const at = (message: string) => new ContentError(lesson.index.file, index + 1, message);
			if (extensionOpen.test(line)) {
				if (extensionStart) errors.push(at('an <Extension> block cannot hold another one'));
				extensionStart = index + 1;
			}
			const inExtension = extensionStart > 0;
			(inExtension ? extensionLines : coreLines).push(line);
			if (extensionClose.test(line)) {
				if (!extensionStart) errors.push(at('</Extension> closes no <Extension> block'));
				extensionStart = 0;
			}
			const heading = /^## (.+)$/.exec(line);
			if (heading?.[1] && inExtension) {
				errors.push(at('an <Extension> block holds ### headings, not ## sections'));
			} else if (heading?.[1]) {
				const section = { id: sectionId(heading[1]), title: heading[1].trim() };
				if (sections.some((s) => s.id === section.id))
					errors.push(at(`two sections are called "${section.title}"`));
				else sections.push(section);
			}
			for (const [, id = ''] of line.matchAll(checkPattern)) {
				if (!bank?.questions.some((q) => q.id === id)) {
					errors.push(at(`<Check id="${id}"/> is not a question in this lesson's bank`));
				} else if (checkIds.includes(id)) errors.push(at(`<Check id="${id}"/> is placed twice`));
				else {
					checkIds.push(id);
					if (inExtension) extensionCheckIds.push(id);
				}
			}
			for (const [, id = ''] of line.matchAll(excerptPattern)) {
				if (!source?.paragraphs.has(id)) {
					errors.push(at(`<Excerpt id="${id}"/> is not a body paragraph of the source`));
				} else {
					if (!excerptIds.includes(id)) excerptIds.push(id);
					(inExtension ? extensionExcerptIds : coreExcerptIds).add(id);
				}
			}
			for (const [, ids = ''] of line.matchAll(otherSourcesPattern)) {
				for (const id of ids.split(/\s+/).filter(Boolean)) {
					if (!facts.has(id))
						errors.push(at(`<OtherSources facts="…"> names unknown entry "${id}"`));
					else if (!factIds.includes(id)) factIds.push(id);
				}
			}
			for (const [, id = ''] of line.matchAll(documentPattern)) {
				if (!documents.has(id)) errors.push(at(`<Document id="${id}"/> is not in packet.yaml`));
				else if (!documentIds.includes(id)) documentIds.push(id);
			}
			for (const [, id = ''] of line.matchAll(termPattern)) {
				termUses.push({ id, file: lesson.index.file, line: index + 1 });
			}
			if (/^\s*(correct|answer|answers|key|rubric)\s*:/i.test(line)) {
				errors.push(at('lesson Markdown ships to the browser: answers belong in questions.yaml'));
			}
		});
		if (extensionStart)
			errors.push(
				new ContentError(lesson.index.file, extensionStart, '<Extension> is never closed')
			);
		const bankQuestions = bank?.questions ?? [];
		const bankIds = bankQuestions.map((q) => q.id);
		const wordsOf = (lines: string[], excerpts: Iterable<string>) =>
			countWords(lines.join('\n')) +
			[...excerpts].reduce(
				(sum, id) => sum + countWords(source?.paragraphs.get(id)?.text ?? ''),
				0
			);
		lessons.set(slug, {
			...(front.metadata ?? { title: slug, summary: '' }),
			slug,
			number: Number(match[1]),
			sourceId: bank?.source ?? '',
			objectives: bank?.objectives ?? [],
			questions: bank?.questions ?? [],
			checkIds,
			quizIds: bankIds.filter((id) => !checkIds.includes(id)),
			excerptIds,
			factIds,
			documentIds,
			sections,
			extensionCheckIds,
			coreMinutes: Math.max(
				1,
				wholeMinutes(
					exactMinutes(
						wordsOf(coreLines, coreExcerptIds),
						bankQuestions.filter((q) => !extensionCheckIds.includes(q.id))
					)
				)
			),
			extensionMinutes: wholeMinutes(
				exactMinutes(
					// an excerpt shown on the core path too was read there
					wordsOf(
						extensionLines,
						[...extensionExcerptIds].filter((id) => !coreExcerptIds.has(id))
					),
					bankQuestions.filter((q) => extensionCheckIds.includes(q.id))
				)
			)
		});
	}
	for (const lesson of files.lessons) {
		const built = [...lessons.values()].find((l) => lesson.folder.endsWith(`-${l.slug}`));
		const overrun = built ? periodOverrun(built.coreMinutes) : null;
		if (overrun) editorial.push(new ContentError(lesson.index.file, 1, overrun));
	}
	for (const use of termUses) {
		if (!glossary.has(use.id))
			errors.push(
				new ContentError(
					use.file,
					use.line,
					`<Term id="${use.id}"> is not in any lesson's glossary.yaml`
				)
			);
	}

	const moduleResult = files.module
		? collect(() =>
				parseModule(
					files.module as TextFile,
					sources.get('truthout-2014'),
					facts,
					new Set(lessons.keys())
				)
			)
		: undefined;
	errors.push(...(moduleResult?.errors ?? []));
	// --- the module's Spanish twin (lessons/module.es.yaml): parity with module.yaml, then its texts ---
	if (files.moduleSpanish || 'moduleSpanish' in files) {
		const spanishModule = checkModuleTranslation(
			moduleResult?.module ?? null,
			files.module,
			files.moduleSpanish
		);
		errors.push(...spanishModule.errors);
		editorial.push(...spanishModule.editorial);
		translations.module = spanishModule.texts;
	}
	// --- end of the module's Spanish twin ---
	const adapted = new Map<string, AdaptedSource>();
	for (const file of files.adapted ?? []) {
		const result = collect(() => parseAdapted(file, sources));
		errors.push(...(result?.errors ?? []));
		if (result?.adapted) adapted.set(result.adapted.source, result.adapted);
	}

	const lessonsInOrder = [...lessons.values()].sort((a, b) => a.number - b.number);
	return {
		content: {
			module: moduleResult?.module ?? null,
			adapted,
			sources,
			facts,
			lessons: new Map(lessonsInOrder.map((lesson) => [lesson.slug, lesson])),
			lessonsInOrder,
			questions: new Map(
				[...questions].map(([id, { question, lessonSlug }]) => [id, { question, lessonSlug }])
			),
			glossary,
			documents
		},
		errors,
		editorial,
		translations
	};
}

/** The sources' and the packet's Spanish (read only when given), into `translations`; a gap is editorial. */
function readSourceTranslations(
	files: {
		sources: TextFile[];
		packet?: TextFile;
		spanishSources?: TextFile[];
		spanishPacket?: TextFile;
	},
	sources: Map<string, SourceDocument>,
	documents: Map<string, PacketDocument>,
	translations: Translations,
	errors: ContentError[],
	editorial: ContentError[]
) {
	if (files.spanishSources) {
		for (const file of files.spanishSources) {
			const id = /([^/]+)\.es\.yaml$/.exec(file.file)?.[1] ?? '';
			const source = sources.get(id);
			if (!source) {
				editorial.push(new ContentError(file.file, 1, `there is no source "${id}" to translate`));
				continue;
			}
			const result = parseSourceTranslation(source, file.file, file.text);
			errors.push(...result.errors);
			editorial.push(...result.editorial);
			(translations.sources ??= new Map()).set(id, result.value);
		}
		// every source read from disk has its Spanish twin, named after it
		for (const file of files.sources) {
			const twin = file.file.replace(/\.md$/, '.es.yaml');
			if (!files.spanishSources.some((spanish) => spanish.file === twin))
				editorial.push(new ContentError(file.file, 1, `has no Spanish translation (${twin})`));
		}
		if (files.packet && !files.spanishPacket)
			editorial.push(
				new ContentError(
					files.packet.file,
					1,
					`has no Spanish translation (${files.packet.file.replace(/\.yaml$/, '.es.yaml')})`
				)
			);
	}
	if (files.spanishPacket) {
		const result = parsePacketTranslation(
			documents,
			files.spanishPacket.file,
			files.spanishPacket.text
		);
		errors.push(...result.errors);
		editorial.push(...result.editorial);
		translations.packet = result.value;
	}
}

/** A lesson's Spanish texts as data; a file that does not parse is an error at its line, never a crash. */
function readLessonTranslation(spanish: NonNullable<LessonFiles['spanish']>): {
	translation: LessonTranslation;
	errors: ContentError[];
} {
	const errors: ContentError[] = [];
	const front = spanish.index ? parseFrontMatter(spanish.index) : null;
	if (front?.error) errors.push(front.error);
	const data = (file: TextFile | undefined) => {
		if (!file) return undefined;
		try {
			const parsed = readYaml(file.text, file.file).data;
			return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
		} catch (error) {
			if (error instanceof ContentError) errors.push(error);
			else throw error;
			return undefined;
		}
	};
	return {
		translation: {
			title: front?.metadata?.title,
			summary: front?.metadata?.summary,
			sectionTitles: (spanish.index?.text ?? '')
				.split('\n')
				.flatMap((line) => /^## (.+)$/.exec(line)?.[1]?.trim() ?? []),
			bank: data(spanish.bank) as LessonTranslation['bank'],
			glossary: data(spanish.glossary) as LessonTranslation['glossary']
		},
		errors
	};
}
