import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { selfRatings } from '$lib/review/self-rating';
import { formData as form } from './testing';
import { sample as singleChoice } from './single-choice/sample';
import { toPublic as singleChoicePublic } from './single-choice/public';
import { validate as validateSingleChoice } from './single-choice/validate';
import { sample as trueFalse } from './true-false/sample';
import { score as scoreTrueFalse } from './true-false/score';
import { sample as written } from './written/sample';
import { toPublic as writtenPublic } from './written/public';
import { validate as validateWritten } from './written/validate';
import { partialCreditRule } from './ordering/score';

const english = getLocale;
/** Runs the code as a Spanish request would: every message is read at that moment. */
const inSpanish = () => overwriteGetLocale(() => 'es');
afterEach(() => overwriteGetLocale(english));

describe('a student’s quiz texts follow the request’s language', () => {
	it('refuses an unanswered choice in the reader’s language', () => {
		const question = singleChoicePublic(singleChoice);
		expect(validateSingleChoice(form([]), question)).toMatchObject({
			message: 'Choose an answer before you check it.'
		});
		inSpanish();
		expect(validateSingleChoice(form([]), question)).toMatchObject({
			reason: 'unanswered',
			message: 'Elige una respuesta antes de comprobar.'
		});
	});

	it('counts a written answer’s limit with the Spanish number format', () => {
		inSpanish();
		const question = writtenPublic({ ...written, maxCharacters: 1500 });
		const result = validateWritten(form([[question.id, 'x'.repeat(1501)]]), question);
		expect(result).toMatchObject({ ok: false, reason: 'malformed' });
		expect(!result.ok && result.message).toMatch(
			/^Tu respuesta es demasiado larga\. No pases de 1[,.\s\u00a0\u202f]?500 caracteres\.$/
		);
	});

	it('names the right answer of a true-or-false question in Spanish', () => {
		inSpanish();
		const wrong = scoreTrueFalse(!trueFalse.answer, trueFalse);
		expect(wrong.status === 'scored' && wrong.correctAnswer).toBe(
			trueFalse.answer ? 'Verdadero' : 'Falso'
		);
		expect(partialCreditRule()).toMatch(/^Ganas una parte del punto/);
	});

	it('names the review ratings in Spanish', () => {
		inSpanish();
		expect(selfRatings.map((rating) => rating.label())).toEqual([
			'Otra vez',
			'Difícil',
			'Bien',
			'Fácil'
		]);
	});
});
