import { getContent } from '$lib/server/content';
import { packetDocumentView } from '$lib/server/content/packet';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const content = getContent();
	return {
		documents: [...content.documents.values()].map(packetDocumentView),
		// the lesson that works with the packet, if there is one
		lesson:
			content.lessonsInOrder
				.filter((lesson) => lesson.documentIds.length > 0)
				.map((lesson) => ({ slug: lesson.slug, number: lesson.number, title: lesson.title }))[0] ??
			null
	};
};
