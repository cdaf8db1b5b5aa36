import { readFileSync } from 'node:fs';

// Plain JavaScript so that svelte.config.js (mdsvex) and the server's content index share one slug rule.

/**
 * A lesson section's id: its `## ` heading as a slug, stable while the heading's words stay the same.
 * @param {string} heading
 * @returns {string}
 */
export function sectionId(heading) {
	return heading
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** @typedef {{ type: string, tagName?: string, value?: string, properties?: Record<string, unknown>, children?: HastNode[] }} HastNode */

/** @param {HastNode} node @returns {string} */
function textOf(node) {
	if (node.type === 'text') return node.value ?? '';
	return (node.children ?? []).map(textOf).join('');
}

/**
 * @param {HastNode} node
 * @param {(heading: string, index: number) => string} idFor
 * @param {{ next: number }} counter
 */
function addIds(node, idFor, counter) {
	if (node.type === 'element' && node.tagName === 'h2') {
		const id = node.properties?.id ?? idFor(textOf(node), counter.next++);
		node.properties = { ...node.properties, id };
		return;
	}
	for (const child of node.children ?? []) addIds(child, idFor, counter);
}

/**
 * The ids of a lesson's sections, in order, from its English Markdown: a translation's nth section keeps
 * the nth English id, so progress, links and "read" marks are the same in every language.
 * @param {string} markdown
 * @returns {string[]}
 */
export function englishSectionIds(markdown) {
	return markdown.split('\n').flatMap((line) => {
		const heading = /^## (.+)$/.exec(line)?.[1];
		return heading ? [sectionId(heading)] : [];
	});
}

/**
 * mdsvex rehype plugin: every h2 of lesson prose gets its section id, so progress can link to #id. In
 * index.es.md (or any index.<lang>.md) the ids are the English twin's.
 * @returns {(tree: HastNode, file: { filename?: string }) => void}
 */
export function rehypeSectionIds() {
	return (tree, file) => {
		const translated = /^(.*[\\/])index\.[a-z]{2}\.md$/.exec(file?.filename ?? '');
		const english = translated
			? englishSectionIds(readFileSync(`${translated[1]}index.md`, 'utf8'))
			: [];
		addIds(tree, (heading, index) => english[index] ?? sectionId(heading), { next: 0 });
	};
}
