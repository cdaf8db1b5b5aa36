import { and, eq } from 'drizzle-orm';
import type { Answer } from '../../quiz/registry';
import { readStoredAnswer } from '../answers/read-model';
import type { LessonContent } from '../content/build';
import type { Database, Queryable, Tables } from '../db/database';

/**
 * A quiz being answered, kept on the server as the student goes (with JavaScript on every change, without it
 * by the "Save my answers" button and by a submission refused for missing answers), so leaving the page and
 * coming back, on this device or another, loses nothing. Only valid answers are kept; no key is involved.
 */

export interface DraftKey {
	userId: string;
	lessonSlug: string;
}

/** Keeps these valid answers (draftAnswers) as the student's draft of the lesson's quiz. */
export async function saveQuizDraft(
	db: Database,
	key: DraftKey,
	answers: Record<string, Answer>,
	now: Date
): Promise<void> {
	const { quizDrafts } = db.tables;
	await db.write((tx) =>
		tx
			.insert(quizDrafts)
			.values({ ...key, answers, updatedAt: now })
			.onConflictDoUpdate({
				target: [quizDrafts.userId, quizDrafts.lessonSlug],
				set: { answers, updatedAt: now }
			})
	);
}

/** The student's draft answers, each read back against today's question; those that no longer fit are dropped. */
export async function loadQuizDraft(
	db: Database,
	lesson: LessonContent,
	key: DraftKey
): Promise<Record<string, Answer>> {
	const { quizDrafts } = db.tables;
	const [row] = await db.read
		.select({ answers: quizDrafts.answers })
		.from(quizDrafts)
		.where(and(eq(quizDrafts.userId, key.userId), eq(quizDrafts.lessonSlug, key.lessonSlug)));
	if (!row) return {};
	const stored = row.answers as Record<string, unknown>;
	return Object.fromEntries(
		lesson.questions.flatMap((question) => {
			if (!lesson.quizIds.includes(question.id)) return [];
			if (!Object.hasOwn(stored, question.id)) return [];
			const answer = readStoredAnswer(question, stored[question.id], {
				table: 'quiz_drafts',
				userId: key.userId,
				lessonSlug: key.lessonSlug
			});
			return answer === null ? [] : [[question.id, answer]];
		})
	);
}

/** Drops the draft once the quiz it was for is submitted (inside that transaction). */
export async function clearQuizDraft(tx: Queryable, tables: Tables, key: DraftKey): Promise<void> {
	const { quizDrafts } = tables;
	await tx
		.delete(quizDrafts)
		.where(and(eq(quizDrafts.userId, key.userId), eq(quizDrafts.lessonSlug, key.lessonSlug)));
}
