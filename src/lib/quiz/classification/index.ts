import { m } from '$lib/i18n';
import { z } from 'zod';
import { answerField } from '../fields';
import type { QuestionTypeModule } from '../module';
import { oneOfIds } from '../schema';
import { correctAnswerOf } from '../score-classes';
import { toPublic } from './public';
import {
	classificationSchema,
	type ClassificationAnswer,
	type ClassificationPublicQuestion,
	type ClassificationQuestion
} from './question';
import { sample } from './sample';
import { score } from './score';
import * as summary from './summary';
import { validate } from './validate';

export type { ClassificationAnswer, ClassificationPublicQuestion, ClassificationQuestion };

const key = (question: ClassificationQuestion): ClassificationAnswer =>
	Object.fromEntries(question.items.map((item) => [item.id, item.category]));

export const classification: QuestionTypeModule<
	ClassificationQuestion,
	ClassificationPublicQuestion,
	ClassificationAnswer
> = {
	id: 'classification',
	// read when used, so it is in the request's language
	get label() {
		return m.shared_type_classification();
	},
	minutesToAnswer: (question) => 1 + 0.4 * question.items.length,
	schema: classificationSchema,
	answerSchema: (question) =>
		z
			.record(
				oneOfIds(question.items.map((item) => item.id)),
				oneOfIds(question.categories.map((category) => category.id))
			)
			.refine(
				(answer) => Object.keys(answer).length === question.items.length,
				'not every item is sorted'
			),
	toPublic,
	validate,
	score,
	answerKeyText: (question) => correctAnswerOf(score(key(question), question)),
	summary,
	countsSeveralChoices: false,
	gradedByTeacher: false,
	rubric: () => null,
	revealedTexts: (question) => [
		question.explanation,
		...question.items.map((item) => item.feedback)
	],
	projector: (question) => [
		{
			kind: 'hint',
			text: m.question_hint_sort_into({
				categories: question.categories.map((c) => `“${c.label}”`).join(', ')
			})
		},
		{ kind: 'list', items: question.items, lettered: false }
	],
	tapChoices: () => null,
	formEntries: (answer, question) =>
		Object.entries(answer).map(([item, category]) => [answerField(question.id, item), category]),
	demoAnswers: (question) => {
		// everything in the first category: right only where that is the key
		const first = question.categories[0]?.id ?? '';
		return {
			right: key(question),
			wrong: Object.fromEntries(question.items.map((item) => [item.id, first]))
		};
	},
	samples: [sample]
};
