import type { Component } from 'svelte';
import type { Locale } from '$lib/i18n';

// Lazy, so each lesson's compiled prose is its own chunk; metadata and validation live in $lib/server/content.
const modules = import.meta.glob<{ default: Component }>('/lessons/*/index.md');
const spanishModules = import.meta.glob<{ default: Component }>('/lessons/*/index.es.md');

/** The compiled lesson prose for a slug (its folder without the NN- prefix) in `locale`, or null. */
export async function loadLessonComponent(
	slug: string,
	locale: Locale = 'en'
): Promise<Component | null> {
	const inSlug = (path: string) => path.split('/').at(-2)?.replace(/^\d+-/, '') === slug;
	// a lesson not yet translated is shown in English rather than not at all
	for (const found of locale === 'es' ? [spanishModules, modules] : [modules]) {
		const path = Object.keys(found).find(inSlug);
		const load = path ? found[path] : undefined;
		if (load) return (await load()).default;
	}
	return null;
}
