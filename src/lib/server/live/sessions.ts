import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { gradedByTeacher, type Question } from '../../quiz/registry';
import { mostMissed, questionStatistics } from '../classes/item-statistics';
import type { Content } from '../content/build';
import type { Database, Queryable, Tables, WriteOptions } from '../db/database';
import { isUniqueViolation, liveSessionLock } from '../db/database';
import { liveJoinModes, liveScorings, nicknameLanguages, type LiveQuestionRef } from '../db/enums';
import { newId } from '../ids';
import { publish } from './hub';
import { checkNickname } from './nicknames';
import type { LiveFailure, LiveOptions } from './types';

export type LiveSessionRow = Tables['liveSessions']['$inferSelect'];
export type LivePlayerRow = Tables['livePlayers']['$inferSelect'];

/** What a session reviews: one lesson's questions, every lesson's, or the questions a class missed most. */
export type LiveSource =
	| { kind: 'lesson'; lessonSlug: string }
	| { kind: 'module' }
	| { kind: 'missed'; classId: string; count: number };

/** Who is asking for a teacher control: only the session's own teacher may use it. */
export interface HostRef {
	sessionId: string;
	teacherId: string;
}

export type LiveResult<T> = ({ ok: true } & T) | LiveFailure;

const failure = (status: LiveFailure['status'], message: string): LiveFailure => ({
	ok: false,
	status,
	message
});

/** Written answers wait for a teacher, so they cannot be scored live: a session never asks them. */
export function liveQuestionsOf(questions: Question[]): Question[] {
	return questions.filter((question) => !gradedByTeacher(question));
}

const refsOf = (questions: Question[], lessonSlug: string): LiveQuestionRef[] =>
	liveQuestionsOf(questions).map((question) => ({ questionId: question.id, lessonSlug }));

// Sanity bounds only: the start form (pages.ts) holds the limits a teacher is offered.
const maxSeconds = 3600;
const maxQuestions = 500;
const isSeconds = (value: unknown, min: number): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= min && value <= maxSeconds;

async function ownClass(
	db: Database,
	classId: string,
	teacherId: string
): Promise<LiveResult<{ name: string }>> {
	const { classes } = db.tables;
	const [row] = await db.read
		.select({ name: classes.name, teacherId: classes.teacherId })
		.from(classes)
		.where(eq(classes.id, classId));
	if (!row) return failure(404, m.live_err_no_class());
	if (row.teacherId !== teacherId) {
		return failure(403, m.live_err_other_class());
	}
	return { ok: true, name: row.name };
}

async function sourceQuestions(
	db: Database,
	content: Content,
	source: LiveSource,
	className: string | null
): Promise<LiveResult<{ title: string; questions: LiveQuestionRef[] }>> {
	switch (source.kind) {
		case 'lesson': {
			const lesson = content.lessons.get(source.lessonSlug);
			if (!lesson) return failure(404, m.live_err_no_lesson());
			return { ok: true, title: lesson.title, questions: refsOf(lesson.questions, lesson.slug) };
		}
		case 'module':
			return {
				ok: true,
				title: content.module?.title ?? 'The whole module',
				questions: content.lessonsInOrder.flatMap((lesson) => refsOf(lesson.questions, lesson.slug))
			};
		case 'missed': {
			if (!Number.isInteger(source.count) || source.count < 1 || source.count > maxQuestions) {
				return failure(400, m.live_err_missed_count());
			}
			const stats = await questionStatistics(db, content, source.classId);
			const missed = mostMissed(stats, Number.POSITIVE_INFINITY)
				.filter((item) => !gradedByTeacher(item) && (item.facility ?? 100) < 100)
				.slice(0, source.count);
			if (missed.length === 0) {
				return failure(400, m.live_err_nothing_missed());
			}
			return {
				ok: true,
				title: m.live_missed_title({ name: className ?? m.live_the_class() }),
				questions: missed.map((item) => ({
					questionId: item.questionId,
					lessonSlug: item.lessonSlug
				}))
			};
		}
	}
}

/** Six random digits; a leading zero is fine, players type what they see. */
function randomCode(): string {
	const limit = 4_294_000_000; // the largest multiple of 10⁶ below 2³², so every code is equally likely
	for (;;) {
		const [value = limit] = crypto.getRandomValues(new Uint32Array(1));
		if (value < limit) return String(value % 1_000_000).padStart(6, '0');
	}
}

/** A session's options as its creator gives them: without a join mode, anyone joins with a nickname. */
export type NewLiveOptions = Omit<LiveOptions, 'joinMode' | 'nicknameLanguage'> &
	Partial<Pick<LiveOptions, 'joinMode' | 'nicknameLanguage'>>;

