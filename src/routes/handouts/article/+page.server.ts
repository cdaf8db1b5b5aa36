import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const source = getContent().sources.get('truthout-2014');
	if (!source) error(404, m.handouts_article_missing());
	return {
		source: {
			id: source.id,
			title: source.title,
			outlet: source.outlet,
			published: source.published,
			url: source.url
		},
		// only the article's own words: headings, pull quotes and site chrome are not cited as evidence
		paragraphs: [...source.paragraphs.values()].map(({ id, text }) => ({ id, text }))
	};
};
