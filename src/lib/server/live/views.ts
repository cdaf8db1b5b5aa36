import { and, eq, lt, sql } from 'drizzle-orm';
import { projectorParts, tapChoices, toPublicQuestion, type Question } from '../../quiz/registry';
import { optionCounts } from '../../quiz/summary';
import { readStoredAnswer } from '../answers/read-model';
import type { Content, LessonContent } from '../content/build';
import type { ResolvedEvidence } from '../../quiz/feedback';
import type { Database } from '../db/database';
import type { LiveQuestionRef, TimeAccommodation, UiLocale } from '../db/enums';
import { answerKeyText } from '../quiz/key';
import { resolveEvidence } from '../quiz/reveal';
import { answerWindowMs, type WindowHolder } from './answers';
import { maxGuestsPerAddress } from './players';
import type { LiveSessionRow } from './sessions';
import type {
	HostView,
	LeaderboardEntry,
	LiveOptions,
	LiveQuestionView,
	LiveRevealView,
	OptionTally,
	PlayerResult,
	PlayerView
} from './types';

/** A player as the views need them: never their resume token's hash. */
export interface LivePlayerSummary {
	id: string;
	userId: string | null;
	nickname: string;
	/** the account's display name; null for a guest */
	realName: string | null;
	/** the client address they joined from: for the guest cap, never put in a view */
	joinedFrom: string | null;
	joinedAt: Date;
	removedAt: Date | null;
	/** extra time from their accommodation in the session's class (while they are a member); null for none */
	timeAccommodation: TimeAccommodation | null;
	/** the language of their phone: the page they joined from (or last opened) */
	locale: UiLocale;
}

/** One answer to the current question. */
export interface CurrentAnswer {
	playerId: string;
	answer: unknown;
	earned: number;
	correct: boolean;
	points: number;
}

export interface PlayerTotals {
	points: number;
	correct: number;
}

/** What the database holds about a session right now: four queries, however many players. */
export interface LiveRows {
	session: LiveSessionRow;
	players: LivePlayerSummary[];
	/** answers to the question at session.questionIndex */
	answers: CurrentAnswer[];
	/** per player, over every question already revealed (the open question's answers are not in it) */
	totals: { playerId: string; points: number; correct: number }[];
	/** the questions each player got right, once the current one is revealed (for streaks); else empty */
	rightAnswers: { playerId: string; questionIndex: number }[];
}

interface CurrentQuestion {
	ref: LiveQuestionRef;
	question: Question;
	lesson: LessonContent;
}

/**
 * Everything the views of one version are built from, with the parts every view shares worked out
 * once, so building 2,000 player views is 2,000 lookups and not 2,000 sorts.
 */
export interface LiveState {
	session: LiveSessionRow;
	players: Map<string, LivePlayerSummary>;
	answers: Map<string, CurrentAnswer>;
	totals: Map<string, PlayerTotals>;
	activePlayers: LivePlayerSummary[];
	current: CurrentQuestion | null;
	/** the question as every audience sees it, without its closing time; null unless question or reveal */
	question: Omit<LiveQuestionView, 'closesAt'> | null;
	/** only in reveal and ended: nothing of it exists before the teacher reveals */
	reveal: LiveRevealView | null;
	leaderboard: LeaderboardEntry[] | null;
	/** once revealed: each active player's place by points, and their right answers in a row */
	ranks: Map<string, number>;
	streaks: Map<string, number>;
	/** networks that have added as many guests as one may */
	fullGuestNetworks: number;
}

const revealed = (session: LiveSessionRow) =>
	session.phase === 'reveal' || session.phase === 'ended';

/** Reads a session's state for its views, in the language of `content`; null when there is no such session. */
export async function loadLiveState(
	db: Database,
	content: Content,
	sessionId: string
): Promise<LiveState | null> {
	const rows = await loadLiveRows(db, sessionId);
	return rows && buildLiveState(content, rows);
}

