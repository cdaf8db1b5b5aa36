import { error } from '@sveltejs/kit';
import { loadLessonComponent } from '$lib/content/lessons';
import { getLocale, m } from '$lib/i18n';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data, params }) => {
	const component = await loadLessonComponent(params.slug, getLocale());
	if (!component) error(404, m.lesson_not_found());
	return { ...data, component };
};