/** Shown where the teacher chose "Class members only" without a class. */
export const membersOnlyNeedsClass = () => m.live_err_members_need_class();

/**
 * Creates a session in the lobby with a fresh 6-digit code. The class (if any) and the class a
 * "missed most" session reads must be the teacher's own; extra time goes only to that class's students,
 * and a class-members-only session needs its class.
 */
export async function createLiveSession(
	db: Database,
	content: Content,
	input: {
		teacherId: string;
		classId: string | null;
		source: LiveSource;
		options: NewLiveOptions;
	},
	now = new Date()
): Promise<LiveResult<{ session: LiveSessionRow }>> {
	const { options, source } = input;
	const classId = input.classId ?? (source.kind === 'missed' ? source.classId : null);
	if (source.kind === 'missed' && source.classId !== classId) {
		return failure(400, m.live_err_same_class());
	}
	if (options.timerSeconds !== null && !isSeconds(options.timerSeconds, 1)) {
		return failure(400, m.live_err_timer({ max: maxSeconds }));
	}
	if (!liveScorings.includes(options.scoring)) return failure(400, m.live_err_scoring());
	const { joinMode = 'open', nicknameLanguage = 'en' } = options;
	if (!liveJoinModes.includes(joinMode)) return failure(400, m.live_err_join_mode());
	if (!nicknameLanguages.includes(nicknameLanguage)) {
		return failure(400, m.live_err_names_language());
	}
	if (joinMode === 'members' && classId === null) return failure(400, membersOnlyNeedsClass());
	const extraTime = Object.fromEntries(
		Object.entries(options.extraTime).filter(([, seconds]) => seconds !== 0)
	);
	if (!Object.values(extraTime).every((seconds) => isSeconds(seconds, 1))) {
		return failure(400, m.live_err_extra_seconds({ max: maxSeconds }));
	}

	let className: string | null = null;
	if (classId !== null) {
		const owned = await ownClass(db, classId, input.teacherId);
		if (!owned.ok) return owned;
		className = owned.name;
	}
	const extraFor = Object.keys(extraTime);
	if (extraFor.length > 0) {
		if (classId === null) return failure(400, m.live_err_extra_needs_class());
		const { classMembers } = db.tables;
		const members = await db.read
			.select({ userId: classMembers.userId })
			.from(classMembers)
			.where(and(eq(classMembers.classId, classId), inArray(classMembers.userId, extraFor)));
		if (members.length !== extraFor.length) {
			return failure(400, m.live_err_extra_class_only());
		}
	}

	const chosen = await sourceQuestions(db, content, source, className);
	if (!chosen.ok) return chosen;
	if (chosen.questions.length === 0) {
		return failure(400, m.live_err_no_live_questions());
	}

	const { liveSessions } = db.tables;
	for (let attempt = 0; attempt < 20; attempt++) {
		const [session] = await db.write((tx) =>
			tx
				.insert(liveSessions)
				.values({
					id: newId(),
					code: randomCode(),
					teacherId: input.teacherId,
					classId,
					title: chosen.title,
					questions: chosen.questions.slice(0, maxQuestions),
					timerSeconds: options.timerSeconds,
					scoring: options.scoring,
					showLeaderboard: options.showLeaderboard,
					showRealNames: options.showRealNames,
					joinMode,
					nicknameLanguage,
					extraTime,
					phase: 'lobby',
					questionIndex: -1,
					questionOpenedAt: null,
					pausedAt: null,
					version: 1,
					createdAt: now,
					endedAt: null
				})
				// a code already in use: draw another
				.onConflictDoNothing()
				.returning()
		);
		if (session) return { ok: true, session };
	}
	throw new Error('no free live session code after 20 draws');
}

export async function sessionById(db: Database, sessionId: string): Promise<LiveSessionRow | null> {
	if (sessionId.length === 0 || sessionId.length > 100) return null;
	const { liveSessions } = db.tables;
	const [row] = await db.read.select().from(liveSessions).where(eq(liveSessions.id, sessionId));
	return row ?? null;
}

/** The session players reach with its code; spaces or a dash typed inside the code are ignored. */
export async function sessionByCode(db: Database, code: string): Promise<LiveSessionRow | null> {
	const digits = code.replace(/[\s-]/g, '');
	if (!/^\d{6}$/.test(digits)) return null;
	const { liveSessions } = db.tables;
	const [row] = await db.read.select().from(liveSessions).where(eq(liveSessions.code, digits));
	return row ?? null;
}

