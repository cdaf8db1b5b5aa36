import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Reveal } from '../../quiz/feedback';
import { scoreAnswer } from '../../quiz/registry';
import { answerText } from '../../quiz/summary';
import { showDate, type ShownDate } from '../../dates';
import { scoredAnswersOf } from '../answers/read-model';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { buildReveal } from '../quiz/reveal';
import { withTeacherGrade } from '../quiz/teacher-grade';

/**
 * Returned work: a teacher's scores of a student's written answers and their comments on the student's
 * work. Each shows as a notice on /learn until the student opens /learn/returned, which marks it seen.
 */

export interface ReturnedNotice {
	kind: 'scored' | 'commented';
	lessonSlug: string;
	lessonTitle: string;
	/** how many scores or comments on that lesson are new */
	count: number;
}

const lessonTitleOf = (content: Content, slug: string) =>
	content.lessons.get(slug)?.title ?? 'a lesson that is no longer here';

/** The student's unseen returned work, one notice per lesson and kind, in lesson order. */
export async function returnedWorkNotices(
	db: Database,
	content: Content,
	userId: string
): Promise<ReturnedNotice[]> {
	const { responseGrades, responses, workComments } = db.tables;
	const [scored, commented] = await Promise.all([
		db.read
			.select({ lessonSlug: responses.lessonSlug })
			.from(responseGrades)
			.innerJoin(responses, eq(responses.id, responseGrades.responseId))
			.where(and(eq(responses.userId, userId), isNull(responseGrades.seenAt))),
		db.read
			.select({ lessonSlug: workComments.lessonSlug })
			.from(workComments)
			.where(and(eq(workComments.studentId, userId), isNull(workComments.seenAt)))
	]);
	const order = (slug: string) => content.lessons.get(slug)?.number ?? Number.MAX_SAFE_INTEGER;
	const notices = (kind: ReturnedNotice['kind'], rows: { lessonSlug: string }[]) => {
		const counts = new Map<string, number>();
		for (const row of rows) counts.set(row.lessonSlug, (counts.get(row.lessonSlug) ?? 0) + 1);
		return [...counts].map(([lessonSlug, count]) => ({
			kind,
			lessonSlug,
			lessonTitle: lessonTitleOf(content, lessonSlug),
			count
		}));
	};
	return [...notices('scored', scored), ...notices('commented', commented)].sort(
		(a, b) => order(a.lessonSlug) - order(b.lessonSlug) || (a.kind === 'scored' ? -1 : 1)
	);
}

export interface ReturnedScore {
	responseId: string;
	prompt: string;
	answer: string;
	reveal: Reveal;
	isNew: boolean;
}

export interface ReturnedComment {
	id: string;
	body: string;
	authorName: string | null;
	className: string;
	createdAt: ShownDate;
	isNew: boolean;
}

export interface ReturnedLesson {
	slug: string;
	title: string;
	scores: ReturnedScore[];
	comments: ReturnedComment[];
}

/**
 * The student's own returned work, by lesson (newest first within each), and marks what was unseen as
 * seen now: opening the page is reading it. Only the student's own rows are read or marked.
 */
export async function openReturnedWork(
	db: Database,
	content: Content,
	userId: string,
	/** the reader's zone (readerTimeZone), for when a score was given */
	zone: string,
	now = new Date()
): Promise<ReturnedLesson[]> {
	const { workComments, users, classes, responseGrades, responses } = db.tables;
	const [unseenGrades, answers, comments] = await Promise.all([
		// every unseen score, even of an answer that no longer parses, so no notice outlives the visit
		db.read
			.select({ responseId: responseGrades.responseId })
			.from(responseGrades)
			.innerJoin(responses, eq(responses.id, responseGrades.responseId))
			.where(and(eq(responses.userId, userId), isNull(responseGrades.seenAt))),
		scoredAnswersOf(db, content, userId),
		db.read
			.select({
				id: workComments.id,
				lessonSlug: workComments.lessonSlug,
				body: workComments.body,
				createdAt: workComments.createdAt,
				seenAt: workComments.seenAt,
				authorName: users.displayName,
				className: classes.name,
				timeZone: classes.timeZone
			})
			.from(workComments)
			.innerJoin(classes, eq(classes.id, workComments.classId))
			.leftJoin(users, eq(users.id, workComments.authorId))
			.where(eq(workComments.studentId, userId))
			.orderBy(desc(workComments.createdAt), desc(workComments.id))
	]);

	const lessons = new Map<string, ReturnedLesson>();
	const lessonOf = (slug: string) => {
		let found = lessons.get(slug);
		if (!found) {
			found = { slug, title: lessonTitleOf(content, slug), scores: [], comments: [] };
			lessons.set(slug, found);
		}
		return found;
	};
	for (const row of answers) {
		const lesson = content.lessons.get(row.lessonSlug);
		if (!lesson) continue;
		const reveal = buildReveal(
			row.question,
			scoreAnswer(row.answer, row.question),
			lesson.sourceId,
			content
		);
		lessonOf(row.lessonSlug).scores.push({
			responseId: row.responseId,
			prompt: row.question.prompt,
			answer: answerText(row.question, row.answer),
			reveal: withTeacherGrade(reveal, row.question, row, zone),
			isNew: row.seenAt === null
		});
	}
	for (const row of comments) {
		lessonOf(row.lessonSlug).comments.push({
			id: row.id,
			body: row.body,
			authorName: row.authorName,
			className: row.className,
			createdAt: showDate(row.createdAt, row.timeZone, 'dateTime', { now }),
			isNew: row.seenAt === null
		});
	}

	const unseenScores = unseenGrades.map((row) => row.responseId);
	const unseenComments = comments.filter((row) => row.seenAt === null).map((row) => row.id);
	if (unseenScores.length > 0 || unseenComments.length > 0) {
		await db.write(async (tx) => {
			if (unseenScores.length > 0) {
				await tx
					.update(responseGrades)
					.set({ seenAt: now })
					.where(
						and(inArray(responseGrades.responseId, unseenScores), isNull(responseGrades.seenAt))
					);
			}
			if (unseenComments.length > 0) {
				await tx
					.update(workComments)
					.set({ seenAt: now })
					.where(
						and(
							inArray(workComments.id, unseenComments),
							eq(workComments.studentId, userId),
							isNull(workComments.seenAt)
						)
					);
			}
		});
	}
	const order = (slug: string) => content.lessons.get(slug)?.number ?? Number.MAX_SAFE_INTEGER;
	return [...lessons.values()].sort((a, b) => order(a.slug) - order(b.slug));
}
