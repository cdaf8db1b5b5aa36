import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localHref } from '$lib/i18n';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { requireTeacher } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { getDatabase } from '../db';
import type { Database } from '../db/database';
import { liveJoinModes, liveScorings, nicknameLanguages } from '../db/enums';
import { formFailure } from '../forms';
import { sessionById, type HostRef, type LiveResult, type LiveSessionRow } from './sessions';

/** What the live pages need beyond the domain modules: the host guard, the recent list, form schemas. */

/** Six digits, as players type them; spaces and dashes someone copies along are ignored. */
export const liveCodePattern = /^\d{6}$/;

export function normalizeLiveCode(input: string): string {
	return input.replace(/[\s-]/g, '');
}

/**
 * Every host page, action and endpoint starts here: visitors go to sign in, students get 403, and a
 * teacher gets 403 for another teacher's session (404 when there is none).
 */
export async function requireOwnLiveSession(
	event: Pick<RequestEvent, 'locals' | 'url'> & { params: Partial<Record<string, string>> },
	db: Database
): Promise<{ teacher: SessionUser; session: LiveSessionRow }> {
	const teacher = requireTeacher(event);
	const sessionId = event.params.sessionId ?? '';
	const session = await sessionById(db, sessionId);
	if (!session) error(404, m.live_err_no_such_session());
	if (session.teacherId !== teacher.id) {
		error(403, m.live_err_other_teacher());
	}
	return { teacher, session };
}

/** One of the teacher's buttons (next, reveal, pause, resume, end): the change it makes. */
export type HostControlRun = (db: Database, ref: HostRef) => Promise<LiveResult<object>>;

/**
 * A teacher control as a form action: the owner check, the change, then back to the page it came from
 * (303, so it works without JavaScript). The host page and the projector share it: one place of truth.
 */
export function hostControl(run: HostControlRun, backTo: (sessionId: string) => string) {
	return async (event: RequestEvent<{ sessionId: string }>) => {
		const db = await getDatabase();
		const { teacher, session } = await requireOwnLiveSession(event, db);
		const result = await run(db, { sessionId: session.id, teacherId: teacher.id });
		if (!result.ok) return formFailure(result.status, result.message);
		redirect(303, localHref(backTo(session.id)));
	};
}

export interface RecentLiveSession {
	id: string;
	code: string;
	title: string;
	phase: LiveSessionRow['phase'];
	questionCount: number;
	playerCount: number;
	createdAt: Date;
	endedAt: Date | null;
}

/** A teacher's latest sessions, newest first, with how many players joined each. */
export async function recentLiveSessions(
	db: Database,
	teacherId: string,
	limit = 10
): Promise<RecentLiveSession[]> {
	const { liveSessions, livePlayers } = db.tables;
	const rows = await db.read
		.select()
		.from(liveSessions)
		.where(eq(liveSessions.teacherId, teacherId))
		.orderBy(desc(liveSessions.createdAt))
		.limit(limit);
	if (rows.length === 0) return [];
	const counts = await db.read
		.select({ sessionId: livePlayers.sessionId, n: count() })
		.from(livePlayers)
		.where(
			and(
				inArray(
					livePlayers.sessionId,
					rows.map((r) => r.id)
				),
				isNull(livePlayers.removedAt)
			)
		)
		.groupBy(livePlayers.sessionId);
	const players = new Map(counts.map((c) => [c.sessionId, c.n]));
	return rows.map((row) => ({
		id: row.id,
		code: row.code,
		title: row.title,
		phase: row.phase,
		questionCount: row.questions.length,
		playerCount: players.get(row.id) ?? 0,
		createdAt: row.createdAt,
		endedAt: row.endedAt
	}));
}

export const minTimerSeconds = 5;
export const maxTimerSeconds = 600;
export const maxExtraSeconds = 300;
export const maxMissedCount = 30;

// labels and messages are functions: the schema is built once, its messages in each request's language
type Label = () => string;

