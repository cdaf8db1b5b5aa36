import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { questionTypes } from '../src/lib/quiz/registry';
import { axeViolations } from './fixtures/axe';
import { and, eq, isNotNull } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { createInvite } from '../src/lib/server/auth/invites';
import { end } from '../src/lib/server/live/sessions';
import { addWorkComment } from '../src/lib/server/classes/drill-down';
import { answerCorrectly, answerWrongly } from './fixtures/answer';
import { createClassWorld, type Person } from './fixtures/classes';
import { content, lessons } from './fixtures/content';
import { withE2eDatabase } from './fixtures/db';
import { registerPlatform } from '../src/lib/server/lti/platforms';
import { liveStages, sessionAtStage, sessionFor, type LiveStage } from './fixtures/live';

// Every page route in src/routes, as every role that can see it, in the light theme: it answers the
// expected status, fits 320 px and 640 px (1280 px at 200% zoom) without sideways scrolling, and with
// reduced motion asked for nothing on it moves; at 1280 px axe finds nothing (WCAG 2.0, 2.1 and 2.2, A and
// AA, and best practices). Axe skips a role's visit only where the same page body is checked as another
// role and that role's header on other pages (row.axeAs), and a lesson's pages where other lessons' pages
// show every kind of block and question they have (axedLessons). The dark theme's contrast is proven from
// the tokens in src/lib/styles/contrast.test.ts; here one case checks that the dark tokens reach the page.

type Role = 'anonymous' | 'student' | 'teacher' | 'admin';

interface Row {
	/** the route's folder under src/routes ('/+error' for the error page) */
	route: string;
	name: string;
	path: (world: World) => string;
	/** each role that visits, with the status it gets */
	as: Partial<Record<Role, number>>;
	/** the anonymous visitor plays in this live session as its guest */
	guestIn?: LiveStage;
	/** arranges data before the visit (it may have changed in an earlier case) */
	before?: (world: World) => Promise<unknown>;
	/** brings the page to the state to check, after the visit */
	then?: (page: Page, world: World) => Promise<void>;
	/** the roles whose visit runs axe too (every role by default) */
	axeAs?: Role[];
	/** axe skips the row in both languages: other lessons' rows of its route show each of its parts */
	partsAxedElsewhere?: true;
	/** false where the Spanish sweep skips the row (the same page body in Spanish is visited by another row) */
	spanish?: false;
}

const everyone = { anonymous: 200, student: 200, teacher: 200 };
const signedIn = { student: 200, teacher: 200 };
const teacherOnly = { student: 403, teacher: 200 };

const quizLessons = lessons.filter((lesson) => lesson.quizIds.length > 0);
const allLessons = [...content.lessons.values()].sort((a, b) => a.number - b.number);
const questionById = new Map(allLessons.flatMap((l) => l.questions.map((q) => [q.id, q])));
const firstQuizQuestion = (type: string) => {
	for (const lesson of quizLessons) {
		const question = lesson.questions.find((q) => q.type === type && lesson.quizIds.includes(q.id));
		if (question) return { lesson, question };
	}
	throw new Error(`no ${type} question in a quiz`);
};
const choice = firstQuizQuestion('single-choice');
// a signed-in reader's header, progress and attempts do not depend on the lesson: they are seen on one
// lesson, and every other lesson's own prose and questions by an anonymous reader
const readersOf = (slug: string): Row['as'] =>
	slug === choice.lesson.slug ? everyone : { anonymous: 200 };

type Lesson = (typeof allLessons)[number];
const typeOf = (id: string) => questionById.get(id)!.type;
/** What a lesson's page shows that another's may not: each kind of block, each type of inline check. */
const lessonPageParts = (lesson: Lesson) => [
	...lesson.checkIds.map((id) => `check: ${typeOf(id)}`),
	...(lesson.excerptIds.length > 0 ? ['excerpt'] : []),
	...(lesson.factIds.length > 0 ? ['other sources'] : []),
	...(lesson.documentIds.length > 0 ? ['packet document'] : []),
	...(lesson.extensionCheckIds.length > 0 || lesson.extensionMinutes > 0 ? ['extension'] : []),
	lesson.number === 0 ? 'start here' : 'numbered lesson',
	lesson.quizIds.length > 0 ? 'quiz links' : 'no quiz'
];
/** What a lesson's practice, quiz and quiz review pages show: each type of question in its quiz. */
const quizPageParts = (lesson: Lesson) => lesson.quizIds.map(typeOf);

/**
 * The lessons whose pages axe checks: the one every role reads, then, while a part is unseen, the lesson
 * showing the most unseen parts. Any other lesson's page is more of what these show (its own prose).
 */
