import { m } from '$lib/i18n';
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import { gradedByTeacher, type Answer } from '../../quiz/registry';
import type { QuestionState } from '../../quiz/feedback';
import { isSelfRating, type SelfRating } from '../../review/self-rating';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { grade, openAttemptId, responseRow, type AnswerFailure } from '../quiz/answers';
import { closedPractice, practiceClosure } from '../quiz/assigned';
import { questionItem } from '../quiz/pages';
import { buildReveal, type AnsweredQuestion } from '../quiz/reveal';
import {
	findCard,
	gradeForSelfRating,
	ratingFor,
	scheduleCard,
	type ReviewCardRow
} from '../scheduling/cards';

/** How many cards one review sitting serves. */
export const sittingSize = 10;

/** A student's cards that are due at `now`, the longest overdue first. */
export async function dueCards(
	db: Database,
	userId: string,
	now: Date,
	/** null: every due card */
	limit: number | null = sittingSize
): Promise<ReviewCardRow[]> {
	const { reviewCards } = db.tables;
	const due = db.read
		.select()
		.from(reviewCards)
		.where(and(eq(reviewCards.userId, userId), lte(reviewCards.due, now)))
		.orderBy(asc(reviewCards.due), asc(reviewCards.questionId));
	return limit === null ? due : due.limit(limit);
}

/** How many of a student's cards are due at `now`, and when the next one that is not due yet comes due. */
export async function reviewSummary(
	db: Database,
	userId: string,
	now: Date
): Promise<{ dueCount: number; nextDue: Date | null }> {
	const { reviewCards } = db.tables;
	const [due] = await db.read
		.select({ n: count() })
		.from(reviewCards)
		.where(and(eq(reviewCards.userId, userId), lte(reviewCards.due, now)));
	const [next] = await db.read
		.select({ due: reviewCards.due })
		.from(reviewCards)
		.where(and(eq(reviewCards.userId, userId), gt(reviewCards.due, now)))
		.orderBy(asc(reviewCards.due))
		.limit(1);
	return { dueCount: Number(due?.n ?? 0), nextDue: next?.due ?? null };
}

export type ReviewAnswer = { ok: true } & AnsweredQuestion & {
		questionId: string;
		lessonSlug: string;
		/** when the card was due before this answer */
		previousDue: Date;
		/** when ts-fsrs scheduled it next */
		due: Date;
		selfRating: SelfRating | null;
	};

export type ReviewFailure = AnswerFailure & {
	/** a valid answer refused for another reason, to fill the form in again */
	answer?: Answer;
	selfRating?: SelfRating;
};

const notInReview = (): ReviewFailure => ({
	ok: false,
	status: 400,
	message: m.review_not_in_review()
});

/**
 * One answer in a review sitting: the question must be one of the student's cards. Scored questions are
 * rated from correctness, written ones by the student (`selfRating`). The response goes into the student's
 * open review attempt for the question's lesson, and the card is rescheduled, in one transaction.
 */
export async function answerReview(
	db: Database,
	content: Content,
	input: { userId: string; form: FormData; now: Date }
): Promise<ReviewAnswer | ReviewFailure> {
	const questionId = input.form.get('questionId');
	const entry = typeof questionId === 'string' ? content.questions.get(questionId) : undefined;
	const lesson = entry ? content.lessons.get(entry.lessonSlug) : undefined;
	if (!entry || !lesson) return notInReview();
	const { question } = entry;
	const card = await findCard(db.read, db.tables, input.userId, question.id);
	if (!card) return notInReview();
	if (lesson.quizIds.includes(question.id)) {
		const closed = await practiceClosure(
			db.read,
			db.tables,
			{ userId: input.userId, lessonSlug: lesson.slug },
			input.now
		);
		if (closed) return { ok: false, status: 403, message: closed, questionId: question.id };
	}

	const submittedRating = input.form.getAll('selfRating');
	const selfRating =
		submittedRating.length === 1 && isSelfRating(submittedRating[0]) ? submittedRating[0] : null;
	const graded = grade(question, input.form);
	if (!graded.ok) {
		return {
			ok: false,
			status: 400,
			message: graded.message,
			questionId: question.id,
			selfRating: selfRating ?? undefined
		};
	}
	const scoredRating = ratingFor(graded.score);
	// only a written answer, which no key can score, is rated by the student
	const ratedBySelf = scoredRating === null ? selfRating : null;
	const rating = scoredRating ?? (ratedBySelf ? gradeForSelfRating(ratedBySelf) : null);
	if (rating === null) {
		return {
			ok: false,
			status: 400,
			message: m.review_choose_rating(),
			questionId: question.id,
			answer: graded.answer
		};
	}

	const { responses } = db.tables;
	const scheduled = await db.write(async (tx) => {
		const current = await findCard(tx, db.tables, input.userId, question.id);
		if (!current) return null;
		const attemptId = await openAttemptId(tx, db.tables, {
			userId: input.userId,
			lessonSlug: lesson.slug,
			mode: 'review',
			now: input.now
		});
		await tx
			.insert(responses)
			.values(
				responseRow(
					attemptId,
					input.userId,
					lesson.slug,
					question,
					graded.answer,
					graded.score,
					input.now
				)
			);
		return scheduleCard(tx, db.tables, {
			userId: input.userId,
			questionId: question.id,
			lessonSlug: lesson.slug,
			rating,
			now: input.now,
			existing: current
		});
	});
	if (!scheduled) return notInReview();
	return {
		ok: true,
		questionId: question.id,
		lessonSlug: lesson.slug,
		answer: graded.answer,
		reveal: buildReveal(question, graded.score, lesson.sourceId, content),
		previousDue: card.due,
		due: scheduled.due,
		selfRating: ratedBySelf
	};
}

