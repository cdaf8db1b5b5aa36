import { and, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Score } from '../../quiz/types';
import type { Content } from '../content/build';
import { classTimeAccommodation } from '../classes/accommodations';
import { timeFactors } from '../classes/quiz-policy';
import type { Database, Queryable, Tables } from '../db/database';
import { liveSessionLock } from '../db/database';
import type { LiveScoring, TimeAccommodation } from '../db/enums';
import { newId } from '../ids';
import { grade, responseRow } from '../quiz/answers';
import { recordForReview } from '../scheduling/cards';
import { publish } from './hub';
import type { LiveResult, LiveSessionRow } from './sessions';
import type { LiveFailure } from './types';

/** Answers sent this long after the timer ran out still count: the network is not the student's fault. */
export const answerGraceMs = 1000;
/** The window the speed bonus falls over when a session has no timer. */
export const untimedBonusWindowMs = 30_000;
export const accuracyPoints = 100;
export const maxSpeedBonus = 50;

/** 0…1 of the question's marks. */
export function earnedFraction(score: Score): number {
	if (score.status !== 'scored') return 0;
	return score.possible > 0 ? score.earned / score.possible : 0;
}

/** Who a window is worked out for: a player (their account and class accommodation), or null for the class. */
export interface WindowHolder {
	userId: string | null;
	/** the extra time of their accommodation in the session's class; null for none, a guest or another class */
	timeAccommodation: TimeAccommodation | null;
}

/**
 * This player's answering window in ms: the timer times their accommodation's factor, plus any extra seconds
 * the teacher gave them in this session; null without a timer, or with unlimited time. For null, the class's.
 */
export function answerWindowMs(
	session: Pick<LiveSessionRow, 'timerSeconds' | 'extraTime'>,
	player: WindowHolder | null
): number | null {
	if (session.timerSeconds === null) return null;
	const factor = player?.timeAccommodation ? timeFactors[player.timeAccommodation] : 1;
	if (!Number.isFinite(factor)) return null;
	const extra = player?.userId ? (session.extraTime[player.userId] ?? 0) : 0;
	return Math.round((session.timerSeconds * factor + extra) * 1000);
}

/**
 * Points for one answer: 100 × the fraction earned, and with speed scoring up to 50 more, falling
 * linearly from the question opening to the end of the player's window (30 s without a timer).
 */
export function livePoints(input: {
	earned: number;
	scoring: LiveScoring;
	elapsedMs: number;
	windowMs: number | null;
}): number {
	const accuracy = Math.round(accuracyPoints * input.earned);
	if (input.scoring !== 'speed') return accuracy;
	const windowMs = input.windowMs ?? untimedBonusWindowMs;
	const left = Math.max(0, 1 - input.elapsedMs / windowMs);
	return accuracy + Math.round(maxSpeedBonus * input.earned * left);
}

const closed = (): LiveFailure => ({
	ok: false,
	status: 409,
	message: m.live_err_closed()
});

/** The student's 'live' attempt for this session and lesson, opened now if there is none. */
async function liveAttemptId(
	tx: Queryable,
	tables: Tables,
	key: { userId: string; sessionId: string; lessonSlug: string; now: Date }
): Promise<string> {
	const { attempts } = tables;
	const [found] = await tx
		.select({ id: attempts.id })
		.from(attempts)
		.where(
			and(
				eq(attempts.userId, key.userId),
				eq(attempts.liveSessionId, key.sessionId),
				eq(attempts.lessonSlug, key.lessonSlug),
				eq(attempts.mode, 'live')
			)
		)
		.limit(1);
	if (found) return found.id;
	const id = newId();
	await tx.insert(attempts).values({
		id,
		userId: key.userId,
		lessonSlug: key.lessonSlug,
		mode: 'live',
		startedAt: key.now,
		// each live answer is final when given
		submittedAt: key.now,
		liveSessionId: key.sessionId
	});
	return id;
}

