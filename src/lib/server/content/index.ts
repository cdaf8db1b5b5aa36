import { buildContent, type Content, type LessonFiles, type TextFile } from './build';

export type { Content, LessonContent } from './build';
export type { SourceDocument, SourceBlock } from './source';

// Bundled into the server build as text, so a deployed build needs no lessons/ folder beside it.
const rawFiles = import.meta.glob<string>(
	[
		'/lessons/sources/*.md',
		'/lessons/sources/facts.yaml',
		'/lessons/sources/packet.yaml',
		'/lessons/sources/*-adapted.yaml',
		'/lessons/*/index.md',
		'/lessons/*/questions.yaml',
		'/lessons/*/glossary.yaml',
		'/lessons/module.yaml'
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
		glossary: optional(`/lessons/${folder}/glossary.yaml`)
	}));
	return {
		sources: paths.filter((p) => /^\/lessons\/sources\/[^/]+\.md$/.test(p)).map(file),
		facts: file('/lessons/sources/facts.yaml'),
		module: optional('/lessons/module.yaml'),
		packet: optional('/lessons/sources/packet.yaml'),
		adapted: paths.filter((p) => /^\/lessons\/sources\/[^/]+-adapted\.yaml$/.test(p)).map(file),
		lessons
	};
}

let content: Content | undefined;

/** The validated content, built once; invalid content throws with every problem listed as file:line. */
export function getContent(): Content {
	if (content) return content;
	const built = buildContent(contentFiles());
	if (built.errors.length > 0) {
		throw new Error(
			`Invalid lesson content:\n${built.errors.map((e) => `  ${e.message}`).join('\n')}`
		);
	}
	content = built.content;
	return content;
}
