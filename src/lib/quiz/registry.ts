// The one file outside the type folders that names the question types: everything else looks them up here.
import type { ProjectorPart, QuestionTypeModule } from './module';
import type { Choice, RubricLevel, Score, Validation } from './types';
import { classification } from './classification';
import { multipleSelect } from './multiple-select';
import { numeric } from './numeric';
import { ordering } from './ordering';
import { singleChoice } from './single-choice';
import { trueFalse } from './true-false';
import { written } from './written';

/** Every question type, in the order teachers see them listed. Adding a type: one folder and one line here. */
const modules = {
	[singleChoice.id]: singleChoice,
	[multipleSelect.id]: multipleSelect,
	[trueFalse.id]: trueFalse,
	[ordering.id]: ordering,
	[classification.id]: classification,
	[numeric.id]: numeric,
	[written.id]: written
};

type TypesOf<M> =
	M extends QuestionTypeModule<infer Q, infer P, infer A>
		? { question: Q; public: P; answer: A }
		: never;

/** Each question type's answerful question, public projection and answer. */
export type QuestionTypes = { [T in keyof typeof modules]: TypesOf<(typeof modules)[T]> };

export type QuestionType = keyof QuestionTypes;
export type Question = QuestionTypes[QuestionType]['question'];
export type PublicQuestion = QuestionTypes[QuestionType]['public'];
export type Answer = QuestionTypes[QuestionType]['answer'];

export type QuestionTypeModuleOf<T extends QuestionType> = QuestionTypeModule<
	QuestionTypes[T]['question'],
	QuestionTypes[T]['public'],
	QuestionTypes[T]['answer']
>;

export const questionTypes: { [T in QuestionType]: QuestionTypeModuleOf<T> } = modules;

/** The type ids, in the registry's order. */
export const questionTypeIds = Object.keys(questionTypes) as QuestionType[];

/** Every type's module, in the registry's order: for code that treats each type alike (tests, lists). */
export const questionTypeModules = (): QuestionTypeModuleOf<QuestionType>[] =>
	questionTypeIds.map((type) => questionTypes[type] as QuestionTypeModuleOf<QuestionType>);

export function isQuestionType(value: string): value is QuestionType {
	return Object.hasOwn(questionTypes, value);
}

/** A type's module, typed for a question of that type. */
export function moduleOf<T extends QuestionType>(type: T): QuestionTypeModuleOf<T> {
	return questionTypes[type];
}

export function toPublicQuestion<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T }
): QuestionTypes[T]['public'] {
	return moduleOf<T>(question.type).toPublic(question);
}

export function validateAnswer<T extends QuestionType>(
	form: FormData,
	question: QuestionTypes[T]['public'] & { type: T }
): Validation<QuestionTypes[T]['answer']> {
	return moduleOf<T>(question.type).validate(form, question);
}

export function scoreAnswer<T extends QuestionType>(
	answer: QuestionTypes[T]['answer'],
	question: QuestionTypes[T]['question'] & { type: T }
): Score {
	return moduleOf<T>(question.type).score(answer, question);
}

/** The right answer in words, for the teacher guide and the live reveal (a model answer for written). */
export function answerKeyText<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T }
): string {
	return moduleOf<T>(question.type).answerKeyText(question);
}

export function rubricOf<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T }
): RubricLevel[] | null {
	return moduleOf<T>(question.type).rubric(question);
}

/**
 * A stored answer (JSON from the responses or live answers table) read back as this question's answer, or
 * why it does not fit the question as it stands today. Never cast a stored answer: parse it here.
 */
export function parseStoredAnswer<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T },
	stored: unknown
): { ok: true; answer: QuestionTypes[T]['answer'] } | { ok: false; message: string } {
	const parsed = moduleOf<T>(question.type).answerSchema(question).safeParse(stored);
	if (parsed.success) return { ok: true, answer: parsed.data };
	return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join('; ') };
}

/** The form fields a browser posts for this answer, as validateAnswer reads them. */
export function answerFormEntries<T extends QuestionType>(
	answer: QuestionTypes[T]['answer'],
	question: QuestionTypes[T]['public'] & { type: T }
): [string, string][] {
	return moduleOf<T>(question.type).formEntries(answer, question);
}

/** A right and a plausible wrong answer to a question, for the demo data and tests. */
export function demoAnswers<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T }
): { right: QuestionTypes[T]['answer']; wrong: QuestionTypes[T]['answer'] } {
	return moduleOf<T>(question.type).demoAnswers(question);
}

/** Whether a teacher scores this question (written): it waits in the grading queue and is never asked live. */
export function gradedByTeacher(question: { type: QuestionType }): boolean {
	return questionTypes[question.type].gradedByTeacher;
}

/** The type's name for teachers. */
export function typeLabel(type: QuestionType): string {
	return questionTypes[type].label;
}

/** What the projector shows under a live question's prompt. */
export function projectorParts<T extends QuestionType>(
	question: QuestionTypes[T]['public'] & { type: T }
): ProjectorPart[] {
	return moduleOf<T>(question.type).projector(question);
}

/** The choices a live player answers with one tap; null when the answer is composed and then sent. */
export function tapChoices<T extends QuestionType>(
	question: QuestionTypes[T]['public'] & { type: T }
): Choice[] | null {
	return moduleOf<T>(question.type).tapChoices(question);
}

/** Every text a student may see only after submitting: the public projection must hold none. */
export function revealedTexts<T extends QuestionType>(
	question: QuestionTypes[T]['question'] & { type: T }
): string[] {
	return moduleOf<T>(question.type).revealedTexts(question);
}
