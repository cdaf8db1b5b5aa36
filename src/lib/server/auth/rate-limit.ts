import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Database, Queryable, Tables } from '../db/database';
import { newId } from '../ids';

export const signInWindowMs = 15 * 60 * 1000;
export const maxFailuresPerAccount = 5;
export const maxFailuresPerAddress = 30;

export type SignInAllowance = { allowed: true } | { allowed: false; retryAt: Date };

/** Refuses a sign-in once an account has 5, or an address 30, failures within the last 15 minutes. */
export async function checkSignInAllowed(
	db: Database,
	accountKey: string,
	ipAddress: string,
	now = new Date()
): Promise<SignInAllowance> {
	const { failedSignIns } = db.tables;
	const since = new Date(now.getTime() - signInWindowMs);
	const limits = [
		{ column: failedSignIns.accountKey, value: accountKey, max: maxFailuresPerAccount },
		{ column: failedSignIns.ipAddress, value: ipAddress, max: maxFailuresPerAddress }
	];
	let retryAt: Date | undefined;
	for (const limit of limits) {
		const recent = await db.read
			.select({ attemptedAt: failedSignIns.attemptedAt })
			.from(failedSignIns)
			.where(and(eq(limit.column, limit.value), gte(failedSignIns.attemptedAt, since)))
			.orderBy(desc(failedSignIns.attemptedAt))
			.limit(limit.max);
		const oldestCounted = recent[limit.max - 1];
		if (oldestCounted) {
			// the limit lifts when the oldest of the counted failures leaves the window
			const lifts = new Date(oldestCounted.attemptedAt.getTime() + signInWindowMs);
			if (!retryAt || lifts > retryAt) retryAt = lifts;
		}
	}
	return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

export async function recordFailedSignIn(
	db: Database,
	accountKey: string,
	ipAddress: string,
	now = new Date()
) {
	const { failedSignIns } = db.tables;
	await db.write(async (tx) => {
		await tx.insert(failedSignIns).values({ id: newId(), accountKey, ipAddress, attemptedAt: now });
		await forgetExpiredSignInFailures(tx, db.tables, now);
	});
}

/** Rows older than the window can never count again; every recorded failure clears them. */
export async function forgetExpiredSignInFailures(
	tx: Queryable,
	{ failedSignIns }: Tables,
	now: Date
) {
	await tx
		.delete(failedSignIns)
		.where(lt(failedSignIns.attemptedAt, new Date(now.getTime() - signInWindowMs)));
}
