import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { content } from '../progress/test-content';
import { claim } from './claims';
import { LtiRefusal } from './refusal';
import { classLmsLink, nextPageUrl, syncCourseRoster } from './roster';
import { describeWithPlatform, instructor, launched, learner } from './test-platform';

describe('roster paging', () => {
	it('reads the next page from a Link header among other relations', () => {
		expect(
			nextPageUrl(
				'<https://lms.example/m?p=1>; rel="prev", <https://lms.example/m?p=3>; rel="next"'
			)
		).toBe('https://lms.example/m?p=3');
		expect(nextPageUrl('<https://lms.example/m?p=1>; rel="differences"')).toBeNull();
		expect(nextPageUrl(null)).toBeNull();
	});
});

describeWithPlatform('LTI roster sync', (opened) => {
	it('adds the course’s active learners by name, without emails, once', async () => {
		const { db, platform } = opened();
		const teacher = await launched(db, platform, content, {
			[claim.nrps]: {
				context_memberships_url: `${platform.issuer}/memberships`,
				service_versions: ['2.0']
			}
		});
		expect(await classLmsLink(db, teacher.classId)).toEqual({
			platformName: 'Test LMS',
			canSyncRoster: true
		});
		platform.members = [
			{ user_id: 'teacher-1', status: 'Active', roles: [instructor], name: 'Maya Torres' },
			{
				user_id: 's-1',
				status: 'Active',
				roles: [learner],
				name: 'Ana Ruiz',
				email: 'ana@school.example'
			},
			{ user_id: 's-2', roles: [learner], given_name: 'Ben', family_name: 'Okafor' },
			{ user_id: 's-3', status: 'Inactive', roles: [learner], name: 'Chloé Martin' },
			{ user_id: 's-4', status: 'Active', roles: [learner], name: 'Dev Patel' }
		];
		expect(await syncCourseRoster(db, teacher.classId)).toEqual({
			added: 3,
			alreadyIn: 0,
			skipped: 2
		});
		const { users, classMembers } = db.tables;
		const members = await db.read
			.select({ name: users.displayName, email: users.email, role: users.role })
			.from(classMembers)
			.innerJoin(users, eq(users.id, classMembers.userId))
			.where(eq(classMembers.classId, teacher.classId));
		expect(members.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
			{ name: 'Ana Ruiz', email: null, role: 'student' },
			{ name: 'Ben Okafor', email: null, role: 'student' },
			{ name: 'Dev Patel', email: null, role: 'student' }
		]);
		// again: nobody twice
		expect(await syncCourseRoster(db, teacher.classId)).toEqual({
			added: 0,
			alreadyIn: 3,
			skipped: 2
		});

		// the platform down: a clear refusal, nothing changed
		platform.down = true;
		const refusal = await syncCourseRoster(db, teacher.classId).catch((error: unknown) => error);
		platform.down = false;
		expect(refusal).toBeInstanceOf(LtiRefusal);
		expect((refusal as LtiRefusal).code).toBe('roster-unreachable');
	});
});
