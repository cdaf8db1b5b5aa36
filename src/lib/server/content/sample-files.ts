// Test-only: a two-paragraph source, one fact-sheet entry and builders for small lessons over them.
import { buildContent, type LessonFiles, type TextFile } from './build';

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

/** Content built from the sample source and fact sheet and the given lessons (and packet, if given). */
export const buildSampleContent = (lessons: LessonFiles[], packet?: TextFile) =>
	buildContent({ sources: [sampleSourceFile], facts: sampleFactsFile, lessons, packet });

/** A lesson folder: front matter with this title, then `sections` (Markdown), and the question bank if given. */
export function lessonFiles(
	folder: string,
	title: string,
	sections: string,
	bank?: string
): LessonFiles {
	const index = {
		file: `lessons/${folder}/index.md`,
		text: `---\ntitle: '${title}'\nsummary: A sample.\n---\n\n${sections}`
	};
	return bank === undefined
		? { folder, index }
		: { folder, index, bank: { file: `lessons/${folder}/questions.yaml`, text: bank } };
}

/** A question bank over the sample source: objectives (id → text) and the YAML list items of its questions. */
export function bankYaml(
	questions: string[],
	objectives: Record<string, string> = { read: 'Students can read closely.' }
): string {
	const objectiveItems = Object.entries(objectives).map(
		([id, text]) => `  - id: ${id}\n    text: ${text}\n`
	);
	return `source: sample\nobjectives:\n${objectiveItems.join('')}questions:\n${questions.join('')}`;
}

/** A true/false question on p01, optionally citing a quote from it. */
export const trueFalseYaml = (
	id: string,
	{
		objective = 'read',
		answer = true,
		quote
	}: { objective?: string; answer?: boolean; quote?: string } = {}
) => `  - id: ${id}
    type: true-false
    objective: ${objective}
    bloom: understand
    prompt: The Navy denied the report (${id}).
    answer: ${answer}
    feedback: Read p01 again.
    explanation: p01 says so.
    evidence:
      - paragraph: p01
${quote === undefined ? '' : `        quote: '${quote}'\n`}`;

/** A single-choice question on p02 and fact B1: a (Seven) is right, b and c have feedback. */
export const singleChoiceYaml = (id: string) => `  - id: ${id}
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
      - id: c
        text: Three
        feedback: Three is the other way round.
    answer: a
    explanation: p02 gives seven.
    evidence:
      - paragraph: p02
      - fact: B1
`;

/** A written question on p01 with a four-level rubric and a model answer. */
export const writtenYaml = (id: string, objective = 'read') => `  - id: ${id}
    type: written
    objective: ${objective}
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
`;

/**
 * A one-lesson bank over the sample source: a true/false check, a single-choice and a written question;
 * `extraQuestions` (YAML list items) go before the written one.
 */
export function sampleLessonFiles(extraQuestions = ''): LessonFiles {
	return lessonFiles(
		'01-sample',
		'Sample',
		'## One\n\n<Check id="s-check" />\n',
		bankYaml([
			trueFalseYaml('s-check', { quote: '"categorically" denied' }),
			singleChoiceYaml('s-choice'),
			extraQuestions,
			writtenYaml('s-written')
		])
	);
}
