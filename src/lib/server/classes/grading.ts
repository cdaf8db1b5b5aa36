import { nudgeGradeDelivery, queueGrade } from '../lti/grades';
import { and, eq } from 'drizzle-orm';
import { m } from '../../i18n';
import { showDate } from '../../dates';
import { answersForGrading, type GradingAnswer } from '../answers/read-model';
import type { RubricLevel, Score } from '../../quiz/types';
import { answerKeyText, gradedByTeacher, rubricOf } from '../../quiz/registry';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { findCard, recordForReview } from '../scheduling/cards';
import { assignmentsCovering, assignmentTitle, classAssignments } from './assignments';
import { classWork } from './class-work';
import { maxGradeCommentLength } from './forms';

/** How many scored answers the page lists, most recently scored first. */
export const recentlyScoredLimit = 50;

/** A rubric level as teachers and students read it: "Level 2 – Developing". */
export function levelName(level: number, label: string): string {
	return m.grading_level_name({ level, label });
}

export interface CurrentGrade {
	level: number;
	label: string;
	comment: string | null;
	gradedAt: Date;
}

export interface GradingItem {
	responseId: string;
	studentId: string;
	studentName: string;
	username: string;
	mode: 'practice' | 'quiz';
	/** the student's text, as written (plain text with \n line breaks) */
	text: string;
	answeredAt: Date;
	grade: CurrentGrade | null;
}

export interface GradingQuestion {
	questionId: string;
	prompt: string;
	/** a check inside the lesson's prose, or a question of its end-of-lesson quiz */
	placement: 'check' | 'quiz';
	/** its place in the lesson's question bank, the order the page lists questions in */
	position: number;
	modelAnswer: string;
	rubric: RubricLevel[];
	items: GradingItem[];
}

export interface GradingLesson {
	slug: string;
	number: number;
	title: string;
	/** the class's assignments that cover this lesson (the lesson itself or the whole module) */
	assignments: { id: string; title: string; dueAt: Date | null }[];
	questions: GradingQuestion[];
}

export interface GradingQueue {
	toScore: GradingLesson[];
	scored: GradingLesson[];
	toScoreCount: number;
	scoredCount: number;
}

function teacherGradedQuestion(content: Content, questionId: string) {
	const entry = content.questions.get(questionId);
	const rubric = entry ? rubricOf(entry.question) : null;
	if (!entry || !rubric) return null;
	return { question: entry.question, rubric, lessonSlug: entry.lessonSlug };
}

/**
 * The written answers of a class's current members in the class's own work (classWork: sat for its
 * assignments), to score and recently scored, grouped by lesson (in
 * module order) and question. Grouped by lesson rather than by assignment so that each answer is listed
 * once even when a lesson assignment and the module assignment both cover it; each lesson names the
 * assignments that cover it.
 */