/** The answers given to the question at `index` (none before the first question). */
function currentAnswers(db: Database, sessionId: string, index: number): Promise<CurrentAnswer[]> {
	const { liveAnswers } = db.tables;
	if (index < 0) return Promise.resolve([]);
	return db.read
		.select({
			playerId: liveAnswers.playerId,
			answer: liveAnswers.answer,
			earned: liveAnswers.earned,
			correct: liveAnswers.correct,
			points: liveAnswers.points
		})
		.from(liveAnswers)
		.where(and(eq(liveAnswers.sessionId, sessionId), eq(liveAnswers.questionIndex, index)));
}

/** The rows a session's views are built from, in no language yet; null when there is no such session. */
export async function loadLiveRows(db: Database, sessionId: string): Promise<LiveRows | null> {
	const { liveSessions, livePlayers, liveAnswers, users, classMembers, accommodations } = db.tables;
	const [session] = await db.read.select().from(liveSessions).where(eq(liveSessions.id, sessionId));
	if (!session) return null;
	const index = session.questionIndex;
	// while a question is open its points stay out of every total, so no screen hints at who was right
	const counted =
		session.phase === 'question'
			? and(eq(liveAnswers.sessionId, session.id), lt(liveAnswers.questionIndex, index))
			: eq(liveAnswers.sessionId, session.id);
	const [players, answers, totals, rightAnswers] = await Promise.all([
		db.read
			.select({
				id: livePlayers.id,
				userId: livePlayers.userId,
				nickname: livePlayers.nickname,
				realName: users.displayName,
				joinedFrom: livePlayers.joinedFrom,
				joinedAt: livePlayers.joinedAt,
				removedAt: livePlayers.removedAt,
				timeAccommodation: accommodations.extraTime,
				locale: livePlayers.locale
			})
			.from(livePlayers)
			.leftJoin(users, eq(users.id, livePlayers.userId))
			// the class's accommodations, read on every load: late joiners and changes mid-session count ('' is no class)
			.leftJoin(
				classMembers,
				and(
					eq(classMembers.classId, session.classId ?? ''),
					eq(classMembers.userId, livePlayers.userId)
				)
			)
			.leftJoin(
				accommodations,
				and(
					eq(accommodations.classId, classMembers.classId),
					eq(accommodations.userId, classMembers.userId)
				)
			)
			.where(eq(livePlayers.sessionId, session.id)),
		currentAnswers(db, session.id, index),
		db.read
			.select({
				playerId: liveAnswers.playerId,
				points: sql<number | string>`sum(${liveAnswers.points})`,
				correct: sql<number | string>`sum(case when ${liveAnswers.correct} then 1 else 0 end)`
			})
			.from(liveAnswers)
			.where(counted)
			.groupBy(liveAnswers.playerId),
		revealed(session)
			? db.read
					.select({ playerId: liveAnswers.playerId, questionIndex: liveAnswers.questionIndex })
					.from(liveAnswers)
					.where(and(eq(liveAnswers.sessionId, session.id), eq(liveAnswers.correct, true)))
			: Promise.resolve([])
	]);
	return {
		session,
		players,
		answers,
		// PostgreSQL sums come back as strings
		totals: totals.map((row) => ({
			playerId: row.playerId,
			points: Number(row.points ?? 0),
			correct: Number(row.correct ?? 0)
		})),
		rightAnswers
	};
}

/**
 * The current question's answers, read again for a state loaded at `session`'s version; null when the session
 * has moved on since (another version, or gone), so the caller loads everything afresh.
 */
export async function loadCurrentAnswers(
	db: Database,
	session: Pick<LiveSessionRow, 'id' | 'version' | 'questionIndex'>
): Promise<CurrentAnswer[] | null> {
	const { liveSessions } = db.tables;
	const answers = await currentAnswers(db, session.id, session.questionIndex);
	// read after the answers: had the version changed before they were read, this sees it
	const [now] = await db.read
		.select({ version: liveSessions.version })
		.from(liveSessions)
		.where(eq(liveSessions.id, session.id));
	return now?.version === session.version ? answers : null;
}

