import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Role } from '../../roles';
import { isUniqueViolation, type Database } from '../db/database';
import { newId } from '../ids';
import { hashPassword } from './password';
import { generateSessionToken, sessionIdFromToken } from './session';
import { siteSettings } from './site-settings';

const dayInMs = 24 * 60 * 60 * 1000;
/** A week: long enough to reach a colleague, short enough that a forwarded old email is worthless. */
export const inviteLifetimeMs = 7 * dayInMs;

/** Roles an invite can create; students need no invite (they sign up or join with a class code). */
export const invitableRoles = ['teacher', 'admin'] as const satisfies readonly Role[];
export type InvitableRole = (typeof invitableRoles)[number];

export interface Inviter {
	id: string;
	role: Role;
}

/** An admin invites teachers and admins; a teacher invites teachers only, and only when the admin allows it. */
export async function rolesInviterMayInvite(
	db: Database,
	inviter: Inviter
): Promise<InvitableRole[]> {
	if (inviter.role === 'admin') return [...invitableRoles];
	if (inviter.role === 'teacher' && (await siteSettings(db)).teachersMayInvite) return ['teacher'];
	return [];
}

export type CreateInviteResult =
	| { ok: true; token: string; inviteId: string; expiresAt: Date }
	| { ok: false; reason: 'not-allowed' };

/** Creates a single-use invite; the token is returned once and only its SHA-256 is stored. */
export async function createInvite(
	db: Database,
	inviter: Inviter,
	invite: { role: InvitableRole; note?: string | null },
	now = new Date()
): Promise<CreateInviteResult> {
	if (!(await rolesInviterMayInvite(db, inviter)).includes(invite.role)) {
		return { ok: false, reason: 'not-allowed' };
	}
	const token = generateSessionToken();
	const row = {
		id: newId(),
		tokenHash: sessionIdFromToken(token),
		role: invite.role,
		note: invite.note ?? null,
		createdBy: inviter.id,
		createdAt: now,
		expiresAt: new Date(now.getTime() + inviteLifetimeMs)
	};
	await db.write((tx) => tx.insert(db.tables.invites).values(row));
	return { ok: true, token, inviteId: row.id, expiresAt: row.expiresAt };
}

export type InviteState = 'open' | 'used' | 'expired' | 'revoked';

interface InviteTimes {
	expiresAt: Date;
	usedAt: Date | null;
	revokedAt: Date | null;
}

export function inviteState(invite: InviteTimes, now = new Date()): InviteState {
	if (invite.usedAt) return 'used';
	if (invite.revokedAt) return 'revoked';
	if (invite.expiresAt <= now) return 'expired';
	return 'open';
}

export type InviteLookup =
	{ found: true; state: InviteState; role: Role; inviterName: string | null } | { found: false };

/** What the invite page shows for a token: never anything about other invites. */
export async function lookUpInvite(
	db: Database,
	token: string,
	now = new Date()
): Promise<InviteLookup> {
	const { invites, users } = db.tables;
	const [row] = await db.read
		.select({
			role: invites.role,
			expiresAt: invites.expiresAt,
			usedAt: invites.usedAt,
			revokedAt: invites.revokedAt,
			inviterName: users.displayName
		})
		.from(invites)
		.leftJoin(users, eq(users.id, invites.createdBy))
		.where(eq(invites.tokenHash, sessionIdFromToken(token)))
		.limit(1);
	if (!row) return { found: false };
	return {
		found: true,
		state: inviteState(row, now),
		role: row.role,
		inviterName: row.inviterName
	};
}

