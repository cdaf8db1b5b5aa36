import { sha256 } from '@oslojs/crypto/sha2';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import { isMember } from '../classes/classes';
import type { Database, Queryable, Tables } from '../db/database';
import type { UiLocale } from '../db/enums';
import { isUniqueViolation } from '../db/database';
import { newId } from '../ids';
import { publish } from './hub';
import {
	checkNickname,
	generateNickname,
	nicknameKey,
	type NicknameCheck,
	type TakenKeys
} from './nicknames';
import {
	sessionByCode,
	type LivePlayerRow,
	type LiveResult,
	type LiveSessionRow
} from './sessions';

export type { LivePlayerRow };

/** The httpOnly cookie that brings a guest back to their player: one per session. */
export function liveCookieName(sessionId: string): string {
	return `evidencia_live_${sessionId}`;
}

/** 160 random bits for the guest's cookie; only their SHA-256 is stored. */
function newResumeToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function hashResumeToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Signed-in students play as themselves; visitors and guest records pick a nickname. */
const accountOf = (user: SessionUser | null) => (user && !user.isGuest ? user : null);

const removedFailure = () =>
	({
		ok: false,
		status: 403,
		message: m.live_err_removed()
	}) as const;

/**
 * The player this device is, if it joined before: a signed-in user by their account (any device), a
 * guest by the resume token in their cookie. A token never finds a signed-in student's player.
 * Removed players are returned too (their view says so).
 */
export async function playerFor(
	db: Database,
	sessionId: string,
	who: { user: SessionUser | null; resumeToken?: string | null }
): Promise<LivePlayerRow | null> {
	const { livePlayers } = db.tables;
	const account = accountOf(who.user);
	if (account) {
		const [row] = await db.read
			.select()
			.from(livePlayers)
			.where(and(eq(livePlayers.sessionId, sessionId), eq(livePlayers.userId, account.id)));
		return row ?? null;
	}
	if (!who.resumeToken || who.resumeToken.length > 100) return null;
	const [row] = await db.read
		.select()
		.from(livePlayers)
		.where(
			and(
				eq(livePlayers.sessionId, sessionId),
				eq(livePlayers.resumeTokenHash, hashResumeToken(who.resumeToken)),
				isNull(livePlayers.userId)
			)
		);
	return row ?? null;
}

/**
 * Follows the language of the page a player opens the session from (/es/live/CODE is Spanish): their phone's
 * questions and words come in it from then on. Publishes a reload only when it changed.
 */
export async function followPlayerLocale(
	db: Database,
	player: LivePlayerRow,
	locale: UiLocale
): Promise<LivePlayerRow> {
	if (player.locale === locale) return player;
	const { livePlayers } = db.tables;
	await db.write((tx) =>
		tx.update(livePlayers).set({ locale }).where(eq(livePlayers.id, player.id))
	);
	// the version stays: only this player's view changes, and the streams send what changed
	publish(player.sessionId, 'state');
	return { ...player, locale };
}

/** "Ana", then "Ana 2", "Ana 3"…: the first of a display name's variants no other player's key holds. */
function uniqueName(displayName: string, fallback: string, taken: TakenKeys) {
	const base = displayName.normalize('NFC').trim().replace(/\s+/g, ' ') || fallback;
	for (let n = 1; ; n++) {
		const nickname = n === 1 ? base : `${base} ${n}`;
		const key = nicknameKey(nickname) || `${nicknameKey(fallback)}${n}`;
		if (!taken.has(key)) return { nickname, key };
	}
}

async function takenKeys(tx: Queryable, tables: Tables, sessionId: string, among?: string[]) {
	const { livePlayers } = tables;
	const rows = await tx
		.select({ key: livePlayers.nicknameKey })
		.from(livePlayers)
		.where(
			and(
				eq(livePlayers.sessionId, sessionId),
				among ? inArray(livePlayers.nicknameKey, among) : undefined
			)
		);
	return new Set(rows.map((row) => row.key));
}

/**
 * Runs a naming rule against the session's taken keys, reading only the keys it asks about (a few per join)
 * rather than every player's: reading them all made each join cost as much as the players before it. Each round
 * answers the rule's new questions from the database; a rule that keeps meeting taken names gets them all.
 */
