// Test-only: a two-lesson module and helpers that store a class's work directly, for dashboard and export tests.
import { buildContent } from '../content/build';
import { sampleFactsFile, sampleSourceFile } from '../content/sample-files';
import type { Database } from '../db/database';
import type { AttemptMode } from '../db/enums';
import { newId } from '../ids';

const front = (title: string) => `---\ntitle: '${title}'\nsummary: A sample.\nminutes: 5\n---\n`;

const trueFalse = (
	id: string,
	answer: boolean,
	evidence = '      - paragraph: p01\n'
) => `  - id: ${id}
    type: true-false
    objective: read
    bloom: understand
    prompt: The Navy denied the report (${id}).
    answer: ${answer}
    feedback: Read p01 again.
    explanation: p01 says so.
    evidence:
${evidence}`;

/**
 * Lesson "alpha": sections One and Two, an inline check (a-check, true), and a quiz of a single-choice
 * question (a-choice: a is right), a true-false one (a-tf: false is right) and a written one (a-written).
 * Lesson "beta": one section and a one-question quiz (b-tf: true is right).
 */
export const { content, errors } = buildContent({
	sources: [sampleSourceFile],
	facts: sampleFactsFile,
	lessons: [
		{
			folder: '01-alpha',
			index: {
				file: 'lessons/01-alpha/index.md',
				text: `${front('Alpha, the first')}\n## One\n\nText.\n\n<Check id="a-check" />\n\n## Two\n\nMore.\n`
			},
			bank: {
				file: 'lessons/01-alpha/questions.yaml',
				text: `source: sample
objectives:
  - id: read
    text: Students can read closely.
questions:
${trueFalse('a-check', true, '      - paragraph: p01\n        quote: \'"categorically" denied\'\n')}  - id: a-choice
    type: single-choice
    objective: read
    bloom: remember
    prompt: How many out of 10 expected no justice?
    options:
      - id: a
        text: Seven
      - id: b
        text: Nine
        feedback: Nine is the trust figure.
      - id: c
        text: Three
        feedback: Three is the other way round.
    answer: a
    explanation: p02 gives seven.
    evidence:
      - paragraph: p02
      - fact: B1
${trueFalse('a-tf', false)}  - id: a-written
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
		},
		{
			folder: '02-beta',
			index: {
				file: 'lessons/02-beta/index.md',
				text: `${front('Beta')}\n## Only\n\nText.\n`
			},
			bank: {
				file: 'lessons/02-beta/questions.yaml',
				text: `source: sample
objectives:
  - id: read
    text: Students can read closely.
questions:
${trueFalse('b-tf', true)}`
			}
		}
	]
});

let counter = 0;
/** A user row straight in the database: these tests are not about accounts. */
export async function newUser(
	db: Database,
	displayName: string,
	role: 'student' | 'teacher' = 'student'
): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username: `${role}-${counter++}-${id.slice(0, 6)}`.toLowerCase(),
			displayName,
			role,
			passwordHash: '!test'
		})
	);
	return id;
}

export interface StoredAnswer {
	questionId: string;
	answer: unknown;
	/** 0…1; null for a written answer waiting for a teacher */
	earned: number | null;
}

/** One sitting with the given answers at a chosen time; a quiz is submitted at that time. */
export async function sit(
	db: Database,
	input: {
		userId: string;
		lessonSlug: string;
		mode: AttemptMode;
		at: Date;
		answers: StoredAnswer[];
	}
): Promise<{ attemptId: string; responseIds: string[] }> {
	const attemptId = newId();
	const rows = input.answers.map((answer) => ({
		id: newId(),
		attemptId,
		userId: input.userId,
		lessonSlug: input.lessonSlug,
		questionId: answer.questionId,
		answer: answer.answer,
		status: answer.earned === null ? ('pending-review' as const) : ('scored' as const),
		earned: answer.earned,
		possible: 1,
		correct: answer.earned === null ? null : answer.earned === 1,
		answeredAt: input.at
	}));
	await db.write(async (tx) => {
		await tx.insert(db.tables.attempts).values({
			id: attemptId,
			userId: input.userId,
			lessonSlug: input.lessonSlug,
			mode: input.mode,
			startedAt: input.at,
			submittedAt: input.mode === 'practice' ? null : input.at
		});
		if (rows.length > 0) await tx.insert(db.tables.responses).values(rows);
	});
	return { attemptId, responseIds: rows.map((row) => row.id) };
}

export async function readSections(
	db: Database,
	userId: string,
	lessonSlug: string,
	sectionIds: string[],
	at: Date
) {
	await db.write((tx) =>
		tx
			.insert(db.tables.sectionReads)
			.values(sectionIds.map((sectionId) => ({ userId, lessonSlug, sectionId, readAt: at })))
	);
}
