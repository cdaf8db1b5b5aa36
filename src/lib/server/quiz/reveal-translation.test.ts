import { describe, expect, it } from 'vitest';
import { buildContent } from '../content/build';
import { readContentFiles } from '../content/content-files';
import { translatedContent } from '../content/localize';
import { lessonReferences, questionStates } from './pages';
import { buildReveal, resolveEvidence } from './reveal';

// A Spanish reader sees the English quote with our translation of its paragraph beside it. The translation
// rides inside the reveal, so it reaches the browser exactly when the evidence does: never before an answer.

const built = buildContent(readContentFiles());
const english = built.content;
const spanish = translatedContent(built.content, built.translations);

const evidenceOf = (content: typeof english, questionId: string) => {
	const found = content.questions.get(questionId);
	if (!found) throw new Error(`no question ${questionId}`);
	const lesson = content.lessons.get(found.lessonSlug);
	return resolveEvidence(found.question.evidence, lesson?.sourceId ?? '', content);
};

describe('evidence in Spanish', () => {
	it('keeps the English quote and adds the whole paragraph in Spanish; English evidence has none', () => {
		const [es] = evidenceOf(spanish, 'l2-denial-meaning').filter((e) => e.kind === 'paragraph');
		const [en] = evidenceOf(english, 'l2-denial-meaning').filter((e) => e.kind === 'paragraph');
		expect(es?.kind === 'paragraph' && es.quoted).toMatch(/^We categorically deny that American/);
		expect(es?.kind === 'paragraph' && es.quoted).toBe(en?.kind === 'paragraph' && en.quoted);
		expect(es?.kind === 'paragraph' && es.translation).toMatch(
			/^En un comunicado sobre este relato/
		);
		expect(en).not.toHaveProperty('translation');
		// resolved once per language: asking for the English again does not return the Spanish
		expect(evidenceOf(english, 'l2-denial-meaning')[0]).not.toHaveProperty('translation');
	});

	it('sends no paragraph translation of a question before it is answered, and sends it in the reveal', () => {
		const early: string[] = [];
		for (const lesson of spanish.lessonsInOrder) {
			const states = questionStates(lesson.questions, {});
			for (const question of lesson.questions) {
				const reveal = buildReveal(
					question,
					{
						status: 'scored',
						correct: true,
						earned: 1,
						possible: 1,
						feedback: [],
						correctAnswer: ''
					},
					lesson.sourceId,
					spanish
				);
				const translations = reveal.evidence.flatMap((item) =>
					item.kind === 'paragraph' && item.translation ? [[item.paragraph, item.translation]] : []
				);
				expect(translations.length).toBeGreaterThan(0);
				const unanswered = JSON.stringify(states[question.id]);
				for (const [paragraph, translation] of translations)
					if (unanswered.includes(translation ?? '')) early.push(`${question.id}: ${paragraph}`);
				expect(states[question.id]?.reveal).toBeNull();
			}
		}
		expect(early).toEqual([]);
	});

	it('gives a lesson page the translations of its own excerpts only', () => {
		const lesson = spanish.lessonsInOrder.find((l) => l.excerptIds.length > 0);
		if (!lesson) throw new Error('no lesson with excerpts');
		const references = lessonReferences(lesson, spanish);
		expect(Object.keys(references.excerptTranslations).sort()).toEqual(
			[...lesson.excerptIds].sort()
		);
		const englishReferences = lessonReferences(lesson, english);
		expect(englishReferences.excerptTranslations).toEqual({});
	});
});
