import { checkAllowance, limits, recordAttempt, waitInWords } from '../auth/rate-limit';
import { m } from '$lib/paraglide/messages';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/database';
import { liveCodePattern, normalizeLiveCode } from './pages';
import { playerFor } from './players';
import { sessionByCode, type LiveSessionRow } from './sessions';

/**
 * Six digits are a million codes, so every page that takes a code from the URL or a form counts the wrong
 * ones per address: past the limit, any code answers 429, so the answer tells a guesser nothing.
 */

export type LiveCodeLookup =
	| {
			ok: true;
			session: LiveSessionRow;
			/** this device's player in the session (removed or not); null for the host or a newcomer */
			player: Awaited<ReturnType<typeof playerFor>>;
	  }
	| { ok: false; status: 404; message: string }
	| { ok: false; status: 429; message: string; retryAfterSeconds: number };

export const noLiveSession = (code: string) =>
	m.live_err_no_code_session({ code: code.slice(0, 20) });

export function tooManyLiveCodes(retryAfterSeconds: number): string {
	return m.live_err_too_many_codes({ wait: waitInWords(retryAfterSeconds) });
}

/**
 * The session a code names, for a request from `address`. Its host and its players (by account or resume
 * token) always get through, so one student guessing codes cannot lock a whole school network out of the
 * session it is playing; anyone else is refused once the address has tried too many wrong codes, whether
 * this code is right or not. A wrong code of six digits is recorded; other text is never a code, so it is not.
 */
export async function lookUpLiveCode(
	db: Database,
	request: {
		code: string;
		address: string;
		user: SessionUser | null;
		/** the resume token this device holds for a session (its cookie), if any */
		resumeTokenFor: (sessionId: string) => string | null;
	},
	now = new Date()
): Promise<LiveCodeLookup> {
	const digits = normalizeLiveCode(request.code);
	const wellFormed = liveCodePattern.test(digits);
	const session = wellFormed ? await sessionByCode(db, digits) : null;
	if (session) {
		if (request.user && request.user.id === session.teacherId) {
			return { ok: true, session, player: null };
		}
		const player = await playerFor(db, session.id, {
			user: request.user,
			resumeToken: request.resumeTokenFor(session.id)
		});
		if (player) return { ok: true, session, player };
	}
	const checks = [{ limit: limits.liveCodeAddress, key: request.address }];
	const allowance = await checkAllowance(db, checks, now);
	if (!allowance.allowed) {
		const { retryAfterSeconds } = allowance;
		return {
			ok: false,
			status: 429,
			message: tooManyLiveCodes(retryAfterSeconds),
			retryAfterSeconds
		};
	}
	if (!session) {
		if (wellFormed) await recordAttempt(db, checks, now);
		return { ok: false, status: 404, message: noLiveSession(request.code) };
	}
	return { ok: true, session, player: null };
}
