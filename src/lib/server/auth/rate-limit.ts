import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Database, Queryable, Tables } from '../db/database';
import { newId } from '../ids';
import { m } from '$lib/i18n';

/** One limit: at most `max` attempts per key within `windowMs`. */
export interface AttemptLimit {
	/** stored with each attempt; names what is limited and by what, e.g. sign-in:account */
	readonly scope: string;
	readonly max: number;
	readonly windowMs: number;
}

const minutes = (n: number) => n * 60 * 1000;

/** Every limit the app enforces, in one place so the README and the tests can name them. */
export const limits = {
	/** passwords verified per account: 5 guesses in 15 minutes */
	signInAccount: { scope: 'sign-in:account', max: 5, windowMs: minutes(15) },
	/** passwords verified per address, over all accounts */
	signInAddress: { scope: 'sign-in:address', max: 30, windowMs: minutes(15) },
	/** accounts created per address in an hour: a whole class signing up from one school network fits */
	signUpAddress: { scope: 'sign-up:address', max: 60, windowMs: minutes(60) },
	/** wrong class codes per account and per address */
	joinCodeAccount: { scope: 'join-code:account', max: 10, windowMs: minutes(15) },
	joinCodeAddress: { scope: 'join-code:address', max: 60, windowMs: minutes(15) },
	/** wrong live session codes per address (players are often guests, so there is no account to count) */
	liveCodeAddress: { scope: 'live-code:address', max: 60, windowMs: minutes(15) },
	/** invite links tried that do not exist, per address */
	inviteTokenAddress: { scope: 'invite-token:address', max: 20, windowMs: minutes(15) }
} as const satisfies Record<string, AttemptLimit>;

/** The longest window of any limit: older attempts can never count again. */
const longestWindowMs = Math.max(...Object.values(limits).map((limit) => limit.windowMs));

export interface LimitCheck {
	limit: AttemptLimit;
	key: string;
}

export type Allowance =
	| { allowed: true; attemptIds: string[] }
	| { allowed: false; retryAt: Date; retryAfterSeconds: number };

/** When the limit lifts for a key: once the oldest attempt still counted leaves the window. */
async function refusal(
	tx: Queryable,
	tables: Tables,
	checks: LimitCheck[],
	now: Date
): Promise<Date | undefined> {
	const { limitedAttempts } = tables;
	let retryAt: Date | undefined;
	for (const { limit, key } of checks) {
		const since = new Date(now.getTime() - limit.windowMs);
		const recent = await tx
			.select({ attemptedAt: limitedAttempts.attemptedAt })
			.from(limitedAttempts)
			.where(
				and(
					eq(limitedAttempts.scope, limit.scope),
					eq(limitedAttempts.key, key),
					gte(limitedAttempts.attemptedAt, since)
				)
			)
			.orderBy(desc(limitedAttempts.attemptedAt))
			.limit(limit.max);
		const oldestCounted = recent[limit.max - 1];
		if (!oldestCounted) continue;
		// the limit lifts when the oldest of the counted attempts leaves the window
		const lifts = new Date(oldestCounted.attemptedAt.getTime() + limit.windowMs);
		if (!retryAt || lifts > retryAt) retryAt = lifts;
	}
	return retryAt;
}

function refused(retryAt: Date, now: Date): Allowance {
	const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
	return { allowed: false, retryAt, retryAfterSeconds };
}

/**
 * Counts an attempt against every check before the work it guards runs: the count is read and the attempt
 * stored in one write transaction, so parallel requests can never do more than `max` of that work.
 * Call `releaseAttempts` with the ids when the attempt turns out not to count (a right password).
 */
export async function reserveAttempt(
	db: Database,
	checks: LimitCheck[],
	now = new Date()
): Promise<Allowance> {
	const { limitedAttempts } = db.tables;
	return db.write(async (tx) => {
		const retryAt = await refusal(tx, db.tables, checks, now);
		if (retryAt) return refused(retryAt, now);
		const rows = checks.map(({ limit, key }) => ({
			id: newId(),
			scope: limit.scope,
			key,
			attemptedAt: now
		}));
		await tx.insert(limitedAttempts).values(rows);
		await forgetExpiredAttempts(tx, db.tables, now);
		return { allowed: true, attemptIds: rows.map((row) => row.id) };
	});
}

/** Takes back reserved attempts that should not count (the password was right, the code existed). */
export async function releaseAttempts(db: Database, attemptIds: string[]) {
	if (attemptIds.length === 0) return;
	const { limitedAttempts } = db.tables;
	await db.write((tx) => tx.delete(limitedAttempts).where(inArray(limitedAttempts.id, attemptIds)));
}

/** A read-only look, for pages that show a form: is the limit already reached? */
export async function checkAllowance(
	db: Database,
	checks: LimitCheck[],
	now = new Date()
): Promise<Allowance> {
	const retryAt = await refusal(db.read, db.tables, checks, now);
	return retryAt ? refused(retryAt, now) : { allowed: true, attemptIds: [] };
}

/** Records a failure after the fact, where a race costs nothing worse than a few extra guesses (GET pages). */
export async function recordAttempt(db: Database, checks: LimitCheck[], now = new Date()) {
	const { limitedAttempts } = db.tables;
	await db.write(async (tx) => {
		await tx
			.insert(limitedAttempts)
			.values(
				checks.map(({ limit, key }) => ({ id: newId(), scope: limit.scope, key, attemptedAt: now }))
			);
		await forgetExpiredAttempts(tx, db.tables, now);
	});
}

/** Rows older than the longest window can never count again; every recorded attempt clears them. */
export async function forgetExpiredAttempts(tx: Queryable, { limitedAttempts }: Tables, now: Date) {
	await tx
		.delete(limitedAttempts)
		.where(lt(limitedAttempts.attemptedAt, new Date(now.getTime() - longestWindowMs)));
}

/** "3 minutes" ("3 minutos" in Spanish), for messages: never "0 minutes". */
export function waitInWords(retryAfterSeconds: number): string {
	return m.form_wait_minutes({ count: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}
