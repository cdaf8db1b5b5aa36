import { m } from '$lib/i18n';
import { z } from 'zod';
import { answerField } from '../fields';
import type { QuestionTypeModule } from '../module';
import { correctAnswerOf } from '../score-classes';
import { toPublic } from './public';
import {
	trueFalseSchema,
	type TrueFalseAnswer,
	type TrueFalsePublicQuestion,
	type TrueFalseQuestion
} from './question';
import { sample } from './sample';
import { score } from './score';
import * as summary from './summary';
import { validate } from './validate';

export type { TrueFalseAnswer, TrueFalsePublicQuestion, TrueFalseQuestion };

export const trueFalse: QuestionTypeModule<
	TrueFalseQuestion,
	TrueFalsePublicQuestion,
	TrueFalseAnswer
> = {
	id: 'true-false',
	// read when used, so it is in the request's language
	get label() {
		return m.shared_type_true_false();
	},
	minutesToAnswer: () => 1,
	schema: trueFalseSchema,
	answerSchema: () => z.boolean(),
	toPublic,
	validate,
	score,
	answerKeyText: (question) => correctAnswerOf(score(question.answer, question)),
	summary,
	countsSeveralChoices: false,
	gradedByTeacher: false,
	rubric: () => null,
	revealedTexts: (question) => [question.explanation, question.feedback],
	projector: () => [{ kind: 'hint', text: m.question_hint_true_false() }],
	// the ids validate() reads back as the answer
	tapChoices: () => [
		{ id: 'true', text: m.question_true() },
		{ id: 'false', text: m.question_false() }
	],
	formEntries: (answer, question) => [[answerField(question.id), String(answer)]],
	demoAnswers: (question) => ({ right: question.answer, wrong: !question.answer }),
	samples: [sample]
};
