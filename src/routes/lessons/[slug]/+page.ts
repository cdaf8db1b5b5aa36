import { error } from '@sveltejs/kit';
import { loadLessonComponent } from '$lib/content/lessons';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data, params }) => {
	const component = await loadLessonComponent(params.slug);
	if (!component) error(404, 'There is no lesson at this address.');
	return { ...data, component };
};
