import { m } from '$lib/i18n';
import { answerField } from '../fields';
import type { QuestionTypeModule } from '../module';
import { oneOfIds } from '../schema';
import { correctAnswerOf } from '../score-classes';
import { toPublic } from './public';
import {
	singleChoiceSchema,
	type SingleChoiceAnswer,
	type SingleChoicePublicQuestion,
	type SingleChoiceQuestion
} from './question';
import { sample } from './sample';
import { score } from './score';
import * as summary from './summary';
import { validate } from './validate';

export type { SingleChoiceAnswer, SingleChoicePublicQuestion, SingleChoiceQuestion };

export const singleChoice: QuestionTypeModule<
	SingleChoiceQuestion,
	SingleChoicePublicQuestion,
	SingleChoiceAnswer
> = {
	id: 'single-choice',
	// read when used, so it is in the request's language
	get label() {
		return m.shared_type_single_choice();
	},
	minutesToAnswer: () => 2,
	schema: singleChoiceSchema,
	answerSchema: (question) => oneOfIds(question.options.map((option) => option.id)),
	toPublic,
	validate,
	score,
	answerKeyText: (question) => correctAnswerOf(score(question.answer, question)),
	summary,
	countsSeveralChoices: false,
	gradedByTeacher: false,
	rubric: () => null,
	revealedTexts: (question) => [
		question.explanation,
		...question.options.flatMap((option) => option.feedback ?? [])
	],
	projector: (question) => [{ kind: 'list', items: question.options, lettered: true }],
	tapChoices: (question) => question.options,
	formEntries: (answer, question) => [[answerField(question.id), answer]],
	demoAnswers: (question) => ({
		right: question.answer,
		// the first wrong option, so its feedback shows
		wrong: question.options.find((option) => option.id !== question.answer)?.id ?? question.answer
	}),
	samples: [sample]
};
