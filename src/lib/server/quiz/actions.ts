import { fail, type RequestEvent } from '@sveltejs/kit';
import { getContent } from '../content';
import { getDatabase } from '../db';
import { currentLearner } from '../auth/learner';
import { readForm } from '../request';
import { gradePracticeAnswer, practiceAnswered, recordPracticeAnswer } from './answers';
import { practiceClosure } from './assigned';
import { questionItem } from './pages';

/**
 * The `answer` form action shared by lesson pages (inline checks) and practice quizzes. A quiz question is
 * refused (403, nothing stored) while practice on it is closed to the student (see practiceOpen).
 */
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
	const user = event.locals.user;
	if (user && graded.lesson.quizIds.includes(graded.question.id)) {
		// a quiz question's feedback shows its answer: closed while the student's quiz policy says so
		const closed = await practiceClosure(
			db.read,
			db.tables,
			{ userId: user.id, lessonSlug: graded.lesson.slug },
			new Date()
		);
		if (closed)
			return fail(403, { practiceError: { questionId: graded.question.id, message: closed } });
	}
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
