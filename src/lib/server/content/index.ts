import { getLocale, type Locale } from '$lib/i18n';
import { buildContent, type Content, type LessonFiles, type TextFile } from './build';
import { translatedContent } from './localize';

export type { Content, LessonContent } from './build';
export type { SourceDocument, SourceBlock } from './source';

// Bundled into the server build as text, so a deployed build needs no lessons/ folder beside it.
const rawFiles = import.meta.glob<string>(
	[
		'/lessons/sources/*.md',
		'/lessons/sources/facts.yaml',
		'/lessons/sources/packet.yaml',
		'/lessons/sources/*-adapted.yaml',
		'/lessons/sources/*.es.yaml',
		'/lessons/*/index.md',
		'/lessons/*/questions.yaml',
		'/lessons/*/glossary.yaml',
		'/lessons/*/index.es.md',
		'/lessons/*/questions.es.yaml',
		'/lessons/*/glossary.es.yaml',
		'/lessons/module.yaml',
		'/lessons/module.es.yaml'
	],
	{ query: '?raw', import: 'default', eager: true }
);

function contentFiles() {
	const file = (path: string): TextFile => ({ file: path.slice(1), text: rawFiles[path] ?? '' });
	const optional = (path: string) => (rawFiles[path] === undefined ? undefined : file(path));
	const paths = Object.keys(rawFiles).sort();
	const lessonFolders = [
		...new Set(paths.flatMap((p) => /^\/lessons\/(\d[^/]*)\/index\.md$/.exec(p)?.[1] ?? []))
	];
	const lessons: LessonFiles[] = lessonFolders.map((folder) => ({
		folder,
		index: file(`/lessons/${folder}/index.md`),
		bank: optional(`/lessons/${folder}/questions.yaml`),
		glossary: optional(`/lessons/${folder}/glossary.yaml`),
		spanish: {
			index: optional(`/lessons/${folder}/index.es.md`),
			bank: optional(`/lessons/${folder}/questions.es.yaml`),
			glossary: optional(`/lessons/${folder}/glossary.es.yaml`)
		}
	}));
	return {
		sources: paths.filter((p) => /^\/lessons\/sources\/[^/]+\.md$/.test(p)).map(file),
		facts: file('/lessons/sources/facts.yaml'),
		module: optional('/lessons/module.yaml'),
		moduleSpanish: optional('/lessons/module.es.yaml'),
		packet: optional('/lessons/sources/packet.yaml'),
		adapted: paths.filter((p) => /^\/lessons\/sources\/[^/]+-adapted\.yaml$/.test(p)).map(file),
		lessons,
		spanishSources: paths.filter(isSourceTranslation).map(file),
		spanishPacket: optional('/lessons/sources/packet.es.yaml')
	};
}

/** lessons/sources/<source id>.es.yaml: a source's Spanish paragraphs (packet.es.yaml is the packet's) */
const isSourceTranslation = (path: string) =>
	/^\/lessons\/sources\/[^/]+\.es\.yaml$/.test(path) && !path.endsWith('/packet.es.yaml');

let content: Content | undefined;
let spanish: Content | undefined;

/**
 * The validated content in the reader's language (the request's, see hooks.server.ts), built once; invalid
 * content throws with every problem listed as file:line. Ids, keys and scoring are the same in every language.
 */
export function getContent(locale: Locale = getLocale()): Content {
	if (content && locale === 'en') return content;
	if (spanish && locale === 'es') return spanish;
	const built = buildContent(contentFiles());
	if (built.errors.length > 0) {
		throw new Error(
			`Invalid lesson content:\n${built.errors.map((e) => `  ${e.message}`).join('\n')}`
		);
	}
	content = built.content;
	spanish = translatedContent(built.content, built.translations);
	return locale === 'es' ? spanish : content;
}
