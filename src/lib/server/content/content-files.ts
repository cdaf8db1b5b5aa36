// Node-only: reads lessons/ from disk for the check script and tests (the server bundles the files instead).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { LessonFiles, TextFile } from './build';

/** The files buildContent takes, read from a lessons folder; paths in errors start with `root`. */
export function readContentFiles(root = 'lessons'): {
	sources: TextFile[];
	facts: TextFile;
	lessons: LessonFiles[];
	module?: TextFile;
	moduleSpanish?: TextFile;
	packet?: TextFile;
	adapted: TextFile[];
	spanishSources: TextFile[];
	spanishPacket?: TextFile;
} {
	const read = (file: string): TextFile => ({ file, text: readFileSync(file, 'utf8') });
	const optional = (file: string) => (existsSync(file) ? read(file) : undefined);
	const folders = readdirSync(root, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && /^\d/.test(entry.name))
		.map((entry) => entry.name)
		.sort();
	return {
		sources: readdirSync(`${root}/sources`)
			.filter((name) => name.endsWith('.md'))
			.sort()
			.map((name) => read(`${root}/sources/${name}`)),
		facts: read(`${root}/sources/facts.yaml`),
		module: optional(`${root}/module.yaml`),
		moduleSpanish: optional(`${root}/module.es.yaml`),
		packet: optional(`${root}/sources/packet.yaml`),
		adapted: readdirSync(`${root}/sources`)
			.filter((name) => name.endsWith('-adapted.yaml'))
			.sort()
			.map((name) => read(`${root}/sources/${name}`)),
		// a source's Spanish paragraphs, named after it; the packet's Spanish is packet.es.yaml
		spanishSources: readdirSync(`${root}/sources`)
			.filter((name) => name.endsWith('.es.yaml') && name !== 'packet.es.yaml')
			.sort()
			.map((name) => read(`${root}/sources/${name}`)),
		spanishPacket: optional(`${root}/sources/packet.es.yaml`),
		lessons: folders.map((folder) => ({
			folder,
			index: read(`${root}/${folder}/index.md`),
			bank: optional(`${root}/${folder}/questions.yaml`),
			glossary: optional(`${root}/${folder}/glossary.yaml`),
			// checked for parity with the English by check:content; the app does not serve them yet
			spanish: {
				index: optional(`${root}/${folder}/index.es.md`),
				bank: optional(`${root}/${folder}/questions.es.yaml`),
				glossary: optional(`${root}/${folder}/glossary.es.yaml`)
			}
		}))
	};
}