/** The session row for a teacher control, read inside its transaction: 404 none, 403 another teacher's. */
async function hostedSession(
	tx: Queryable,
	tables: Tables,
	ref: HostRef
): Promise<LiveResult<{ session: LiveSessionRow }>> {
	const [session] = await tx
		.select()
		.from(tables.liveSessions)
		.where(eq(tables.liveSessions.id, ref.sessionId));
	if (!session) return failure(404, m.live_err_no_such_session());
	if (session.teacherId !== ref.teacherId) {
		return failure(403, m.live_err_other_teacher());
	}
	return { ok: true, session };
}

type Change = Partial<
	Pick<LiveSessionRow, 'phase' | 'questionIndex' | 'questionOpenedAt' | 'pausedAt' | 'endedAt'>
>;

/**
 * One teacher control: in one transaction, read the session, let `decide` check the phase (a string is
 * the 409 message) and store its change with the version bumped; players hear of it after the commit.
 */
async function control(
	db: Database,
	ref: HostRef,
	decide: (session: LiveSessionRow) => Change | string
): Promise<LiveResult<{ session: LiveSessionRow }>> {
	const result = await db.write(async (tx): Promise<LiveResult<{ session: LiveSessionRow }>> => {
		const found = await hostedSession(tx, db.tables, ref);
		if (!found.ok) return found;
		const change = decide(found.session);
		if (typeof change === 'string') return failure(409, change);
		return { ok: true, session: await bumpVersion(tx, db.tables, found.session, change) };
	}, sessionChange(ref.sessionId));
	if (result.ok) publish(result.session.id, 'state');
	return result;
}

/** A change of what answers are checked against waits for answers in flight, and they for it (answers.ts). */
const sessionChange = (sessionId: string): WriteOptions => ({
	locks: [liveSessionLock(sessionId)]
});

async function bumpVersion(
	tx: Queryable,
	tables: Tables,
	session: LiveSessionRow,
	change: Partial<LiveSessionRow> = {}
): Promise<LiveSessionRow> {
	const { liveSessions } = tables;
	const [updated] = await tx
		.update(liveSessions)
		.set({ ...change, version: session.version + 1 })
		.where(eq(liveSessions.id, session.id))
		.returning();
	if (!updated) throw new Error(`live session ${session.id} vanished inside its transaction`);
	return updated;
}

const endedMessage = () => m.live_err_session_ended();

/** Lobby → question 1; a revealed question → the next one; the last revealed question → the end. */
export function startOrNext(db: Database, ref: HostRef, now = new Date()) {
	return control(db, ref, (session): Change | string => {
		switch (session.phase) {
			case 'question':
				return m.live_err_reveal_first();
			case 'ended':
				return endedMessage();
			case 'lobby':
			case 'reveal': {
				const next = session.questionIndex + 1;
				if (next >= session.questions.length) {
					return { phase: 'ended', endedAt: now, pausedAt: null };
				}
				return { phase: 'question', questionIndex: next, questionOpenedAt: now, pausedAt: null };
			}
		}
	});
}

/** Closes the open question and shows everyone the answer; a paused question is unpaused. */
export function reveal(db: Database, ref: HostRef) {
	return control(db, ref, (session): Change | string => {
		if (session.phase === 'reveal') return m.live_err_already_revealed();
		if (session.phase === 'lobby') return m.live_err_start_first();
		if (session.phase === 'ended') return endedMessage();
		return { phase: 'reveal', pausedAt: null };
	});
}

/** Stops the clock of the open question; answers wait until it resumes. */
export function pause(db: Database, ref: HostRef, now = new Date()) {
	return control(db, ref, (session): Change | string => {
		if (session.phase !== 'question') return m.live_err_pause_open_only();
		if (session.pausedAt) return m.live_err_already_paused();
		return { pausedAt: now };
	});
}

/** Starts the clock again where it stopped: the opening time moves forward by the length of the pause. */
export function resume(db: Database, ref: HostRef, now = new Date()) {
	return control(db, ref, (session): Change | string => {
		if (session.phase !== 'question' || !session.pausedAt) return m.live_err_not_paused();
		const pausedFor = Math.max(0, now.getTime() - session.pausedAt.getTime());
		const openedAt = session.questionOpenedAt ?? session.pausedAt;
		return { pausedAt: null, questionOpenedAt: new Date(openedAt.getTime() + pausedFor) };
	});
}

/** Ends the session from any phase; players then see the final summary. */
export function end(db: Database, ref: HostRef, now = new Date()) {
	return control(db, ref, (session): Change | string => {
		if (session.phase === 'ended') return m.live_err_already_ended();
		return { phase: 'ended', endedAt: now, pausedAt: null };
	});
}

