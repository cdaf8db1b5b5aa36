import { error } from '@sveltejs/kit';
import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const source = getContent().sources.get(params.id);
	if (!source) error(404, 'There is no source at this address.');
	return {
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