function axedLessons(candidates: Lesson[], parts: (lesson: Lesson) => string[]): Set<string> {
	const chosen = new Set([choice.lesson.slug]);
	const seen = new Set(parts(choice.lesson));
	const unseen = (lesson: Lesson) => new Set(parts(lesson).filter((part) => !seen.has(part))).size;
	for (;;) {
		const next = candidates.reduce((best, lesson) =>
			unseen(lesson) > unseen(best) ? lesson : best
		);
		if (unseen(next) === 0) return chosen;
		chosen.add(next.slug);
		for (const part of parts(next)) seen.add(part);
	}
}
const axedLessonPages = axedLessons(allLessons, lessonPageParts);
const axedQuizPages = axedLessons(quizLessons, quizPageParts);
const axedIn = (axed: Set<string>, lesson: Lesson) =>
	axed.has(lesson.slug) ? {} : { partsAxedElsewhere: true as const };

const classUrl = (world: World) => `/classes/${world.classes.ownClass.id}`;
const hostUrl = (world: World, stage: LiveStage) => `/live/host/${world.live[stage].session.id}`;
const playUrl = (world: World, stage: LiveStage) => `/live/${world.live[stage].session.code}`;

/** A page of the teacher's own class ('' for the dashboard), as its teacher sees it. */
function classPage(
	name: string,
	subPath: string,
	query?: (world: World) => string,
	then?: Row['then']
): Row {
	return {
		route: `/classes/[classId]${subPath}`,
		name,
		path: (world) => `${classUrl(world)}${subPath}${query?.(world) ?? ''}`,
		as: { teacher: 200 },
		then
	};
}

const drillDownUrl = (world: World) =>
	`${classUrl(world)}/students/${world.classes.student.id}/lessons/${world.classes.assignment.lessonSlug}`;

/** A new comment of the teacher's on the student's quiz lesson, so returned work has something unseen. */
async function commentOn(world: World) {
	await withE2eDatabase((db) =>
		addWorkComment(db, {
			classId: world.classes.ownClass.id,
			studentId: world.classes.student.id,
			lessonSlug: world.classes.assignment.lessonSlug!,
			authorId: world.classes.teacher.id,
			body: 'Good use of the source. Next time, quote the paragraph you rely on.'
		})
	);
}

async function noValidation(page: Page, form = page.locator('main form').first()) {
	await form.evaluate((element) => element.setAttribute('novalidate', ''));
}

/** A teacher's pending deep-linking request from a registered LMS, as a launch leaves it: its id for the row. */
let deepLinkId = '';
async function arrangeDeepLink(world: World) {
	deepLinkId = `sweep${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
	await withE2eDatabase(async (db) => {
		const issuer = `https://${deepLinkId}.instructure.example`;
		const registered = await registerPlatform(db, {
			name: 'District Canvas',
			issuer,
			clientId: '10000000000042',
			authUrl: `${issuer}/api/lti/authorize_redirect`,
			tokenUrl: `${issuer}/login/oauth2/token`,
			jwksUrl: `${issuer}/api/lti/security/jwks`,
			deploymentIds: ['42:abc']
		});
		if (!registered.ok) throw new Error('platform not registered');
		await db.write((tx) =>
			tx.insert(db.tables.ltiDeepLinks).values({
				id: deepLinkId,
				platformId: registered.id,
				deploymentId: '42:abc',
				userId: world.classes.teacher.id,
				classId: world.classes.ownClass.id,
				returnUrl: `${issuer}/courses/1/deep_linking_response`,
				data: null,
				acceptLineItem: true,
				expiresAt: new Date(Date.now() + 3_600_000)
			})
		);
	});
}