/**
 * A teacher's action on one player, in one transaction with the session: 404 when the player is not in
 * this session. `act` returns the 4xx failure or nothing; the version is bumped after it.
 */
async function playerControl(
	db: Database,
	ref: HostRef & { playerId: string },
	act: (
		tx: Queryable,
		session: LiveSessionRow,
		player: LivePlayerRow
	) => Promise<LiveFailure | Partial<LiveSessionRow> | void>
): Promise<LiveResult<{ session: LiveSessionRow }>> {
	const { livePlayers } = db.tables;
	const result = await db.write(async (tx): Promise<LiveResult<{ session: LiveSessionRow }>> => {
		const found = await hostedSession(tx, db.tables, ref);
		if (!found.ok) return found;
		const [player] = await tx
			.select()
			.from(livePlayers)
			.where(and(eq(livePlayers.id, ref.playerId), eq(livePlayers.sessionId, ref.sessionId)));
		if (!player) return failure(404, m.live_err_player_gone());
		const outcome = await act(tx, found.session, player);
		if (outcome && 'ok' in outcome) return outcome;
		return { ok: true, session: await bumpVersion(tx, db.tables, found.session, outcome ?? {}) };
	}, sessionChange(ref.sessionId));
	if (result.ok) publish(result.session.id, 'state');
	return result;
}

const nicknameTaken = () => failure(409, m.live_err_name_taken());

/** Gives a player another name (the nickname rules apply, and names stay unique in the session). */
export async function renamePlayer(
	db: Database,
	ref: HostRef & { playerId: string; nickname: unknown }
): Promise<LiveResult<{ session: LiveSessionRow }>> {
	const checked = checkNickname(ref.nickname);
	if (!checked.ok) return failure(400, checked.message);
	const { livePlayers } = db.tables;
	try {
		return await playerControl(db, ref, async (tx, _session, player) => {
			const [holder] = await tx
				.select({ id: livePlayers.id })
				.from(livePlayers)
				.where(
					and(eq(livePlayers.sessionId, ref.sessionId), eq(livePlayers.nicknameKey, checked.key))
				);
			if (holder && holder.id !== player.id) return nicknameTaken();
			await tx
				.update(livePlayers)
				.set({ nickname: checked.nickname, nicknameKey: checked.key })
				.where(eq(livePlayers.id, player.id));
		});
	} catch (error) {
		if (isUniqueViolation(error)) return nicknameTaken();
		throw error;
	}
}

/** Takes a player out: they can no longer answer, and leave the player list and leaderboard. */
export function removePlayer(
	db: Database,
	ref: HostRef & { playerId: string },
	now = new Date()
): Promise<LiveResult<{ session: LiveSessionRow }>> {
	const { livePlayers } = db.tables;
	return playerControl(db, ref, async (tx, _session, player) => {
		if (player.removedAt) return failure(409, m.live_err_already_removed());
		await tx.update(livePlayers).set({ removedAt: now }).where(eq(livePlayers.id, player.id));
	});
}

/** Extra seconds on every question for a signed-in player (0 takes it away). */
export function setExtraTime(
	db: Database,
	ref: HostRef & { playerId: string; seconds: number }
): Promise<LiveResult<{ session: LiveSessionRow }>> {
	if (ref.seconds !== 0 && !isSeconds(ref.seconds, 1)) {
		return Promise.resolve(failure(400, m.live_err_extra_seconds({ max: maxSeconds })));
	}
	return playerControl(db, ref, async (_tx, session, player) => {
		if (!player.userId) {
			return failure(400, m.live_err_extra_guest());
		}
		const extraTime = { ...session.extraTime };
		if (ref.seconds === 0) delete extraTime[player.userId];
		else extraTime[player.userId] = ref.seconds;
		return { extraTime };
	});
}

/**
 * Something about a class that its sessions read live changed (a student's accommodations): every session of
 * the class that has not ended gets a new version, so each screen rebuilds its view (and its timer) now.
 */
export async function classSessionsChanged(db: Database, classId: string): Promise<void> {
	const { liveSessions } = db.tables;
	const changed = await db.write((tx) =>
		tx
			.update(liveSessions)
			.set({ version: sql`${liveSessions.version} + 1` })
			.where(and(eq(liveSessions.classId, classId), ne(liveSessions.phase, 'ended')))
			.returning({ id: liveSessions.id })
	);
	for (const { id } of changed) publish(id, 'state');
}
