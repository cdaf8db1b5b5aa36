import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { Database } from '../db/database';
import { courseRole } from './claims';
import { scope } from './claims';
import { platformById } from './platforms';
import { accountFor, launchName } from './provision';
import { LtiRefusal } from './refusal';
import { accessToken, callPlatform, ServiceFailure } from './services';

const membershipMediaType = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** A course of 50 pages of members is far past any class; the loop stops there rather than follow a cycle. */
const maxPages = 50;

const membershipPage = z.object({
	members: z.array(
		z.object({
			user_id: z.string().min(1).max(255),
			status: z.string().optional(),
			roles: z.array(z.string()),
			name: z.string().max(200).optional(),
			given_name: z.string().max(100).optional(),
			family_name: z.string().max(100).optional()
		})
	)
});

/** Pure: the next page's address from a Link header, or null. */
export function nextPageUrl(link: string | null): string | null {
	if (!link) return null;
	for (const part of link.split(',')) {
		const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
		if (match?.[1]) return match[1];
	}
	return null;
}

export interface RosterSync {
	added: number;
	alreadyIn: number;
	/** members who are no student of the course, or inactive there */
	skipped: number;
}

/**
 * Brings the course's roster (Names and Role Provisioning Services) into its class: every active learner gets an
 * account (by platform and user id, no email) and a place in the class. Nobody is removed: a student who left the
 * course keeps their work here, and the teacher removes them as any other.
 */
export async function syncCourseRoster(
	db: Database,
	classId: string,
	now = new Date()
): Promise<RosterSync> {
	const { ltiContexts, classMembers } = db.tables;
	const [context] = await db.read
		.select()
		.from(ltiContexts)
		.where(eq(ltiContexts.classId, classId));
	if (!context) throw new LtiRefusal(409, 'not-lms-class', m.lti_roster_not_lms());
	if (!context.membershipsUrl)
		throw new LtiRefusal(409, 'no-roster-service', m.lti_roster_no_service());
	const platform = await platformById(db, context.platformId);
	if (!platform) throw new LtiRefusal(409, 'not-lms-class', m.lti_roster_not_lms());

	const members: z.infer<typeof membershipPage>['members'] = [];
	try {
		const token = await accessToken(db, platform, [scope.memberships], now);
		let url: string | null = context.membershipsUrl;
		for (let page = 0; url && page < maxPages; page++) {
			const response: Response = await callPlatform(
				url,
				{ headers: { authorization: `Bearer ${token}`, accept: membershipMediaType } },
				'roster'
			);
			const parsed = membershipPage.safeParse(await response.json().catch(() => null));
			if (!parsed.success)
				throw new ServiceFailure('roster: the platform sent an unreadable page', response.status);
			members.push(...parsed.data.members);
			url = nextPageUrl(response.headers.get('link'));
		}
	} catch (error) {
		if (error instanceof ServiceFailure) {
			throw new LtiRefusal(
				502,
				'roster-unreachable',
				m.lti_roster_unreachable({ name: platform.name })
			);
		}
		throw error;
	}
	const students = members.filter(
		(member) => (member.status ?? 'Active') === 'Active' && courseRole(member.roles) === 'student'
	);
	return db.write(async (tx) => {
		let added = 0;
		for (const member of students) {
			const userId = await accountFor(
				tx,
				db.tables,
				{
					platformId: platform.id,
					subject: member.user_id,
					role: 'student',
					name: launchName(member)
				},
				now
			).catch((error: unknown) => {
				// a course teacher's account listed as a learner too: not made a student here
				if (error instanceof LtiRefusal) return null;
				throw error;
			});
			if (!userId) continue;
			const inserted = await tx
				.insert(classMembers)
				.values({ classId, userId, joinedAt: now })
				.onConflictDoNothing()
				.returning({ userId: classMembers.userId });
			added += inserted.length;
		}
		return { added, alreadyIn: students.length - added, skipped: members.length - students.length };
	});
}

/** Whether this class came from an LMS course, and whether its roster can be synced. */
export async function classLmsLink(db: Database, classId: string) {
	const { ltiContexts, ltiPlatforms } = db.tables;
	const [row] = await db.read
		.select({ platformName: ltiPlatforms.name, membershipsUrl: ltiContexts.membershipsUrl })
		.from(ltiContexts)
		.innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContexts.platformId))
		.where(eq(ltiContexts.classId, classId));
	return row
		? { platformName: row.platformName, canSyncRoster: row.membershipsUrl !== null }
		: null;
}
