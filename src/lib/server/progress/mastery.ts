import { m } from '$lib/i18n';
import { eq } from 'drizzle-orm';
import { gradedByTeacher, type Question } from '../../quiz/registry';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { attemptVisibility } from '../quiz/assigned';
import type { AttemptMode } from '../db/enums';

/** Khan Academy's levels (Not started → Attempted → Familiar → Proficient → Mastered), per objective. */
export const masteryLevels = [
	'not-started',
	'attempted',
	'familiar',
	'proficient',
	'mastered'
] as const;
export type MasteryLevel = (typeof masteryLevels)[number];

/** A level's name in the reader's language. */
export function masteryLabel(level: MasteryLevel): string {
	const labels: Record<MasteryLevel, () => string> = {
		'not-started': m.progress_level_not_started,
		attempted: m.progress_level_attempted,
		familiar: m.progress_level_familiar,
		proficient: m.progress_level_proficient,
		mastered: m.progress_level_mastered
	};
	return labels[level]();
}

/** The rule masteryOf applies, word for word as the student reads it on /learn, in the reader's language. */
export function masteryRule(): string {
	return m.progress_mastery_rule();
}

/** One stored answer, as the rule needs it. */
export interface MasteryResponse {
	questionId: string;
	mode: AttemptMode;
	status: 'scored' | 'pending-review';
	earned: number | null;
	possible: number;
	correct: boolean | null;
	answeredAt: Date;
}

/** A question of the objective; written ones count only once a teacher has scored an answer. */
export interface MasteryQuestion {
	id: string;
	scoredByTeacher: boolean;
}

export interface Mastery {
	level: MasteryLevel;
	/** the average of the latest scored answers, rounded down; null when none is scored */
	percent: number | null;
	/** questions with a scored answer */
	answered: number;
	/** questions that must be answered for Proficient (written ones only once scored) */
	required: number;
	/** questions whose latest answer is a written one waiting for the teacher */
	waitingForTeacher: number;
}

const minFamiliar = 70;

/** Pure: the level for a score, once it is known whether every question is answered and reviewed. */
export function masteryLevel(input: {
	percent: number | null;
	allAnswered: boolean;
	reviewedCorrectly: boolean;
}): MasteryLevel {
	const { percent, allAnswered, reviewedCorrectly } = input;
	if (percent === null) return 'not-started';
	if (percent < minFamiliar) return 'attempted';
	if (percent < 100 || !allAnswered) return 'familiar';
	return reviewedCorrectly ? 'mastered' : 'proficient';
}

/** Pure: one objective's mastery from every stored answer to its questions (other answers are ignored). */
export function masteryOf(questions: MasteryQuestion[], responses: MasteryResponse[]): Mastery {
	const ids = new Set(questions.map((q) => q.id));
	const byTime = responses
		.filter((r) => ids.has(r.questionId))
		.sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());

	const firstAnswer = new Map<string, number>();
	const latestScored = new Map<string, MasteryResponse>();
	const latestAny = new Map<string, MasteryResponse>();
	let reviewedCorrectly = false;
	for (const response of byTime) {
		const first = firstAnswer.get(response.questionId);
		if (first === undefined) firstAnswer.set(response.questionId, response.answeredAt.getTime());
		latestAny.set(response.questionId, response);
		if (response.status !== 'scored' || response.earned === null) continue;
		latestScored.set(response.questionId, response);
		if (
			response.mode === 'review' &&
			response.correct === true &&
			first !== undefined &&
			response.answeredAt.getTime() > first
		)
			reviewedCorrectly = true;
	}

	const fractions = [...latestScored.values()].map((r) =>
		r.possible > 0 ? (r.earned ?? 0) / r.possible : 0
	);
	// the small epsilon keeps 0.7 * 100 = 69.999… from falling to 69
	const percent =
		fractions.length === 0
			? null
			: Math.floor((100 * fractions.reduce((sum, f) => sum + f, 0)) / fractions.length + 1e-9);
	const required = questions.filter((q) => !q.scoredByTeacher || latestScored.has(q.id));
	return {
		level: masteryLevel({
			percent,
			allAnswered: required.every((q) => latestScored.has(q.id)),
			reviewedCorrectly
		}),
		percent,
		answered: latestScored.size,
		required: required.length,
		waitingForTeacher: [...latestAny.values()].filter((r) => r.status === 'pending-review').length
	};
}

export interface ObjectiveMastery extends Mastery {
	lessonSlug: string;
	lessonTitle: string;
	objectiveId: string;
	text: string;
}

const masteryQuestion = (question: Question): MasteryQuestion => ({
	id: question.id,
	scoredByTeacher: gradedByTeacher(question)
});

/** Mastery of every learning objective of every lesson, in lesson and objective order. */
export async function objectiveMastery(
	db: Database,
	content: Content,
	userId: string
): Promise<ObjectiveMastery[]> {
	const { attempts, responses } = db.tables;
	const stored = await db.read
		.select({
			attemptId: attempts.id,
			assignmentId: attempts.assignmentId,
			questionId: responses.questionId,
			mode: attempts.mode,
			status: responses.status,
			earned: responses.earned,
			possible: responses.possible,
			correct: responses.correct,
			answeredAt: responses.answeredAt
		})
		.from(responses)
		.innerJoin(attempts, eq(attempts.id, responses.attemptId))
		.where(eq(responses.userId, userId));
	// a quiz whose policy still holds its answers back must not give away right and wrong here either
	const quizAttempts = stored
		.filter((row) => row.mode === 'quiz')
		.map((row) => ({ id: row.attemptId, assignmentId: row.assignmentId }));
	const visibility = await attemptVisibility(db.read, db.tables, userId, quizAttempts, new Date());
	const rows: MasteryResponse[] = stored.filter(
		(row) => row.mode !== 'quiz' || (visibility.get(row.attemptId)?.answers ?? true)
	);
	const byQuestion = new Map<string, MasteryResponse[]>();
	for (const row of rows) {
		const list = byQuestion.get(row.questionId);
		if (list) list.push(row);
		else byQuestion.set(row.questionId, [row]);
	}

	return content.lessonsInOrder.flatMap((lesson) =>
		lesson.objectives.map((objective) => {
			const questions = lesson.questions.filter((q) => q.objective === objective.id);
			const answers = questions.flatMap((q) => byQuestion.get(q.id) ?? []);
			return {
				lessonSlug: lesson.slug,
				lessonTitle: lesson.title,
				objectiveId: objective.id,
				text: objective.text,
				...masteryOf(questions.map(masteryQuestion), answers)
			};
		})
	);
}
