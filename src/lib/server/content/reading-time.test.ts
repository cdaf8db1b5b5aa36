import { describe, expect, it } from 'vitest';
import { countWords, questionMinutes, wholeMinutes } from './reading-time';
import {
	bankYaml,
	buildSampleContent,
	lessonFiles,
	singleChoiceYaml,
	trueFalseYaml
} from './sample-files';

describe('countWords', () => {
	it('counts the prose, not the front matter, the script or tag attributes', () => {
		const markdown = [
			'---',
			"title: 'Four words of title'",
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

describe('questionMinutes', () => {
	const question = (yaml: string) => {
		const { content, errors } = buildSampleContent([
			lessonFiles('01-sample', 'Sample', '## Reading\n', bankYaml([yaml]))
		]);
		expect(errors.map((error) => error.message)).toEqual([]);
		const built = content.questions.get('q')?.question;
		if (!built) throw new Error('the sample question did not build');
		return built;
	};

	it('gives each type its usual time, reading the feedback and cited paragraph included', () => {
		expect(questionMinutes(question(trueFalseYaml('q')))).toBe(1);
		expect(questionMinutes(question(singleChoiceYaml('q')))).toBe(2);
	});

	it("lets a question's own minutes override its type's, as a timed task does", () => {
		expect(questionMinutes(question(`${trueFalseYaml('q')}    minutes: 4\n`))).toBe(4);
	});
});

describe('wholeMinutes', () => {
	it('rounds up, so a plan never comes up short, and never goes below zero', () => {
		expect(wholeMinutes(46.1)).toBe(47);
		expect(wholeMinutes(46)).toBe(46);
		expect(wholeMinutes(0)).toBe(0);
	});
});

describe('the content build', () => {
	const bank = (questions: number) =>
		bankYaml(Array.from({ length: questions }, (_, index) => trueFalseYaml(`q${index}`)));

	it('reads the core path at 140 words a minute and adds each question on it', () => {
		// 1 heading word + 411 prose words + 8 words of p01 = 420 words: 3 minutes, plus 3 quiz questions
		const prose = `## Reading\n\n${'word '.repeat(411)}\n\n<Excerpt id="p01" />\n`;
		const { content, errors } = buildSampleContent([
			lessonFiles('01-sample', 'Sample', prose, bank(3))
		]);
		expect(errors.map((error) => error.message)).toEqual([]);
		expect(content.lessons.get('sample')?.coreMinutes).toBe(6);
		expect(content.lessons.get('sample')?.extensionMinutes).toBe(0);
	});

	it('times an <Extension> block apart: its prose, its new excerpts and the checks inside it', () => {
		// core: 1 + 140 words + 8 of p01 = 149/140 min, 1 check and 1 quiz question: 3.06, so 4 minutes
		// extension: the title is an attribute, not read; 130 words + 8 of p02 ("Seven out of 10…"), not
		// p01 again (read on the core path), and 1 check: 138/140 + 1 = 1.99, so 2 minutes
		const prose = [
			'## Reading',
			'',
			'word '.repeat(140),
			'',
			'<Excerpt id="p01" />',
			'',
			'<Check id="q0" />',
			'',
			'<Extension title="More on the poll">',
			'',
			'word '.repeat(130),
			'',
			'<Excerpt id="p02" />',
			'',
			'<Excerpt id="p01" />',
			'',
			'<Check id="q1" />',
			'',
			'</Extension>',
			''
		].join('\n');
		const { content, errors } = buildSampleContent([
			lessonFiles('01-sample', 'Sample', prose, bank(3))
		]);
		expect(errors.map((error) => error.message)).toEqual([]);
		const lesson = content.lessons.get('sample');
		expect(lesson?.extensionCheckIds).toEqual(['q1']);
		expect(lesson?.quizIds).toEqual(['q2']);
		expect(lesson?.coreMinutes).toBe(4);
		expect(lesson?.extensionMinutes).toBe(2);
	});

	it.each([
		['a ## section inside', '<Extension>\n\n## Inside\n\n</Extension>', 3, 'holds ### headings'],
		['an unclosed block', '<Extension>\n\ntext', 1, 'never closed'],
		['a stray close', 'text\n\n</Extension>', 3, 'closes no <Extension>'],
		['a nested block', '<Extension>\n<Extension>\n</Extension>', 2, 'cannot hold another']
	])('refuses %s, at its line', (_case, body, line, message) => {
		const { errors } = buildSampleContent([lessonFiles('01-sample', 'Sample', body, bank(1))]);
		// the front matter takes 4 lines and a blank one: the body starts on line 6
		expect(errors.map((error) => error.message)).toEqual([
			expect.stringMatching(new RegExp(`index\\.md:${line + 5}: .*${message}`))
		]);
	});
});
