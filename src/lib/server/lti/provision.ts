import { and, eq, lt } from 'drizzle-orm';
import { m } from '$lib/i18n';
import type { Content } from '../content/build';
import { isUniqueViolation, type Database, type Queryable } from '../db/database';
import { newId } from '../ids';
import { defaultPolicy } from '../classes/quiz-policy';
import { generateJoinCode } from '../classes/join-codes';
import { claim, type CourseRole, type LaunchClaims } from './claims';
import type { VerifiedLaunch } from './launch';
import { LtiRefusal } from './refusal';
import {
	customBehaviour,
	customTarget,
	isGraded,
	parseBehaviour,
	parseTarget,
	studentLanding
} from './targets';

/** How long a teacher has to pick what to add after the platform asked. */
export const deepLinkLifetimeMs = 60 * 60 * 1000;

/** Where a verified launch goes, and whose session it opens. */
export interface LaunchOutcome {
	userId: string;
	classId: string;
	redirectTo: string;
}

// an LMS account signs in only through its LMS: no password verifies against this (not an argon2 hash)
const noPassword = '!lti';

/** Pure: the name a launch gives its user; the platform may send none (privacy settings). */
export function launchName(
	claims: Pick<LaunchClaims, 'name' | 'given_name' | 'family_name'>
): string | null {
	const full =
		claims.name?.trim() || [claims.given_name, claims.family_name].filter(Boolean).join(' ').trim();
	return full ? full.normalize('NFC').slice(0, 100) : null;
}

/**
 * The account of a platform user: found by platform and subject (never by email, which is not stored), made on
 * first launch in the course's role. A name from the platform replaces the stored one, so renames follow the LMS.
 */
export async function accountFor(
	tx: Queryable,
	tables: Database['tables'],
	input: {
		platformId: string;
		subject: string;
		role: CourseRole;
		name: string | null;
		locale?: string;
	},
	now: Date
): Promise<string> {
	const { ltiAccounts, users } = tables;
	const [found] = await tx
		.select({ userId: ltiAccounts.userId, role: users.role, displayName: users.displayName })
		.from(ltiAccounts)
		.innerJoin(users, eq(users.id, ltiAccounts.userId))
		.where(
			and(eq(ltiAccounts.platformId, input.platformId), eq(ltiAccounts.subject, input.subject))
		);
	if (found) {
		const accountRole = found.role === 'student' ? 'student' : 'teacher';
		if (accountRole !== input.role) {
			throw new LtiRefusal(403, 'role-changed', m.lti_role_changed());
		}
		if (input.name && input.name !== found.displayName) {
			await tx.update(users).set({ displayName: input.name }).where(eq(users.id, found.userId));
		}
		return found.userId;
	}
	const userId = newId();
	await tx.insert(users).values({
		id: userId,
		username: `lti-${userId}`,
		email: null,
		displayName:
			input.name ?? (input.role === 'teacher' ? m.lti_unnamed_teacher() : m.lti_unnamed_student()),
		role: input.role,
		passwordHash: noPassword,
		locale: input.locale?.toLowerCase().startsWith('es') ? 'es' : null,
		createdAt: now
	});
	await tx.insert(ltiAccounts).values({
		platformId: input.platformId,
		subject: input.subject,
		userId,
		createdAt: now
	});
	return userId;
}

/** The class of the launch's course: made by its first teacher's launch; a student can't be first. */
async function classFor(
	tx: Queryable,
	tables: Database['tables'],
	launch: VerifiedLaunch,
	userId: string,
	now: Date
): Promise<string> {
	const { ltiContexts, classes, classMembers } = tables;
	const context = launch.claims[claim.context];
	if (!context)
		throw new LtiRefusal(400, 'bad-claim', m.lti_bad_claim({ claim: 'lti/claim/context' }));
	const membershipsUrl = launch.claims[claim.nrps]?.context_memberships_url ?? null;
	const [found] = await tx
		.select({
			classId: ltiContexts.classId,
			teacherId: classes.teacherId,
			membershipsUrl: ltiContexts.membershipsUrl
		})
		.from(ltiContexts)
		.innerJoin(classes, eq(classes.id, ltiContexts.classId))
		.where(
			and(eq(ltiContexts.platformId, launch.platform.id), eq(ltiContexts.contextId, context.id))
		);
	if (found) {
		if (launch.role === 'teacher' && found.teacherId !== userId) {
			throw new LtiRefusal(403, 'another-teacher', m.lti_another_teacher());
		}
		if (membershipsUrl && membershipsUrl !== found.membershipsUrl) {
			await tx
				.update(ltiContexts)
				.set({ membershipsUrl })
				.where(
					and(eq(ltiContexts.platformId, launch.platform.id), eq(ltiContexts.contextId, context.id))
				);
		}
		if (launch.role === 'student') {
			await tx
				.insert(classMembers)
				.values({ classId: found.classId, userId, joinedAt: now })
				.onConflictDoNothing();
		}
		return found.classId;
	}
	if (launch.role === 'student')
		throw new LtiRefusal(409, 'course-not-set-up', m.lti_course_not_set_up());
	const classId = newId();
	await tx.insert(classes).values({
		id: classId,
		teacherId: userId,
		name: (context.title ?? context.label ?? m.lti_unnamed_course()).slice(0, 100),
		joinCode: generateJoinCode(),
		timeZone: 'UTC',
		defaultLocale: 'en',
		archivedAt: null,
		createdAt: now
	});
	await tx.insert(ltiContexts).values({
		platformId: launch.platform.id,
		contextId: context.id,
		classId,
		deploymentId: launch.claims[claim.deploymentId],
		membershipsUrl,
		createdAt: now
	});
	return classId;
}

