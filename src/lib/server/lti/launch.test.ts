import { eq } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import { exportUserData } from '../account/my-data';
import type { Database } from '../db/database';
import { databaseFingerprint, type DatabaseFingerprint } from '../db/fingerprint';
import { content } from '../progress/test-content';
import { claim } from './claims';
import { answerDeepLink } from './deep-linking';
import { toolJwks } from './keys';
import { verifyLaunch } from './launch';
import { beginLogin } from './login';
import { applyLaunch } from './provision';
import { LtiRefusal } from './refusal';
import {
	cookieJar,
	instructor,
	launchForm,
	learner,
	describeWithPlatform,
	toolOrigin,
	type TestPlatform
} from './test-platform';

const withoutNonces = ({ ltiNonces: _spent, ...rest }: DatabaseFingerprint) => rest;

async function refusalOf(work: Promise<unknown>): Promise<LtiRefusal> {
	const outcome = await work.then(
		() => null,
		(error: unknown) => error
	);
	if (!(outcome instanceof LtiRefusal))
		throw new Error(`expected a refusal, got ${String(outcome)}`);
	return outcome;
}

const quizSlug = content.lessonsInOrder.find((lesson) => lesson.quizIds.length > 0)?.slug ?? '';

describeWithPlatform('LTI launch', (opened) => {
	let db: Database;
	let platform: TestPlatform;
	beforeAll(() => {
		({ db, platform } = opened());
	});

	/** a login, then a launch of these claims (or a token the case signs itself), checked and applied */
	async function launchWith(
		overrides: Record<string, unknown>,
		options: { key?: 'platform' | 'stranger'; kid?: string; cookies?: 'none' } = {}
	) {
		const login = await platform.login();
		const token = await platform.sign(platform.launch(login.nonce, overrides), options);
		const cookies = options.cookies === 'none' ? cookieJar({}) : login.cookies;
		const launch = await verifyLaunch(db, launchForm(token, login.state), cookies);
		return applyLaunch(db, content, launch);
	}

	const refusals: [
		string,
		Record<string, unknown>,
		{ key?: 'stranger'; kid?: string; cookies?: 'none' }
	][] = [
		['bad-signature', {}, { key: 'stranger', kid: 'platform-key-1' }],
		['unknown-kid', {}, { key: 'stranger' }],
		['wrong-aud', { aud: 'another-tool' }, {}],
		['wrong-iss', { iss: 'https://lms.example.org' }, {}],
		[
			'expired',
			{ iat: Math.floor(Date.now() / 1000) - 1200, exp: Math.floor(Date.now() / 1000) - 600 },
			{}
		],
		['wrong-nonce', { nonce: 'a-nonce-from-another-login' }, {}],
		['unknown-deployment', { [claim.deploymentId]: 'deployment-9' }, {}],
		['learner-deep-link', { sub: 'student-1', [claim.roles]: [learner] }, {}],
		['bad-claim', { [claim.messageType]: undefined }, {}],
		['bad-claim', { [claim.version]: '1.1' }, {}],
		[
			'no-course-role',
			{ [claim.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'] },
			{}
		],
		['no-state-cookie', {}, { cookies: 'none' }]
	];

	for (const [code, overrides, options] of refusals) {
		it(`refuses ${code} (${Object.keys(overrides).join(', ') || Object.values(options).join(', ')}) and stores nothing`, async () => {
			const before = withoutNonces(await databaseFingerprint(db));
			const refusal = await refusalOf(launchWith(overrides, options));
			expect(refusal.code).toBe(code);
			expect(refusal.status).toBeGreaterThanOrEqual(400);
			expect(refusal.status).toBeLessThan(500);
			expect(refusal.message.length).toBeGreaterThan(20);
			expect(withoutNonces(await databaseFingerprint(db))).toEqual(before);
		});
	}

	it('refuses a replayed launch: the state and its nonce are spent by the first', async () => {
		const login = await platform.login();
		const token = await platform.sign(platform.launch(login.nonce));
		await verifyLaunch(db, launchForm(token, login.state), login.cookies);
		const refusal = await refusalOf(
			verifyLaunch(db, launchForm(token, login.state), login.cookies)
		);
		expect(refusal.code).toBe('used-state');
	});

	it('refuses a login from an unregistered issuer or deployment, storing no nonce', async () => {
		const before = await databaseFingerprint(db);
		const params = (overrides: Record<string, string>) =>
			new URLSearchParams({
				iss: platform.issuer,
				login_hint: 'x',
				target_link_uri: `${toolOrigin}/lti/launch`,
				...overrides
			});
		expect(
			(await refusalOf(beginLogin(db, params({ iss: 'https://nobody.example' }), toolOrigin))).code
		).toBe('unknown-platform');
		expect(
			(await refusalOf(beginLogin(db, params({ lti_deployment_id: 'deployment-9' }), toolOrigin)))
				.code
		).toBe('unknown-deployment');
		expect(
			(
				await refusalOf(
					beginLogin(db, params({ target_link_uri: 'https://elsewhere.example/x' }), toolOrigin)
				)
			).code
		).toBe('target-elsewhere');
		expect(await databaseFingerprint(db)).toEqual(before);
	});

	it('accepts several audiences only when azp names this tool', async () => {
		const refusal = await refusalOf(
			launchWith({ aud: [platform.clientId, 'other'], azp: 'other' })
		);
		expect(refusal.code).toBe('wrong-aud');
	});

	it('refuses a student whose teacher has not opened Evidencia in the course yet, storing nothing', async () => {
		const before = withoutNonces(await databaseFingerprint(db));
		const refusal = await refusalOf(
			launchWith({
				sub: 'early-student',
				context: undefined,
				[claim.context]: { id: 'course-without-teacher' },
				[claim.roles]: [learner],
				[claim.messageType]: 'LtiResourceLinkRequest',
				[claim.resourceLink]: { id: 'link-0' }
			})
		);
		expect(refusal.code).toBe('course-not-set-up');
		expect(withoutNonces(await databaseFingerprint(db))).toEqual(before);
	});

	it('maps a teacher deep link, the link it returns, and a student launch into one class', async () => {
		const { users, classes, classMembers, ltiAccounts, assignments, ltiLinks } = db.tables;
		const teacherLaunch = await launchWith({});
		expect(teacherLaunch.redirectTo).toMatch(/^\/lti\/deep-link\/[a-z0-9]+$/);
		const [teacher] = await db.read.select().from(users).where(eq(users.id, teacherLaunch.userId));
		expect(teacher).toMatchObject({ role: 'teacher', displayName: 'Maya Torres', email: null });
		const [course] = await db.read
			.select()
			.from(classes)
			.where(eq(classes.id, teacherLaunch.classId));
		expect(course).toMatchObject({ name: 'Civics 101', teacherId: teacherLaunch.userId });

		// the teacher picks a lesson's quiz: a signed LtiDeepLinkingResponse with a line item
		const deepLinkId = teacherLaunch.redirectTo.split('/').at(-1) ?? '';
		const answer = await answerDeepLink(db, content, {
			id: deepLinkId,
			userId: teacherLaunch.userId,
			target: `quiz:${quizSlug}`,
			behaviour: 'practice',
			toolOrigin
		});
		expect(answer.returnUrl).toBe(`${platform.issuer}/deep-link/return`);
		const { payload } = await jwtVerify(answer.jwt, createLocalJWKSet(await toolJwks(db)), {
			issuer: platform.clientId,
			audience: platform.issuer
		});
		expect(payload[claim.messageType]).toBe('LtiDeepLinkingResponse');
		expect(payload[claim.deploymentId]).toBe('deployment-1');
		expect(payload[claim.deepLinkingData]).toBe('opaque-data');
		const [item] = payload[claim.contentItems] as Record<string, unknown>[];
		expect(item).toMatchObject({
			type: 'ltiResourceLink',
			url: `${toolOrigin}/lti/launch`,
			custom: { evidencia_target: `quiz:${quizSlug}`, evidencia_behaviour: 'quiz' },
			lineItem: { scoreMaximum: 100, resourceId: `quiz:${quizSlug}` }
		});
		// the request is spent: a second pick is refused
		const again = await refusalOf(
			answerDeepLink(db, content, {
				id: deepLinkId,
				userId: teacherLaunch.userId,
				target: 'module',
				behaviour: 'practice',
				toolOrigin
			})
		);
		expect(again.code).toBe('no-deep-link');

		// the platform now launches that link for a student, with its custom parameters and line item
		const linkClaims = {
			[claim.messageType]: 'LtiResourceLinkRequest',
			[claim.deepLinkingSettings]: undefined,
			[claim.resourceLink]: { id: 'link-1', title: 'Quiz' },
			[claim.custom]: (item as { custom: Record<string, string> }).custom,
			[claim.agsEndpoint]: {
				scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
				lineitem: `${platform.issuer}/courses/course-101/lineitems/1`
			}
		};
		const studentLaunch = await launchWith({
			...linkClaims,
			sub: 'student-1',
			name: 'Ana Ruiz',
			email: 'ana@school.example',
			[claim.roles]: [learner]
		});
		expect(studentLaunch.classId).toBe(teacherLaunch.classId);
		expect(studentLaunch.redirectTo).toBe(`/lessons/${quizSlug}/quiz?mode=quiz`);
		const [student] = await db.read.select().from(users).where(eq(users.id, studentLaunch.userId));
		expect(student).toMatchObject({ role: 'student', displayName: 'Ana Ruiz', email: null });
		const members = await db.read
			.select()
			.from(classMembers)
			.where(eq(classMembers.classId, teacherLaunch.classId));
		expect(members.map((row) => row.userId)).toEqual([studentLaunch.userId]);
		const [link] = await db.read.select().from(ltiLinks);
		expect(link?.lineItemUrl).toBe(`${platform.issuer}/courses/course-101/lineitems/1`);
		const [assignment] = await db.read
			.select()
			.from(assignments)
			.where(eq(assignments.id, link?.assignmentId ?? ''));
		expect(assignment).toMatchObject({
			lessonSlug: quizSlug,
			behaviour: 'quiz',
			classId: teacherLaunch.classId
		});

		// the same student again: the same account, no second membership or assignment
		const relaunch = await launchWith({
			...linkClaims,
			sub: 'student-1',
			[claim.roles]: [learner]
		});
		expect(relaunch.userId).toBe(studentLaunch.userId);
		expect(
			await db.read.select().from(ltiAccounts).where(eq(ltiAccounts.subject, 'student-1'))
		).toHaveLength(1);
		expect(await db.read.select().from(assignments)).toHaveLength(1);

		// the student's data download names the LMS and their id there; nothing else of the platform
		const exported = await exportUserData(db, studentLaunch.userId);
		expect(exported?.lmsAccounts).toEqual([
			{
				lms: 'Test LMS',
				issuer: platform.issuer,
				userIdThere: 'student-1',
				since: expect.any(Date)
			}
		]);

		// the teacher opening the link lands on the class's assignments
		const teacherOpens = await launchWith(linkClaims);
		expect(teacherOpens.redirectTo).toBe(`/classes/${teacherLaunch.classId}/assignments`);

		// a second instructor of the course can't take over the first one's class
		const coTeacher = await refusalOf(
			launchWith({ ...linkClaims, sub: 'teacher-2', [claim.roles]: [instructor] })
		);
		expect(coTeacher.code).toBe('another-teacher');
	});
});
