// Test-only: a two-paragraph source and one fact-sheet entry, shared by the tests that build a small lesson.
import type { LessonFiles, TextFile } from './build';

export const sampleSourceFile: TextFile = {
	file: 'lessons/sources/sample.md',
	text: [
		'---',
		'id: sample',
		"title: 'A sample'",
		'outlet: Example',
		"published: '2014'",
		"url: 'https://example.org/a'",
		'---',
		'<!-- p01 -->',
		'The Navy said it “categorically” denied the report.',
		'<!-- p02 -->',
		'Seven out of 10 people expected no justice.'
	].join('\n')
};

export const sampleFactsFile: TextFile = {
	file: 'lessons/sources/facts.yaml',
	text: "- id: B1\n  title: 'Aid'\n  sources: []\n"
};

/**
 * A one-lesson bank over the sample source: a true/false check, a single-choice and a written question;
 * `extraQuestions` (YAML list items) go before the written one.
 */
export function sampleLessonFiles(extraQuestions = ''): LessonFiles {
	return {
		folder: '01-sample',
		index: {
			file: 'lessons/01-sample/index.md',
			text: '---\ntitle: \'Sample\'\nsummary: A sample.\nminutes: 5\n---\n\n## One\n\n<Check id="s-check" />\n'
		},
		bank: {
			file: 'lessons/01-sample/questions.yaml',
			text: `source: sample
objectives:
  - id: read
    text: Students can read closely.
questions:
  - id: s-check
    type: true-false
    objective: read
    bloom: understand
    prompt: The Navy denied the report.
    answer: true
    feedback: Read p01 again.
    explanation: p01 says so.
    evidence:
      - paragraph: p01
        quote: '"categorically" denied'
  - id: s-choice
    type: single-choice
    objective: read
    bloom: remember
    prompt: How many out of 10 expected no justice?
    options:
      - id: a
        text: Seven
      - id: b
        text: Nine
        feedback: Nine is the trust figure, not this poll.
    answer: a
    explanation: p02 gives seven.
    evidence:
      - paragraph: p02
${extraQuestions}  - id: s-written
    type: written
    objective: read
    bloom: evaluate
    prompt: Explain the denial.
    rubric:
      - { level: 0, label: None, description: No answer. }
      - { level: 1, label: Some, description: Restates. }
      - { level: 2, label: Good, description: One piece of evidence. }
      - { level: 3, label: Strong, description: Two pieces of evidence. }
    modelAnswer: The Navy denied it in p01.
    explanation: A denial is not a refutation.
    evidence:
      - paragraph: p01
`
		}
	};
}