/** One card as the review page shows it. */
export interface ReviewItem {
	questionId: string;
	lessonSlug: string;
	lessonTitle: string;
	/** written questions carry the student's own rating */
	written: boolean;
	/** when it came due: the page keeps cards in this order */
	due: Date;
	state: QuestionState;
}

/** A card just answered in this sitting: its feedback and when it comes back. */
export interface ReviewedItem extends ReviewItem {
	nextDue: Date;
	selfRating: SelfRating | null;
}

function reviewItem(
	content: Content,
	questionId: string,
	due: Date,
	answered?: Partial<AnsweredQuestion>
): ReviewItem | null {
	const entry = content.questions.get(questionId);
	const lesson = entry ? content.lessons.get(entry.lessonSlug) : undefined;
	if (!entry || !lesson) return null;
	return {
		questionId,
		lessonSlug: lesson.slug,
		lessonTitle: lesson.title,
		written: gradedByTeacher(entry.question),
		due,
		state: {
			item: questionItem(entry.question, answered?.answer),
			reveal: answered?.reveal ?? null
		}
	};
}

/** Due cards of one lesson's quiz questions held back while practice on them is closed (see practiceOpen). */
export interface HeldCards {
	lessonTitle: string;
	count: number;
	/** why, with the date it opens when there is one */
	message: string;
}

/**
 * What /review shows: the counts and the sitting's cards (a card whose question left the bank is skipped).
 * Cards of a quiz the student's policy keeps closed to practice are held back, and counted apart.
 */
export async function reviewPage(db: Database, content: Content, userId: string, now: Date) {
	const [summary, due] = await Promise.all([
		reviewSummary(db, userId, now),
		dueCards(db, userId, now, null)
	]);
	const quizCard = (card: ReviewCardRow) =>
		content.lessons.get(card.lessonSlug)?.quizIds.includes(card.questionId) ?? false;
	const closed = await closedPractice(
		db.read,
		db.tables,
		userId,
		due.filter(quizCard).map((card) => card.lessonSlug),
		now
	);
	const isHeld = (card: ReviewCardRow) => quizCard(card) && closed.has(card.lessonSlug);
	const held = [...closed].map(([lessonSlug, message]): HeldCards => ({
		lessonTitle: content.lessons.get(lessonSlug)?.title ?? lessonSlug,
		count: due.filter((card) => card.lessonSlug === lessonSlug && isHeld(card)).length,
		message
	}));
	return {
		dueCount: summary.dueCount - held.reduce((sum, h) => sum + h.count, 0),
		nextDue: summary.nextDue,
		held,
		cards: due
			.filter((card) => !isHeld(card))
			.slice(0, sittingSize)
			.flatMap((card) => reviewItem(content, card.questionId, card.due) ?? [])
	};
}

/** The page's view of an answer just given in review. */
export function reviewedItem(content: Content, result: ReviewAnswer): ReviewedItem | null {
	const item = reviewItem(content, result.questionId, result.previousDue, result);
	return item && { ...item, nextDue: result.due, selfRating: result.selfRating };
}

/** The question refilled after a refused review answer, so nothing the student typed is lost. */
export function refusedState(content: Content, failure: ReviewFailure): QuestionState | null {
	const question = failure.questionId ? content.questions.get(failure.questionId) : undefined;
	return question ? { item: questionItem(question.question, failure.answer), reveal: null } : null;
}
