import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const content = getContent();
	const source = content.sources.get(params.id);
	if (!source) error(404, m.source_not_found());
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
			// a Spanish reader also gets each translated block's Spanish, shown beside the English
			blocks: source.blocks.map(({ id, kind, text, note, translation }) => ({
				id,
				kind,
				text,
				note,
				translation: translation ?? null
			}))
		}
	};
};
