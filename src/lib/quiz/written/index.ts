import { m } from '$lib/i18n';
import { z } from 'zod';
import { answerField } from '../fields';
import type { QuestionTypeModule } from '../module';
import { toPublic } from './public';
import {
	writtenSchema,
	type WrittenAnswer,
	type WrittenPublicQuestion,
	type WrittenQuestion
} from './question';
import { sample } from './sample';
import { score } from './score';
import * as summary from './summary';
import { validate } from './validate';

export type { WrittenAnswer, WrittenPublicQuestion, WrittenQuestion };

export const written: QuestionTypeModule<WrittenQuestion, WrittenPublicQuestion, WrittenAnswer> = {
	id: 'written',
	// read when used, so it is in the request's language
	get label() {
		return m.shared_type_written();
	},
	minutesToAnswer: (question) => 3 + (question.minWords ?? 40) / 10,
	schema: writtenSchema,
	answerSchema: () => z.string(),
	toPublic,
	validate,
	score,
	// there is no single right text: teachers and the reveal show the model answer
	answerKeyText: (question) => question.modelAnswer,
	summary,
	countsSeveralChoices: false,
	gradedByTeacher: true,
	rubric: (question) => question.rubric,
	revealedTexts: (question) => [
		question.explanation,
		question.modelAnswer,
		...question.rubric.map((level) => level.description)
	],
	// a teacher scores it later, so a live session never asks it
	projector: () => [],
	tapChoices: () => null,
	formEntries: (answer, question) => [[answerField(question.id), answer]],
	demoAnswers: (question) => ({
		right: question.modelAnswer,
		wrong: 'I am not sure what it says.'
	}),
	samples: [sample]
};
