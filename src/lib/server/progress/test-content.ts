// Test-only: a small module (a lesson without a quiz and two with one) so progress tests don't follow the real lessons.
import type { Database } from '../db/database';
import { buildContent } from '../content/build';
import { sampleFactsFile, sampleSourceFile } from '../content/sample-files';
import type { AttemptMode } from '../db/enums';
import { newId } from '../ids';

const front = (title: string) => `---\ntitle: '${title}'\nsummary: A sample.\nminutes: 5\n---\n`;

const trueFalse = (id: string, objective: string) => `  - id: ${id}
    type: true-false
    objective: ${objective}
    bloom: understand
    prompt: The Navy denied the report (${id}).
    answer: true
    feedback: Read p01 again.
    explanation: p01 says so.
    evidence:
      - paragraph: p01
`;

const written = (id: string, objective: string) => `  - id: ${id}
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

export const { content, errors } = buildContent({
	sources: [sampleSourceFile],
	facts: sampleFactsFile,
	lessons: [
		{
			folder: '00-intro',
			index: {
				file: 'lessons/00-intro/index.md',
				text: `${front('Intro')}\n## Welcome\n\nHello.\n`
			}
		},
		{
			folder: '01-first',
			index: {
				file: 'lessons/01-first/index.md',
				text: `${front('First')}\n## Alpha\n\nText.\n\n## Beta\n\n<Check id="f-check" />\n\n## Gamma\n\nMore.\n`
			},
			bank: {
				file: 'lessons/01-first/questions.yaml',
				text: `source: sample
objectives:
  - id: recall
    text: Students can recall what the article says.
  - id: judge
    text: Students can judge a denial.
questions:
${trueFalse('f-check', 'recall')}${trueFalse('f-quiz', 'recall')}${trueFalse('f-judge', 'judge')}${written('f-written', 'judge')}`
			}
		},
		{
			folder: '02-second',
			index: {
				file: 'lessons/02-second/index.md',
				text: `${front('Second')}\n## One\n\nText.\n\n## Two\n\nText.\n`
			},
			bank: {
				file: 'lessons/02-second/questions.yaml',
				text: `source: sample
objectives:
  - id: compare
    text: Students can compare two sources.
questions:
${trueFalse('s-quiz', 'compare')}`
			}
		}
	]
});

let counter = 0;
/** A student row straight in the database: these tests are not about accounts. */
export async function newStudent(db: Database): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username: `progress-${counter++}-${id}`,
			displayName: 'Student',
			role: 'student',
			passwordHash: '!test'
		})
	);
	return id;
}

/** Stores one sitting with the given answers at a chosen time, as answers.ts and review would. */
export async function storeSitting(
	db: Database,
	input: {
		userId: string;
		lessonSlug: string;
		mode: AttemptMode;
		at: Date;
		answers: { questionId: string; earned: number | null; status?: 'scored' | 'pending-review' }[];
	}
): Promise<string> {
	const attemptId = newId();
	await db.write(async (tx) => {
		await tx.insert(db.tables.attempts).values({
			id: attemptId,
			userId: input.userId,
			lessonSlug: input.lessonSlug,
			mode: input.mode,
			startedAt: input.at,
			submittedAt: input.mode === 'practice' ? null : input.at
		});
		await tx.insert(db.tables.responses).values(
			input.answers.map((answer) => ({
				id: newId(),
				attemptId,
				userId: input.userId,
				lessonSlug: input.lessonSlug,
				questionId: answer.questionId,
				answer: 'stored by a test',
				status: answer.status ?? 'scored',
				earned: answer.earned,
				possible: 1,
				correct: answer.earned === null ? null : answer.earned === 1,
				answeredAt: input.at
			}))
		);
	});
	return attemptId;
}
