import { describe, expect, it } from 'vitest';
import { questionTypeIds } from '../../quiz/registry';
import { buildContent, type LessonFiles, type TextFile } from './build';
import { readContentFiles } from './content-files';

// A small valid fixture in the real formats. Each broken input changes one spot of it, so each test shows
// one rule and the exact `file:line: message` a teacher would read.

const sourceFile = `---
id: truthout-2014
title: 'A sample article'
outlet: Sample Outlet
published: '2014'
url: 'https://example.org/sample'
---

<!-- A tiny source in the real format: three body paragraphs, a pull quote and site chrome. -->

<!-- x01: site chrome: screen-reader navigation links -->
Skip to content Skip to footer

<!-- p01 -->
The United States continues to supply the country with “well over $100 million” per year in assistance.

<!-- pq1: pull quote: repeats words of p02; not article text -->
Seven out of 10 people believe there will be no justice.

<!-- p02 -->
Tellingly, a recent poll showed that seven out of 10 people believe there will be no justice.

<!-- p03 -->
The Navy said, “We categorically deny it.” The US government has yet to issue a statement.
`;

const factsFile = `- id: B1
  title: 'A sample fact-check entry'
  sources:
    - 'https://example.org/fact'
`;

const glossaryFile = `- id: lateral-reading
  term: Lateral reading
  definition: Leaving a page to find out what other sources say about it.
`;

const indexFile = `---
title: 'Sample: reading one article'
summary: A lesson used by the validator tests.
---

<script>
	import { Check, Excerpt, OtherSources, Term } from '$lib/components/lesson';
</script>

## Reading the sample

Read <Term id="lateral-reading">laterally</Term> before you trust a figure.

<Excerpt id="p01" />

<OtherSources facts="B1">

What other coverage adds.

</OtherSources>

<Check id="s-order" />
`;

// one question of each type; the line numbers in the tests below are this text's
const questionsFile = `source: truthout-2014
objectives:
  - id: read-closely
    text: Students can find what the sample says and where it says it.
questions:
  - id: s-figure
    type: single-choice
    objective: read-closely
    bloom: remember
    prompt: How much assistance does the sample say the United States supplies each year?
    options:
      - id: a
        text: Well over $100 million.
      - id: b
        text: Nothing at all.
        feedback: The sample names a yearly figure in p01.
    answer: a
    explanation: p01 says the United States supplies “well over $100 million” per year.
    evidence:
      - paragraph: p01
        quote: well over $100 million
      - fact: B1
  - id: s-said
    type: multiple-select
    objective: read-closely
    bloom: understand
    prompt: Which of these does the sample report?
    options:
      - id: a
        text: A poll about justice.
      - id: b
        text: A confirmation from the US government.
        feedback: p03 says the US government has yet to issue a statement.
      - id: c
        text: A denial by the Navy.
    answers:
      - a
      - c
    explanation: p02 reports the poll and p03 the Navy's denial.
    evidence:
      - paragraph: p02
      - paragraph: p03
  - id: s-denied
    type: true-false
    objective: read-closely
    bloom: understand
    prompt: The Navy confirmed the report.
    answer: false
    feedback: A categorical denial is the opposite of a confirmation.
    explanation: In p03 the Navy says it categorically denies it.
    evidence:
      - paragraph: p03
        quote: We categorically deny it.
  - id: s-order
    type: ordering
    objective: read-closely
    bloom: remember
    prompt: Put the paragraphs' topics in the order the sample gives them.
    items:
      - id: money
        text: Assistance
      - id: poll
        text: The poll
      - id: denial
        text: The denial
    answer: [money, poll, denial]
    feedback: The sample opens with money and ends with the denial.
    explanation: p01 is about assistance, p02 the poll and p03 the denial.
    evidence:
      - paragraph: p01
  - id: s-sort
    type: classification
    objective: read-closely
    bloom: analyze
    prompt: Sort each statement by who makes it.
    categories:
      - id: navy
        label: The Navy
      - id: poll
        label: The poll
    items:
      - id: deny
        text: We categorically deny it.
        category: navy
        feedback: The quotation is the Navy's statement in p03.
      - id: justice
        text: There will be no justice.
        category: poll
        feedback: This is what seven out of 10 people told the poll in p02.
    explanation: p03 quotes the Navy; p02 reports the poll.
    evidence:
      - paragraph: p02
      - paragraph: p03
  - id: s-count
    type: numeric
    objective: read-closely
    bloom: remember
    prompt: Out of 10 people, how many believe there will be no justice?
    answer: 7
    tolerance: 0
    unit: people
    feedback: Read the poll figure in p02 again.
    mistakes:
      - value: 10
        feedback: Ten is the size of the group, not the number who said so.
    explanation: p02 says seven out of 10.
    evidence:
      - paragraph: p02
        quote: seven out of 10 people
  - id: s-weigh
    type: written
    objective: read-closely
    bloom: evaluate
    prompt: How much weight does the Navy's denial carry? Use the sample.
    rubric:
      - { level: 0, label: Missing, description: Gives no answer tied to the sample. }
      - { level: 1, label: Restates, description: Repeats the denial without weighing it. }
      - { level: 2, label: Weighs, description: Notes the Navy is an interested party. }
      - { level: 3, label: Corroborates, description: Weighs the denial against other evidence. }
    modelAnswer: The Navy denies it, but it is an interested party, so the denial alone settles nothing.
    explanation: An official denial states a position; it is not a refutation.
    evidence:
      - paragraph: p03
`;