export async function gradingQueue(
	db: Database,
	content: Content,
	classId: string
): Promise<GradingQueue> {
	const writtenIds = [...content.questions.values()]
		.filter((entry) => gradedByTeacher(entry.question))
		.map((entry) => entry.question.id);
	if (writtenIds.length === 0) return { toScore: [], scored: [], toScoreCount: 0, scoredCount: 0 };
	const [{ toScore, scored: everyScored }, assignmentRows] = await Promise.all([
		answersForGrading(db, content, classId, writtenIds),
		classAssignments(db, classId)
	]);
	const scored = everyScored.slice(0, recentlyScoredLimit);

	const group = (selected: GradingAnswer[]): GradingLesson[] => {
		const lessons = new Map<string, GradingLesson>();
		for (const row of selected) {
			const found = teacherGradedQuestion(content, row.questionId);
			const lesson = found ? content.lessons.get(found.lessonSlug) : undefined;
			if (!found || !lesson) continue;
			let lessonGroup = lessons.get(lesson.slug);
			if (!lessonGroup) {
				lessonGroup = {
					slug: lesson.slug,
					number: lesson.number,
					title: lesson.title,
					// soonest due first, undated last: the order a teacher works through them
					assignments: assignmentsCovering(assignmentRows, lesson.slug)
						.sort(
							(a, b) =>
								(a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) ||
								a.createdAt.getTime() - b.createdAt.getTime()
						)
						.map((a) => ({
							id: a.id,
							title: assignmentTitle(content, a.lessonSlug),
							dueAt: a.dueAt
						})),
					questions: []
				};
				lessons.set(lesson.slug, lessonGroup);
			}
			let questionGroup = lessonGroup.questions.find((q) => q.questionId === row.questionId);
			if (!questionGroup) {
				questionGroup = {
					questionId: found.question.id,
					prompt: found.question.prompt,
					placement: lesson.checkIds.includes(found.question.id) ? 'check' : 'quiz',
					position: lesson.questions.findIndex((q) => q.id === found.question.id),
					modelAnswer: answerKeyText(found.question),
					rubric: found.rubric.map(({ level, label, description }) => ({
						level,
						label,
						description
					})),
					items: []
				};
				lessonGroup.questions.push(questionGroup);
			}
			const label = (level: number) => found.rubric.find((r) => r.level === level)?.label ?? '';
			questionGroup.items.push({
				responseId: row.responseId,
				studentId: row.userId,
				studentName: row.displayName,
				username: row.username,
				mode: row.mode === 'quiz' ? 'quiz' : 'practice',
				text: typeof row.answer === 'string' ? row.answer : JSON.stringify(row.answer),
				answeredAt: row.answeredAt,
				grade:
					row.level === null || row.gradedAt === null
						? null
						: {
								level: row.level,
								label: label(row.level),
								comment: row.comment,
								gradedAt: row.gradedAt
							}
			});
		}
		const sorted = content.lessonsInOrder.flatMap((lesson) => lessons.get(lesson.slug) ?? []);
		for (const lesson of sorted) {
			lesson.questions.sort((a, b) => a.position - b.position);
			for (const question of lesson.questions) {
				question.items.sort((a, b) =>
					a.grade && b.grade
						? b.grade.gradedAt.getTime() - a.grade.gradedAt.getTime()
						: a.studentName.localeCompare(b.studentName) ||
							a.answeredAt.getTime() - b.answeredAt.getTime()
				);
			}
		}
		return sorted;
	};

	return {
		toScore: group(toScore),
		scored: group(scored),
		toScoreCount: toScore.length,
		scoredCount: scored.length
	};
}

export type GradeResult =
	| {
			ok: true;
			responseId: string;
			studentName: string;
			prompt: string;
			level: number;
			label: string;
			/** false the first time this answer is scored */
			regraded: boolean;
	  }
	| { ok: false; status: 400 | 404; message: string };

const notFound = (): GradeResult => ({
	ok: false,
	status: 404,
	message: m.grading_not_found()
});

/**
 * A teacher's rubric score for a written answer a current member of the class gave for the class's own
 * work (classWork): an answer given for another class, or for none, is not found. The answer's row takes
 * the points (level/3 of what it is worth; full marks only at the top level) in the same transaction that
 * stores the level and comment; scoring again replaces both. The first score below the top level puts
 * the question into the student's review, as a wrong automatic score would, unless it is there already.
 */
