import { describe, expect, it } from 'vitest';
import { countWords, estimateMinutes } from './reading-time';
import { buildSampleContent, lessonFiles } from './sample-files';

describe('countWords', () => {
	it('counts the prose, not the front matter, the script or tag attributes', () => {
		const markdown = [
			'---',
			"title: 'Four words of title'",
			'minutes: 5',
			'---',
			'',
			'<script>',
			"\timport { Check } from '$lib/components/lesson';",
			'</script>',
			'',
			'## Who says so?',
			'',
			'A <Term id="pull-quote">pull quote</Term> is lifted — out of **an article**.',
			'',
			'<Check id="l1-who-published"/>',
			'',
			'- p07, the seventh paragraph'
		].join('\n');
		// "Who says so?" 3, the sentence 9 (the dash is not a word), the list item 4
		expect(countWords(markdown)).toBe(16);
	});

	it('is zero for a lesson with no prose', () => {
		expect(countWords('---\ntitle: x\n---\n<Check id="a"/>\n')).toBe(0);
	});
});

describe('estimateMinutes', () => {
	it('reads 200 words a minute and gives each question a minute', () => {
		expect(estimateMinutes(2400, 20)).toBe(32);
		expect(estimateMinutes(2386, 19)).toBe(31);
		expect(estimateMinutes(1000, 0)).toBe(5);
	});

	it('rounds to the nearest minute and never says zero', () => {
		expect(estimateMinutes(250, 0)).toBe(1);
		expect(estimateMinutes(300, 0)).toBe(2);
		expect(estimateMinutes(0, 0)).toBe(1);
	});
});

describe('the content build', () => {
	const bank = (questions: number) =>
		[
			'source: sample',
			'objectives:',
			'  - id: read-closely',
			'    text: Students can find what the sample says.',
			'questions:',
			...Array.from({ length: questions }, (_, index) => [
				`  - id: q${index}`,
				'    type: true-false',
				'    objective: read-closely',
				'    bloom: remember',
				'    prompt: The sample reports a poll.',
				'    answer: true',
				'    feedback: p02 reports it.',
				'    explanation: p02 reports the poll.',
				'    evidence:',
				'      - paragraph: p02'
			]).flat()
		].join('\n');

	it("gives each lesson its prose's and excerpts' words at 200 a minute plus a minute a question", () => {
		// 1 heading word + 498 prose words + 8 words of p01 = 507 words: 2.535 minutes, plus 3 questions
		const prose = `## Reading\n\n${'word '.repeat(498)}\n\n<Excerpt id="p01" />\n`;
		const { content, errors } = buildSampleContent([
			lessonFiles('01-sample', 'Sample', prose, bank(3))
		]);
		expect(errors.map((error) => error.message)).toEqual([]);
		expect(content.lessons.get('sample')?.estimatedMinutes).toBe(6);
	});
});
