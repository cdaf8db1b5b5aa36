import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { showDate } from '../../dates';
import { requireUser } from '../auth/guards';
import { getContent } from '../content';
import { getDatabase } from '../db';
import { readForm } from '../request';
import { readerTimeZone } from '../time-zones';
import { answerReview, refusedState, reviewedItem, reviewPage } from './sitting';

/** /review's data: how many cards are due, when the next comes due, and this sitting's cards. */
export async function loadReview(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireUser(event);
	const db = await getDatabase();
	const [page, zone] = await Promise.all([
		reviewPage(db, getContent(), user.id, new Date()),
		readerTimeZone(db, user)
	]);
	return { ...page, nextDue: page.nextDue && showDate(page.nextDue, zone, 'dateTime') };
}

/** /review's `answer` action: one card answered, with the same feedback and evidence as in lessons. */
export async function reviewAnswerAction(event: RequestEvent) {
	const user = requireUser(event);
	const form = await readForm(event.request);
	const content = getContent();
	const db = await getDatabase();
	const result = await answerReview(db, content, {
		userId: user.id,
		form,
		now: new Date()
	});
	if (!result.ok) {
		return fail(result.status, {
			reviewError: {
				questionId: result.questionId ?? null,
				message: result.message,
				state: refusedState(content, result),
				selfRating: result.selfRating ?? null
			}
		});
	}
	const reviewed = reviewedItem(content, result);
	if (!reviewed)
		return fail(404, {
			reviewError: {
				questionId: null,
				message: m.review_question_gone(),
				state: null,
				selfRating: null
			}
		});
	const nextDue = showDate(reviewed.nextDue, await readerTimeZone(db, user), 'dateTime');
	return { reviewed: { ...reviewed, nextDue } };
}
