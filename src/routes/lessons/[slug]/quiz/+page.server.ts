import { practiceAnswerAction } from '$lib/server/quiz/actions';
import {
	loadQuizPage,
	saveDraftAction,
	startQuizAction,
	submitQuizAction
} from '$lib/server/quiz/quiz-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadQuizPage(event);

export const actions: Actions = {
	answer: practiceAnswerAction,
	start: startQuizAction,
	submit: submitQuizAction,
	draft: saveDraftAction
};