async function nameAgainstTaken(
	tx: Queryable,
	tables: Tables,
	sessionId: string,
	name: Namer
): Promise<NicknameCheck> {
	const known = new Map<string, boolean>();
	for (let round = 0; round < 4; round++) {
		const asked = new Set<string>();
		const result = name({ has: (key) => (asked.add(key), known.get(key) === true) });
		const unknown = [...asked].filter((key) => !known.has(key));
		if (unknown.length === 0) return result;
		const taken = await takenKeys(tx, tables, sessionId, unknown);
		for (const key of unknown) known.set(key, taken.has(key));
		// every key it asked about was answered truly (none of the new ones is taken): its choice stands
		if (taken.size === 0) return result;
	}
	return name(await takenKeys(tx, tables, sessionId));
}

export type JoinResult = LiveResult<{
	session: LiveSessionRow;
	player: LivePlayerRow;
	/** set for a new guest player: put it in the liveCookieName(session.id) cookie */
	resumeToken: string | null;
}>;

/** Guests one network may add to a session: a class of 40 behind one school NAT must still fit. */
export const maxGuestsPerAddress = 40;

const networkRemovedFailure = () =>
	({
		ok: false,
		status: 403,
		message: m.live_err_network_removed()
	}) as const;

const networkFullFailure = () =>
	({
		ok: false,
		status: 403,
		message: m.live_err_network_full({ count: maxGuestsPerAddress })
	}) as const;

/**
 * Joins the session with this code, any time before it ends. A signed-in student joins as themselves:
 * under their display name (with a number added if another player has it) when the teacher chose to show
 * real names, otherwise under a nickname they pick, as guests do. Joining again, from any device, is the
 * same player. A guest picks a nickname (the nickname rules, unique in the session) and gets a resume
 * token; sending that token again returns the same player. A removed player stays out: by their account,
 * by their device's token and, for guests, by the address they joined from. The session's join mode
 * narrows this: 'members' takes only signed-in students of its class, 'generated' draws everyone's name
 * (bar class members' real ones) and ignores a typed nickname.
 */
export async function joinLiveSession(
	db: Database,
	input: {
		code: string;
		user: SessionUser | null;
		nickname?: unknown;
		resumeToken?: string | null;
		/** the client address (event.getClientAddress()); null where there is none, as in some tests */
		address?: string | null;
		/** the language of the page they join from: their phone's language (the request's when not given) */
		locale?: UiLocale;
	},
	now = new Date()
): Promise<JoinResult> {
	const session = await sessionByCode(db, input.code);
	if (!session) {
		return {
			ok: false,
			status: 404,
			message: m.live_err_no_session_code()
		};
	}
	if (session.phase === 'ended') {
		return { ok: false, status: 409, message: m.live_err_ended() };
	}
	const account = accountOf(input.user);
	if (account?.id === session.teacherId) {
		return {
			ok: false,
			status: 409,
			message: m.live_err_hosting()
		};
	}

	const previous = await playerFor(db, session.id, {
		user: input.user,
		resumeToken: input.resumeToken
	});
	const locale = input.locale ?? getLocale();
	if (previous) {
		if (previous.removedAt) return removedFailure();
		const player = await followPlayerLocale(db, previous, locale);
		return { ok: true, session, player, resumeToken: null };
	}

	const member =
		account && session.classId ? await isMember(db, session.classId, account.id) : false;
	if (session.joinMode === 'members' && !member) {
		return account ? notMemberFailure(account) : membersOnlyFailure();
	}
	const naming = nameFor(session, account, member, input.nickname);
	if (!naming.ok) return naming;
	const address = input.address ?? null;
	const result = account
		? await joinAsAccount(db, session, account, naming.name, { address, locale }, now)
		: await joinAsGuest(db, session, naming, { address, locale }, now);
	if (result.ok) publish(session.id, 'answers');
	return result;
}

const membersOnlyFailure = () =>
	({
		ok: false,
		status: 403,
		message: m.live_err_members_only()
	}) as const;

const notMemberFailure = (account: SessionUser) =>
	({
		ok: false,
		status: 403,
		message: m.live_err_not_member({ name: account.displayName })
	}) as const;

const nicknameTaken = () =>
	({
		ok: false,
		status: 409,
		message: m.live_err_nickname_taken()
	}) as const;

/** How a joiner is named, decided inside the insert's transaction from the keys players already hold. */
type Namer = (taken: TakenKeys) => NicknameCheck;

/**
 * The joiner's name, or why the typed nickname is refused (checked before any transaction): a signed-in
 * student's own name when the teacher shows real names (only a class member's when names are generated),
 * a drawn one in a 'generated' session, else the nickname they typed. `drawn`: a lost race may draw again.
 */
