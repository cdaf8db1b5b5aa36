import type { Component } from 'svelte';
import type { z } from 'zod';
import type { Score, Validation } from './types';
import * as classification from './classification/question';
import * as multipleSelect from './multiple-select/question';
import * as numeric from './numeric/question';
import * as ordering from './ordering/question';
import * as singleChoice from './single-choice/question';
import * as trueFalse from './true-false/question';
import * as written from './written/question';
import { toPublic as classificationPublic } from './classification/public';
import { toPublic as multipleSelectPublic } from './multiple-select/public';
import { toPublic as numericPublic } from './numeric/public';
import { toPublic as orderingPublic } from './ordering/public';
import { toPublic as singleChoicePublic } from './single-choice/public';
import { toPublic as trueFalsePublic } from './true-false/public';
import { toPublic as writtenPublic } from './written/public';
import { validate as classificationValidate } from './classification/validate';
import { validate as multipleSelectValidate } from './multiple-select/validate';
import { validate as numericValidate } from './numeric/validate';
import { validate as orderingValidate } from './ordering/validate';
import { validate as singleChoiceValidate } from './single-choice/validate';
import { validate as trueFalseValidate } from './true-false/validate';
import { validate as writtenValidate } from './written/validate';
import { score as classificationScore } from './classification/score';
import { score as multipleSelectScore } from './multiple-select/score';
import { score as numericScore } from './numeric/score';
import { score as orderingScore } from './ordering/score';
import { score as singleChoiceScore } from './single-choice/score';
import { score as trueFalseScore } from './true-false/score';
import { score as writtenScore } from './written/score';
import { storedAnswerSchemas, type StoredAnswerSchemas } from './stored-answers';

/** Each question type's answerful question, public projection and answer. */
export interface QuestionTypes {
	'single-choice': {
		question: singleChoice.SingleChoiceQuestion;
		public: singleChoice.SingleChoicePublicQuestion;
		answer: singleChoice.SingleChoiceAnswer;
	};
	'multiple-select': {
		question: multipleSelect.MultipleSelectQuestion;
		public: multipleSelect.MultipleSelectPublicQuestion;
		answer: multipleSelect.MultipleSelectAnswer;
	};
	'true-false': {
		question: trueFalse.TrueFalseQuestion;
		public: trueFalse.TrueFalsePublicQuestion;
		answer: trueFalse.TrueFalseAnswer;
	};
	ordering: {
		question: ordering.OrderingQuestion;
		public: ordering.OrderingPublicQuestion;
		answer: ordering.OrderingAnswer;
	};
	classification: {
		question: classification.ClassificationQuestion;
		public: classification.ClassificationPublicQuestion;
		answer: classification.ClassificationAnswer;
	};
	numeric: {
		question: numeric.NumericQuestion;
		public: numeric.NumericPublicQuestion;
		answer: numeric.NumericAnswer;
	};
	written: {
		question: written.WrittenQuestion;
		public: written.WrittenPublicQuestion;
		answer: written.WrittenAnswer;
	};
}

export type QuestionType = keyof QuestionTypes;
export type Question = QuestionTypes[QuestionType]['question'];
export type PublicQuestion = QuestionTypes[QuestionType]['public'];
export type Answer = QuestionTypes[QuestionType]['answer'];

export interface QuestionTypeDefinition<T extends QuestionType> {
	/** the answerful question as written in a bank, with its content checks */
	schema: z.ZodType<QuestionTypes[T]['question']>;
	toPublic(question: QuestionTypes[T]['question']): QuestionTypes[T]['public'];
	validate(
		form: FormData,
		question: QuestionTypes[T]['public']
	): Validation<QuestionTypes[T]['answer']>;
	score(answer: QuestionTypes[T]['answer'], question: QuestionTypes[T]['question']): Score;
}

export type QuestionViewProps<T extends QuestionType> = {
	question: QuestionTypes[T]['public'];
	value?: QuestionTypes[T]['answer'];
	disabled?: boolean;
};
export type QuestionView<T extends QuestionType> = Component<QuestionViewProps<T>>;

/** Adding a question type: one folder under src/lib/quiz and one entry here (and in views.ts). */
export const questionTypes: { [T in QuestionType]: QuestionTypeDefinition<T> } = {
	'single-choice': {
		schema: singleChoice.singleChoiceSchema,
		toPublic: singleChoicePublic,
		validate: singleChoiceValidate,
		score: singleChoiceScore
	},
	'multiple-select': {
		schema: multipleSelect.multipleSelectSchema,
		toPublic: multipleSelectPublic,
		validate: multipleSelectValidate,
		score: multipleSelectScore
	},
	'true-false': {
		schema: trueFalse.trueFalseSchema,
		toPublic: trueFalsePublic,
		validate: trueFalseValidate,
		score: trueFalseScore
	},
	ordering: {
		schema: ordering.orderingSchema,
		toPublic: orderingPublic,
		validate: orderingValidate,
		score: orderingScore
	},
	classification: {
		schema: classification.classificationSchema,
		toPublic: classificationPublic,
		validate: classificationValidate,
		score: classificationScore
	},
	numeric: {
		schema: numeric.numericSchema,
		toPublic: numericPublic,
		validate: numericValidate,
		score: numericScore
	},
	written: {
		schema: written.writtenSchema,
		toPublic: writtenPublic,
		validate: writtenValidate,
		score: writtenScore
	}
};

function definitionOf<T extends QuestionType>(type: T): QuestionTypeDefinition<T> {
	return questionTypes[type];
}

export function toPublicQuestion<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T }
): QuestionTypes[T]['public'] {
	return definitionOf<T>(question.type).toPublic(question);
}

export function validateAnswer<T extends QuestionType>(
	form: FormData,
	question: QuestionTypes[T]['public'] & { type: T }
): Validation<QuestionTypes[T]['answer']> {
	return definitionOf<T>(question.type).validate(form, question);
}

export function scoreAnswer<T extends QuestionType>(
	answer: QuestionTypes[T]['answer'],
	question: QuestionTypes[T]['question'] & { type: T }
): Score {
	return definitionOf<T>(question.type).score(answer, question);
}

/**
 * A stored answer (JSON from the responses or live answers table) read back as this question's answer, or
 * why it does not fit the question as it stands today. Never cast a stored answer: parse it here.
 */
export function parseStoredAnswer<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T },
	stored: unknown
): { ok: true; answer: QuestionTypes[T]['answer'] } | { ok: false; message: string } {
	const schemaOf = storedAnswerSchemas[question.type] as StoredAnswerSchemas[T];
	const parsed = schemaOf(question).safeParse(stored);
	if (parsed.success) return { ok: true, answer: parsed.data };
	return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join('; ') };
}