const wholeNumber = (label: Label, min: number, max: number) =>
	z
		.string({ error: () => m.live_err_not_number({ label: label() }) })
		.trim()
		// Number() alone would also read "", "0x10" or "1e2" as a number
		.regex(/^[-+]?\d+(?:\.\d+)?$/, { error: () => m.live_err_not_number({ label: label() }) })
		.transform(Number)
		.pipe(
			z
				.number()
				.int({ error: () => m.live_err_not_whole({ label: label() }) })
				.min(min, { error: () => m.live_err_at_least({ label: label(), min }) })
				.max(max, { error: () => m.live_err_at_most({ label: label(), max }) })
		);

/** A number field as it arrives: short text, checked by wholeNumber once a default is filled in. */
const numberText = (label: Label) =>
	z
		.string({ error: () => m.live_err_not_number({ label: label() }) })
		.trim()
		.max(10, { error: () => m.live_err_not_number({ label: label() }) });

const noChoice = { error: () => m.live_err_no_choice() };

const optionalText = (max: number) =>
	z
		.string(noChoice)
		.trim()
		.max(max, noChoice)
		.optional()
		.transform((value) => value || null);

/** The "Start a review session" form, before the choices that depend on each other are checked. */
export const startSessionForm = z.object({
	source: z.enum(['lesson', 'module', 'missed'], { error: () => m.live_err_choose_what() }),
	lesson: optionalText(200),
	classId: optionalText(100),
	missedCount: numberText(m.live_label_question_number)
		.optional()
		.transform((value) => value || '10')
		.pipe(wholeNumber(m.live_label_question_number, 1, maxMissedCount)),
	timer: z.enum(['off', '20', '60', 'custom'], { error: () => m.live_err_choose_timer() }),
	customSeconds: numberText(m.live_custom_seconds).optional(),
	scoring: z.enum(liveScorings, { error: () => m.live_err_scoring() }),
	leaderboard: z.enum(['shown', 'hidden'], { error: () => m.live_err_choose_leaderboard() }),
	// an unchecked box sends nothing
	realNames: z.literal('shown', { error: () => m.live_err_real_names() }).optional(),
	extraSeconds: numberText(m.live_label_extra_seconds)
		.optional()
		.transform((value) => value || '0')
		.pipe(wholeNumber(m.live_label_extra_seconds, 0, maxExtraSeconds)),
	// left out by a page from before the choice existed: anyone joins with a nickname, as then
	joinMode: z.enum(liveJoinModes, { error: () => m.live_err_join_mode() }).default('open'),
	nicknameLanguage: z
		.enum(nicknameLanguages, { error: () => m.live_err_names_en_es() })
		.default('en')
});

export const customSecondsField = wholeNumber(
	m.live_custom_seconds,
	minTimerSeconds,
	maxTimerSeconds
);

export const joinCodeForm = z.object({
	code: z
		.string({ error: () => m.live_err_enter_code() })
		.max(20, { error: () => m.live_err_code_digits() })
		.transform(normalizeLiveCode)
		.pipe(
			z
				.string()
				.min(1, { error: () => m.live_err_enter_code() })
				.regex(liveCodePattern, { error: () => m.live_err_code_like() })
		)
});

/** A player named in a host action: ids come from hidden fields, so a bad one is a stale page. */
export const playerIdForm = z.object({
	playerId: z
		.string({ error: () => m.live_err_choose_player() })
		.trim()
		.min(1, { error: () => m.live_err_choose_player() })
		.max(100, { error: () => m.live_err_player_gone() })
});

export const renamePlayerForm = playerIdForm.extend({
	// the domain's nickname check has the real rules; this only keeps huge input out of it
	nickname: z
		.string({ error: () => m.live_err_new_name_text() })
		.max(200, { error: () => m.live_err_new_name_long() })
});

export const extraTimeForm = playerIdForm.extend({
	seconds: numberText(m.live_label_extra_seconds)
		.transform((value) => value || '0')
		.pipe(wholeNumber(m.live_label_extra_seconds, 0, maxExtraSeconds))
});

const noQuestion = { error: () => m.live_err_no_question() };

export const answerIndexForm = z.object({
	// digits only: an empty field must not read as question 0
	questionIndex: z
		.string(noQuestion)
		.regex(/^\d{1,5}$/, noQuestion)
		.transform(Number)
		.pipe(z.number().max(10_000, noQuestion))
});
