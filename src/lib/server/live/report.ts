import { asc, eq } from 'drizzle-orm';
import type { Answer } from '../../quiz/registry';
import { answerText, optionCounts } from '../../quiz/summary';
import { readStoredAnswer } from '../answers/read-model';
import type { Content } from '../content/build';
import { toCsv } from '../csv';
import type { Database } from '../db/database';
import { answerKeyText } from '../quiz/key';
import type { LiveSessionRow } from './sessions';
import type { OptionTally } from './types';

export interface ReportQuestion {
	/** 0-based, in play order */
	index: number;
	questionId: string;
	lessonTitle: string;
	prompt: string;
	correctAnswer: string;
	/** the question was opened during the session */
	asked: boolean;
	answered: number;
	correct: number;
	/** 0…100 of the answers given; null when nobody answered */
	rightPercent: number | null;
	distribution: OptionTally[];
}

export interface ReportAnswer {
	answer: string;
	correct: boolean;
	points: number;
	seconds: number;
}

export interface ReportPlayer {
	id: string;
	nickname: string;
	/** joined with an account (their answers are also in their progress) rather than as a guest */
	signedIn: boolean;
	removed: boolean;
	answered: number;
	correct: number;
	points: number;
	/** one per question, in play order; null where the player gave no answer */
	answers: (ReportAnswer | null)[];
}

export interface LiveReport {
	session: Pick<
		LiveSessionRow,
		'id' | 'code' | 'title' | 'phase' | 'createdAt' | 'endedAt' | 'scoring'
	>;
	questions: ReportQuestion[];
	/** by points, then right answers, then name */
	players: ReportPlayer[];
}

// built once: localeCompare with options builds a collator per comparison
const nicknameOrder = new Intl.Collator('en', { sensitivity: 'base' });
/** The session per question and per player, for the teacher afterwards (three queries). */
export async function sessionReport(
	db: Database,
	content: Content,
	sessionId: string
): Promise<LiveReport | null> {
	const { liveSessions, livePlayers, liveAnswers } = db.tables;
	const [session] = await db.read.select().from(liveSessions).where(eq(liveSessions.id, sessionId));
	if (!session) return null;
	const [players, answers] = await Promise.all([
		db.read
			.select({
				id: livePlayers.id,
				userId: livePlayers.userId,
				nickname: livePlayers.nickname,
				removedAt: livePlayers.removedAt
			})
			.from(livePlayers)
			.where(eq(livePlayers.sessionId, session.id)),
		db.read
			.select({
				id: liveAnswers.id,
				playerId: liveAnswers.playerId,
				questionIndex: liveAnswers.questionIndex,
				answer: liveAnswers.answer,
				earned: liveAnswers.earned,
				correct: liveAnswers.correct,
				points: liveAnswers.points,
				elapsedMs: liveAnswers.elapsedMs
			})
			.from(liveAnswers)
			.where(eq(liveAnswers.sessionId, session.id))
			.orderBy(asc(liveAnswers.questionIndex))
	]);

	// each stored answer parsed once against today's question; one that no longer fits is left out (logged)
	const parsedAnswers = new Map<string, Answer>();
	for (const row of answers) {
		const question = content.questions.get(
			session.questions[row.questionIndex]?.questionId ?? ''
		)?.question;
		const answer = question
			? readStoredAnswer(question, row.answer, { table: 'live_answers', rowId: row.id })
			: null;
		if (answer !== null) parsedAnswers.set(row.id, answer);
	}

	const questions = session.questions.map((ref, index): ReportQuestion => {
		const found = content.questions.get(ref.questionId);
		const given = answers.filter((answer) => answer.questionIndex === index);
		const correct = given.filter((answer) => answer.correct).length;
		const distribution: OptionTally[] = found
			? optionCounts(
					found.question,
					given.flatMap((row) => {
						const answer = parsedAnswers.get(row.id);
						return answer === undefined ? [] : [{ answer, earned: row.earned }];
					})
				).map(({ id, label, correct, count }) => ({ id, label, correct, count }))
			: [];
		return {
			index,
			questionId: ref.questionId,
			lessonTitle: content.lessons.get(ref.lessonSlug)?.title ?? ref.lessonSlug,
			prompt: found?.question.prompt ?? '(this question is no longer in the lessons)',
			correctAnswer: found ? answerKeyText(found.question) : '',
			asked: index <= session.questionIndex,
			answered: given.length,
			correct,
			rightPercent: given.length > 0 ? Math.round((100 * correct) / given.length) : null,
			distribution
		};
	});

	const byPlayer = new Map<string, typeof answers>();
	for (const answer of answers) {
		const list = byPlayer.get(answer.playerId);
		if (list) list.push(answer);
		else byPlayer.set(answer.playerId, [answer]);
	}
	const reportPlayers = players.map((player): ReportPlayer => {
		const own = byPlayer.get(player.id) ?? [];
		const slots: (ReportAnswer | null)[] = session.questions.map(() => null);
		for (const answer of own) {
			const found = content.questions.get(
				session.questions[answer.questionIndex]?.questionId ?? ''
			);
			const parsed = parsedAnswers.get(answer.id);
			slots[answer.questionIndex] = {
				answer:
					found && parsed !== undefined
						? answerText(found.question, parsed)
						: '(this answer no longer fits the question)',
				correct: answer.correct,
				points: answer.points,
				seconds: Math.round(answer.elapsedMs / 100) / 10
			};
		}
		return {
			id: player.id,
			nickname: player.nickname,
			signedIn: player.userId !== null,
			removed: player.removedAt !== null,
			answered: own.length,
			correct: own.filter((answer) => answer.correct).length,
			points: own.reduce((sum, answer) => sum + answer.points, 0),
			answers: slots
		};
	});
	reportPlayers.sort(
		(a, b) =>
			b.points - a.points || b.correct - a.correct || nicknameOrder.compare(a.nickname, b.nickname)
	);
	return {
		session: {
			id: session.id,
			code: session.code,
			title: session.title,
			phase: session.phase,
			createdAt: session.createdAt,
			endedAt: session.endedAt,
			scoring: session.scoring
		},
		questions,
		players: reportPlayers
	};
}

/** One row per player per question asked (RFC 4180, via toCsv): a spreadsheet can pivot either way. */
export function reportCsv(report: LiveReport): string {
	const header = [
		'Player',
		'Joined as',
		'Removed',
		'Question',
		'Lesson',
		'Prompt',
		'Answer',
		'Correct',
		'Points',
		'Seconds to answer',
		'Total points',
		'Total correct'
	];
	const asked = report.questions.filter((question) => question.asked);
	const rows = report.players.flatMap((player) =>
		asked.map((question) => {
			const given = player.answers[question.index] ?? null;
			return [
				player.nickname,
				player.signedIn ? 'student account' : 'guest',
				player.removed ? 'yes' : 'no',
				question.index + 1,
				question.lessonTitle,
				question.prompt,
				given ? given.answer : '',
				given ? (given.correct ? 'yes' : 'no') : 'no answer',
				given ? given.points : 0,
				given ? given.seconds : '',
				player.points,
				player.correct
			];
		})
	);
	return toCsv(header, rows);
}
