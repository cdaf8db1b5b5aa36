import { error } from '@sveltejs/kit';
import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const content = getContent();
	const source = content.sources.get(params.id);
	if (!source) error(404, 'There is no source at this address.');
	return {
		hasAdapted: content.adapted.has(source.id),
		source: {
			id: source.id,
			title: source.title,
			outlet: source.outlet,
			published: source.published,
			url: source.url,
			repost: source.repost ?? null,
			repostDate: source.repostDate ?? null,
			blocks: source.blocks
		}
	};
};
