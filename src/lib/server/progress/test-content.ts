// Test-only: a small module (a lesson without a quiz and two with one) so progress tests don't follow the real lessons, and helpers that store users and sittings directly.
import { assignmentForSitting } from '../classes/class-work';
import type { Database } from '../db/database';
import {
	bankYaml,
	buildSampleContent,
	lessonFiles,
	trueFalseYaml,
	writtenYaml
} from '../content/sample-files';
import type { AttemptMode } from '../db/enums';
import { newId } from '../ids';

export const { content, errors } = buildSampleContent([
	lessonFiles('00-intro', 'Intro', '## Welcome\n\nHello.\n'),
	lessonFiles(
		'01-first',
		'First',
		'## Alpha\n\nText.\n\n## Beta\n\n<Check id="f-check" />\n\n## Gamma\n\nMore.\n',
		bankYaml(
			[
				trueFalseYaml('f-check', { objective: 'recall' }),
				trueFalseYaml('f-quiz', { objective: 'recall' }),
				trueFalseYaml('f-judge', { objective: 'judge' }),
				writtenYaml('f-written', 'judge')
			],
			{
				recall: 'Students can recall what the article says.',
				judge: 'Students can judge a denial.'
			}
		)
	),
	lessonFiles(
		'02-second',
		'Second',
		'## One\n\nText.\n\n## Two\n\nText.\n',
		bankYaml([trueFalseYaml('s-quiz', { objective: 'compare' })], {
			compare: 'Students can compare two sources.'
		})
	)
]);

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
			username: `${role}-${counter++}-${id}`,
			displayName,
			role,
			passwordHash: '!test'
		})
	);
	return id;
}

/** A student row straight in the database. */
export const newStudent = (db: Database): Promise<string> => newUser(db, 'Student');

export interface StoredAnswer {
	questionId: string;
	/** what was sent; a placeholder when the test does not look at it */
	answer?: unknown;
	/** 0…1; null for a written answer waiting for a teacher */
	earned: number | null;
	/** by default pending-review when `earned` is null, else scored */
	status?: 'scored' | 'pending-review';
}

/**
 * Stores one sitting with the given answers at a chosen time, as answers.ts and review would (counting
 * for the assignment the app would pick, unless told); a quiz is submitted at that time.
 */
export async function sit(
	db: Database,
	input: {
		userId: string;
		lessonSlug: string;
		mode: AttemptMode;
		at: Date;
		answers: StoredAnswer[];
		/** the assignment it counts for; by default the one the app would pick, and none for review or live */
		assignmentId?: string | null;
		liveSessionId?: string;
	}
): Promise<{ attemptId: string; responseIds: string[] }> {
	const attemptId = newId();
	const rows = input.answers.map((answer) => ({
		id: newId(),
		attemptId,
		userId: input.userId,
		lessonSlug: input.lessonSlug,
		questionId: answer.questionId,
		answer: answer.answer === undefined ? 'stored by a test' : answer.answer,
		status: answer.status ?? (answer.earned === null ? 'pending-review' : 'scored'),
		earned: answer.earned,
		possible: 1,
		correct: answer.earned === null ? null : answer.earned === 1,
		answeredAt: input.at
	}));
	await db.write(async (tx) => {
		const lessonSitting = input.mode === 'practice' || input.mode === 'quiz';
		const assignmentId =
			input.assignmentId !== undefined || !lessonSitting
				? (input.assignmentId ?? null)
				: await assignmentForSitting(tx, db.tables, input);
		await tx.insert(db.tables.attempts).values({
			id: attemptId,
			userId: input.userId,
			lessonSlug: input.lessonSlug,
			mode: input.mode,
			startedAt: input.at,
			submittedAt: input.mode === 'practice' ? null : input.at,
			assignmentId,
			liveSessionId: input.liveSessionId ?? null
		});
		if (rows.length > 0) await tx.insert(db.tables.responses).values(rows);
	});
	return { attemptId, responseIds: rows.map((row) => row.id) };
}

/** `sit`, for tests that only need the attempt's id. */
export async function storeSitting(
	db: Database,
	input: Parameters<typeof sit>[1]
): Promise<string> {
	return (await sit(db, input)).attemptId;
}
