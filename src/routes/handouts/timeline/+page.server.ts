import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const content = getContent();
	if (!content.module) error(404, m.timeline_missing());
	return {
		events: content.module.timeline.map(({ date, label, status, paragraphs, facts }) => ({
			date,
			label,
			status,
			paragraphs: paragraphs ?? [],
			facts: facts ?? []
		}))
	};
};
