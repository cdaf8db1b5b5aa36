import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export type SourceBlockKind = 'body' | 'heading' | 'pull-quote' | 'chrome';

export interface SourceBlock {
	/** p01…p35 for body paragraphs; h01…, pq1…, x01… for what is on the page but not article text */
	id: string;
	kind: SourceBlockKind;
	text: string;
	/** why a block that is not article text is there (a pull quote, a fundraising appeal) */
	note: string | null;
	/** the reader's-language translation shown beside it (Spanish content only: localize.ts) */
	translation?: string;
}

const frontMatterSchema = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/),
	title: z.string().min(1),
	outlet: z.string().min(1),
	published: z.string().min(1),
	url: z.url(),
	repost: z.url().optional(),
	repostDate: z.string().optional()
});

export type SourceDocument = z.infer<typeof frontMatterSchema> & {
	blocks: SourceBlock[];
	/** body paragraphs by id, for evidence lookups */
	paragraphs: Map<string, SourceBlock>;
};

const kindsByPrefix: [RegExp, SourceBlockKind][] = [
	[/^p\d{2}$/, 'body'],
	[/^h\d{2}$/, 'heading'],
	[/^pq\d$/, 'pull-quote'],
	[/^x\d{2}$/, 'chrome']
];

export class ContentError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly detail: string
	) {
		super(`${file}:${line}: ${detail}`);
	}
}

/** Reads a source file: YAML front matter, then blocks each opened by a `<!-- id: note -->` marker line. */
export function parseSource(text: string, file: string): SourceDocument {
	const lines = text.split('\n');
	if (lines[0] !== '---') throw new ContentError(file, 1, 'a source starts with --- front matter');
	const end = lines.indexOf('---', 1);
	if (end < 0) throw new ContentError(file, 1, 'front matter is not closed with ---');
	const front = frontMatterSchema.safeParse(parseYaml(lines.slice(1, end).join('\n')));
	if (!front.success) {
		throw new ContentError(
			file,
			2,
			`front matter: ${z.prettifyError(front.error).replace(/\n/g, ' ')}`
		);
	}

	const blocks: SourceBlock[] = [];
	let current: { block: SourceBlock; line: number } | null = null;
	let inComment = false;
	const finish = () => {
		if (!current) return;
		current.block.text = current.block.text.trim();
		if (!current.block.text)
			throw new ContentError(file, current.line, `block ${current.block.id} is empty`);
		blocks.push(current.block);
	};
	for (let index = end + 1; index < lines.length; index++) {
		const line = lines[index] ?? '';
		const marker = /^<!-- ([a-z]{1,2}\d{1,2})(?:: (.+))? -->$/.exec(line);
		if (marker) {
			finish();
			const id = marker[1] ?? '';
			const kind = kindsByPrefix.find(([pattern]) => pattern.test(id))?.[1];
			if (!kind) throw new ContentError(file, index + 1, `unknown block id "${id}"`);
			if (blocks.some((b) => b.id === id))
				throw new ContentError(file, index + 1, `block ${id} appears twice`);
			if (kind !== 'body' && !marker[2]) {
				throw new ContentError(
					file,
					index + 1,
					`${id} is not article text: say what it is after a colon`
				);
			}
			current = { block: { id, kind, text: '', note: marker[2] ?? null }, line: index + 1 };
			continue;
		}
		if (line.startsWith('<!--')) inComment = !line.includes('-->');
		else if (inComment) inComment = !line.includes('-->');
		else if (current) current.block.text += `${line}\n`;
		else if (line.trim())
			throw new ContentError(file, index + 1, 'text before the first block marker');
	}
	finish();

	const paragraphs = new Map(blocks.filter((b) => b.kind === 'body').map((b) => [b.id, b]));
	return { ...front.data, blocks, paragraphs };
}

/** Whitespace runs and typographic quotes are not differences a reader would notice in a quotation. */
export function normalizeForQuote(text: string): string {
	return text
		.replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
		.replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
}