/**
 * One player's answer to the open question, checked and stored in one transaction: only while that
 * question is open, not paused and inside the player's time (plus a second of grace), once per player.
 * The points are worked out from the server's clock alone. A signed-in player's answer is also a
 * response in their 'live' attempt and, when missed, a review card. The result says nothing about
 * whether the answer was right: players learn that only when the teacher reveals.
 */
export async function submitLiveAnswer(
	db: Database,
	content: Content,
	input: { sessionId: string; playerId: string; questionIndex: number; form: FormData },
	now = new Date()
): Promise<LiveResult<{ questionIndex: number }>> {
	const { liveSessions, livePlayers, liveAnswers, responses } = db.tables;
	const result = await db.write(
		async (tx): Promise<LiveResult<{ questionIndex: number }>> => {
			const [session] = await tx
				.select()
				.from(liveSessions)
				.where(eq(liveSessions.id, input.sessionId));
			if (!session) {
				return { ok: false, status: 404, message: m.live_err_no_session() };
			}
			const [player] = await tx
				.select()
				.from(livePlayers)
				.where(and(eq(livePlayers.id, input.playerId), eq(livePlayers.sessionId, session.id)));
			if (!player) {
				return { ok: false, status: 404, message: m.live_err_not_in_session() };
			}
			if (player.removedAt) {
				return { ok: false, status: 403, message: m.live_err_removed() };
			}
			if (session.phase !== 'question' || input.questionIndex !== session.questionIndex) {
				return closed();
			}
			if (session.pausedAt) {
				return {
					ok: false,
					status: 409,
					message: m.live_err_paused()
				};
			}
			const openedAt = session.questionOpenedAt ?? now;
			const elapsedMs = Math.max(0, now.getTime() - openedAt.getTime());
			// read now, not when the session began: a student who joined the class or was given time since counts
			const timeAccommodation =
				session.classId && player.userId
					? await classTimeAccommodation(tx, db.tables, {
							classId: session.classId,
							userId: player.userId
						})
					: null;
			const windowMs = answerWindowMs(session, { userId: player.userId, timeAccommodation });
			if (windowMs !== null && elapsedMs > windowMs + answerGraceMs) {
				return {
					ok: false,
					status: 409,
					message: m.live_err_time_up()
				};
			}
			const ref = session.questions[session.questionIndex];
			const found = ref ? content.questions.get(ref.questionId) : undefined;
			if (!ref || !found) return closed();

			const graded = grade(found.question, input.form);
			if (!graded.ok) return { ok: false, status: 400, message: graded.message };
			const earned = earnedFraction(graded.score);
			const [stored] = await tx
				.insert(liveAnswers)
				.values({
					id: newId(),
					sessionId: session.id,
					playerId: player.id,
					questionIndex: session.questionIndex,
					questionId: found.question.id,
					answer: graded.answer,
					earned,
					correct: graded.score.status === 'scored' && graded.score.correct,
					points: livePoints({ earned, scoring: session.scoring, elapsedMs, windowMs }),
					elapsedMs,
					answeredAt: now
				})
				// the unique index (player, question) keeps the first answer
				.onConflictDoNothing()
				.returning({ id: liveAnswers.id });
			if (!stored) {
				return {
					ok: false,
					status: 409,
					message: m.live_err_already_answered()
				};
			}

			if (player.userId) {
				const userId = player.userId;
				const attemptId = await liveAttemptId(tx, db.tables, {
					userId,
					sessionId: session.id,
					lessonSlug: ref.lessonSlug,
					now
				});
				await tx
					.insert(responses)
					.values(
						responseRow(
							attemptId,
							userId,
							ref.lessonSlug,
							found.question,
							graded.answer,
							graded.score,
							now
						)
					);
				await recordForReview(tx, db.tables, {
					userId,
					question: found.question,
					lessonSlug: ref.lessonSlug,
					score: graded.score,
					now
				});
			}
			return { ok: true, questionIndex: session.questionIndex };
			// a class answering at once never waits on itself; the teacher's next change waits for these (sessions.ts)
		},
		{ isolation: 'read committed', locks: [{ shared: liveSessionLock(input.sessionId) }] }
	);
	if (result.ok) publish(input.sessionId, 'answers');
	return result;
}
