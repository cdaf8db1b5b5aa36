import type { QuestionState } from '$lib/quiz/feedback';

/** What the last practice action said about one question, read from the page's form result. */
export function practiceOutcome(
	form: unknown,
	questionId: string
): { state?: QuestionState; error?: string } {
	if (!form || typeof form !== 'object') return {};
	if ('practice' in form) {
		const practice = form.practice as { questionId: string; state: QuestionState };
		if (practice.questionId === questionId) return { state: practice.state };
	}
	if ('practiceError' in form) {
		const failure = form.practiceError as { questionId?: string; message: string };
		if (failure.questionId === questionId) return { error: failure.message };
	}
	return {};
}