// a second lesson, for rules that span lessons
const secondIndexFile = `---
title: 'Second sample'
summary: Another lesson.
---

## Another section
`;

const secondQuestionsFile = `source: truthout-2014
objectives:
  - id: read-closely
    text: Students can find what the sample says.
questions:
  - id: s-other
    type: true-false
    objective: read-closely
    bloom: remember
    prompt: The sample reports a poll.
    answer: true
    feedback: p02 reports it.
    explanation: p02 reports the poll.
    evidence:
      - paragraph: p02
`;

type Files = Record<string, string>;

const bank = 'lessons/01-sample/questions.yaml';
const lesson = 'lessons/01-sample/index.md';
const secondBank = 'lessons/02-second/questions.yaml';

const validFiles: Files = {
	'lessons/sources/truthout-2014.md': sourceFile,
	'lessons/sources/facts.yaml': factsFile,
	[lesson]: indexFile,
	[bank]: questionsFile,
	'lessons/01-sample/glossary.yaml': glossaryFile
};

const twoLessons: Files = {
	...validFiles,
	'lessons/02-second/index.md': secondIndexFile,
	[secondBank]: secondQuestionsFile
};

/** What buildContent takes, from a map of repository path → text. */
function toInput(files: Files): { sources: TextFile[]; facts: TextFile; lessons: LessonFiles[] } {
	const file = (path: string): TextFile => ({ file: path, text: files[path] ?? '' });
	const optional = (path: string) => (files[path] === undefined ? undefined : file(path));
	const paths = Object.keys(files).sort();
	const folders = paths.flatMap((path) => /^lessons\/(\d[^/]*)\/index\.md$/.exec(path)?.[1] ?? []);
	return {
		sources: paths.filter((path) => /^lessons\/sources\/[^/]+\.md$/.test(path)).map(file),
		facts: file('lessons/sources/facts.yaml'),
		lessons: folders.map((folder) => ({
			folder,
			index: file(`lessons/${folder}/index.md`),
			bank: optional(`lessons/${folder}/questions.yaml`),
			glossary: optional(`lessons/${folder}/glossary.yaml`)
		}))
	};
}

function errorsOf(files: Files): string[] {
	return buildContent(toInput(files)).errors.map((error) => error.message);
}

/** The files with `find`, which must occur exactly once in `path`, replaced. */
function edit(path: string, find: string, replace: string, files: Files = validFiles): Files {
	const text = files[path];
	if (text === undefined) throw new Error(`the fixture has no ${path}`);
	const count = text.split(find).length - 1;
	if (count !== 1)
		throw new Error(`expected ${JSON.stringify(find)} once in ${path}, not ${count}`);
	return { ...files, [path]: text.replace(find, () => replace) };
}

describe('content validation: the valid fixture', () => {
	it('builds the valid fixture with zero errors and one question of each type', () => {
		// Arrange
		const input = toInput(validFiles);

		// Act
		const { content, errors } = buildContent(input);

		// Assert
		expect(errors.map((error) => error.message)).toEqual([]);
		expect([...content.questions.values()].map(({ question }) => question.type)).toEqual(
			questionTypeIds
		);
		expect(content.lessons.get('sample')).toMatchObject({
			checkIds: ['s-order'],
			excerptIds: ['p01'],
			factIds: ['B1'],
			sections: [{ id: 'reading-the-sample', title: 'Reading the sample' }]
		});
	});

	it('builds two lessons with distinct question ids with zero errors', () => {
		// Arrange
		const input = toInput(twoLessons);

		// Act
		const { content, errors } = buildContent(input);

		// Assert
		expect(errors.map((error) => error.message)).toEqual([]);
		expect(content.questions.get('s-other')?.lessonSlug).toBe('second');
	});
});