/** Pure: the state, with its shared parts, from the rows loadLiveState read, in the language of `content`. */
export function buildLiveState(content: Content, rows: LiveRows): LiveState {
	return localizeLiveState(sharedLiveState(rows), content);
}

/** What every language's state shares: players, answers, totals, ranks and streaks (worked out once). */
export type SharedLiveState = Omit<LiveState, 'current' | 'question' | 'reveal'>;

// one collator for every sort: localeCompare with options builds one per comparison (5% of a 2,000-player load)
const nicknameOrder = new Intl.Collator('en', { sensitivity: 'base' });

/** Pure: the parts of the state that hold no question text, so are the same in every language. */
export function sharedLiveState(rows: LiveRows): SharedLiveState {
	const { session } = rows;
	const players = new Map(rows.players.map((player) => [player.id, player]));
	const answers = new Map(rows.answers.map((answer) => [answer.playerId, answer]));
	const totals = new Map(
		rows.totals.map((row) => [row.playerId, { points: row.points, correct: row.correct }])
	);
	const activePlayers = rows.players
		.filter((player) => !player.removedAt)
		.sort(
			(a, b) =>
				nicknameOrder.compare(a.nickname, b.nickname) || a.joinedAt.getTime() - b.joinedAt.getTime()
		);
	const shared: SharedLiveState = {
		session,
		players,
		answers,
		totals,
		activePlayers,
		leaderboard: null,
		ranks: new Map(),
		streaks: new Map(),
		fullGuestNetworks: fullGuestNetworks(rows.players)
	};
	if (revealed(session)) {
		const ranked = rankPlayers(shared);
		shared.leaderboard = session.showLeaderboard
			? ranked.slice(0, 10).map(({ entry }) => entry)
			: null;
		shared.ranks = new Map(ranked.map(({ playerId, entry }) => [playerId, entry.rank]));
		shared.streaks = streaks(rows.rightAnswers, session.questionIndex);
	}
	return shared;
}

/**
 * Pure: the shared state with the current question in the language of `content` (ids, keys and scoring are
 * the same in every language, so only the words differ between two languages' states).
 */
export function localizeLiveState(shared: SharedLiveState, content: Content): LiveState {
	const { session } = shared;
	const current = currentQuestion(content, session);
	const state: LiveState = { ...shared, current, question: null, reveal: null };
	if (current && (session.phase === 'question' || session.phase === 'reveal')) {
		state.question = {
			index: session.questionIndex,
			total: session.questions.length,
			lessonTitle: current.lesson.title,
			question: toPublicQuestion(current.question),
			tiles: tapChoices(toPublicQuestion(current.question)),
			paused: session.pausedAt !== null
		};
	}
	if (revealed(session) && current) state.reveal = buildReveal(content, state, current);
	return state;
}

/** Pure: per player, the right answers in a row that end at this question. */
export function streaks(
	rightAnswers: { playerId: string; questionIndex: number }[],
	index: number
): Map<string, number> {
	const right = new Map<string, Set<number>>();
	for (const row of rightAnswers) {
		let indices = right.get(row.playerId);
		if (!indices) right.set(row.playerId, (indices = new Set()));
		indices.add(row.questionIndex);
	}
	const counts = new Map<string, number>();
	for (const [playerId, indices] of right) {
		let streak = 0;
		while (indices.has(index - streak)) streak += 1;
		counts.set(playerId, streak);
	}
	return counts;
}

/** Counts every guest who joined from an address, removed or not, as the join check does. */
function fullGuestNetworks(players: LivePlayerSummary[]): number {
	const guests = new Map<string, number>();
	for (const player of players) {
		if (player.userId === null && player.joinedFrom !== null) {
			guests.set(player.joinedFrom, (guests.get(player.joinedFrom) ?? 0) + 1);
		}
	}
	return [...guests.values()].filter((n) => n >= maxGuestsPerAddress).length;
}

