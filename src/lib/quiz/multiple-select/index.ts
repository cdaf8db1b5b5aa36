import { m } from '$lib/i18n';
import { z } from 'zod';
import { answerField } from '../fields';
import type { QuestionTypeModule } from '../module';
import { distinctIds, oneOfIds } from '../schema';
import { correctAnswerOf } from '../score-classes';
import { toPublic } from './public';
import {
	multipleSelectSchema,
	type MultipleSelectAnswer,
	type MultipleSelectPublicQuestion,
	type MultipleSelectQuestion
} from './question';
import { sample } from './sample';
import { score } from './score';
import * as summary from './summary';
import { validate } from './validate';

export type { MultipleSelectAnswer, MultipleSelectPublicQuestion, MultipleSelectQuestion };

export const multipleSelect: QuestionTypeModule<
	MultipleSelectQuestion,
	MultipleSelectPublicQuestion,
	MultipleSelectAnswer
> = {
	id: 'multiple-select',
	// read when used, so it is in the request's language
	get label() {
		return m.shared_type_multiple_select();
	},
	minutesToAnswer: () => 2.5,
	schema: multipleSelectSchema,
	answerSchema: (question) =>
		z
			.array(oneOfIds(question.options.map((option) => option.id)))
			.min(1)
			.refine(distinctIds, 'an option is chosen twice'),
	toPublic,
	validate,
	score,
	answerKeyText: (question) => correctAnswerOf(score(question.answers, question)),
	summary,
	countsSeveralChoices: true,
	gradedByTeacher: false,
	rubric: () => null,
	revealedTexts: (question) => [
		question.explanation,
		...question.options.flatMap((option) => option.feedback ?? [])
	],
	projector: (question) => [
		{ kind: 'list', items: question.options, lettered: true },
		{ kind: 'hint', text: m.question_hint_every_answer() }
	],
	tapChoices: () => null,
	formEntries: (answer, question) => answer.map((id) => [answerField(question.id), id]),
	demoAnswers: (question) => ({
		right: question.answers,
		// every option but the right ones: all wrong, none right
		wrong: question.options
			.filter((option) => !question.answers.includes(option.id))
			.map((option) => option.id)
	}),
	samples: [sample]
};