export type AcceptInviteResult =
	| { ok: true; userId: string; role: Role }
	| { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' | 'email-taken' };

/**
 * Creates the invited account and uses up the invite in one transaction: two tabs submitting the same link
 * make one account, and a taken email leaves the invite open for another try.
 */
export async function acceptInvite(
	db: Database,
	token: string,
	account: { name: string; email: string; password: string },
	now = new Date()
): Promise<AcceptInviteResult> {
	const { invites, users } = db.tables;
	const tokenHash = sessionIdFromToken(token);
	const passwordHash = await hashPassword(account.password);
	const email = account.email.toLowerCase();
	try {
		return await db.write(async (tx): Promise<AcceptInviteResult> => {
			const [invite] = await tx
				.select()
				.from(invites)
				.where(eq(invites.tokenHash, tokenHash))
				.limit(1);
			if (!invite) return { ok: false, reason: 'unknown' };
			const state = inviteState(invite, now);
			if (state !== 'open') return { ok: false, reason: state };
			const userId = newId();
			await tx.insert(users).values({
				id: userId,
				username: email,
				email,
				displayName: account.name,
				role: invite.role,
				passwordHash,
				createdAt: now
			});
			const used = await tx
				.update(invites)
				.set({ usedAt: now, usedBy: userId })
				.where(and(eq(invites.id, invite.id), isNull(invites.usedAt), gt(invites.expiresAt, now)))
				.returning({ id: invites.id });
			// on SQLite the write lock already excludes a race; on PostgreSQL this guards a lost update
			if (used.length !== 1) throw new InviteRaceLost();
			return { ok: true, userId, role: invite.role };
		});
	} catch (error) {
		if (error instanceof InviteRaceLost) return { ok: false, reason: 'used' };
		if (isUniqueViolation(error)) return { ok: false, reason: 'email-taken' };
		throw error;
	}
}

class InviteRaceLost extends Error {}

export interface InviteListing {
	id: string;
	role: Role;
	note: string | null;
	createdByName: string | null;
	createdAt: Date;
	expiresAt: Date;
	state: InviteState;
	usedByName: string | null;
}

/** An admin sees every invite; a teacher sees the ones they made. Newest first. */
export async function listInvites(
	db: Database,
	viewer: Inviter,
	now = new Date()
): Promise<InviteListing[]> {
	const { invites, users } = db.tables;
	const rows = await db.read
		.select({
			id: invites.id,
			role: invites.role,
			note: invites.note,
			createdBy: invites.createdBy,
			createdAt: invites.createdAt,
			expiresAt: invites.expiresAt,
			usedAt: invites.usedAt,
			usedBy: invites.usedBy,
			revokedAt: invites.revokedAt
		})
		.from(invites)
		.where(viewer.role === 'admin' ? undefined : eq(invites.createdBy, viewer.id))
		.orderBy(desc(invites.createdAt))
		.limit(200);
	const peopleIds = [
		...new Set(rows.flatMap((row) => [row.createdBy, row.usedBy]).filter((id) => id !== null))
	];
	const people =
		peopleIds.length === 0
			? []
			: await db.read
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, peopleIds));
	const names = new Map(people.map((person) => [person.id, person.name]));
	return rows.map((row) => ({
		id: row.id,
		role: row.role,
		note: row.note,
		createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
		createdAt: row.createdAt,
		expiresAt: row.expiresAt,
		state: inviteState(row, now),
		usedByName: row.usedBy ? (names.get(row.usedBy) ?? null) : null
	}));
}

/** Revokes an open invite; a teacher only their own. False when there was nothing of theirs to revoke. */
export async function revokeInvite(
	db: Database,
	viewer: Inviter,
	inviteId: string,
	now = new Date()
): Promise<boolean> {
	const { invites } = db.tables;
	const revoked = await db.write((tx) =>
		tx
			.update(invites)
			.set({ revokedAt: now })
			.where(
				and(
					eq(invites.id, inviteId),
					isNull(invites.usedAt),
					isNull(invites.revokedAt),
					viewer.role === 'admin' ? undefined : eq(invites.createdBy, viewer.id)
				)
			)
			.returning({ id: invites.id })
	);
	return revoked.length === 1;
}