/**
 * A resource link's assignment: made on its first launch from the target and behaviour the deep link stored in
 * its custom parameters; later launches find it (and learn its line item if the platform made one since).
 */
async function linkedAssignment(
	tx: Queryable,
	tables: Database['tables'],
	content: Content,
	launch: VerifiedLaunch,
	classId: string,
	now: Date
): Promise<{ assignmentId: string; landing: string } | null> {
	const { ltiLinks, assignments } = tables;
	const resourceLink = launch.claims[claim.resourceLink];
	if (!resourceLink) return null;
	const custom = launch.claims[claim.custom] ?? {};
	const target = parseTarget(custom[customTarget], content);
	const lineItemUrl = launch.claims[claim.agsEndpoint]?.lineitem ?? null;
	const [found] = await tx
		.select({
			assignmentId: ltiLinks.assignmentId,
			lineItemUrl: ltiLinks.lineItemUrl,
			classId: ltiLinks.classId
		})
		.from(ltiLinks)
		.where(
			and(eq(ltiLinks.platformId, launch.platform.id), eq(ltiLinks.resourceLinkId, resourceLink.id))
		);
	if (found) {
		// a link copied into another course keeps its id on some platforms: it opens nothing of the first class
		if (found.classId !== classId)
			throw new LtiRefusal(409, 'link-elsewhere', m.lti_link_elsewhere());
		if (lineItemUrl && lineItemUrl !== found.lineItemUrl) {
			await tx
				.update(ltiLinks)
				.set({ lineItemUrl })
				.where(
					and(
						eq(ltiLinks.platformId, launch.platform.id),
						eq(ltiLinks.resourceLinkId, resourceLink.id)
					)
				);
		}
		return target ? { assignmentId: found.assignmentId, landing: studentLanding(target) } : null;
	}
	if (!target) return null;
	const behaviour = parseBehaviour(custom[customBehaviour], target) ?? 'practice';
	const assignmentId = newId();
	await tx.insert(assignments).values({
		id: assignmentId,
		classId,
		lessonSlug: target.kind === 'module' ? null : target.slug,
		behaviour,
		dueAt: null,
		...defaultPolicy(behaviour),
		answersReleasedAt: null,
		createdAt: now
	});
	await tx.insert(ltiLinks).values({
		platformId: launch.platform.id,
		resourceLinkId: resourceLink.id,
		classId,
		assignmentId,
		lineItemUrl: isGraded(target, behaviour) ? lineItemUrl : null,
		createdAt: now
	});
	return { assignmentId, landing: studentLanding(target) };
}

/**
 * Maps a verified launch to Evidencia in one transaction: the account, the course's class (and the student's
 * place in it), the link's assignment, or the teacher's pending deep-linking pick. Returns where to go.
 */
export async function applyLaunch(
	db: Database,
	content: Content,
	launch: VerifiedLaunch,
	now = new Date()
): Promise<LaunchOutcome> {
	const { claims } = launch;
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.write(async (tx) => {
				const userId = await accountFor(
					tx,
					db.tables,
					{
						platformId: launch.platform.id,
						subject: claims.sub,
						role: launch.role,
						name: launchName(claims),
						locale: claims.locale
					},
					now
				);
				const classId = await classFor(tx, db.tables, launch, userId, now);
				if (claims[claim.messageType] === 'LtiDeepLinkingRequest') {
					const settings = claims[claim.deepLinkingSettings];
					if (!settings)
						throw new LtiRefusal(
							400,
							'bad-claim',
							m.lti_bad_claim({ claim: 'deep_linking_settings' })
						);
					// requests a teacher abandoned are swept when the next one arrives
					await tx.delete(db.tables.ltiDeepLinks).where(lt(db.tables.ltiDeepLinks.expiresAt, now));
					const id = newId();
					await tx.insert(db.tables.ltiDeepLinks).values({
						id,
						platformId: launch.platform.id,
						deploymentId: claims[claim.deploymentId],
						userId,
						classId,
						returnUrl: settings.deep_link_return_url,
						data: settings.data ?? null,
						acceptLineItem: settings.accept_lineitem ?? false,
						expiresAt: new Date(now.getTime() + deepLinkLifetimeMs),
						createdAt: now
					});
					return { userId, classId, redirectTo: `/lti/deep-link/${id}` };
				}
				const linked = await linkedAssignment(tx, db.tables, content, launch, classId, now);
				if (launch.role === 'teacher') {
					return {
						userId,
						classId,
						redirectTo: linked ? `/classes/${classId}/assignments` : `/classes/${classId}`
					};
				}
				return { userId, classId, redirectTo: linked?.landing ?? '/learn' };
			});
		} catch (error) {
			// two first launches of one course (or one person) at once: the second finds what the first made
			if (!isUniqueViolation(error) || attempt >= 2) throw error;
		}
	}
}
