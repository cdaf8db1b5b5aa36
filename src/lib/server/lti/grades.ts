import { and, asc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Content } from '../content/build';
import type { Database, Queryable, Tables } from '../db/database';
import { loadActivity } from '../classes/activity';
import { countedAttempt } from '../classes/quiz-policy';
import { log } from '../log';
import { scope } from './claims';
import { platformById } from './platforms';
import { accessToken, callPlatform, forgetTokens, ServiceFailure } from './services';

/**
 * How long one process may hold a grade while sending it before another may take it over (a process killed
 * mid-send): above the longest send, a token and a score call of 10 s each.
 */
const leaseMs = 30_000;

/** Pure: the wait before the next try after `failures` failed ones: 5 s, 10 s, 20 s … at most an hour. */
export function retryDelayMs(failures: number): number {
	return Math.min(5_000 * 2 ** Math.max(0, failures - 1), 60 * 60 * 1000);
}

/**
 * Marks a student's grade on every graded LMS link of this assignment as changed, in the caller's transaction
 * (the quiz submission, the teacher's score of a written answer), so it is sent even if the process dies next.
 */
export async function queueGrade(
	tx: Queryable,
	tables: Tables,
	input: { assignmentId: string; userId: string },
	now: Date
): Promise<void> {
	const { ltiLinks, ltiAccounts, ltiGradeSyncs } = tables;
	const links = await tx
		.select({ platformId: ltiLinks.platformId, resourceLinkId: ltiLinks.resourceLinkId })
		.from(ltiLinks)
		.innerJoin(
			ltiAccounts,
			and(eq(ltiAccounts.platformId, ltiLinks.platformId), eq(ltiAccounts.userId, input.userId))
		)
		.where(and(eq(ltiLinks.assignmentId, input.assignmentId), isNotNull(ltiLinks.lineItemUrl)));
	for (const link of links) {
		await tx
			.insert(ltiGradeSyncs)
			.values({ ...link, userId: input.userId, version: 1, nextAttemptAt: now, changedAt: now })
			.onConflictDoUpdate({
				target: [ltiGradeSyncs.platformId, ltiGradeSyncs.resourceLinkId, ltiGradeSyncs.userId],
				set: {
					version: sql`${ltiGradeSyncs.version} + 1`,
					nextAttemptAt: now,
					failures: 0,
					changedAt: now
				}
			});
	}
}

/** What the platform's gradebook gets: the counted attempt as a percentage (the line item is out of 100). */
export interface ScorePost {
	userId: string;
	scoreGiven: number;
	scoreMaximum: 100;
	activityProgress: 'Completed';
	gradingProgress: 'FullyGraded' | 'PendingManual';
	timestamp: string;
}

/** Pure: the score for an attempt's points; written answers not yet scored leave it pending manual grading. */
export function scorePost(
	subject: string,
	counted: { earned: number; possible: number; pending: number },
	at: Date
): ScorePost {
	const percent = counted.possible > 0 ? (100 * counted.earned) / counted.possible : 0;
	return {
		userId: subject,
		scoreGiven: Math.round(percent * 100) / 100,
		scoreMaximum: 100,
		activityProgress: 'Completed',
		gradingProgress: counted.pending > 0 ? 'PendingManual' : 'FullyGraded',
		timestamp: at.toISOString()
	};
}