function currentQuestion(content: Content, session: LiveSessionRow): CurrentQuestion | null {
	const ref = session.questions[session.questionIndex];
	if (!ref) return null;
	const found = content.questions.get(ref.questionId);
	const lesson = content.lessons.get(ref.lessonSlug);
	// a question taken out of the bank mid-session is skipped over rather than crashing every screen
	if (!found || !lesson) return null;
	return { ref, question: found.question, lesson };
}

function buildReveal(content: Content, state: LiveState, current: CurrentQuestion): LiveRevealView {
	const { question, lesson } = current;
	const given = [...state.answers.values()];
	return {
		index: state.session.questionIndex,
		total: state.session.questions.length,
		prompt: question.prompt,
		correctAnswer: answerKeyText(question),
		explanation: question.explanation,
		evidence: quotedSpans(resolveEvidence(question.evidence, lesson.sourceId, content)),
		distribution: distribution(question, given),
		answered: given.length,
		players: state.activePlayers.length
	};
}

/**
 * Pure: each cited paragraph cut to its quoted words, which is all a phone and the projector show (the
 * paragraph is a link away): the reveal goes to every player at once, and whole paragraphs were half its bytes.
 * A paragraph cited without a quote stays whole.
 */
export function quotedSpans(evidence: ResolvedEvidence[]): ResolvedEvidence[] {
	return evidence.map((item) =>
		item.kind === 'paragraph' && item.quoted !== null ? { ...item, before: '', after: '' } : item
	);
}

/** The bars over the answers that fit today's question; one that does not is left out (logged). */
function distribution(question: Question, given: CurrentAnswer[]): OptionTally[] {
	const fitting = given.flatMap((row) => {
		const answer = readStoredAnswer(question, row.answer, {
			table: 'live_answers',
			playerId: row.playerId
		});
		return answer === null ? [] : [{ answer, earned: row.earned }];
	});
	return optionCounts(question, fitting).map(({ id, label, correct, count }) => ({
		id,
		label,
		correct,
		count
	}));
}

const totalsOf = (state: SharedLiveState, playerId: string): PlayerTotals =>
	state.totals.get(playerId) ?? { points: 0, correct: 0 };

/** Every active player by points, then right answers, then who joined first; equal scores share a rank. */
function rankPlayers(state: SharedLiveState): { playerId: string; entry: LeaderboardEntry }[] {
	const ranked = state.activePlayers
		.map((player) => ({ player, ...totalsOf(state, player.id) }))
		.sort(
			(a, b) =>
				b.points - a.points ||
				b.correct - a.correct ||
				a.player.joinedAt.getTime() - b.player.joinedAt.getTime()
		);
	let rank = 0;
	return ranked.map((entry, position) => {
		const previous = ranked[position - 1];
		const tied =
			previous !== undefined &&
			previous.points === entry.points &&
			previous.correct === entry.correct;
		if (!tied) rank = position + 1;
		return {
			playerId: entry.player.id,
			entry: {
				rank,
				nickname: entry.player.nickname,
				points: entry.points,
				correct: entry.correct
			}
		};
	});
}

function optionsOf(session: LiveSessionRow): LiveOptions {
	return {
		timerSeconds: session.timerSeconds,
		scoring: session.scoring,
		showLeaderboard: session.showLeaderboard,
		showRealNames: session.showRealNames,
		joinMode: session.joinMode,
		nicknameLanguage: session.nicknameLanguage,
		extraTime: session.extraTime
	};
}

function closesAt(session: LiveSessionRow, player: WindowHolder | null): number | null {
	const windowMs = answerWindowMs(session, player);
	if (windowMs === null || !session.questionOpenedAt) return null;
	return session.questionOpenedAt.getTime() + windowMs;
}

