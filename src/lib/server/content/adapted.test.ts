import { describe, expect, it } from 'vitest';
import { parseAdapted } from './adapted';
import { buildContent } from './build';
import { readContentFiles } from './content-files';
import { parseSource } from './source';
import { sampleSourceFile } from './sample-files';

const sources = new Map([['sample', parseSource(sampleSourceFile.text, sampleSourceFile.file)]]);
const file = 'lessons/sources/sample-adapted.yaml';
const adaptedFile = (paragraphs: string) =>
	`source: sample\ntitle: Sample, adapted\nnote: An adaptation, not the original.\nparagraphs:\n${paragraphs}`;
const paragraph = (id: string, text: string, glosses = '') =>
	`  - id: ${id}\n    text: ${text}\n${glosses}`;

describe('parseAdapted', () => {
	it('accepts one adapted paragraph per body paragraph, in order, with glossed words in the text', () => {
		// Arrange
		const text = adaptedFile(
			paragraph(
				'p01',
				'The Navy said no.',
				'    glosses:\n      - term: Navy\n        meaning: A sea force.\n'
			) + paragraph('p02', 'Most people thought no one would be punished.')
		);
		// Act
		const { adapted, errors } = parseAdapted({ file, text }, sources);
		// Assert
		expect(errors).toEqual([]);
		expect(adapted?.paragraphs.map((p) => p.id)).toEqual(['p01', 'p02']);
	});

	it('names a missing paragraph, a repeated one, one out of order and an unknown id', () => {
		const missing = parseAdapted({ file, text: adaptedFile(paragraph('p01', 'One.')) }, sources);
		expect(missing.errors.map((e) => e.detail)).toEqual([
			'every body paragraph needs an adaptation; missing p02'
		]);
		const twice = parseAdapted(
			{
				file,
				text: adaptedFile(
					paragraph('p01', 'One.') + paragraph('p01', 'Again.') + paragraph('p02', 'Two.')
				)
			},
			sources
		);
		expect(twice.errors.map((e) => e.message)).toEqual([`${file}:7: p01 is adapted twice`]);
		const swapped = parseAdapted(
			{ file, text: adaptedFile(paragraph('p02', 'Two.') + paragraph('p01', 'One.')) },
			sources
		);
		expect(swapped.errors[0]?.detail).toBe("expected p01 here, in the original's order");
		const unknown = parseAdapted(
			{
				file,
				text: adaptedFile(
					paragraph('p01', 'One.') + paragraph('p02', 'Two.') + paragraph('p09', 'Nine.')
				)
			},
			sources
		);
		expect(unknown.errors.map((e) => e.detail)).toEqual(['p09 is not a body paragraph']);
		expect(unknown.adapted).toBeNull();
	});

	it('refuses a gloss whose word is not in the paragraph and a paragraph copied from the original', () => {
		const { errors } = parseAdapted(
			{
				file,
				text: adaptedFile(
					paragraph(
						'p01',
						'The Navy said no.',
						'    glosses:\n      - term: cartel\n        meaning: A gang.\n'
					) + paragraph('p02', 'Seven out of 10 people expected no justice.')
				)
			},
			sources
		);
		expect(errors.map((e) => e.detail)).toEqual([
			`"cartel" is glossed but not in p01's adapted text`,
			'p02 copies the original word for word'
		]);
	});

	it('refuses an adaptation of a source that does not exist', () => {
		const text = adaptedFile(paragraph('p01', 'One.')).replace('source: sample', 'source: nowhere');
		expect(parseAdapted({ file, text }, sources).errors[0]?.detail).toBe(
			'no source has the id "nowhere"'
		);
	});
});

describe('the adapted article', () => {
	const { content } = buildContent(readContentFiles());

	it('adapts every body paragraph of the source article exactly once', () => {
		const article = content.sources.get('truthout-2014');
		const adapted = content.adapted.get('truthout-2014');
		expect(adapted?.paragraphs.map((p) => p.id)).toEqual([...(article?.paragraphs.keys() ?? [])]);
		expect(adapted?.paragraphs).toHaveLength(35);
	});
});
