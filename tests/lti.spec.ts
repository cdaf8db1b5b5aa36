import { expect, test, type Browser, type Page } from '@playwright/test';
import { databaseFingerprint } from '../src/lib/server/db/fingerprint';
import { registerPlatform } from '../src/lib/server/lti/platforms';
import { quizQuestions } from '../src/lib/server/quiz/answers';
import { answerCorrectly } from './fixtures/answer';
import { axeViolations } from './fixtures/axe';
import { content } from './fixtures/content';
import {
	liveEngines,
	startPostgresServers,
	startSqliteServer,
	type LiveServers
} from './fixtures/live-servers';
import { startMockLms, type MockLms, type Tamper } from './fixtures/mock-lms';
import { spareE2ePorts } from './fixtures/paths.js';

// LTI 1.3 against the mock platform (tests/fixtures/mock-lms.ts), on the production server of each engine: a
// teacher deep-links a quiz, a student launches it and submits, the platform's gradebook shows the score.

const quizLesson = content.lessons.get('corruption-on-both-sides')!;
const questions = quizQuestions(quizLesson);

for (const [index, engine] of liveEngines().entries()) {
	test.describe(`LTI 1.3 [${engine}]`, () => {
		test.describe.configure({ mode: 'serial' });
		let servers: LiveServers;
		let lms: MockLms;
		let origin: string;

		test.beforeAll(async () => {
			const port = spareE2ePorts[index]!;
			servers =
				engine === 'sqlite' ? await startSqliteServer(port) : await startPostgresServers([port]);
			origin = servers.servers[0]!.origin;
			lms = await startMockLms({ toolUrl: origin });
			await servers.withDatabase(async (db) => {
				const registered = await registerPlatform(db, {
					name: 'Civics Canvas',
					issuer: lms.issuer,
					clientId: lms.clientId,
					authUrl: lms.authUrl,
					tokenUrl: lms.tokenUrl,
					jwksUrl: lms.jwksUrl,
					deploymentIds: [lms.deploymentId]
				});
				if (!registered.ok) throw new Error('platform not registered');
			});
		});
		test.afterAll(async () => {
			await lms?.close();
			await servers?.close();
		});

		async function freshPage(browser: Browser): Promise<Page> {
			const context = await browser.newContext();
			return context.newPage();
		}

		test('a teacher deep-links a quiz, a student launches and submits, the gradebook shows the score', async ({
			browser
		}) => {
			const teacher = await freshPage(browser);
			await teacher.goto(lms.launchUrl({ user: lms.teacher.sub, message: 'deep-link' }));
			await expect(teacher).toHaveURL(new RegExp(`^${origin}/lti/deep-link/[a-z0-9]+$`));
			await expect(teacher.getByRole('heading', { level: 1 })).toHaveText(
				'Add Evidencia to your course'
			);
			expect(await axeViolations(teacher)).toEqual([]);
			await teacher
				.getByRole('radio', {
					name: `Its quiz (${questions.length} questions) — ${quizLesson.title}`
				})
				.check();
			await teacher.getByRole('button', { name: 'Continue' }).click();
			await expect(
				teacher.getByText(`Ready to add “Quiz: ${quizLesson.title}” to Civics Canvas.`)
			).toBeVisible();
			expect(await axeViolations(teacher)).toEqual([]);
			await teacher.getByRole('button', { name: 'Add to Civics Canvas' }).click();
			await expect(teacher.getByRole('heading', { level: 1 })).toContainText(
				`Quiz: ${quizLesson.title}`
			);
			const [link] = lms.resourceLinks();
			expect(link?.custom).toEqual({
				evidencia_target: `quiz:${quizLesson.slug}`,
				evidencia_behaviour: 'quiz'
			});
			const [lineItem] = lms.lineItems();
			expect(lineItem).toMatchObject({
				scoreMaximum: 100,
				resourceLinkId: link?.id,
				label: `Quiz: ${quizLesson.title}`
			});

			const ana = lms.students[0]!;
			const student = await freshPage(browser);
			await student.goto(
				lms.launchUrl({ user: ana.sub, message: 'resource-link', resourceLinkId: link!.id })
			);
			await expect(student).toHaveURL(`${origin}/lessons/${quizLesson.slug}/quiz?mode=quiz`);
			await student.getByRole('button', { name: 'Start the quiz' }).click();
			for (const question of questions)
				await answerCorrectly(student.locator(`#question-${question.id}`), question);
			await student.getByRole('button', { name: 'Submit the quiz' }).click();
			await expect(student).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
			const submittedAt = Date.now();

			const gradebook = await freshPage(browser);
			const cell = gradebook.locator(
				`td[data-student="${ana.sub}"][data-line-item="${lineItem!.id}"]`
			);
			await expect(async () => {
				await gradebook.goto(`${lms.url}/gradebook`);
				await expect(cell).toHaveText('100 / 100', { timeout: 200 });
			}).toPass({ timeout: 5_000, intervals: [250] });
			expect(Date.now() - submittedAt).toBeLessThan(5_000);
			expect(lms.scores()).toMatchObject([
				{ userId: ana.sub, scoreGiven: 100, scoreMaximum: 100, gradingProgress: 'FullyGraded' }
			]);

			// the teacher's class is the course, with Ana in it by her LMS name and no email kept
			await servers.withDatabase(async (db) => {
				const rows = await db.read.select().from(db.tables.users);
				expect(rows.map((row) => [row.displayName, row.role, row.email]).sort()).toEqual([
					[ana.name, 'student', null],
					[lms.teacher.name, 'teacher', null]
				]);
			});
		});

		test('a score the LMS refused is sent after the server is killed and started again', async ({
			browser
		}) => {
			const ben = lms.students[1]!;
			const lineItem = lms.lineItems()[0]!;
			const student = await freshPage(browser);
			await student.goto(
				lms.launchUrl({
					user: ben.sub,
					message: 'resource-link',
					resourceLinkId: lms.resourceLinks()[0]!.id
				})
			);
			await student.getByRole('button', { name: 'Start the quiz' }).click();
			for (const question of questions)
				await answerCorrectly(student.locator(`#question-${question.id}`), question);
			lms.setScoresDown(true);
			await student.getByRole('button', { name: 'Submit the quiz' }).click();
			await expect(student).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
			await expect.poll(() => lms.refusedScorePosts()).toBeGreaterThanOrEqual(1);
			// killed once the refusal is on record (killed mid-send, the grade waits for its 30 s lease instead)
			await expect
				.poll(() =>
					servers.withDatabase(async (db) => {
						const syncs = await db.read.select().from(db.tables.ltiGradeSyncs);
						return syncs.filter((sync) => sync.failures > 0 && sync.leaseUntil === null).length;
					})
				)
				.toBe(1);

			// the process dies with the grade unsent; the LMS comes back; so does the process
			await servers.servers[0]!.kill();
			lms.setScoresDown(false);
			await servers.servers[0]!.restart();
			await expect
				.poll(() => lms.scores().filter((score) => score.userId === ben.sub), { timeout: 15_000 })
				.toMatchObject([{ lineItemId: lineItem.id, scoreGiven: 100, scoreMaximum: 100 }]);
		});

		test('the teacher brings the course roster into the class, without emails', async ({
			browser
		}) => {
			const page = await freshPage(browser);
			await page.goto(lms.launchUrl({ user: lms.teacher.sub, message: 'deep-link' }));
			await expect(page).toHaveURL(/\/lti\/deep-link\//);
			const classId = await servers.withDatabase(async (db) => {
				const [context] = await db.read.select().from(db.tables.ltiContexts);
				return context!.classId;
			});
			await page.goto(`${origin}/classes/${classId}/students`);
			await expect(page.getByRole('heading', { name: 'From Civics Canvas' })).toBeVisible();
			await page.getByRole('button', { name: 'Bring in the roster from Civics Canvas' }).click();
			// Ana and Ben launched already; Chloé comes from the roster
			await expect(page.getByRole('status')).toHaveText(
				'New students: 1. Already in the class: 2.'
			);
			for (const student of lms.students)
				await expect(page.getByText(student.name).first()).toBeVisible();
			await servers.withDatabase(async (db) => {
				const students = await db.read.select().from(db.tables.users);
				expect(students.every((user) => user.email === null)).toBe(true);
			});
		});

		const tampers: [Tamper, string][] = [
			['bad-signature', 'signature does not match'],
			['unknown-kid', 'signed with a key'],
			['wrong-aud', 'meant for another tool'],
			['wrong-iss', 'did not come from Civics Canvas'],
			['expired', 'token has expired'],
			['wrong-nonce', 'nonce differs'],
			['unknown-deployment', 'unknown deployment id'],
			['no-message-type', 'lti/claim/message_type']
		];
		for (const [tamper, message] of tampers) {
			test(`refuses a launch with ${tamper}, saying why, and stores nothing`, async ({
				browser
			}) => {
				const before = await servers.withDatabase((db) => databaseFingerprint(db));
				const page = await freshPage(browser);
				const response = page.waitForResponse((r) => r.url() === `${origin}/lti/launch`);
				await page.goto(
					lms.launchUrl({
						user: lms.students[1]!.sub,
						message: 'resource-link',
						resourceLinkId: lms.resourceLinks()[0]!.id,
						tamper
					})
				);
				expect((await response).status()).toBeGreaterThanOrEqual(400);
				expect((await response).status()).toBeLessThan(500);
				await expect(page.getByText(message)).toBeVisible();
				const after = await servers.withDatabase((db) => databaseFingerprint(db));
				const { ltiNonces: _a, ...kept } = after;
				const { ltiNonces: _b, ...was } = before;
				expect(kept).toEqual(was);
			});
		}

		test('refuses a replayed launch and a learner asking to add activities, storing nothing', async ({
			browser
		}) => {
			const page = await freshPage(browser);
			const ben = lms.students[1]!;
			await page.goto(
				lms.launchUrl({
					user: ben.sub,
					message: 'resource-link',
					resourceLinkId: lms.resourceLinks()[0]!.id
				})
			);
			await expect(page).toHaveURL(new RegExp(`/lessons/${quizLesson.slug}/quiz`));
			const replayed = lms.lastLaunchForm()!;
			const before = await servers.withDatabase((db) => databaseFingerprint(db));
			const again = await page.request.post(replayed.action, {
				form: { id_token: replayed.idToken, state: replayed.state }
			});
			expect(again.status()).toBe(400);
			expect(await again.text()).toContain('already been used');

			const learner = await freshPage(browser);
			const response = learner.waitForResponse((r) => r.url() === `${origin}/lti/launch`);
			await learner.goto(lms.launchUrl({ user: ben.sub, message: 'deep-link' }));
			expect((await response).status()).toBe(403);
			await expect(
				learner.getByText("Only a course's teachers can add Evidencia activities")
			).toBeVisible();
			const after = await servers.withDatabase((db) => databaseFingerprint(db));
			const { ltiNonces: _a, sessions: _c, ...kept } = after;
			const { ltiNonces: _b, sessions: _d, ...was } = before;
			expect(kept).toEqual(was);
		});

		test('a launch in a browser signed in as someone else signs in the launching user instead', async ({
			browser
		}) => {
			const page = await freshPage(browser);
			await page.goto(lms.launchUrl({ user: lms.teacher.sub, message: 'deep-link' }));
			await expect(page.getByRole('link', { name: lms.teacher.name })).toBeVisible();
			const chloe = lms.students[2]!;
			await page.goto(
				lms.launchUrl({
					user: chloe.sub,
					message: 'resource-link',
					resourceLinkId: lms.resourceLinks()[0]!.id
				})
			);
			await expect(page).toHaveURL(new RegExp(`/lessons/${quizLesson.slug}/quiz`));
			await expect(page.getByRole('link', { name: chloe.name })).toBeVisible();
			await expect(page.getByRole('link', { name: lms.teacher.name })).toHaveCount(0);
			expect((await page.goto(`${origin}/classes`))?.status()).toBe(403);
		});

		test('follows the platform to its new key when it rotates', async ({ browser }) => {
			await lms.rotateKey();
			const page = await freshPage(browser);
			await page.goto(
				lms.launchUrl({
					user: lms.students[2]!.sub,
					message: 'resource-link',
					resourceLinkId: lms.resourceLinks()[0]!.id
				})
			);
			await expect(page).toHaveURL(new RegExp(`/lessons/${quizLesson.slug}/quiz`));
		});
	});
}
