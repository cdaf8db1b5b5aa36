import { scoreAnswer, type Question } from '../../quiz/registry';

/** The right answer in words, for the teacher guide: what a student sees after answering. */
export function answerKeyText(question: Question): string {
	const key = (() => {
		switch (question.type) {
			case 'single-choice':
				return scoreAnswer(question.answer, question);
			case 'multiple-select':
				return scoreAnswer(question.answers, question);
			case 'true-false':
				return scoreAnswer(question.answer, question);
			case 'ordering':
				return scoreAnswer(question.answer, question);
			case 'classification':
				return scoreAnswer(
					Object.fromEntries(question.items.map((item) => [item.id, item.category])),
					question
				);
			case 'numeric':
				return scoreAnswer(question.answer, question);
			case 'written':
				return null;
		}
	})();
	if (!key || key.status !== 'scored')
		return question.type === 'written' ? question.modelAnswer : '';
	return key.correctAnswer;
}
