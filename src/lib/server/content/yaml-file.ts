import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ContentError } from './source';

/** A parsed YAML file that can say on which line any path in it starts. */
export interface YamlFile {
	file: string;
	data: unknown;
	lineOf(path: readonly PropertyKey[]): number;
}

export function readYaml(text: string, file: string): YamlFile {
	const lineCounter = new LineCounter();
	const document: Document = parseDocument(text, { lineCounter, prettyErrors: false });
	const [firstError] = document.errors;
	if (firstError) {
		const line = lineCounter.linePos(firstError.pos[0]).line;
		throw new ContentError(file, line, `YAML: ${firstError.message.split('\n')[0]}`);
	}
	return {
		file,
		data: document.toJS(),
		lineOf(path) {
			// walk up to the nearest node that exists (a missing key reports its parent's line)
			for (let depth = path.length; depth >= 0; depth--) {
				const node = document.getIn(path.slice(0, depth) as unknown[], true);
				if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
			}
			return 1;
		}
	};
}

/** Turns zod issues into file:line errors, each at the line of the value it is about. */
export function zodIssuesToErrors(
	yaml: YamlFile,
	issues: z.core.$ZodIssue[],
	prefix: PropertyKey[] = []
) {
	return issues.map((issue) => {
		const path = [...prefix, ...issue.path];
		const where = path.length ? `${path.map(String).join('.')}: ` : '';
		return new ContentError(yaml.file, yaml.lineOf(path), `${where}${issue.message}`);
	});
}
