import { fail, type RequestEvent } from '@sveltejs/kit';
import { getContent } from '../content';
import { getDatabase } from '../db';
import { currentLearner } from '../auth/learner';
import { readForm } from '../request';
import { answerPracticeQuestion } from './answers';
import { questionItem } from './pages';

/** The `answer` form action shared by lesson pages (inline checks) and practice quizzes. */
export async function practiceAnswerAction(event: RequestEvent<{ slug: string }>) {
	const form = await readForm(event.request);
	const content = getContent();
	const db = await getDatabase();
	const input = { lessonSlug: event.params.slug, form };
	// a visitor's first good answer creates their guest record; a refused one creates nothing
	let result = await answerPracticeQuestion(db, content, {
		...input,
		userId: event.locals.user?.id ?? null
	});
	if (result.ok && !event.locals.user) {
		const learner = await currentLearner(db, event);
		result = await answerPracticeQuestion(db, content, { ...input, userId: learner.id });
	}
	if (!result.ok) {
		return fail(result.status, {
			practiceError: { questionId: result.questionId, message: result.message }
		});
	}
	const question = content.questions.get(result.reveal.questionId)?.question;
	if (!question)
		return fail(404, { practiceError: { message: 'That question no longer exists.' } });
	return {
		practice: {
			questionId: question.id,
			state: { item: questionItem(question, result.answer), reveal: result.reveal }
		}
	};
}
