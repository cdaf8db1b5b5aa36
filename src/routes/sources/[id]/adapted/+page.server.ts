import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const content = getContent();
	const source = content.sources.get(params.id);
	const adapted = content.adapted.get(params.id);
	if (!source || !adapted) error(404, m.source_adapted_not_found());
	return { source: { id: source.id, title: source.title, outlet: source.outlet }, adapted };
};
