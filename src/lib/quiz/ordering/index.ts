import { m } from '$lib/i18n';
import { z } from 'zod';
import { answerField } from '../fields';
import type { QuestionTypeModule } from '../module';
import { distinctIds, oneOfIds } from '../schema';
import { correctAnswerOf } from '../score-classes';
import { toPublic } from './public';
import {
	orderingSchema,
	type OrderingAnswer,
	type OrderingPublicQuestion,
	type OrderingQuestion
} from './question';
import { sample } from './sample';
import { score } from './score';
import * as summary from './summary';
import { validate } from './validate';

export type { OrderingAnswer, OrderingPublicQuestion, OrderingQuestion };

export const ordering: QuestionTypeModule<
	OrderingQuestion,
	OrderingPublicQuestion,
	OrderingAnswer
> = {
	id: 'ordering',
	// read when used, so it is in the request's language
	get label() {
		return m.shared_type_ordering();
	},
	minutesToAnswer: (question) => 1 + 0.4 * question.items.length,
	schema: orderingSchema,
	answerSchema: (question) =>
		z
			.array(oneOfIds(question.items.map((item) => item.id)))
			.length(question.items.length)
			.refine(distinctIds, 'an item is placed twice'),
	toPublic,
	validate,
	score,
	answerKeyText: (question) => correctAnswerOf(score(question.answer, question)),
	summary,
	countsSeveralChoices: false,
	gradedByTeacher: false,
	rubric: () => null,
	revealedTexts: (question) => [question.explanation, question.feedback],
	projector: (question) => [
		{ kind: 'hint', text: m.question_hint_order() },
		{ kind: 'list', items: question.items, lettered: false }
	],
	// each item's position, 1 first
	tapChoices: () => null,
	formEntries: (answer, question) =>
		answer.map((id, index) => [answerField(question.id, id), String(index + 1)]),
	demoAnswers: (question) => ({ right: question.answer, wrong: [...question.answer].reverse() }),
	samples: [sample]
};