/**
 * For the teacher's controls: the players who have not answered and whose time outlasts the class's (their
 * accommodation or extra seconds), and when the last of them closes (null: one has no time limit).
 */
function extendedTime(state: LiveState): HostView['extendedTime'] {
	const { session } = state;
	const classCloses = closesAt(session, null);
	if (session.phase !== 'question' || classCloses === null) return null;
	const later = state.activePlayers
		.filter((player) => !state.answers.has(player.id))
		.map((player) => closesAt(session, player))
		.filter((closes) => closes === null || closes > classCloses);
	if (later.length === 0) return null;
	return {
		players: later.length,
		closesAt: later.some((closes) => closes === null)
			? null
			: Math.max(...later.map((closes) => closes ?? 0))
	};
}

/** The projector and the teacher's controls. */
export function hostView(state: LiveState): HostView {
	const { session } = state;
	return {
		version: session.version,
		sessionId: session.id,
		code: session.code,
		title: session.title,
		phase: session.phase,
		paused: session.pausedAt !== null,
		options: optionsOf(session),
		players: state.activePlayers.map((player) => ({
			id: player.id,
			nickname: player.nickname,
			realName: player.userId === null ? null : player.realName,
			timeAccommodation: player.timeAccommodation,
			answered: state.answers.has(player.id),
			...totalsOf(state, player.id)
		})),
		fullGuestNetworks: state.fullGuestNetworks,
		guestsPerNetwork: maxGuestsPerAddress,
		questionCount: session.questions.length,
		question: state.question
			? {
					...state.question,
					closesAt: closesAt(session, null),
					projector: projectorParts(state.question.question)
				}
			: null,
		answeredCount: state.answers.size,
		extendedTime: extendedTime(state),
		reveal: state.reveal,
		leaderboard: state.leaderboard
	};
}

/** One player's device; a removed player (or an id not in the session) gets the inactive view. */
// one question view per closing time, shared by the players it fits (all but those given extra time), so the
// stream serializes it once per change rather than once per player
const questionViews = new WeakMap<LiveState, Map<number | null, LiveQuestionView>>();

function questionClosingAt(state: LiveState, closes: number | null): LiveQuestionView | null {
	if (!state.question) return null;
	let views = questionViews.get(state);
	if (!views) questionViews.set(state, (views = new Map()));
	let view = views.get(closes);
	if (!view) views.set(closes, (view = { ...state.question, closesAt: closes }));
	return view;
}

export function playerView(state: LiveState, playerId: string): PlayerView {
	const { session } = state;
	const player = state.players.get(playerId) ?? {
		id: playerId,
		userId: null,
		nickname: '',
		realName: null,
		joinedFrom: null,
		joinedAt: session.createdAt,
		removedAt: session.createdAt,
		timeAccommodation: null,
		locale: 'en'
	};
	const active = player.removedAt === null;
	const own = state.answers.get(player.id);
	let result: PlayerResult | null = null;
	if (active && state.reveal) {
		const totals = totalsOf(state, player.id);
		result = {
			answered: own !== undefined,
			correct: own?.correct ?? false,
			earned: own?.earned ?? 0,
			points: own?.points ?? 0,
			totalPoints: totals.points,
			totalCorrect: totals.correct,
			streak: state.streaks.get(player.id) ?? 0,
			rank: session.showLeaderboard ? (state.ranks.get(player.id) ?? null) : null
		};
	}
	return {
		version: session.version,
		code: session.code,
		title: session.title,
		phase: session.phase,
		paused: session.pausedAt !== null,
		nickname: player.nickname,
		playerCount: state.activePlayers.length,
		question: active && state.question ? questionClosingAt(state, closesAt(session, player)) : null,
		answeredCurrent: own !== undefined,
		reveal: active ? state.reveal : null,
		result,
		leaderboard: active ? state.leaderboard : null,
		active
	};
}
