import type { Component } from 'svelte';

// Lazy, so each lesson's compiled prose is its own chunk; metadata and validation live in $lib/server/content.
const modules = import.meta.glob<{ default: Component }>('/lessons/*/index.md');

/** The compiled lesson prose for a slug (its folder without the NN- prefix), or null. */
export async function loadLessonComponent(slug: string): Promise<Component | null> {
	const path = Object.keys(modules).find((p) => p.split('/').at(-2)?.replace(/^\d+-/, '') === slug);
	const load = path ? modules[path] : undefined;
	return load ? (await load()).default : null;
}