describe('content validation: evidence', () => {
	it('reports an unknown paragraph id at its line', () => {
		// Arrange
		const files = edit(
			bank,
			'- paragraph: p01\n        quote: well',
			'- paragraph: p99\n        quote: well'
		);

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([`${bank}:20: "p99" is not a paragraph of truthout-2014`]);
	});

	it('refuses a pull quote as evidence and asks for the body paragraph', () => {
		// Arrange
		const files = edit(
			bank,
			'- paragraph: p01\n  - id: s-sort',
			'- paragraph: pq1\n  - id: s-sort'
		);

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:70: "pq1" is a pull quote, not article text: cite the body paragraph instead`
		]);
	});

	it('refuses site chrome as evidence', () => {
		// Arrange
		const files = edit(
			bank,
			'- paragraph: p03\n        quote: We',
			'- paragraph: x01\n        quote: We'
		);

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:52: "x01" is site chrome, not article text: cite the body paragraph instead`
		]);
	});

	it('reports a quote that is not verbatim in the cited paragraph', () => {
		// Arrange
		const files = edit(bank, 'quote: seven out of 10 people', 'quote: eight out of 10 people');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:109: the quote is not verbatim in p02: "eight out of 10 people"`
		]);
	});

	it('accepts a quote that differs from the paragraph only in whitespace and quotation marks', () => {
		// Arrange: the paragraph has “curly” quotes and single spaces
		const files = edit(
			bank,
			'quote: well over $100 million',
			`quote: '"well  over $100\tmillion"   per year'`
		);

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([]);
	});

	it('reports an unknown fact-sheet entry', () => {
		// Arrange
		const files = edit(bank, '- fact: B1', '- fact: B9');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([`${bank}:22: unknown fact-sheet entry "B9"`]);
	});
});

describe('content validation: question ids', () => {
	it('reports a question id used twice in one bank at the repeat', () => {
		// Arrange
		const files = edit(bank, '- id: s-denied', '- id: s-figure');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([`${bank}:43: duplicate question id "s-figure"`]);
	});

	it('reports a question id already used by another lesson', () => {
		// Arrange
		const files = edit(secondBank, '- id: s-other', '- id: s-figure', twoLessons);

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([`${secondBank}:6: question id "s-figure" is already used in ${bank}`]);
	});
});

describe('content validation: question types and keys', () => {
	it('reports a wrong option without feedback', () => {
		// Arrange
		const files = edit(bank, '\n        feedback: The sample names a yearly figure in p01.', '');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([`${bank}:14: questions.0.options.1: wrong option "b" needs feedback`]);
	});

	it('reports an answer key that is not among the options', () => {
		// Arrange: the old key "a" becomes a wrong option, and it has no feedback either
		const files = edit(bank, '    answer: a\n', '    answer: d\n');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:17: questions.0.answer: answer "d" is not one of the options`,
			`${bank}:12: questions.0.options.0: wrong option "a" needs feedback`
		]);
	});

	it('reports a multiple-select answer that is not among the options', () => {
		// Arrange
		const files = edit(bank, '      - a\n      - c\n', '      - a\n      - c\n      - d\n');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:39: questions.1.answers.2: answer "d" is not one of the options`
		]);
	});

	it('reports an unknown question type and lists the known ones', () => {
		// Arrange
		const files = edit(bank, 'type: written', 'type: essay');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:111: questions.6.type: "essay" is not a question type (single-choice, multiple-select, true-false, ordering, classification, numeric, written)`
		]);
	});

	it("reports an objective that is not in the bank's objectives", () => {
		// Arrange
		const files = edit(
			bank,
			'type: numeric\n    objective: read-closely',
			'type: numeric\n    objective: read-widely'
		);

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:96: objective "read-widely" is not in this bank's objectives`
		]);
	});
});

describe('content validation: lesson prose', () => {
	it("reports a <Check> whose id is not in the lesson's bank", () => {
		// Arrange
		const files = edit(lesson, '<Check id="s-order" />', '<Check id="s-missing" />');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${lesson}:22: <Check id="s-missing"/> is not a question in this lesson's bank`
		]);
	});

	it('reports an <Excerpt> of a paragraph the source does not have', () => {
		// Arrange
		const files = edit(lesson, '<Excerpt id="p01" />', '<Excerpt id="p04" />');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${lesson}:14: <Excerpt id="p04"/> is not a body paragraph of the source`
		]);
	});

	it('reports a <Term> that no glossary defines', () => {
		// Arrange
		const files = edit(lesson, '<Term id="lateral-reading">', '<Term id="lateral-thinking">');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${lesson}:12: <Term id="lateral-thinking"> is not in any lesson's glossary.yaml`
		]);
	});

	it('reports front matter with an answer key and without a title', () => {
		// Arrange
		const files = edit(lesson, "title: 'Sample: reading one article'", 'answer: b');

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${lesson}:2: title: Invalid input: expected string, received undefined; front matter: Unrecognized key: "answer"`,
			`${lesson}:2: lesson Markdown ships to the browser: answers belong in questions.yaml`
		]);
	});
});

describe('content validation: YAML', () => {
	it('reports a YAML syntax error at its line', () => {
		// Arrange: the bank cannot be read, so the lesson's check has no question to show either
		const files = edit(
			bank,
			'prompt: The Navy confirmed the report.',
			'prompt: The Navy: confirmed the report.'
		);

		// Act
		const errors = errorsOf(files);

		// Assert
		expect(errors).toEqual([
			`${bank}:47: YAML: Nested mappings are not allowed in compact mappings`,
			`${lesson}:22: <Check id="s-order"/> is not a question in this lesson's bank`
		]);
	});
});

describe('content validation: the real lessons', () => {
	it('builds the content in lessons/ with zero errors', () => {
		// Arrange
		const files = readContentFiles();

		// Act
		const { content, errors } = buildContent(files);

		// Assert
		expect(errors.map((error) => error.message)).toEqual([]);
		expect(content.questions.size).toBeGreaterThan(0);
	});
});