const rows: Row[] = [
	{ route: '/', name: 'home', path: () => '/', as: everyone },
	{ route: '/lessons', name: 'lessons', path: () => '/lessons', as: everyone },
	...allLessons.map((lesson) => ({
		route: '/lessons/[slug]',
		name: `lesson ${lesson.slug}`,
		path: () => `/lessons/${lesson.slug}`,
		as: readersOf(lesson.slug),
		...axedIn(axedLessonPages, lesson)
	})),
	...quizLessons.flatMap((lesson) =>
		(['practice', 'quiz'] as const).map((mode): Row => ({
			route: '/lessons/[slug]/quiz',
			name: `${mode} ${lesson.slug}`,
			path: () => `/lessons/${lesson.slug}/quiz?mode=${mode}`,
			as: readersOf(lesson.slug),
			...axedIn(axedQuizPages, lesson),
			// practice and quiz show the same questions: in Spanish, practice is seen on one lesson
			...(mode === 'practice' && lesson.slug !== choice.lesson.slug ? { spanish: false } : {})
		}))
	),
	...quizLessons.map((lesson): Row => ({
		route: '/lessons/[slug]/quiz',
		name: `quiz ${lesson.slug} submitted: the review of every answer`,
		path: () => `/lessons/${lesson.slug}/quiz?mode=quiz`,
		as: { anonymous: 200 },
		...axedIn(axedQuizPages, lesson),
		then: async (page) => {
			for (const id of lesson.quizIds) {
				await answerCorrectly(page.locator(`#question-${id}`), questionById.get(id)!);
			}
			await page.getByRole('button', { name: 'Submit the quiz' }).click();
			await expect(page.getByRole('heading', { level: 1, name: /^Quiz review/ })).toBeVisible();
		}
	})),
	{
		route: '/lessons/[slug]/quiz',
		name: 'quiz refused for unanswered questions',
		path: () => `/lessons/${choice.lesson.slug}/quiz?mode=quiz`,
		as: { anonymous: 200 },
		then: async (page) => {
			await noValidation(page, page.locator('main form'));
			await page.getByRole('button', { name: 'Submit the quiz' }).click();
			await expect(page.getByRole('alert')).toBeVisible();
		}
	},
	{
		route: '/lessons/[slug]/quiz',
		name: 'practice feedback for a wrong answer',
		path: () => `/lessons/${choice.lesson.slug}/quiz?mode=practice`,
		as: { anonymous: 200 },
		then: async (page) => {
			const section = page.locator(`#question-${choice.question.id}`);
			await answerWrongly(section, choice.question);
			await section.getByRole('button', { name: 'Check answer' }).click();
			await expect(section.getByRole('heading', { name: 'Not quite' })).toBeVisible();
		}
	},
	{
		route: '/lessons/[slug]/quiz/attempts/[attemptId]',
		name: 'a submitted quiz',
		path: (world) => `/lessons/${world.attempt.lessonSlug}/quiz/attempts/${world.attempt.id}`,
		as: { student: 200 }
	},
	// these three show everyone the same body
	{
		route: '/glossary',
		name: 'glossary',
		path: () => '/glossary',
		as: everyone,
		axeAs: ['anonymous']
	},
	{
		route: '/timeline',
		name: 'timeline',
		path: () => '/timeline',
		as: everyone,
		axeAs: ['anonymous']
	},
	{
		route: '/sources/packet',
		name: 'document packet',
		path: () => '/sources/packet',
		as: everyone,
		axeAs: ['anonymous']
	},
	...[...content.sources.keys()].map((id) => ({
		route: '/sources/[id]',
		name: `source ${id}`,
		path: () => `/sources/${id}`,
		as: everyone,
		axeAs: ['anonymous'] as Role[]
	})),
	...[...content.adapted.keys()].map((id) => ({
		route: '/sources/[id]/adapted',
		name: `adapted source ${id}`,
		path: () => `/sources/${id}/adapted`,
		as: everyone,
		axeAs: ['anonymous'] as Role[]
	})),
	...['', '/article', '/timeline', '/notes', '/map'].map((handout) => ({
		route: `/handouts${handout}`,
		name: `handouts${handout}`,
		path: () => `/handouts${handout}`,
		as: everyone,
		axeAs: ['anonymous'] as Role[]
	})),
	{ route: '/signin', name: 'sign in', path: () => '/signin', as: { anonymous: 200 } },
	{
		route: '/signin',
		name: 'sign in refused',
		path: () => '/signin',
		as: { anonymous: 200 },
		then: async (page) => {
			await page.getByLabel('Email or username').fill('nobody-here');
			await page.getByLabel('Password').fill('not the password');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{ route: '/signup', name: 'sign up', path: () => '/signup', as: { anonymous: 200 } },
	{
		route: '/signup',
		name: 'sign up with errors',
		path: () => '/signup',
		as: { anonymous: 200 },
		then: async (page) => {
			await noValidation(page);
			await page.getByRole('button', { name: 'Create account' }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{
		route: '/admin',
		name: 'admin',
		path: () => '/admin',
		as: { student: 403, teacher: 403, admin: 200 },
		// the 403 page is checked as a student on /teacher-guide and as a teacher on another's class
		axeAs: ['admin']
	},
	{
		route: '/admin/lti',
		name: 'LMS connections',
		path: () => '/admin/lti',
		as: { admin: 200 },
		before: arrangeDeepLink
	},
	{
		route: '/admin/lti',
		name: 'LMS connections, a registration with mistakes',
		path: () => '/admin/lti',
		as: { admin: 200 },
		then: async (page) => {
			const form = page.locator('form[action="?/register"]');
			await noValidation(page, form);
			await form.getByLabel('Issuer').fill('http://lms.example.org');
			await form.getByRole('button', { name: 'Register platform' }).click();
			await expect(page.getByText('Issuer must be an https:// address.').first()).toBeVisible();
		}
	},
	{
		route: '/lti/launch',
		name: 'the LTI launch address opened by hand',
		path: () => '/lti/launch',
		as: { anonymous: 200 }
	},
	{
		route: '/lti/launch',
		name: 'an LTI launch refused',
		path: () => '/lti/launch',
		as: { anonymous: 200 },
		then: async (page) => {
			// what a platform's auto-posted form does, with a sign-in this browser never started
			await page.evaluate(() => {
				const form = document.createElement('form');
				form.method = 'POST';
				form.action = '/lti/launch';
				for (const [name, value] of Object.entries({ id_token: 'a.b.c', state: 'never-started' })) {
					const input = document.createElement('input');
					input.type = 'hidden';
					input.name = name;
					input.value = value;
					form.append(input);
				}
				document.body.append(form);
				form.submit();
			});
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Evidencia couldn’t open this activity'
			);
		}
	},
	{
		route: '/lti/deep-link/[id]',
		name: 'adding Evidencia to an LMS course',
		path: () => `/lti/deep-link/${deepLinkId}`,
		as: { teacher: 200 },
		before: arrangeDeepLink
	},
	{
		route: '/lti/deep-link/[id]',
		name: 'adding Evidencia to an LMS course, the pick made',
		path: () => `/lti/deep-link/${deepLinkId}`,
		as: { teacher: 200 },
		before: arrangeDeepLink,
		then: async (page) => {
			await page
				.getByRole('radio', { name: /^Its quiz / })
				.first()
				.check();
			await page.getByRole('button', { name: 'Continue' }).click();
			await expect(page.getByRole('button', { name: 'Add to District Canvas' })).toBeVisible();
		}
	},
	{ route: '/invites', name: 'invite teachers', path: () => '/invites', as: { admin: 200 } },
	{
		route: '/invites',
		name: 'invite teachers, a link just made',
		path: () => '/invites',
		as: { admin: 200 },
		then: async (page) => {
			await page.getByLabel('Note (optional)').fill('Ms. Ortega, history');
			await page.getByRole('button', { name: 'Create invite link' }).click();
			await expect(page.getByRole('textbox', { name: 'Invite link' })).toBeVisible();
		}
	},
	{
		route: '/invite/[token]',
		name: 'an invite link',
		before: async (world) => {
			const invite = await withE2eDatabase((db) =>
				createInvite(db, { id: world.classes.admin.id, role: 'admin' }, { role: 'teacher' })
			);
			if (!invite.ok) throw new Error('the admin could not invite');
			world.inviteToken = invite.token;
		},
		path: (world) => `/invite/${world.inviteToken}`,
		as: { anonymous: 200 }
	},
	{ route: '/signout', name: 'sign out', path: () => '/signout', as: everyone },
	{ route: '/join', name: 'join a class', path: () => '/join', as: everyone },
	{
		route: '/join',
		name: 'join a class from its link, with errors',
		path: (world) => `/join?code=${world.classes.ownClass.joinCode}`,
		as: { anonymous: 200 },
		then: async (page) => {
			await noValidation(page);
			await page.getByRole('button', { name: 'Create account and join class' }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{ route: '/learn', name: 'my learning', path: () => '/learn', as: signedIn },
	{
		route: '/learn',
		name: 'my learning with returned work',
		path: () => '/learn',
		as: { student: 200 },
		before: (world) => commentOn(world),
		then: async (page) => {
			await expect(page.getByRole('heading', { name: 'Returned work' })).toBeVisible();
		}
	},
	{
		route: '/learn/returned',
		name: 'returned work',
		path: () => '/learn/returned',
		as: signedIn,
		before: (world) => commentOn(world)
	},
	{
		route: '/learn',
		name: 'my learning after joining a class',
		path: (world) => `/learn?joined=${world.classes.ownClass.id}`,
		as: { student: 200 }
	},
	{ route: '/account', name: 'account', path: () => '/account', as: signedIn },
	{
		route: '/account',
		name: 'account with a refused password change',
		path: () => '/account',
		as: { student: 200 },
		then: async (page) => {
			await page.getByLabel('Current password').fill('not the password');
			await page.getByLabel('New password', { exact: true }).fill('a new password here');
			await page.getByLabel('New password again').fill('another password');
			await page.getByRole('button', { name: 'Change password' }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{
		route: '/review',
		name: 'review with due cards',
		path: () => '/review',
		as: signedIn,
		before: (world) => makeCardsDue(world.classes.student)
	},
	{
		route: '/review',
		name: 'review after answering a card',
		path: () => '/review',
		as: { student: 200 },
		before: (world) => makeCardsDue(world.classes.student),
		then: async (page) => {
			const card = page.locator('section.practice-question').first();
			const questionId = (await card.getAttribute('id'))!.replace(/^question-/, '');
			await answerCorrectly(card, questionById.get(questionId)!);
			const rating = card.getByRole('group', { name: 'How well did you remember the answer?' });
			if ((await rating.count()) > 0) await rating.getByRole('radio', { name: /^Good/ }).check();
			await card.getByRole('button', { name: 'Check answer' }).click();
			await expect(card.getByText('Why:')).toBeVisible();
		}
	},
	{ route: '/teacher-guide', name: 'teacher guide', path: () => '/teacher-guide', as: teacherOnly },
	{
		route: '/classes',
		name: 'classes',
		path: () => '/classes',
		as: teacherOnly,
		axeAs: ['teacher']
	},
	{
		route: '/classes/[classId]',
		name: 'class dashboard',
		path: classUrl,
		as: teacherOnly,
		axeAs: ['teacher']
	},
	classPage(
		'class dashboard sorted by a score',
		'',
		(world) => `?sort=score:${world.classes.assignment.lessonSlug}&dir=desc`
	),
	{
		route: '/classes/[classId]',
		name: 'another teacher’s class',
		path: (world) => `/classes/${world.classes.otherClass.id}`,
		as: { teacher: 403 }
	},
	classPage('class questions', '/questions'),
	classPage('class questions from live review', '/questions', () => '?source=live'),
	classPage('class students', '/students'),
	classPage('accommodations saved for a student', '/students', undefined, async (page, world) => {
		const form = page.getByRole('group', { name: world.classes.student.displayName });
		await form.getByLabel('Extra time').selectOption({ label: '×1.5' });
		await form.getByRole('button', { name: /^Save/ }).click();
		await expect(form.getByRole('status')).toHaveText('✓ Saved');
	}),
	classPage('removing a student', '/students', (world) => `?remove=${world.classes.student.id}`),
	classPage('login cards for new students', '/students', undefined, async (page) => {
		await page.getByLabel('Student names, one per line').fill('Dana Ortiz\nEli Park');
		await page.getByRole('button', { name: 'Create accounts and login cards' }).click();
		await expect(page.getByRole('heading', { name: 'Login cards for 2 students' })).toBeVisible();
	}),
	classPage('a class list file with problems', '/students', undefined, async (page) => {
		await page.getByLabel(/^Class list:/).setInputFiles({
			name: 'period-3.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(
				'Last Name,First Name,Email Address\nRuiz,Ana,a@example.org\n,,b@example.org\n'
			)
		});
		await page.getByRole('button', { name: 'Import students' }).click();
		await expect(page.getByRole('heading', { name: 'Nothing was imported' })).toBeVisible();
	}),
	classPage('login cards from an imported class list', '/students', undefined, async (page) => {
		await page.getByLabel(/^Class list:/).setInputFiles({
			name: 'grades.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('First Name,Last Name\nFay,Imported\nGus,Imported\n')
		});
		await page.getByRole('button', { name: 'Import students' }).click();
		await expect(page.getByRole('heading', { name: 'Login cards for 2 students' })).toBeVisible();
	}),
	classPage('class assignments', '/assignments'),
	classPage(
		'deleting an assignment',
		'/assignments',
		(world) => `?delete=${world.classes.assignment.id}`
	),
	classPage('assigning a quiz, its settings shown', '/assignments', undefined, async (page) => {
		await page.waitForLoadState('networkidle');
		await page.getByRole('radio', { name: /^Quiz:/ }).check();
		await expect(page.getByRole('group', { name: 'Quiz settings' })).toBeVisible();
	}),
	classPage(
		'editing a quiz’s settings',
		'/assignments',
		(world) => `?edit=${world.classes.assignment.id}`
	),
	{
		route: '/classes/[classId]/students/[studentId]/lessons/[slug]',
		name: 'a student’s work on a lesson',
		path: drillDownUrl,
		as: teacherOnly,
		axeAs: ['teacher'],
		before: (world) => commentOn(world)
	},
	{
		route: '/classes/[classId]/students/[studentId]/lessons/[slug]',
		name: 'a student’s work on a lesson, a comment refused',
		path: drillDownUrl,
		as: { teacher: 200 },
		then: async (page) => {
			await noValidation(page, page.locator('form').filter({ hasText: 'Send the comment' }));
			await page.getByRole('button', { name: 'Send the comment' }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	classPage('an assignment refused', '/assignments', undefined, async (page) => {
		await noValidation(page, page.locator('form').filter({ hasText: 'What to assign' }));
		// a time without a date is refused by the server
		await page.getByLabel('Due time').fill('09:30');
		await page.getByRole('button', { name: 'Assign' }).click();
		await expect(page.getByRole('alert').first()).toBeVisible();
	}),
	classPage('grading', '/grading'),
	classPage('grading after a save', '/grading', undefined, async (page) => {
		// a level ticked while the page hydrates can be lost on a loaded machine: wait for its scripts
		await page.waitForLoadState('networkidle');
		await page
			.getByRole('radio', { name: /^Level 1 – / })
			.first()
			.check();
		await page.getByRole('button', { name: 'Save score' }).first().click();
		await expect(
			page.getByRole('status').filter({ hasText: /^Score (saved|changed)/ })
		).toBeVisible();
	}),
	classPage('class settings', '/settings'),
	{ route: '/live', name: 'live', path: () => '/live', as: everyone },
	{
		route: '/live',
		name: 'live with a refused start form',
		path: () => '/live',
		as: { teacher: 200 },
		then: async (page) => {
			await page.getByRole('radio', { name: 'Custom' }).check();
			await page.getByRole('button', { name: 'Create the session' }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{
		route: '/live/[code]',
		name: 'joining a live session',
		path: (world) => `/live/${world.joinable.code}`,
		as: everyone
	},
	{
		route: '/live/[code]',
		name: 'joining a live session with a refused nickname',
		path: (world) => `/live/${world.joinable.code}`,
		as: { anonymous: 200 },
		then: async (page) => {
			await page.getByLabel('Nickname').fill('Shithead');
			await page.getByRole('button', { name: 'Join', exact: true }).click();
			await expect(page.getByRole('alert')).toBeVisible();
		}
	},
	{
		route: '/live/[code]',
		name: 'an ended live session',
		path: (world) => `/live/${world.closed.code}`,
		as: { anonymous: 200 }
	},
	...liveStages.flatMap((stage): Row[] => [
		{
			route: '/live/[code]',
			name: `live player, ${stage}`,
			path: (world) => playUrl(world, stage),
			as: { anonymous: 200, student: stage === 'removed' ? undefined : 200 },
			guestIn: stage
		},
		{
			route: '/live/host/[sessionId]',
			name: `live host, ${stage}`,
			path: (world) => hostUrl(world, stage),
			as: { teacher: 200 },
			// with the guest taken out, the host and the projector show the lobby again
			axeAs: stage === 'removed' ? [] : undefined
		},
		{
			route: '/live/host/[sessionId]/projector',
			name: `live projector, ${stage}`,
			path: (world) => `${hostUrl(world, stage)}/projector`,
			as: { teacher: 200 },
			axeAs: stage === 'removed' ? [] : undefined
		}
	]),
	{
		route: '/live/host/[sessionId]',
		name: 'live host, renaming a guest',
		path: (world) => `${hostUrl(world, 'lobby')}?player=${world.live.lobby.guestPlayerId}`,
		as: { teacher: 200 }
	},
	{
		route: '/live/host/[sessionId]',
		name: 'live host, extra time for a student',
		path: (world) => `${hostUrl(world, 'lobby')}?player=${world.live.lobby.studentPlayerId}`,
		as: { teacher: 200 }
	},
	{
		route: '/live/host/[sessionId]',
		name: 'live host, removing a player',
		path: (world) => `${hostUrl(world, 'lobby')}?remove=${world.live.lobby.guestPlayerId}`,
		as: { teacher: 200 }
	},
	{
		route: '/live/host/[sessionId]',
		name: 'live host, ending the session',
		path: (world) => `${hostUrl(world, 'question')}?end`,
		as: { teacher: 200 }
	},
	{
		route: '/live/host/[sessionId]/report',
		name: 'live report',
		path: (world) => `${hostUrl(world, 'ended')}/report`,
		as: { teacher: 200 }
	},
	{
		route: '/+error',
		name: 'a page that does not exist',
		path: () => '/no-such-page',
		as: {
			anonymous: 404,
			student: 404,
			teacher: 404
		},
		axeAs: ['anonymous']
	}
];

type ClassWorld = Awaited<ReturnType<typeof createClassWorld>>;
interface World {
	classes: ClassWorld;
	attempt: { id: string; lessonSlug: string };
	live: Record<LiveStage, Awaited<ReturnType<typeof sessionAtStage>>>;
	/** a live session in its lobby that nobody has joined */
	joinable: { code: string };
	/** a live session that ended before anybody joined */
	closed: { code: string };
	/** the open invite link the invite page's row made */
	inviteToken?: string;
}

async function makeCardsDue(who: Person) {
	await withE2eDatabase((db) =>
		db.write((tx) =>
			tx
				.update(db.tables.reviewCards)
				.set({ due: new Date(Date.now() - 1000) })
				.where(eq(db.tables.reviewCards.userId, who.id))
		)
	);
}

async function createWorld(): Promise<World> {
	const classes = await createClassWorld();
	const { attempt, student } = await withE2eDatabase(async (db) => {
		const { attempts, users } = db.tables;
		const [found] = await db.read
			.select({ id: attempts.id, lessonSlug: attempts.lessonSlug })
			.from(attempts)
			.where(and(eq(attempts.userId, classes.student.id), isNotNull(attempts.submittedAt)));
		const [user] = await db.read
			.select({ displayName: users.displayName })
			.from(users)
			.where(eq(users.id, classes.student.id));
		if (!found || !user) throw new Error('the class world has no submitted quiz');
		return {
			attempt: found,
			student: {
				id: classes.student.id,
				username: classes.student.username,
				displayName: user.displayName,
				role: 'student' as const,
				isGuest: false
			}
		};
	});
	const teacherId = classes.teacher.id;
	const live = {} as World['live'];
	for (const stage of liveStages) live[stage] = await sessionAtStage(stage, teacherId, student);
	const joinable = await sessionFor(teacherId);
	const closed = await sessionFor(teacherId);
	await withE2eDatabase((db) => end(db, { sessionId: closed.id, teacherId }));
	return { classes, attempt, live, joinable, closed };
}

// ---- what each case checks

async function expectNoAxeViolations(page: Page, label: string) {
	expect(await axeViolations(page), `axe violations on ${label}`).toEqual([]);
}

/** How far the page scrolls sideways, and the elements that stick out past the viewport. */
function sidewaysOverflow(page: Page) {
	return page.evaluate(() => {
		const root = document.documentElement;
		const width = root.clientWidth;
		// what a scroller or a clipping box holds does not widen the page
		const clipped = (element: Node) => {
			for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
				if (getComputedStyle(box).overflowX !== 'visible') return true;
			}
			return false;
		};
		const sticking = [...document.body.querySelectorAll('*')]
			.filter((element) => element.getBoundingClientRect().right > width && !clipped(element))
			.slice(0, 5)
			.map((element) => {
				const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
				return `${name} to ${element.getBoundingClientRect().right.toFixed(1)} px`;
			});
		// and text that runs past its box (an unbreakable word)
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		for (let node = walker.nextNode(); node && sticking.length < 8; node = walker.nextNode()) {
			range.selectNodeContents(node);
			const parent = node.parentElement;
			if (!parent || clipped(node) || range.getBoundingClientRect().right <= width) continue;
			sticking.push(
				`text “${node.textContent?.trim().slice(0, 30)}” in ${parent.tagName.toLowerCase()}`
			);
		}
		return { overflow: root.scrollWidth - width, sticking };
	});
}

async function expectNoSidewaysScrolling(page: Page, label: string) {
	for (const [width, height] of [
		[640, 360],
		[320, 640]
	] as const) {
		await page.setViewportSize({ width, height });
		// with media emulation on, Chromium re-resolves vw units only at the next frame
		await page.evaluate(
			() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
		);
		// a loaded CI machine may measure one frame before the new width's layout; real overflow stays
		await expect
			.poll(
				async () => {
					const { overflow, sticking } = await sidewaysOverflow(page);
					return overflow === 0 ? 'none' : `${overflow} px; sticking out: ${sticking}`;
				},
				{ message: `${label} at ${width} px scrolls sideways`, timeout: 3_000 }
			)
			.toBe('none');
	}
}

/** Elements (and their ::before and ::after) with a transition or an animation longer than 1 ms. */
function movingElements(page: Page) {
	return page.evaluate(() => {
		const seconds = (list: string) =>
			Math.max(
				...list
					.split(',')
					.map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1))
					.filter((n) => !Number.isNaN(n)),
				0
			);
		const moving: string[] = [];
		for (const element of document.querySelectorAll('*')) {
			for (const pseudo of [null, '::before', '::after']) {
				const style = getComputedStyle(element, pseudo);
				const transition = seconds(style.transitionDuration);
				const animation = style.animationName === 'none' ? 0 : seconds(style.animationDuration);
				if (transition > 0.001 || animation > 0.001) {
					moving.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
				}
			}
		}
		if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') {
			moving.push('html (smooth scrolling)');
		}
		return moving;
	});
}

// ---- the cases

let world: World;
test.beforeAll(async () => {
	test.setTimeout(120_000);
	world = await createWorld();
});

// each case arranges what it changes, so the cases split over both workers, each half on its own world
test.describe.configure({ mode: 'parallel', timeout: 120_000 });

test.describe('light theme', () => {
	test.use({ colorScheme: 'light', reducedMotion: 'reduce' });

	for (const row of rows) {
		for (const [role, status] of Object.entries(row.as) as [Role, number | undefined][]) {
			if (status === undefined) continue;
			test(`${row.name} as ${role === 'anonymous' && row.guestIn ? 'a guest' : role}`, async ({
				page,
				context,
				baseURL
			}) => {
				const who = role === 'anonymous' ? null : world.classes[role];
				if (who) {
					await context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL! }]);
				}
				if (role === 'anonymous' && row.guestIn) {
					await context.addCookies([{ ...world.live[row.guestIn].guestCookie, url: baseURL! }]);
				}
				await row.before?.(world);
				const path = row.path(world);
				const response = await page.goto(path);
				expect(response?.status(), `${path} status`).toBe(status);
				await row.then?.(page, world);
				const label = `${row.name} (${path}) as ${role}`;
				if (!row.partsAxedElsewhere && (row.axeAs?.includes(role) ?? true)) {
					await expectNoAxeViolations(page, label);
				}
				expect(await movingElements(page), `${label}: moves with reduced motion`).toEqual([]);
				await expectNoSidewaysScrolling(page, label);
			});
		}
	}
});

// The same pages in Spanish, each once, as the role whose page body it is: lang="es", the status, axe (as
// in English, not where other lessons' pages show every part) and no sideways scrolling (longer Spanish
// words are what breaks a phone layout). Rows that act on the page
// (row.then) click English labels; their Spanish states are checked in the tests/es-*.spec.ts journeys.
const roleOrder: Role[] = ['anonymous', 'student', 'teacher', 'admin'];
const spanishVisits = rows.flatMap((row) => {
	if (row.then || row.spanish === false || row.axeAs?.length === 0) return [];
	const role = row.axeAs?.[0] ?? roleOrder.find((r) => row.as[r] !== undefined);
	return role ? [{ row, role, status: row.as[role]! }] : [];
});

test.describe('light theme, in Spanish', () => {
	test.use({ colorScheme: 'light', reducedMotion: 'reduce' });

	for (const { row, role, status } of spanishVisits) {
		test(`${row.name} as ${role}, in Spanish`, async ({ page, context, baseURL }) => {
			const who = role === 'anonymous' ? null : world.classes[role];
			if (who) {
				await context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL! }]);
			}
			if (role === 'anonymous' && row.guestIn) {
				await context.addCookies([{ ...world.live[row.guestIn].guestCookie, url: baseURL! }]);
			}
			await row.before?.(world);
			const path = `/es${row.path(world)}`.replace(/^\/es\/$/, '/es/');
			const response = await page.goto(path);
			expect(response?.status(), `${path} status`).toBe(status);
			await expect(page.locator('html')).toHaveAttribute('lang', 'es');
			const label = `${row.name} (${path}) as ${role}`;
			if (!row.partsAxedElsewhere) await expectNoAxeViolations(page, label);
			await expectNoSidewaysScrolling(page, label);
		});
	}
});

test('the sweep visits every page route in src/routes', () => {
	const routes: string[] = [];
	const walk = (dir: string, route: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(`${dir}/${entry.name}`, `${route}/${entry.name}`);
			else if (entry.name === '+page.svelte') routes.push(route || '/');
			else if (entry.name === '+error.svelte') routes.push(`${route}/+error`);
		}
	};
	walk('src/routes', '');
	const swept = new Set(rows.map((row) => row.route));
	expect(routes.filter((route) => !swept.has(route))).toEqual([]);
	expect(routes.length).toBeGreaterThan(20);
	// skipping axe for some visits still leaves every route, and every role's header, checked by it
	const axed = rows.flatMap((row) =>
		(Object.entries(row.as) as [Role, number | undefined][])
			.filter(
				([role, status]) =>
					status !== undefined && !row.partsAxedElsewhere && (row.axeAs?.includes(role) ?? true)
			)
			.map(([role]) => ({ route: row.route, role }))
	);
	const axedRoutes = new Set(axed.map((visit) => visit.route));
	expect(routes.filter((route) => !axedRoutes.has(route))).toEqual([]);
	expect(new Set(axed.map((visit) => visit.role))).toEqual(
		new Set(['anonymous', 'student', 'teacher', 'admin'])
	);
	// and every route is checked in Spanish too, by axe as well
	const spanishRoutes = new Set(spanishVisits.map((visit) => visit.row.route));
	expect(routes.filter((route) => !spanishRoutes.has(route))).toEqual([]);
	const spanishAxedRoutes = new Set(
		spanishVisits.filter((visit) => !visit.row.partsAxedElsewhere).map((visit) => visit.row.route)
	);
	expect(routes.filter((route) => !spanishAxedRoutes.has(route))).toEqual([]);
});

test('axe sees every part of a lesson page and of a quiz page on some lesson, but not every lesson', () => {
	for (const [axed, candidates, parts] of [
		[axedLessonPages, allLessons, lessonPageParts],
		[axedQuizPages, quizLessons, quizPageParts]
	] as const) {
		const axedParts = new Set(candidates.filter((l) => axed.has(l.slug)).flatMap(parts));
		expect(candidates.flatMap(parts).filter((part) => !axedParts.has(part))).toEqual([]);
		expect(axed.has(choice.lesson.slug)).toBe(true);
		expect(axed.size).toBeLessThan(candidates.length);
	}
	// every question type is in some quiz, so each one's practice, quiz and review markup meets axe
	expect(new Set(quizLessons.flatMap(quizPageParts))).toEqual(new Set(Object.keys(questionTypes)));
});

test('axe, as the sweep runs it, finds faint text, an unlabelled field and an image without alt', async ({
	page
}) => {
	await page.goto('/glossary');
	await page
		.locator('main')
		.evaluate((main) =>
			main.insertAdjacentHTML(
				'beforeend',
				'<p style="color: #999999; background: #ffffff">faint</p><input type="text"><img src="/x.png">'
			)
		);
	const rules = (await axeViolations(page)).map((violation) => violation.split(':')[0]);
	expect(rules).toEqual(expect.arrayContaining(['color-contrast', 'label', 'image-alt']));
});

test('the dark theme’s colour tokens reach the page when the system asks for it', async ({
	page
}) => {
	const colours = () =>
		page.evaluate(() => {
			const body = getComputedStyle(document.body);
			const button = getComputedStyle(document.querySelector('main a.button')!);
			return { page: body.backgroundColor, text: body.color, button: button.backgroundColor };
		});
	// a fresh load in each scheme, so no transition is caught half-way
	await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
	await page.goto('/');
	expect(await colours()).toEqual({
		page: 'rgb(251, 250, 247)',
		text: 'rgb(27, 30, 35)',
		button: 'rgb(26, 86, 168)'
	});
	await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
	await page.goto('/');
	expect(await colours()).toEqual({
		page: 'rgb(20, 23, 28)',
		text: 'rgb(233, 235, 238)',
		button: 'rgb(143, 185, 255)'
	});
});

test('buttons and links animate unless reduced motion is asked for', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	await page.goto(`/lessons/${choice.lesson.slug}/quiz?mode=practice`);
	expect(await movingElements(page)).toEqual(expect.arrayContaining(['button.button']));
	await page.emulateMedia({ reducedMotion: 'reduce' });
	expect(await movingElements(page)).toEqual([]);
});
