import { describe, expect, it } from 'vitest';
import { demoAnswers, scoreAnswer, type Question } from '../../quiz/registry';
import { buildContent } from './build';
import { readContentFiles } from './content-files';
import { applyTexts, translatedContent } from './localize';
import { textSkeleton } from './translation';

const built = buildContent(readContentFiles());
const english = built.content;
const spanish = translatedContent(english, built.translations);

/** A question with every text it shows removed: what must be identical in every language. */
function withoutTexts(question: Question): unknown {
	return applyTexts(question, blank(textSkeleton(question)));
}
function blank(tree: unknown): unknown {
	if (typeof tree === 'string') return '∅';
	if (Array.isArray(tree)) return tree.map(blank);
	if (tree && typeof tree === 'object')
		return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, blank(value)]));
	return tree;
}

describe('applyTexts', () => {
	const question = {
		id: 'q1',
		prompt: 'Which is right?',
		options: [
			{ id: 'a', text: 'One', feedback: 'Not this one.' },
			{ id: 'b', text: 'Two' }
		],
		correct: 'b',
		evidence: [{ paragraph: 'p04', quote: 'the quote stays English' }],
		frames: ['I think', 'because']
	};

	it('replaces texts by id and by position, and leaves ids, keys and evidence alone', () => {
		const translated = applyTexts(question, {
			prompt: '¿Cuál es la correcta?',
			options: { b: { text: 'Dos' }, a: { text: 'Uno', feedback: 'Esta no.' } },
			frames: ['Creo que', 'porque'],
			evidence: [{ quote: 'una traducción' }],
			correct: 'a'
		});
		expect(translated).toEqual({
			id: 'q1',
			prompt: '¿Cuál es la correcta?',
			options: [
				{ id: 'a', text: 'Uno', feedback: 'Esta no.' },
				{ id: 'b', text: 'Dos' }
			],
			correct: 'b',
			evidence: [{ paragraph: 'p04', quote: 'the quote stays English' }],
			frames: ['Creo que', 'porque']
		});
	});

	it('keeps the English where a translation is missing or empty', () => {
		const translated = applyTexts(question, { prompt: '  ', options: { a: { text: 'Uno' } } });
		expect(translated.prompt).toBe('Which is right?');
		expect(translated.options.map((o) => o.text)).toEqual(['Uno', 'Two']);
	});
});

describe('the Spanish content', () => {
	it('has every lesson and question of the English, with the same ids in the same order', () => {
		expect(spanish.lessonsInOrder.map((l) => l.slug)).toEqual(
			english.lessonsInOrder.map((l) => l.slug)
		);
		expect([...spanish.questions.keys()]).toEqual([...english.questions.keys()]);
		for (const lesson of spanish.lessonsInOrder) {
			const original = english.lessons.get(lesson.slug)!;
			expect(lesson.sections.map((s) => s.id)).toEqual(original.sections.map((s) => s.id));
			expect(lesson.checkIds).toEqual(original.checkIds);
			expect(lesson.quizIds).toEqual(original.quizIds);
		}
	});

	it('is translated: every lesson title and every question prompt differs from the English', () => {
		for (const lesson of spanish.lessonsInOrder)
			expect(lesson.title).not.toBe(english.lessons.get(lesson.slug)!.title);
		const untranslated = [...spanish.questions].filter(
			([id, { question }]) => question.prompt === english.questions.get(id)!.question.prompt
		);
		expect(untranslated.map(([id]) => id)).toEqual([]);
	});

	it('changes only texts: keys, evidence and scoring are the English question’s', () => {
		for (const [id, { question }] of spanish.questions) {
			const original = english.questions.get(id)!.question;
			expect(withoutTexts(question)).toEqual(withoutTexts(original));
			const { right, wrong } = demoAnswers(original);
			for (const answer of [right, wrong]) {
				const [inSpanish, inEnglish] = [question, original].map((q) => scoreAnswer(answer, q));
				const points = (score: typeof inSpanish) =>
					score?.status === 'scored'
						? [score.earned, score.possible, score.correct]
						: score?.status;
				expect(points(inSpanish)).toEqual(points(inEnglish));
			}
		}
	});

	it('translates the glossary by entry id', () => {
		const english_ = english.glossary.get('pull-quote')!;
		const spanish_ = spanish.glossary.get('pull-quote')!;
		expect(spanish_.term).toBe('Cita destacada');
		expect(spanish_.lessonSlug).toBe(english_.lessonSlug);
	});
});
