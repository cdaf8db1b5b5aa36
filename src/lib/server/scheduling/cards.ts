import { and, eq } from 'drizzle-orm';
import {
	createEmptyCard,
	fsrs,
	generatorParameters,
	Rating,
	type Card,
	type Grade,
	type State
} from 'ts-fsrs';
import type { SelfRating } from '../../review/self-rating';
import type { Score } from '../../quiz/types';
import { WriteConflict, type Queryable, type Tables } from '../db/database';
import { newId } from '../ids';

/**
 * FSRS-6 with ts-fsrs's default weights, retention 0.9 and learning steps (1m, 10m). No fuzz, so the same
 * answers at the same moments give the same dates on every engine and in tests.
 */
export const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));

export type ReviewCardRow = Tables['reviewCards']['$inferSelect'];
/** the scheduling columns of a review card: exactly the ts-fsrs Card, in the table's names */
export type CardColumns = Omit<ReviewCardRow, 'id' | 'userId' | 'questionId' | 'lessonSlug'>;

/**
 * The FSRS rating a scored answer earns: full marks Good, partial credit Hard, nothing Again. Written answers
 * wait for a teacher (null): the student rates those themselves in review. Easy is left to self-rating.
 */
export function ratingFor(score: Score): Grade | null {
	if (score.status !== 'scored') return null;
	if (score.correct) return Rating.Good;
	return score.earned > 0 ? Rating.Hard : Rating.Again;
}

const selfRatingGrades: Record<SelfRating, Grade> = {
	again: Rating.Again,
	hard: Rating.Hard,
	good: Rating.Good,
	easy: Rating.Easy
};

export function gradeForSelfRating(rating: SelfRating): Grade {
	return selfRatingGrades[rating];
}

/** A stored card as ts-fsrs reads it. */
export function toFsrsCard(row: CardColumns): Card {
	return {
		due: row.due,
		stability: row.stability,
		difficulty: row.difficulty,
		elapsed_days: row.elapsedDays,
		scheduled_days: row.scheduledDays,
		learning_steps: row.learningSteps,
		reps: row.reps,
		lapses: row.lapses,
		state: row.state as State,
		last_review: row.lastReview ?? undefined
	};
}

/** A ts-fsrs card as the review_cards columns store it. */
export function cardColumns(card: Card): CardColumns {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsedDays: card.elapsed_days,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ?? null
	};
}

export async function findCard(
	tx: Queryable,
	tables: Tables,
	userId: string,
	questionId: string
): Promise<ReviewCardRow | null> {
	const { reviewCards } = tables;
	const [row] = await tx
		.select()
		.from(reviewCards)
		.where(and(eq(reviewCards.userId, userId), eq(reviewCards.questionId, questionId)))
		.limit(1);
	return row ?? null;
}

/**
 * Schedules one review of a student's card for a question with ts-fsrs, creating the card (new, due now)
 * first when there is none. Call it inside db.write with that transaction.
 */
export async function scheduleCard(
	tx: Queryable,
	tables: Tables,
	input: {
		userId: string;
		questionId: string;
		lessonSlug: string;
		rating: Grade;
		now: Date;
		/** the card as just read in this transaction, when the caller has it */
		existing?: ReviewCardRow | null;
	}
): Promise<ReviewCardRow> {
	const existing =
		input.existing === undefined
			? await findCard(tx, tables, input.userId, input.questionId)
			: input.existing;
	const before = existing ? toFsrsCard(existing) : createEmptyCard(input.now);
	const columns = cardColumns(scheduler.next(before, input.now, input.rating).card);
	const { reviewCards } = tables;
	if (existing) {
		// every review adds one to reps: a card reviewed by a concurrent write since it was read is not overwritten
		const [updated] = await tx
			.update(reviewCards)
			.set({ ...columns, lessonSlug: input.lessonSlug })
			.where(and(eq(reviewCards.id, existing.id), eq(reviewCards.reps, existing.reps)))
			.returning();
		if (!updated) throw new WriteConflict(`review card ${existing.id} changed since it was read`);
		return updated;
	}
	const [created] = await tx
		.insert(reviewCards)
		.values({
			id: newId(),
			userId: input.userId,
			questionId: input.questionId,
			lessonSlug: input.lessonSlug,
			...columns
		})
		.returning();
	if (!created) throw new Error('a new review card was not returned');
	return created;
}

/**
 * After a lesson answer: a question answered wrong or partly right becomes a review card, and an answer to
 * a question that already has a card (right ones too) is one more review of it. Written answers wait for
 * a teacher and are left alone. Returns the card as scheduled, or null when there is none to schedule.
 */
export async function recordForReview(
	tx: Queryable,
	tables: Tables,
	input: { userId: string; question: { id: string }; lessonSlug: string; score: Score; now: Date }
): Promise<ReviewCardRow | null> {
	const rating = ratingFor(input.score);
	if (rating === null) return null;
	const existing = await findCard(tx, tables, input.userId, input.question.id);
	// a question known from the start needs no reviewing
	if (!existing && rating === Rating.Good) return null;
	return scheduleCard(tx, tables, {
		userId: input.userId,
		questionId: input.question.id,
		lessonSlug: input.lessonSlug,
		rating,
		now: input.now,
		existing
	});
}
