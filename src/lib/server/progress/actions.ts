import { fail, type RequestEvent } from '@sveltejs/kit';
import { getContent } from '../content';
import { getDatabase } from '../db';
import { currentLearner } from '../auth/learner';
import { readForm } from '../request';
import { findSection, markSectionRead } from './progress';

/** The lesson page's `markRead` action: the "Mark … as read" buttons, and the reading observer's posts. */
export async function markSectionReadAction(event: RequestEvent<{ slug: string }>) {
	const form = await readForm(event.request);
	const field = form.get('sectionId');
	const sectionId = typeof field === 'string' ? field : '';
	const content = getContent();
	const found = findSection(content, event.params.slug, sectionId);
	if (!found.ok) return fail(found.status, { progressError: { message: found.message } });
	const db = await getDatabase();
	// a visitor's first "mark as read" starts their guest record, like a first answer does
	const user = await currentLearner(db, event);
	const result = await markSectionRead(db, content, {
		userId: user.id,
		lessonSlug: found.lesson.slug,
		sectionId: found.section.id
	});
	if (!result.ok) return fail(result.status, { progressError: { message: result.message } });
	return { sectionRead: { sectionId: result.sectionId } };
}
