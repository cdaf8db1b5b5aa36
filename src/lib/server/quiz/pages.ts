import { toPublicQuestion, type Answer, type Question } from '../../quiz/registry';
import type { QuestionItem } from '../../quiz/item';
import type { Content, LessonContent } from '../content/build';
import { packetDocumentView } from '../content/packet';
import type { QuestionState } from '../../quiz/feedback';
import type { AnsweredQuestion } from './reveal';

export type { QuestionState };

export function questionItem(question: Question, answer?: Answer): QuestionItem {
	// correlated by construction: any answer here was validated against this same question
	return {
		type: question.type,
		question: toPublicQuestion(question),
		value: answer
	} as QuestionItem;
}

/** Each question's page state; `answered` may hold an answer alone (to refill a refused form) or with its reveal. */
export function questionStates(
	questions: Question[],
	answered: Record<string, Partial<AnsweredQuestion>>
): Record<string, QuestionState> {
	return Object.fromEntries(
		questions.map((question): [string, QuestionState] => {
			const done = answered[question.id];
			return [
				question.id,
				{ item: questionItem(question, done?.answer), reveal: done?.reveal ?? null }
			];
		})
	);
}

/** The source paragraphs and fact-sheet entries a lesson's prose shows, keyed for its components. */
export function lessonReferences(lesson: LessonContent, content: Content) {
	const source = content.sources.get(lesson.sourceId);
	return {
		sourceId: lesson.sourceId,
		excerpts: Object.fromEntries(
			lesson.excerptIds.map((id) => [id, source?.paragraphs.get(id)?.text ?? ''])
		),
		// in Spanish: each excerpt's translation, shown beside the English
		excerptTranslations: Object.fromEntries(
			lesson.excerptIds.flatMap((id) => {
				const translation = source?.paragraphs.get(id)?.translation;
				return translation ? [[id, translation]] : [];
			})
		),
		facts: Object.fromEntries(
			lesson.factIds.flatMap((id) => {
				const fact = content.facts.get(id);
				return fact ? [[id, { title: fact.title, sources: fact.sources }]] : [];
			})
		),
		documents: Object.fromEntries(
			lesson.documentIds.flatMap((id) => {
				const document = content.documents.get(id);
				return document ? [[id, packetDocumentView(document)]] : [];
			})
		)
	};
}