function nameFor(
	session: LiveSessionRow,
	account: SessionUser | null,
	member: boolean,
	nickname: unknown
): { ok: true; name: Namer; drawn: boolean } | { ok: false; status: 400; message: string } {
	const generated = session.joinMode === 'generated';
	if (account && session.showRealNames && (member || !generated)) {
		return {
			ok: true,
			drawn: false,
			name: (taken) => ({ ok: true, ...uniqueName(account.displayName, account.username, taken) })
		};
	}
	if (generated) {
		return {
			ok: true,
			drawn: true,
			name: (taken) => {
				const drawn = generateNickname(session.nicknameLanguage, taken);
				return { ok: true, nickname: drawn, key: nicknameKey(drawn) };
			}
		};
	}
	const checked = checkNickname(nickname);
	if (!checked.ok) return { ok: false, status: 400, message: checked.message };
	return {
		ok: true,
		drawn: false,
		name: (taken) =>
			taken.has(checked.key) ? { ok: false, message: m.live_err_nickname_taken() } : checked
	};
}

async function joinAsAccount(
	db: Database,
	session: LiveSessionRow,
	account: SessionUser,
	nameOf: Namer,
	{ address, locale }: { address: string | null; locale: UiLocale },
	now: Date
): Promise<JoinResult> {
	const { livePlayers } = db.tables;
	// two devices joining at once: the loser of the unique index finds the winner's player
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.write(async (tx): Promise<JoinResult> => {
				const [existing] = await tx
					.select()
					.from(livePlayers)
					.where(and(eq(livePlayers.sessionId, session.id), eq(livePlayers.userId, account.id)));
				if (existing) {
					if (existing.removedAt) return removedFailure();
					// the other device's language waits for this one's page, which follows its own
					return { ok: true, session, player: existing, resumeToken: null };
				}
				const name = await nameAgainstTaken(tx, db.tables, session.id, nameOf);
				if (!name.ok) return nicknameTaken();
				const [created] = await tx
					.insert(livePlayers)
					.values({
						id: newId(),
						sessionId: session.id,
						userId: account.id,
						nickname: name.nickname,
						nicknameKey: name.key,
						// never handed out: a signed-in student is found by their account
						resumeTokenHash: hashResumeToken(newResumeToken()),
						joinedAt: now,
						joinedFrom: address,
						locale
					})
					.returning();
				if (!created) throw new Error('a new live player was not returned');
				return { ok: true, session, player: created, resumeToken: null };
			});
		} catch (error) {
			if (!isUniqueViolation(error) || attempt >= 3) throw error;
		}
	}
}

async function joinAsGuest(
	db: Database,
	session: LiveSessionRow,
	naming: { name: Namer; drawn: boolean },
	{ address, locale }: { address: string | null; locale: UiLocale },
	now: Date
): Promise<JoinResult> {
	const { livePlayers } = db.tables;
	const resumeToken = newResumeToken();
	// a drawn name another guest took in the meantime: draw again from the keys taken now
	for (let attempt = 0; ; attempt++) {
		try {
			// counted and inserted in one transaction, so a burst of joins cannot pass the cap together
			const result = await db.write(async (tx): Promise<JoinResult | 'taken'> => {
				if (address !== null) {
					const guestsFrom = and(
						eq(livePlayers.sessionId, session.id),
						eq(livePlayers.joinedFrom, address),
						isNull(livePlayers.userId)
					);
					const [removed] = await tx
						.select({ id: livePlayers.id })
						.from(livePlayers)
						.where(and(guestsFrom, isNotNull(livePlayers.removedAt)))
						.limit(1);
					if (removed) return networkRemovedFailure();
					const [guests] = await tx.select({ n: count() }).from(livePlayers).where(guestsFrom);
					if ((guests?.n ?? 0) >= maxGuestsPerAddress) return networkFullFailure();
				}
				const name = await nameAgainstTaken(tx, db.tables, session.id, naming.name);
				if (!name.ok) return 'taken';
				const [player] = await tx
					.insert(livePlayers)
					.values({
						id: newId(),
						sessionId: session.id,
						userId: null,
						nickname: name.nickname,
						nicknameKey: name.key,
						resumeTokenHash: hashResumeToken(resumeToken),
						joinedAt: now,
						joinedFrom: address,
						locale
					})
					.onConflictDoNothing()
					.returning();
				if (!player) return 'taken';
				return { ok: true, session, player, resumeToken };
			});
			if (result !== 'taken') return result;
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
		}
		if (!naming.drawn || attempt >= 3) return nicknameTaken();
	}
}
