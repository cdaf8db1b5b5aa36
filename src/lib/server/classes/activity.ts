import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { unansweredAtTimeUp } from '../quiz/own-answers';
import { classWork } from './class-work';

/** One student's first-time events in one lesson: what completion and lateness are worked out from. */
export interface StudentLessonActivity {
	/** section id → first read */
	reads: Map<string, Date>;
	/** question id → first answer in a lesson sitting (practice or quiz) */
	firstAnswers: Map<string, Date>;
	/** every submitted quiz attempt, with its score over scored answers and questions left when time ran out */
	quizzes: {
		attemptId: string;
		submittedAt: Date;
		earned: number;
		possible: number;
		pending: number;
	}[];
}

export type ClassActivity = Map<string, Map<string, StudentLessonActivity>>;

export function emptyActivity(): StudentLessonActivity {
	return { reads: new Map(), firstAnswers: new Map(), quizzes: [] };
}

/**
 * student id → lesson slug → activity, for many students in three queries (no query per student). Answers
 * and quizzes count only when they are the class's own work (classWork); reading a section counts anywhere.
 */
export async function loadActivity(
	db: Database,
	content: Content,
	userIds: string[],
	classId: string
): Promise<ClassActivity> {
	const activity: ClassActivity = new Map();
	if (userIds.length === 0) return activity;
	const { sectionReads, responses, attempts } = db.tables;
	const ownWork = classWork(db.tables, classId);
	const [reads, answers, quizRows] = await Promise.all([
		db.read
			.select({
				userId: sectionReads.userId,
				lessonSlug: sectionReads.lessonSlug,
				sectionId: sectionReads.sectionId,
				readAt: sectionReads.readAt
			})
			.from(sectionReads)
			.where(inArray(sectionReads.userId, userIds)),
		db.read
			.select({
				userId: responses.userId,
				lessonSlug: responses.lessonSlug,
				questionId: responses.questionId,
				answeredAt: responses.answeredAt
			})
			.from(responses)
			.innerJoin(attempts, eq(attempts.id, responses.attemptId))
			.where(
				and(
					inArray(responses.userId, userIds),
					inArray(attempts.mode, ['practice', 'quiz']),
					ownWork
				)
			),
		db.read
			.select({
				attemptId: attempts.id,
				userId: attempts.userId,
				lessonSlug: attempts.lessonSlug,
				submittedAt: attempts.submittedAt,
				deadlineAt: attempts.deadlineAt,
				questionId: responses.questionId,
				status: responses.status,
				earned: responses.earned,
				possible: responses.possible
			})
			.from(attempts)
			// left: a timed attempt submitted with nothing answered has no responses, and still counts
			.leftJoin(responses, eq(responses.attemptId, attempts.id))
			.where(
				and(
					inArray(attempts.userId, userIds),
					eq(attempts.mode, 'quiz'),
					isNotNull(attempts.submittedAt),
					ownWork
				)
			)
	]);
	const of = (userId: string, lessonSlug: string) => {
		let lessons = activity.get(userId);
		if (!lessons) activity.set(userId, (lessons = new Map()));
		let found = lessons.get(lessonSlug);
		if (!found) lessons.set(lessonSlug, (found = emptyActivity()));
		return found;
	};
	for (const row of reads) of(row.userId, row.lessonSlug).reads.set(row.sectionId, row.readAt);
	for (const row of answers) {
		const first = of(row.userId, row.lessonSlug).firstAnswers;
		const before = first.get(row.questionId);
		if (!before || row.answeredAt < before) first.set(row.questionId, row.answeredAt);
	}
	const quizzes = new Map<
		string,
		{
			quiz: StudentLessonActivity['quizzes'][number];
			answered: Set<string>;
		} & (typeof quizRows)[number]
	>();
	for (const row of quizRows) {
		let found = quizzes.get(row.attemptId);
		if (!found) {
			const quiz = {
				attemptId: row.attemptId,
				submittedAt: row.submittedAt as Date,
				earned: 0,
				possible: 0,
				pending: 0
			};
			found = { ...row, quiz, answered: new Set() };
			quizzes.set(row.attemptId, found);
			of(row.userId, row.lessonSlug).quizzes.push(quiz);
		}
		const { quiz, answered } = found;
		if (row.questionId === null || row.possible === null) continue;
		answered.add(row.questionId);
		if (row.status === 'pending-review') quiz.pending += 1;
		else {
			quiz.earned += row.earned ?? 0;
			quiz.possible += row.possible;
		}
	}
	for (const { quiz, answered, ...attempt } of quizzes.values())
		quiz.possible += unansweredAtTimeUp(content, attempt, answered);
	return activity;
}
