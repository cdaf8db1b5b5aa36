import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { answerKeyText } from './key';
import { questionTypes, typeLabel } from '$lib/quiz/registry';
import { correctClass, incorrectClass, partialClass, pendingClass } from '$lib/quiz/score-classes';
import { responseClasses } from '$lib/quiz/summary';
import { sample as singleChoice } from '$lib/quiz/single-choice/sample';
import { sample as trueFalse } from '$lib/quiz/true-false/sample';
import { sample as written } from '$lib/quiz/written/sample';

// The question-type names, the score bars and the answer key's words are read when used, so a Spanish
// request gets Spanish and an English one keeps the English words.

const english = getLocale;
afterEach(() => overwriteGetLocale(english));

const words = () => ({
	types: [
		typeLabel(singleChoice.type),
		typeLabel(trueFalse.type),
		questionTypes.written.label,
		questionTypes.ordering.label
	],
	bars: [correctClass, partialClass, incorrectClass, pendingClass].map((bar) => bar.label),
	writtenBars: responseClasses(written).map((bar) => bar.label),
	key: answerKeyText({ ...trueFalse, answer: true })
});

describe('shared quiz words in the request’s language', () => {
	it('keeps the English words', () => {
		expect(words()).toEqual({
			types: ['Single choice', 'True or false', 'Written response', 'Ordering'],
			bars: ['Correct', 'Partly correct', 'Incorrect', 'Awaiting review'],
			writtenBars: ['Correct', 'Partly correct', 'Incorrect', 'Awaiting review'],
			key: 'True'
		});
	});

	it('speaks Spanish on a Spanish request', () => {
		overwriteGetLocale(() => 'es');
		expect(words()).toEqual({
			types: ['Opción única', 'Verdadero o falso', 'Respuesta escrita', 'Ordenar'],
			bars: ['Correcta', 'Parcialmente correcta', 'Incorrecta', 'Pendiente de revisión'],
			writtenBars: ['Correcta', 'Parcialmente correcta', 'Incorrecta', 'Pendiente de revisión'],
			key: 'Verdadero'
		});
		// a copy made now (load data, a chart's rows) keeps the words of this request
		expect({ ...correctClass }).toEqual({ id: 'correct', label: 'Correcta', correct: true });
	});
});
