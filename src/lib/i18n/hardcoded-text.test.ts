import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

// Every word a reader sees comes from the messages, so it exists in English and Spanish: markup text and
// the attributes people read or hear (labels, titles, alt text, placeholders) may hold no literal words.
const spokenAttributes = new Set([
	'aria-label',
	'aria-description',
	'aria-roledescription',
	'aria-valuetext',
	'title',
	'alt',
	'placeholder',
	'label'
]);
// names and abbreviations that are the same in both languages
// (and the map's place names)
const sameInEveryLanguage =
	/\b(Evidencia|Truthout|CSV|PDF|SVG|QR|OK|English|Español|McAllen|Pharr|Reynosa|Brownsville|Matamoros)\b/g;

interface Finding {
	file: string;
	line: number;
	text: string;
}

type Node = {
	type: string;
	start: number;
	data?: string;
	name?: string;
	value?: unknown;
	attributes?: Node[];
	fragment?: { nodes: Node[] };
	[key: string]: unknown;
};

export function hardcodedTexts(file: string, source: string): Finding[] {
	const ast = parse(source, { modern: true, filename: file });
	const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
	const findings: Finding[] = [];
	const isWords = (text: string) => /\p{L}{2,}/u.test(text.replace(sameInEveryLanguage, ''));
	const walk = (value: unknown, skip: boolean) => {
		if (Array.isArray(value)) return value.forEach((item) => walk(item, skip));
		if (!value || typeof value !== 'object') return;
		const node = value as Node;
		if (node.type === 'Text' && !skip) {
			const text = (node.data ?? '').trim();
			if (isWords(text)) findings.push({ file, line: lineOf(node.start), text: text.slice(0, 60) });
			return;
		}
		if (node.type === 'Attribute') {
			// only what is read or heard: class names, paths and values are not words
			if (!node.name || !spokenAttributes.has(node.name)) return;
			const parts = Array.isArray(node.value) ? (node.value as Node[]) : [];
			for (const part of parts)
				if (part.type === 'Text' && isWords((part.data ?? '').trim()))
					findings.push({ file, line: lineOf(part.start), text: `${node.name}="${part.data}"` });
			return;
		}
		// code, key names, styles and scripts are not prose; <svelte:head> is walked (its <title> is read)
		const skipHere =
			skip ||
			(node.type === 'RegularElement' && ['code', 'pre', 'kbd', 'style'].includes(node.name ?? ''));
		for (const [key, child] of Object.entries(node)) {
			if (key === 'instance' || key === 'module' || key === 'css' || key === 'options') continue;
			walk(child, skipHere);
		}
	};
	walk(ast.fragment, false);
	return findings;
}

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

describe('no hard-coded words in the interface', () => {
	it('finds a literal word in markup and in an aria-label, but not in an expression or <code>', () => {
		const found = hardcodedTexts(
			'Fixture.svelte',
			'<h1>{m.title()}</h1>\n<p>Sign in</p>\n<button aria-label="Close">×</button>\n<code>npm test</code>\n<span>{count} ·</span>'
		);
		expect(found).toEqual([
			{ file: 'Fixture.svelte', line: 2, text: 'Sign in' },
			{ file: 'Fixture.svelte', line: 3, text: 'aria-label="Close"' }
		]);
	});

	it('every .svelte file in src takes its words from the messages', () => {
		const findings = svelteFiles('src').flatMap((file) =>
			hardcodedTexts(file, readFileSync(file, 'utf8'))
		);
		expect(findings.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
	});
});
