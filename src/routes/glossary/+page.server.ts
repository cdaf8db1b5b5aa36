import { intlLocale } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const content = getContent();
	const entries = [...content.glossary.values()]
		.map((entry) => ({
			...entry,
			lessonTitle: content.lessons.get(entry.lessonSlug)?.title ?? ''
		}))
		.sort((a, b) => a.term.localeCompare(b.term, intlLocale()));
	return { entries };
};