export async function gradeWrittenResponse(
	db: Database,
	content: Content,
	input: {
		classId: string;
		teacherId: string;
		responseId: string;
		level: number;
		comment: string | null;
	},
	now = new Date()
): Promise<GradeResult> {
	const { responses, attempts, classMembers, users, responseGrades } = db.tables;
	const [row] = await db.read
		.select({
			id: responses.id,
			userId: responses.userId,
			displayName: users.displayName,
			questionId: responses.questionId,
			lessonSlug: responses.lessonSlug,
			possible: responses.possible,
			mode: attempts.mode,
			assignmentId: attempts.assignmentId
		})
		.from(responses)
		.innerJoin(attempts, eq(attempts.id, responses.attemptId))
		.innerJoin(
			classMembers,
			and(eq(classMembers.userId, responses.userId), eq(classMembers.classId, input.classId))
		)
		.innerJoin(users, eq(users.id, responses.userId))
		.where(and(eq(responses.id, input.responseId), classWork(db.tables, input.classId)));
	if (!row || row.mode === 'review') return notFound();
	const found = teacherGradedQuestion(content, row.questionId);
	if (!found) return notFound();
	const rubricLevel = found.rubric.find((r) => r.level === input.level);
	if (!rubricLevel) {
		return { ok: false, status: 400, message: m.grading_error_level() };
	}
	const comment = input.comment?.trim() || null;
	if (comment !== null && comment.length > maxGradeCommentLength) {
		return {
			ok: false,
			status: 400,
			message: m.grading_comment_too_long({ max: maxGradeCommentLength })
		};
	}

	const top = Math.max(...found.rubric.map((r) => r.level));
	const earned = (input.level / top) * row.possible;
	const correct = input.level === top;
	const regraded = await db.write(async (tx) => {
		const [before] = await tx
			.select({ level: responseGrades.level })
			.from(responseGrades)
			.where(eq(responseGrades.responseId, row.id));
		await tx
			.update(responses)
			.set({ status: 'scored', earned, correct })
			.where(eq(responses.id, row.id));
		// a new or changed score is returned work the student has not seen yet (the notice on /learn)
		const grade = {
			level: input.level,
			comment,
			gradedBy: input.teacherId,
			gradedAt: now,
			seenAt: null
		};
		await tx
			.insert(responseGrades)
			.values({ responseId: row.id, ...grade })
			.onConflictDoUpdate({ target: responseGrades.responseId, set: grade });
		// only a first score adds a card: a regrade, or a card the student already has, leaves review alone
		if (!before && !correct && !(await findCard(tx, db.tables, row.userId, row.questionId))) {
			const score: Score = {
				status: 'scored',
				earned,
				possible: row.possible,
				correct,
				feedback: [],
				correctAnswer: answerKeyText(found.question)
			};
			await recordForReview(tx, db.tables, {
				userId: row.userId,
				question: found.question,
				lessonSlug: found.lessonSlug,
				score,
				now
			});
		}
		// the LMS gradebook gets the new score (a quiz's written answer was pending manual grading)
		if (row.assignmentId !== null) {
			await queueGrade(tx, db.tables, { assignmentId: row.assignmentId, userId: row.userId }, now);
		}
		return Boolean(before);
	});
	nudgeGradeDelivery(db, content);
	return {
		ok: true,
		responseId: row.id,
		studentName: row.displayName,
		prompt: found.question.prompt,
		level: input.level,
		label: rubricLevel.label,
		regraded
	};
}

/** One question on the grading page: asked once, its rubric once, then its answers. */
export interface GradingGroup extends Omit<GradingQuestion, 'items'> {
	lesson: Omit<GradingLesson, 'questions'>;
	/** by student name: the order a teacher works through them */
	toScore: GradingItem[];
	/** most recently scored first, after those to score */
	scored: GradingItem[];
}

/**
 * Pure: the queue regrouped by question, in course order (lesson, then its question bank), each
 * question's answers to score before its recently scored ones.
 */
export function gradingGroups(queue: GradingQueue): GradingGroup[] {
	const groups = new Map<string, GradingGroup>();
	const add = (lessons: GradingLesson[], list: 'toScore' | 'scored') => {
		for (const { questions, ...lesson } of lessons) {
			for (const { items, ...question } of questions) {
				let group = groups.get(question.questionId);
				if (!group) {
					group = { ...question, lesson, toScore: [], scored: [] };
					groups.set(question.questionId, group);
				}
				group[list].push(...items);
			}
		}
	};
	add(queue.toScore, 'toScore');
	add(queue.scored, 'scored');
	return [...groups.values()].sort(
		(a, b) => a.lesson.number - b.lesson.number || a.position - b.position
	);
}

/** Pure: the groups with each date as the page shows it, in the class's zone (due dates name it). */
export function shownGradingGroups(groups: GradingGroup[], zone: string) {
	const shownItems = (items: GradingItem[]) =>
		items.map(({ answeredAt, grade, ...item }) => ({
			...item,
			answered: showDate(answeredAt, zone, 'dateTime'),
			grade: grade && {
				level: grade.level,
				label: grade.label,
				comment: grade.comment,
				saved: showDate(grade.gradedAt, zone, 'dateTime')
			}
		}));
	return groups.map(({ lesson: { assignments, ...lesson }, toScore, scored, ...question }) => ({
		...question,
		lesson: {
			...lesson,
			assignments: assignments.map(({ dueAt, ...assignment }) => ({
				...assignment,
				due: dueAt && showDate(dueAt, zone)
			}))
		},
		toScore: shownItems(toScore),
		scored: shownItems(scored)
	}));
}