/** Pure: the scores endpoint of a line item: `/scores` after its path, its query kept (AGS 2.0 §3.4). */
export function scoresUrl(lineItemUrl: string): string {
	const url = new URL(lineItemUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
	return url.href;
}

interface DueGrade {
	platformId: string;
	resourceLinkId: string;
	userId: string;
	version: number;
	failures: number;
}

/** Takes a due grade for this process, or null when another process holds it or it changed meanwhile. */
async function claim(db: Database, due: DueGrade, now: Date): Promise<boolean> {
	const { ltiGradeSyncs } = db.tables;
	const taken = await db.write((tx) =>
		tx
			.update(ltiGradeSyncs)
			.set({ leaseUntil: new Date(now.getTime() + leaseMs) })
			.where(
				and(
					eq(ltiGradeSyncs.platformId, due.platformId),
					eq(ltiGradeSyncs.resourceLinkId, due.resourceLinkId),
					eq(ltiGradeSyncs.userId, due.userId),
					eq(ltiGradeSyncs.version, due.version),
					or(isNull(ltiGradeSyncs.leaseUntil), lt(ltiGradeSyncs.leaseUntil, now))
				)
			)
			.returning({ version: ltiGradeSyncs.version })
	);
	return taken.length > 0;
}

const keyOf = (tables: Tables, due: DueGrade) =>
	and(
		eq(tables.ltiGradeSyncs.platformId, due.platformId),
		eq(tables.ltiGradeSyncs.resourceLinkId, due.resourceLinkId),
		eq(tables.ltiGradeSyncs.userId, due.userId)
	);

/** Sends one claimed grade's current value; returns what happened, for the log and the tests. */
async function send(
	db: Database,
	content: Content,
	due: DueGrade,
	now: Date
): Promise<'sent' | 'nothing'> {
	const { ltiLinks, ltiAccounts, assignments } = db.tables;
	const [link] = await db.read
		.select({
			lineItemUrl: ltiLinks.lineItemUrl,
			classId: ltiLinks.classId,
			lessonSlug: assignments.lessonSlug,
			gradingMethod: assignments.gradingMethod,
			subject: ltiAccounts.subject
		})
		.from(ltiLinks)
		.innerJoin(assignments, eq(assignments.id, ltiLinks.assignmentId))
		.innerJoin(
			ltiAccounts,
			and(eq(ltiAccounts.platformId, ltiLinks.platformId), eq(ltiAccounts.userId, due.userId))
		)
		.where(
			and(eq(ltiLinks.platformId, due.platformId), eq(ltiLinks.resourceLinkId, due.resourceLinkId))
		);
	const platform = await platformById(db, due.platformId);
	if (!link || !link.lineItemUrl || link.lessonSlug === null || !platform) return 'nothing';
	const activity = await loadActivity(db, content, [due.userId], link.classId);
	const quizzes = activity.get(due.userId)?.get(link.lessonSlug)?.quizzes ?? [];
	const counted = countedAttempt(quizzes, link.gradingMethod);
	if (!counted) return 'nothing';
	const token = await accessToken(db, platform, [scope.score], now);
	try {
		await callPlatform(
			scoresUrl(link.lineItemUrl),
			{
				method: 'POST',
				headers: {
					authorization: `Bearer ${token}`,
					'content-type': 'application/vnd.ims.lis.v1.score+json'
				},
				body: JSON.stringify(scorePost(link.subject, counted, now))
			},
			'score'
		);
	} catch (error) {
		if (error instanceof ServiceFailure && error.status === 401) forgetTokens(platform.id);
		throw error;
	}
	return 'sent';
}

/**
 * Sends every grade that is due, oldest change first: each is claimed (so two processes never send one twice at
 * once), sent with its value read now, and then marked sent unless it changed meanwhile, or rescheduled with
 * backoff on failure. Never drops one: a grade the platform keeps refusing stays due, hourly.
 */
export async function deliverDueGrades(
	db: Database,
	content: Content,
	now = new Date(),
	limit = 50
): Promise<{ sent: number; failed: number }> {
	const { ltiGradeSyncs } = db.tables;
	const due = await db.read
		.select({
			platformId: ltiGradeSyncs.platformId,
			resourceLinkId: ltiGradeSyncs.resourceLinkId,
			userId: ltiGradeSyncs.userId,
			version: ltiGradeSyncs.version,
			failures: ltiGradeSyncs.failures
		})
		.from(ltiGradeSyncs)
		.where(
			and(
				lte(ltiGradeSyncs.nextAttemptAt, now),
				or(isNull(ltiGradeSyncs.leaseUntil), lt(ltiGradeSyncs.leaseUntil, now))
			)
		)
		.orderBy(asc(ltiGradeSyncs.changedAt))
		.limit(limit);
	let sent = 0;
	let failed = 0;
	for (const grade of due) {
		if (!(await claim(db, grade, now))) continue;
		try {
			const outcome = await send(db, content, grade, now);
			await db.write((tx) =>
				tx
					.update(ltiGradeSyncs)
					.set({
						sentVersion: grade.version,
						sentAt: outcome === 'sent' ? now : undefined,
						nextAttemptAt: sql`case when ${ltiGradeSyncs.version} = ${grade.version} then null else ${ltiGradeSyncs.nextAttemptAt} end`,
						leaseUntil: null,
						failures: 0,
						lastError: null
					})
					.where(keyOf(db.tables, grade))
			);
			if (outcome === 'sent') sent++;
		} catch (error) {
			failed++;
			const message = error instanceof Error ? error.message : String(error);
			log.warn('lti grade not delivered', { ...grade, error: message });
			await db.write((tx) =>
				tx
					.update(ltiGradeSyncs)
					.set({
						failures: grade.failures + 1,
						nextAttemptAt: new Date(now.getTime() + retryDelayMs(grade.failures + 1)),
						leaseUntil: null,
						lastError: message.slice(0, 500)
					})
					.where(and(keyOf(db.tables, grade), eq(ltiGradeSyncs.version, grade.version)))
			);
		}
	}
	return { sent, failed };
}

/** What the admin page shows: grades waiting, and those the platform keeps refusing. */
export async function gradeDeliveryStatus(db: Database) {
	const { ltiGradeSyncs } = db.tables;
	const rows = await db.read
		.select({ failures: ltiGradeSyncs.failures, lastError: ltiGradeSyncs.lastError })
		.from(ltiGradeSyncs)
		.where(isNotNull(ltiGradeSyncs.nextAttemptAt));
	const failing = rows.filter((row) => row.failures > 0);
	return {
		waiting: rows.length,
		failing: failing.length,
		lastError: failing[0]?.lastError ?? null
	};
}

let running: Promise<unknown> | null = null;
let timer: ReturnType<typeof setInterval> | null = null;

/**
 * Runs a delivery now unless one is running (after a submission, so the gradebook hears within a second); only in
 * a process whose delivery loop started (the server, not a test's database).
 */
export function nudgeGradeDelivery(db: Database, content: Content): void {
	if (!timer || running) return;
	running = deliverDueGrades(db, content)
		.catch((error: unknown) => log.error('lti grade delivery failed', { error: String(error) }))
		.finally(() => {
			running = null;
		});
}

/** Starts this process's delivery loop (every 2 s; the first pass sends what waited while it was down). */
export function startGradeDelivery(db: Database, content: Content, everyMs = 2_000): void {
	if (timer) return;
	timer = setInterval(() => nudgeGradeDelivery(db, content), everyMs);
	timer.unref();
	nudgeGradeDelivery(db, content);
}
