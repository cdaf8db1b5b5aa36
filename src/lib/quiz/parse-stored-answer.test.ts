import { describe, expect, it } from 'vitest';
import { parseStoredAnswer, type Question } from './registry';
import { sample as classification } from './classification/sample';
import { sample as multipleSelect } from './multiple-select/sample';
import { sample as numeric } from './numeric/sample';
import { sample as ordering } from './ordering/sample';
import { sample as singleChoice } from './single-choice/sample';
import { sample as trueFalse } from './true-false/sample';
import { sample as written } from './written/sample';

const cases: { question: Question; fits: unknown[]; doesNotFit: unknown[] }[] = [
	{ question: singleChoice, fits: ['a', 'b'], doesNotFit: ['z', ['b'], 1, null, undefined] },
	{
		question: multipleSelect,
		fits: [['wsj'], ['wsj', 'marshals']],
		doesNotFit: [[], ['wsj', 'wsj'], ['bbc'], 'wsj']
	},
	{ question: trueFalse, fits: [true, false], doesNotFit: ['true', 1, null] },
	{
		question: ordering,
		fits: [
			['arrest', 'charges', 'request'],
			['request', 'arrest', 'charges']
		],
		doesNotFit: [
			['arrest', 'charges'],
			['arrest', 'arrest', 'charges'],
			['arrest', 'charges', 'x']
		]
	},
	{
		question: classification,
		fits: [
			{ s1: 'fact', s2: 'claim' },
			{ s1: 'claim', s2: 'claim' }
		],
		doesNotFit: [
			{ s1: 'fact' },
			{ s1: 'fact', s2: 'opinion' },
			{ s1: 'fact', s3: 'claim' },
			['fact']
		]
	},
	{ question: numeric, fits: [29, -1.5, 0], doesNotFit: ['29', Number.NaN, Infinity, null] },
	{ question: written, fits: ['Two sources.', ''], doesNotFit: [3, { text: 'hi' }, null] }
];

describe('parseStoredAnswer', () => {
	for (const { question, fits, doesNotFit } of cases) {
		it(`${question.type}: reads back answers that fit and refuses the rest`, () => {
			for (const stored of fits) {
				expect(parseStoredAnswer(question, stored)).toEqual({ ok: true, answer: stored });
			}
			for (const stored of doesNotFit) {
				expect(parseStoredAnswer(question, stored)).toMatchObject({ ok: false });
			}
		});
	}
});
