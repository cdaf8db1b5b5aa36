import { error } from '@sveltejs/kit';
import { findLesson } from '$lib/content/lessons';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
	const lesson = findLesson(params.slug);
	if (!lesson) error(404, 'There is no lesson at this address.');
	return { lesson };
};
