import type { ClassificationPublicQuestion, ClassificationQuestion } from './question';

/** An allow-list: only what a student needs to answer. */
export function toPublic(question: ClassificationQuestion): ClassificationPublicQuestion {
	return {
		type: 'classification',
		id: question.id,
		prompt: question.prompt,
		objective: question.objective,
		bloom: question.bloom,
		categories: question.categories.map((category) => ({
			id: category.id,
			label: category.label
		})),
		items: question.items.map((item) => ({ id: item.id, text: item.text }))
	};
}
