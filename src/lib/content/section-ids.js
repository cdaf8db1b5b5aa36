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

/** @param {HastNode} node */
function addIds(node) {
	if (node.type === 'element' && node.tagName === 'h2') {
		node.properties = { ...node.properties, id: node.properties?.id ?? sectionId(textOf(node)) };
		return;
	}
	for (const child of node.children ?? []) addIds(child);
}

/**
 * mdsvex rehype plugin: every h2 of lesson prose gets its section id, so progress can link to #id.
 * @returns {(tree: HastNode) => void}
 */
export function rehypeSectionIds() {
	return addIds;
}
