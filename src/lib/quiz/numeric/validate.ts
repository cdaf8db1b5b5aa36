import { m } from '$lib/i18n';
import { answerField, readTextValues } from '../fields';
import type { Validation } from '../types';
import { maxNumericLength, type NumericAnswer, type NumericPublicQuestion } from './question';

const notANumber = () => m.question_numeric_malformed();

/** Digits with optional thousands groups ("1,000" or "1 000", one kind per number) and decimals. */
const plainNumber = /^(?:(?:\d{1,3}(?:([, \u00a0\u202f])\d{3})(?:\1\d{3})*|\d+)(?:\.\d*)?|\.\d+)$/;

/** Reads "43", "-2.5", "1,000", "1 000", "$2" or "15%"; anything else is not a number. */
export function parseNumber(text: string): number | null {
	let rest = text.trim();
	let negative = false;
	// phones and word processors often give the Unicode minus sign
	if (/^[-−+]/.test(rest)) {
		negative = rest[0] !== '+';
		rest = rest.slice(1);
	}
	if (rest.startsWith('$')) rest = rest.slice(1);
	if (rest.endsWith('%')) rest = rest.slice(0, -1).trimEnd();
	const match = plainNumber.exec(rest);
	if (!match) return null;
	const magnitude = Number(match[1] ? rest.split(match[1]).join('') : rest);
	if (!Number.isFinite(magnitude)) return null;
	// "-0" is stored as 0 so it round-trips through JSON unchanged
	return negative && magnitude !== 0 ? -magnitude : magnitude;
}

export function validate(
	form: FormData,
	question: NumericPublicQuestion
): Validation<NumericAnswer> {
	const read = readTextValues(form, answerField(question.id), maxNumericLength);
	if (!read.ok || read.values.length > 1) {
		return { ok: false, reason: 'malformed', message: notANumber() };
	}
	const [text] = read.values;
	if (text === undefined || text.trim() === '') {
		return { ok: false, reason: 'unanswered', message: m.question_numeric_none() };
	}
	const answer = parseNumber(text);
	if (answer === null) {
		return { ok: false, reason: 'malformed', message: notANumber() };
	}
	return { ok: true, answer };
}
