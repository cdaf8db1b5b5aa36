import { m } from '$lib/i18n';
import { z } from 'zod';
import { answerField } from '../fields';
import type { QuestionTypeModule } from '../module';
import { correctAnswerOf } from '../score-classes';
import { toPublic } from './public';
import {
	numericSchema,
	type NumericAnswer,
	type NumericPublicQuestion,
	type NumericQuestion
} from './question';
import { sample } from './sample';
import { score } from './score';
import * as summary from './summary';
import { validate } from './validate';

export type { NumericAnswer, NumericPublicQuestion, NumericQuestion };

export const numeric: QuestionTypeModule<NumericQuestion, NumericPublicQuestion, NumericAnswer> = {
	id: 'numeric',
	// read when used, so it is in the request's language
	get label() {
		return m.shared_type_numeric();
	},
	minutesToAnswer: () => 2,
	schema: numericSchema,
	answerSchema: () => z.number().finite(),
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
		question.feedback,
		...(question.mistakes ?? []).map((mistake) => mistake.feedback)
	],
	projector: (question) => [
		{
			kind: 'hint',
			text: question.unit
				? m.question_hint_number_unit({ unit: question.unit })
				: m.question_hint_number()
		}
	],
	tapChoices: () => null,
	formEntries: (answer, question) => [[answerField(question.id), String(answer)]],
	demoAnswers: (question) => ({
		right: question.answer,
		wrong: question.answer + 10 + question.tolerance
	}),
	samples: [sample]
};
