import { fail, type RequestEvent } from '@sveltejs/kit';
import { getContent } from '../content';
import { getDatabase } from '../db';
import { currentLearner } from '../auth/learner';
import { readForm } from '../request';
import { gradePracticeAnswer, practiceAnswered, recordPracticeAnswer } from './answers';
import { questionItem } from './pages';

/** The `answer` form action shared by lesson pages (inline checks) and practice quizzes. */
export async function practiceAnswerAction(event: RequestEvent<{ slug: string }>) {
	const form = await readForm(event.request);
	const content = getContent();
	// graded once, before anyone is created: a refused answer makes no guest record
	const graded = gradePracticeAnswer(content, { lessonSlug: event.params.slug, form });
	if (!graded.ok) {
		return fail(graded.status, {
			practiceError: { questionId: graded.questionId, message: graded.message }
		});
	}
	const db = await getDatabase();
	// a visitor's first good answer creates their guest record
	const learner = await currentLearner(db, event);
	await recordPracticeAnswer(db, learner.id, graded);
	const { answer, reveal } = practiceAnswered(content, graded);
	return {
		practice: {
			questionId: graded.question.id,
			state: { item: questionItem(graded.question, answer), reveal }
		}
	};
}
