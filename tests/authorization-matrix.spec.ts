import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createInvite } from '../src/lib/server/auth/invites';
import { createAssignment } from '../src/lib/server/classes/assignments';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { openDatabase, type Database } from '../src/lib/server/db/database';
import { liveCookieName } from '../src/lib/server/live/players';
import type { Question } from '../src/lib/quiz/registry';
import { rightForm } from '../src/lib/server/live/test-live';
import { quizQuestions } from '../src/lib/server/quiz/answers';
import {
	createClassWorld,
	createPerson,
	guestNickname,
	quizLesson,
	testPassword,
	type Person,
	type PersonKind
} from './fixtures/classes';
import { content } from './fixtures/content';
import { databaseSnapshot, withE2eDatabase } from './fixtures/db';
import { liveLesson, liveQuestions, rightFields } from './fixtures/live';
import { parseBlock } from './fixtures/live-servers';
import { e2eDatabasePath } from './fixtures/paths.js';

// Issue #8's authorization matrix: every page load, file, event stream and form action of the app, asked
// by every kind of person. Allowed requests succeed; every other one is refused and changes no row of any
// table. Refusals and reads share one world; an allowed action runs on a world of its row's own, so what
// it changes never decides a later case.

/** The class world, plus open invite links of its admin's: one to look at, one to use per role. */
async function createMatrixWorld() {
	const world = await createClassWorld();
	const admin = { id: world.admin.id, role: 'admin' as const };
	const invites = await withE2eDatabase(async (db) => {
		const made = [];
		for (let i = 0; i <= roles.length; i++) {
			const invite = await createInvite(db, admin, { role: 'teacher', note: 'matrix' });
			if (!invite.ok) throw new Error('the admin could not invite');
			made.push({ id: invite.inviteId, token: invite.token });
		}
		return made;
	});
	const [invite, ...spare] = invites;
	// a quiz with a due date to reopen, made after the student's sitting so that still counts for world.assignment
	const dated = await withE2eDatabase((db) =>
		createAssignment(db, {
			classId: world.ownClass.id,
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			dueAt: new Date(Date.now() + 7 * 86_400_000)
		})
	);
	return {
		...world,
		datedAssignmentId: dated.id,
		invite: invite!,
		spareInviteTokens: spare.map((i) => i.token)
	};
}
type World = Awaited<ReturnType<typeof createMatrixWorld>>;

const roles = [
	'anonymous',
	'guest',
	'studentA',
	'studentB',
	'teacher',
	'otherTeacher',
	'admin'
] as const;
type Role = (typeof roles)[number];

const roleNames: Record<Role, string> = {
	anonymous: 'an anonymous visitor',
	guest: 'a guest (a visitor’s record, playing live by nickname)',
	studentA: 'student A',
	studentB: 'student B of another class',
	teacher: 'the teacher of the class',
	otherTeacher: 'another teacher',
	admin: 'an admin'
};

const kindOf: Record<Exclude<Role, 'anonymous'>, PersonKind> = {
	guest: 'guest',
	studentA: 'student',
	studentB: 'student',
	teacher: 'teacher',
	otherTeacher: 'teacher',
	admin: 'admin'
};

function personOf(world: World, role: Role): Person | null {
	const people: Record<Role, Person | null> = {
		anonymous: null,
		guest: world.guest,
		studentA: world.student,
		studentB: world.otherStudent,
		teacher: world.teacher,
		otherTeacher: world.otherTeacher,
		admin: world.admin
	};
	return people[role];
}

type Outcome =
	| { allowed: true; status: 200 }
	| { allowed: true; status: 303; location: RegExp }
	/** a visitor is sent to sign in and back */
	| { allowed: false; status: 303 }
	| { allowed: false; status: 400 | 401 | 403 | 404 | 409; message: RegExp };

const ok: Outcome = { allowed: true, status: 200 };
const goesTo = (location: RegExp): Outcome => ({ allowed: true, status: 303, location });
const signIn: Outcome = { allowed: false, status: 303 };
const refused = (status: 400 | 401 | 403 | 404 | 409, message: RegExp): Outcome => ({
	allowed: false,
	status,
	message
});

const teachersOnly = refused(403, /This page is for teachers\./);
const notYourClass = refused(
	403,
	/This class belongs to another teacher\. You can open only your own/
);
const notYourSession = refused(403, /This review session belongs to another teacher\./);
const notAPlayer = refused(403, /Join this review session first/);
const answerNotAPlayer = refused(403, /Join the session before you answer\./);

type Expectations = Record<Role, Outcome>;

const everyone = (outcome: Outcome): Expectations =>
	Object.fromEntries(roles.map((role) => [role, outcome])) as Expectations;
/** anyone signed in, guests too */
const signedIn = (outcome: Outcome): Expectations => ({ ...everyone(outcome), anonymous: signIn });
/** accounts only: a guest record is sent to sign in like a visitor */
const accounts = (outcome: Outcome): Expectations => ({ ...signedIn(outcome), guest: signIn });
const teachers = (outcome: Outcome): Expectations => ({
	anonymous: signIn,
	guest: teachersOnly,
	studentA: teachersOnly,
	studentB: teachersOnly,
	teacher: outcome,
	otherTeacher: outcome,
	admin: outcome
});
const classTeacher = (outcome: Outcome): Expectations => ({
	...teachers(outcome),
	otherTeacher: notYourClass,
	admin: notYourClass
});
const sessionHost = (outcome: Outcome): Expectations => ({
	...teachers(outcome),
	otherTeacher: notYourSession,
	admin: notYourSession
});
/** another teacher's own class or session, asked about class A's or the session's people and things */
const throughOtherClass = (outcome: Outcome): Expectations => ({
	...teachers(outcome),
	teacher: notYourClass,
	admin: notYourClass
});
const throughOtherSession = (outcome: Outcome): Expectations => ({
	...teachers(outcome),
	teacher: notYourSession,
	admin: notYourSession
});
/** signing in or up lands on the account's home */
const home: Expectations = {
	...everyone(goesTo(/^\/learn$/)),
	teacher: goesTo(/^\/classes$/),
	otherTeacher: goesTo(/^\/classes$/),
	admin: goesTo(/^\/classes$/)
};
const toHost = goesTo(/^\/live\/host\/[^/?]+$/);
const toProjector = goesTo(/^\/live\/host\/[^/?]+\/projector$/);
const toPlayer = goesTo(/^\/live\/\d{6}$/);

/** a File value (an upload) sends the form as multipart */
type Fields = [string, string | File][];
const fields = (values: Record<string, string>): Fields => Object.entries(values);
const formFields = (form: FormData): Fields =>
	[...form].map(([key, value]) => [key, String(value)]);

const sourceId = [...content.sources.keys()][0]!;

/** What a route's [params] stand for, unless a row says otherwise. */
const paramsOf = (w: World) => ({
	slug: quizLesson.slug,
	id: sourceId,
	attemptId: w.attemptId,
	classId: w.ownClass.id,
	joinCode: w.ownClass.joinCode,
	studentId: w.student.id,
	assignmentId: w.assignment.id,
	sessionId: w.live.id,
	code: w.live.code,
	playerId: w.guestPlayerId,
	token: w.invite.token
});
type Params = ReturnType<typeof paramsOf>;

interface Row {
	/** what is asked, for the case's name */
	name: string;
	/** the method and route as in src/routes, with a query where the row needs one */
	route: `${'GET' | 'POST'} /${string}`;
	params?: (w: World) => Partial<Params>;
	/** a body the rightful owner could send, so a refusal is about who asks, not what */
	form?: (w: World, me: Person | null) => Fields;
	expect: Expectations;
	/** an allowed case runs as a new person of the role: the action signs them out, changes or ends them */
	newPerson?: boolean;
	/** what an allowed 200 is */
	contentType?: RegExp;
	/** more about an allowed 200 (for a stream: its first event's data) */
	check?: (body: string, w: World, me: Person | null) => void;
	/** what no answer of this row may show, allowed or not */
	hides?: string[];
	/** ask for the page's data with its layouts' loads skipped, as client-side navigation may */
	pageLoadAlone?: boolean;
}

const json = /^application\/json/;
const svg = /^image\/svg\+xml/;
const csv = /^text\/csv/;
const eventStream = /^text\/event-stream/;

const checkQuestion = quizLesson.questions.find(
	(q) => quizLesson.checkIds.includes(q.id) && q.type !== 'written'
)!;
const quizQuestion = quizQuestions(quizLesson).find((q) => q.type !== 'written')!;
const answerFields = (question: Question): Fields => [
	['questionId', question.id],
	...formFields(rightForm(question))
];
const startForm = (classId: string, extraTimeFor?: string): Fields => [
	...fields({
		source: 'lesson',
		lesson: liveLesson.slug,
		classId,
		missedCount: '',
		timer: 'off',
		scoring: 'accuracy',
		leaderboard: 'shown',
		extraSeconds: extraTimeFor ? '30' : ''
	}),
	...(extraTimeFor ? [['extraStudent', extraTimeFor] as [string, string]] : [])
];
let fresh = 0;
const freshName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${fresh++}`;
const otherClass = (w: World) => ({ classId: w.otherClass.id });
const otherSession = (w: World) => ({ sessionId: w.otherLive.id });
const noJoining = refused(403, /Teachers don’t join classes\./);
const notAStudentHere = refused(404, /That student is not in this class/);
const notAnAssignmentHere = refused(404, /That assignment is not in this class/);
const notAPlayerHere = refused(404, /That player is not in this session\./);
const notYourClasses = refused(400, /Choose one of your current classes/);
const adminsOnly = refused(403, /This page is for Evidencia admins\./);
const notAnInviter = refused(403, /Only an admin can invite teachers here\./);
/** the admin only; a visitor is sent to sign in */
const admins = (outcome: Outcome, refusal: Outcome): Expectations => ({
	...everyone(refusal),
	anonymous: signIn,
	admin: outcome
});
const signOutFirst = refused(409, /Sign out first/);
/** a quiz's settings, as the assign and edit forms send them */
const policy = {
	attempts: '2',
	answersShown: 'after-due',
	scoreShown: 'yes',
	timeLimit: '',
	gradingMethod: 'best'
};

const requests: Row[] = [
	// pages anyone may open
	{ name: 'home', route: 'GET /', expect: everyone(ok) },
	{ name: 'lessons', route: 'GET /lessons', expect: everyone(ok) },
	{ name: 'a lesson', route: 'GET /lessons/[slug]', expect: everyone(ok) },
	{ name: 'practice quiz', route: 'GET /lessons/[slug]/quiz', expect: everyone(ok) },
	{ name: 'quiz mode', route: 'GET /lessons/[slug]/quiz?mode=quiz', expect: everyone(ok) },
	{ name: 'glossary', route: 'GET /glossary', expect: everyone(ok) },
	{ name: 'a source', route: 'GET /sources/[id]', expect: everyone(ok) },
	{ name: 'an adapted source', route: 'GET /sources/[id]/adapted', expect: everyone(ok) },
	{ name: 'handouts', route: 'GET /handouts', expect: everyone(ok) },
	{ name: 'handout: the article', route: 'GET /handouts/article', expect: everyone(ok) },
	{ name: 'handout: timeline', route: 'GET /handouts/timeline', expect: everyone(ok) },
	{ name: 'handout: note sheet', route: 'GET /handouts/notes', expect: everyone(ok) },
	{ name: 'handout: border map', route: 'GET /handouts/map', expect: everyone(ok) },
	{ name: 'document packet', route: 'GET /sources/packet', expect: everyone(ok) },
	{ name: 'timeline', route: 'GET /timeline', expect: everyone(ok) },
	{ name: 'health check', route: 'GET /healthz', expect: everyone(ok), contentType: json },
	{ name: 'sign-in page', route: 'GET /signin', expect: { ...home, anonymous: ok, guest: ok } },
	{ name: 'sign-up page', route: 'GET /signup', expect: { ...home, anonymous: ok, guest: ok } },
	{ name: 'sign-out page', route: 'GET /signout', expect: everyone(ok) },
	{ name: 'join link', route: 'GET /join?code=[joinCode]', expect: everyone(ok) },
	{ name: 'live review page', route: 'GET /live', expect: everyone(ok) },
	{ name: 'live player page', route: 'GET /live/[code]', expect: everyone(ok) },

	// a person's own pages
	{ name: 'my progress', route: 'GET /learn', expect: signedIn(ok) },
	{ name: 'my returned work', route: 'GET /learn/returned', expect: signedIn(ok) },
	{ name: 'review', route: 'GET /review', expect: signedIn(ok) },
	{ name: 'account', route: 'GET /account', expect: accounts(ok) },
	{
		name: 'my data export',
		route: 'GET /account/export',
		expect: accounts(ok),
		contentType: json,
		check: (body, _w, me) => expect(JSON.parse(body).account.username).toBe(me?.username)
	},
	{
		// A's teacher reads A's answers on the class pages, not here: someone else's attempt looks missing
		name: 'student A’s quiz attempt',
		route: 'GET /lessons/[slug]/quiz/attempts/[attemptId]',
		expect: { ...signedIn(refused(404, /There is no such quiz attempt\./)), studentA: ok }
	},
	{ name: 'teacher guide (answer keys)', route: 'GET /teacher-guide', expect: teachers(ok) },
	{ name: 'my classes', route: 'GET /classes', expect: teachers(ok) },

	// a class belongs to its teacher
	{ name: 'class dashboard', route: 'GET /classes/[classId]', expect: classTeacher(ok) },
	{
		name: 'class dashboard sorted',
		route: 'GET /classes/[classId]?sort=name&dir=desc',
		expect: classTeacher(ok)
	},
	{
		name: 'question statistics',
		route: 'GET /classes/[classId]/questions',
		expect: classTeacher(ok)
	},
	{
		name: 'question statistics of live review answers',
		route: 'GET /classes/[classId]/questions?source=live',
		expect: classTeacher(ok)
	},
	{ name: 'students', route: 'GET /classes/[classId]/students', expect: classTeacher(ok) },
	{
		name: 'remove-student confirmation',
		route: 'GET /classes/[classId]/students?remove=[studentId]',
		expect: classTeacher(ok)
	},
	{
		name: 'join-code QR',
		route: 'GET /classes/[classId]/join-code.svg',
		expect: classTeacher(ok),
		contentType: svg
	},
	{ name: 'assignments', route: 'GET /classes/[classId]/assignments', expect: classTeacher(ok) },
	{
		name: 'delete-assignment confirmation',
		route: 'GET /classes/[classId]/assignments?delete=[assignmentId]',
		expect: classTeacher(ok)
	},
	{
		name: 'edit a quiz’s settings',
		route: 'GET /classes/[classId]/assignments?edit=[assignmentId]',
		expect: classTeacher(ok)
	},
	{
		// every cell of the dashboard opens it; the student's answers, the teacher's comments and the keys
		name: 'a student’s work on a lesson (drill-down)',
		route: 'GET /classes/[classId]/students/[studentId]/lessons/[slug]',
		expect: classTeacher(ok)
	},
	{ name: 'grading queue', route: 'GET /classes/[classId]/grading', expect: classTeacher(ok) },
	{ name: 'class settings', route: 'GET /classes/[classId]/settings', expect: classTeacher(ok) },
	{
		name: 'grades CSV',
		route: 'GET /classes/[classId]/export/grades.csv',
		expect: classTeacher(ok),
		contentType: csv
	},
	{
		name: 'responses CSV',
		route: 'GET /classes/[classId]/export/responses.csv',
		expect: classTeacher(ok),
		contentType: csv
	},

	// a live session belongs to its teacher
	{ name: 'host controls', route: 'GET /live/host/[sessionId]', expect: sessionHost(ok) },
	{
		name: 'rename-player step',
		route: 'GET /live/host/[sessionId]?player=[playerId]',
		expect: sessionHost(ok),
		check: (body) => expect(body).toContain(guestNickname)
	},
	{
		name: 'remove-player step',
		route: 'GET /live/host/[sessionId]?remove=[playerId]',
		expect: sessionHost(ok),
		check: (body) => expect(body).toContain(guestNickname)
	},
	{ name: 'end step', route: 'GET /live/host/[sessionId]?end', expect: sessionHost(ok) },
	{ name: 'projector', route: 'GET /live/host/[sessionId]/projector', expect: sessionHost(ok) },
	{ name: 'session report', route: 'GET /live/host/[sessionId]/report', expect: sessionHost(ok) },
	{
		name: 'session report CSV',
		route: 'GET /live/host/[sessionId]/report.csv',
		expect: sessionHost(ok),
		contentType: csv
	},
	{
		name: 'session join QR',
		route: 'GET /live/host/[sessionId]/qr.svg',
		expect: sessionHost(ok),
		contentType: svg
	},
	{
		name: 'host event stream',
		route: 'GET /live/host/[sessionId]/events',
		expect: sessionHost(ok),
		contentType: eventStream,
		check: (data, w) =>
			expect(JSON.parse(data)).toMatchObject({ sessionId: w.live.id, phase: 'question' })
	},

	// a player's stream is for the players of that session
	{
		name: 'player event stream',
		route: 'GET /live/[code]/events',
		expect: { ...everyone(notAPlayer), guest: ok, studentA: ok },
		contentType: eventStream,
		check: (data) => expect(JSON.parse(data)).toMatchObject({ phase: 'question' })
	},
	{
		// the guest sends its resume token under this session's cookie name too: it opens nothing here
		name: 'player event stream of another teacher’s session',
		route: 'GET /live/[code]/events',
		params: (w) => ({ code: w.otherLive.code }),
		expect: { ...everyone(notAPlayer), studentB: ok },
		contentType: eventStream,
		check: (data) => expect(JSON.parse(data)).toMatchObject({ phase: 'lobby' })
	},

	// a learner's own answers: anyone may answer, a visitor's answers start a guest record
	{
		name: 'answer a lesson check',
		route: 'POST /lessons/[slug]?/answer',
		form: () => answerFields(checkQuestion),
		expect: everyone(ok)
	},
	{
		name: 'mark a section read',
		route: 'POST /lessons/[slug]?/markRead',
		form: () => fields({ sectionId: quizLesson.sections[0]!.id }),
		expect: everyone(ok)
	},
	{
		name: 'answer a practice question',
		route: 'POST /lessons/[slug]/quiz?/answer',
		form: () => answerFields(quizQuestion),
		expect: everyone(ok)
	},
	{
		// only student A has the lesson assigned as a quiz (closed yesterday): nobody else has one to start
		name: 'start the assigned quiz',
		route: 'POST /lessons/[slug]/quiz?/start',
		form: () => [],
		expect: {
			...signedIn(refused(409, /This quiz is not assigned to you/)),
			studentA: refused(409, /This quiz closed on .+, so it can no longer be started\./)
		}
	},
	{
		name: 'submit the quiz',
		route: 'POST /lessons/[slug]/quiz?/submit',
		form: () => quizQuestions(quizLesson).flatMap((q) => formFields(rightForm(q))),
		expect: {
			...everyone(goesTo(new RegExp(`^/lessons/${quizLesson.slug}/quiz/attempts/[^/]+$`))),
			studentA: refused(409, /This quiz closed on .+, so it can no longer be started\./)
		}
	},
	{
		name: 'save a quiz draft',
		route: 'POST /lessons/[slug]/quiz?/draft',
		form: () => quizQuestions(quizLesson).flatMap((q) => formFields(rightForm(q))),
		expect: {
			...everyone(ok),
			anonymous: refused(401, /Your answers are kept once you submit the quiz\./),
			studentA: refused(409, /This quiz is not open: start it to answer its questions\./)
		}
	},
	{
		// a card is found by who answers: nobody else has A's card
		name: 'answer student A’s review card',
		route: 'POST /review?/answer',
		form: (w) => answerFields(content.questions.get(w.reviewQuestionId)!.question),
		expect: {
			...signedIn(refused(400, /That question is not in your review\./)),
			studentA: ok
		}
	},

	// accounts
	{
		// English, so that no signed-in account of the world starts opening pages in Spanish
		name: 'choose a language',
		route: 'POST /language',
		form: () => fields({ locale: 'en', return: '/lessons' }),
		expect: everyone(goesTo(/^\/lessons$/))
	},
	{
		name: 'sign in',
		route: 'POST /signin',
		form: (w, me) => {
			const account = me?.password ? me : w.student;
			return fields({ login: account.username, password: testPassword });
		},
		expect: home,
		newPerson: true
	},
	{
		name: 'sign up',
		route: 'POST /signup',
		form: () =>
			fields({ name: 'New Student', username: freshName('signup'), password: testPassword }),
		expect: everyone(goesTo(/^\/learn$/)),
		newPerson: true
	},
	{
		name: 'an invite link',
		route: 'GET /invite/[token]',
		expect: everyone(ok),
		hides: ['matrix']
	},
	{
		// each case takes an unused link of its own: accepting one uses it up
		name: 'accept an invite',
		route: 'POST /invite/[token]',
		params: (w) => ({ token: w.spareInviteTokens.pop() }),
		form: () =>
			fields({
				name: 'Invited Teacher',
				email: `${freshName('invited')}@example.org`,
				password: testPassword
			}),
		expect: {
			...everyone(signOutFirst),
			anonymous: goesTo(/^\/classes$/),
			guest: goesTo(/^\/classes$/)
		},
		newPerson: true
	},
	{ name: 'admin page', route: 'GET /admin', expect: admins(ok, adminsOnly) },
	{
		name: 'change site settings',
		route: 'POST /admin?/settings',
		form: () => [],
		expect: admins(ok, adminsOnly)
	},
	{
		name: 'bring in a class’s LMS roster',
		route: 'POST /classes/[classId]/students?/syncRoster',
		form: () => [],
		expect: classTeacher(refused(409, /This class was not made from an LMS course\./))
	},
	// LMS connections (LTI 1.3): the admin registers platforms; the platform's own endpoints need no account
	{ name: 'LMS connections', route: 'GET /admin/lti', expect: admins(ok, adminsOnly) },
	{
		name: 'register an LMS',
		route: 'POST /admin/lti?/register',
		form: () => {
			const lms = `https://${freshName('lms')}.example.edu`;
			return fields({
				name: 'District Canvas',
				issuer: lms,
				clientId: '10000000000042',
				authUrl: `${lms}/api/lti/authorize_redirect`,
				tokenUrl: `${lms}/login/oauth2/token`,
				jwksUrl: `${lms}/api/lti/security/jwks`,
				deploymentIds: '42:abc'
			});
		},
		expect: admins(ok, adminsOnly)
	},
	{
		name: 'an LMS’s deployment ids',
		route: 'POST /admin/lti?/deployments',
		form: () => fields({ platformId: 'no-such-platform', deploymentIds: '42:abc' }),
		expect: admins(refused(404, /No such platform is registered\./), adminsOnly)
	},
	{
		name: 'remove an LMS',
		route: 'POST /admin/lti?/remove',
		form: () => fields({ platformId: 'no-such-platform', confirm: 'on' }),
		expect: admins(refused(404, /No such platform is registered\./), adminsOnly)
	},
	{
		name: 'rotate the LTI signing key',
		route: 'POST /admin/lti?/rotateKey',
		form: () => [],
		expect: admins(ok, adminsOnly)
	},
	{
		name: 'the tool’s public keys',
		route: 'GET /lti/jwks',
		expect: everyone(ok),
		contentType: json
	},
	{
		name: 'LTI login without its parameters',
		route: 'GET /lti/login',
		expect: everyone(refused(400, /started a sign-in without its issuer/))
	},
	{
		name: 'LTI login posted from an unknown LMS',
		route: 'POST /lti/login',
		form: () => fields({ iss: 'https://nobody.example', login_hint: 'x', target_link_uri: 'x' }),
		expect: everyone(refused(400, /is not registered with Evidencia/))
	},
	{ name: 'the LTI launch address opened by hand', route: 'GET /lti/launch', expect: everyone(ok) },
	{
		name: 'LTI launch without a token',
		route: 'POST /lti/launch',
		form: () => fields({ state: 'made-up' }),
		expect: everyone(refused(400, /sent no sign-in token/))
	},
	{
		// a teacher's pending pick is theirs alone; an unknown or another's id is not found
		name: 'an LTI deep-linking pick',
		route: 'GET /lti/deep-link/[id]',
		expect: teachers(refused(404, /expired or was already used/))
	},
	{
		name: 'answer an LTI deep-linking pick',
		route: 'POST /lti/deep-link/[id]?/pick',
		form: () => fields({ target: 'module', behaviour: 'practice' }),
		expect: teachers(refused(404, /expired or was already used/))
	},
	{ name: 'invites', route: 'GET /invites', expect: admins(ok, notAnInviter) },
	{
		name: 'create an invite',
		route: 'POST /invites?/create',
		form: () => fields({ role: 'teacher', note: '' }),
		expect: admins(ok, notAnInviter)
	},
	{
		name: 'withdraw an invite',
		route: 'POST /invites?/revoke',
		form: (w) => fields({ inviteId: w.invite.id }),
		expect: admins(ok, notAnInviter)
	},
	{
		name: 'sign out',
		route: 'POST /signout',
		form: () => [],
		expect: everyone(goesTo(/^\/$/)),
		newPerson: true
	},
	{
		name: 'change my password',
		route: 'POST /account?/changePassword',
		form: () =>
			fields({
				currentPassword: testPassword,
				newPassword: 'a brand new password',
				confirmPassword: 'a brand new password'
			}),
		expect: accounts(ok),
		newPerson: true
	},
	{
		name: 'sign out everywhere',
		route: 'POST /account?/signOutEverywhere',
		form: () => fields({}),
		expect: accounts(goesTo(/^\/signin\?signedOut=everywhere$/)),
		newPerson: true
	},
	{
		name: 'delete my account',
		route: 'POST /account?/deleteAccount',
		form: (w, me) => fields({ confirmUsername: (me ?? w.student).username }),
		expect: accounts(goesTo(/^\/\?deleted=1$/)),
		newPerson: true
	},
	{
		name: 'join class A',
		route: 'POST /join',
		form: (w) =>
			fields({
				code: w.ownClass.joinCode,
				name: 'New Student',
				username: freshName('joiner'),
				password: testPassword,
				confirmPassword: testPassword
			}),
		expect: {
			...everyone(goesTo(/^\/learn\?joined=[^&]+$/)),
			teacher: noJoining,
			otherTeacher: noJoining,
			admin: noJoining
		},
		newPerson: true
	},
	{
		name: 'create a class',
		route: 'POST /classes?/create',
		form: () => fields({ name: 'A new class', timeZone: 'America/Los_Angeles' }),
		expect: teachers(goesTo(/^\/classes\/[^/]+\/students$/))
	},

	// class actions
	{
		name: 'add students',
		route: 'POST /classes/[classId]/students?/addStudents',
		form: () => fields({ names: 'Intruder One\nIntruder Two' }),
		expect: classTeacher(ok)
	},
	{
		name: 'import students from a CSV file',
		route: 'POST /classes/[classId]/students?/importRoster',
		form: () => [
			[
				'file',
				new File(['First Name,Last Name\nIntruder,Three\n'], 'class.csv', { type: 'text/csv' })
			]
		],
		expect: classTeacher(ok)
	},
	{
		name: 'reset a student’s password',
		route: 'POST /classes/[classId]/students?/resetPassword',
		form: (w) => fields({ studentId: w.student.id }),
		expect: classTeacher(ok)
	},
	{
		name: 'set a student’s accommodations',
		route: 'POST /classes/[classId]/students?/accommodate',
		form: (w) =>
			fields({ studentId: w.student.id, extraTime: '2', extraAttempts: '1', readAloud: 'on' }),
		expect: classTeacher(ok)
	},
	{
		name: 'remove a student',
		route: 'POST /classes/[classId]/students?/remove',
		form: (w) => fields({ studentId: w.student.id }),
		expect: classTeacher(ok)
	},
	{
		name: 'assign the module',
		route: 'POST /classes/[classId]/assignments?/create',
		form: () =>
			fields({ lesson: 'module', behaviour: 'quiz', dueDate: '', dueTime: '', ...policy }),
		expect: classTeacher(ok)
	},
	{
		name: 'change a quiz’s settings',
		route: 'POST /classes/[classId]/assignments?/update',
		form: (w) => fields({ assignmentId: w.assignment.id, ...policy }),
		expect: classTeacher(goesTo(/^\/classes\/[^/]+\/assignments\?saved=[^&]+$/))
	},
	{
		name: 'release a quiz’s answers',
		route: 'POST /classes/[classId]/assignments?/release',
		// world.assignment closed yesterday, so its answers are out: release the quiz due next week
		form: (w) => fields({ assignmentId: w.datedAssignmentId }),
		expect: classTeacher(ok)
	},
	{
		name: 'grant student A one more attempt',
		route: 'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/grant',
		form: (w) => fields({ assignmentId: w.assignment.id }),
		expect: classTeacher(ok)
	},
	{
		name: 'reopen a quiz for student A',
		route: 'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/reopen',
		form: (w) =>
			fields({ assignmentId: w.datedAssignmentId, reopenDate: '2030-05-01', reopenTime: '15:30' }),
		expect: classTeacher(ok)
	},
	{
		name: 'comment on student A’s work',
		route: 'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/comment',
		form: () => fields({ body: 'Read p02 again.' }),
		expect: classTeacher(ok)
	},
	{
		name: 'delete an assignment',
		route: 'POST /classes/[classId]/assignments?/delete',
		form: (w) => fields({ assignmentId: w.assignment.id }),
		expect: classTeacher(ok)
	},
	{
		name: 'score a written answer',
		route: 'POST /classes/[classId]/grading?/grade',
		form: (w) => fields({ responseId: w.writtenResponseId, level: '3', comment: 'Nice.' }),
		expect: classTeacher(ok)
	},
	{
		name: 'rename the class',
		route: 'POST /classes/[classId]/settings?/rename',
		form: () => fields({ name: 'Taken over' }),
		expect: classTeacher(ok)
	},
	{
		name: 'change the class’s time zone',
		route: 'POST /classes/[classId]/settings?/timeZone',
		form: () => fields({ timeZone: 'America/Chicago' }),
		expect: classTeacher(ok)
	},
	{
		name: 'change the language the class’s students see',
		route: 'POST /classes/[classId]/settings?/language',
		form: () => fields({ defaultLocale: 'es' }),
		expect: classTeacher(ok)
	},
	{
		name: 'rotate the join code',
		route: 'POST /classes/[classId]/settings?/rotateCode',
		form: () => [],
		expect: classTeacher(ok)
	},
	{
		name: 'archive the class',
		route: 'POST /classes/[classId]/settings?/archive',
		form: () => [],
		expect: classTeacher(ok)
	},
	{
		name: 'unarchive an archived class',
		route: 'POST /classes/[classId]/settings?/unarchive',
		params: (w) => ({ classId: w.archivedClass.id }),
		form: () => [],
		expect: classTeacher(ok)
	},

	// live actions
	{
		name: 'start a live session',
		route: 'POST /live?/start',
		form: () => startForm(''),
		expect: teachers(toHost)
	},
	{
		name: 'start a live session for class A',
		route: 'POST /live?/start',
		form: (w) => startForm(w.ownClass.id),
		expect: { ...teachers(toHost), otherTeacher: notYourClasses, admin: notYourClasses }
	},
	{
		name: 'find a live session by its code',
		route: 'POST /live?/join',
		form: (w) => fields({ code: w.live.code }),
		expect: everyone(toPlayer)
	},
	{
		name: 'join the live session',
		route: 'POST /live/[code]?/join',
		form: () => fields({ nickname: 'Newcomer' }),
		expect: { ...everyone(toPlayer), teacher: refused(409, /You are hosting this session\./) }
	},
	{
		name: 'answer in the live session',
		route: 'POST /live/[code]?/answer',
		form: () => fields(rightFields(liveQuestions[0]!, 0)),
		expect: { ...everyone(answerNotAPlayer), guest: toPlayer, studentA: toPlayer }
	},

	// host actions
	{
		name: 'start the lobby’s first question',
		route: 'POST /live/host/[sessionId]?/next',
		params: (w) => ({ sessionId: w.lobbyLive.id }),
		form: () => [],
		expect: sessionHost(toHost)
	},
	{
		name: 'reveal',
		route: 'POST /live/host/[sessionId]?/reveal',
		form: () => [],
		expect: sessionHost(toHost)
	},
	{
		name: 'pause',
		route: 'POST /live/host/[sessionId]?/pause',
		form: () => [],
		expect: sessionHost(toHost)
	},
	{
		name: 'resume',
		route: 'POST /live/host/[sessionId]?/resume',
		params: (w) => ({ sessionId: w.pausedLive.id }),
		form: () => [],
		expect: sessionHost(toHost)
	},
	{
		name: 'end',
		route: 'POST /live/host/[sessionId]?/end',
		form: () => [],
		expect: sessionHost(toHost)
	},
	// the same controls on the projector, which comes back to itself
	{
		name: 'start the lobby’s first question from the projector',
		route: 'POST /live/host/[sessionId]/projector?/next',
		params: (w) => ({ sessionId: w.lobbyLive.id }),
		form: () => [],
		expect: sessionHost(toProjector)
	},
	{
		name: 'reveal from the projector',
		route: 'POST /live/host/[sessionId]/projector?/reveal',
		form: () => [],
		expect: sessionHost(toProjector)
	},
	{
		name: 'pause from the projector',
		route: 'POST /live/host/[sessionId]/projector?/pause',
		form: () => [],
		expect: sessionHost(toProjector)
	},
	{
		name: 'resume from the projector',
		route: 'POST /live/host/[sessionId]/projector?/resume',
		params: (w) => ({ sessionId: w.pausedLive.id }),
		form: () => [],
		expect: sessionHost(toProjector)
	},
	{
		name: 'end from the projector',
		route: 'POST /live/host/[sessionId]/projector?/end',
		form: () => [],
		expect: sessionHost(toProjector)
	},
	{
		name: 'rename a player',
		route: 'POST /live/host/[sessionId]?/rename',
		form: (w) => fields({ playerId: w.guestPlayerId, nickname: 'Taken Over' }),
		expect: sessionHost(toHost)
	},
	{
		name: 'give extra time',
		route: 'POST /live/host/[sessionId]?/extraTime',
		form: (w) => fields({ playerId: w.studentPlayerId, seconds: '30' }),
		expect: sessionHost(toHost)
	},
	{
		name: 'remove a player',
		route: 'POST /live/host/[sessionId]?/remove',
		form: (w) => fields({ playerId: w.guestPlayerId }),
		expect: sessionHost(toHost)
	},

	// another teacher reaching class A's people and things, or the session's players, through their own
	{
		name: 'remove-student confirmation for student A, in class B',
		route: 'GET /classes/[classId]/students?remove=[studentId]',
		params: otherClass,
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'delete-assignment confirmation for class A’s assignment, in class B',
		route: 'GET /classes/[classId]/assignments?delete=[assignmentId]',
		params: otherClass,
		expect: throughOtherClass(notAnAssignmentHere)
	},
	{
		name: 'reset student A’s password through class B',
		route: 'POST /classes/[classId]/students?/resetPassword',
		params: otherClass,
		form: (w) => fields({ studentId: w.student.id }),
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'set student A’s accommodations through class B',
		route: 'POST /classes/[classId]/students?/accommodate',
		params: otherClass,
		form: (w) =>
			fields({
				studentId: w.student.id,
				extraTime: 'unlimited',
				extraAttempts: '5',
				readAloud: 'on'
			}),
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'remove student A through class B',
		route: 'POST /classes/[classId]/students?/remove',
		params: otherClass,
		form: (w) => fields({ studentId: w.student.id }),
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'student A’s work on a lesson, in class B',
		route: 'GET /classes/[classId]/students/[studentId]/lessons/[slug]',
		params: otherClass,
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'grant student A an attempt through class B',
		route: 'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/grant',
		params: otherClass,
		form: (w) => fields({ assignmentId: w.assignment.id }),
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'reopen a quiz for student A through class B',
		route: 'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/reopen',
		params: otherClass,
		form: (w) =>
			fields({ assignmentId: w.datedAssignmentId, reopenDate: '2030-05-01', reopenTime: '15:30' }),
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'comment on student A’s work through class B',
		route: 'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/comment',
		params: otherClass,
		form: () => fields({ body: 'Taken over.' }),
		expect: throughOtherClass(notAStudentHere)
	},
	{
		name: 'change class A’s quiz settings through class B',
		route: 'POST /classes/[classId]/assignments?/update',
		params: otherClass,
		form: (w) => fields({ assignmentId: w.assignment.id, ...policy }),
		expect: throughOtherClass(notAnAssignmentHere)
	},
	{
		name: 'release class A’s answers through class B',
		route: 'POST /classes/[classId]/assignments?/release',
		params: otherClass,
		form: (w) => fields({ assignmentId: w.assignment.id }),
		expect: throughOtherClass(notAnAssignmentHere)
	},
	{
		name: 'delete class A’s assignment through class B',
		route: 'POST /classes/[classId]/assignments?/delete',
		params: otherClass,
		form: (w) => fields({ assignmentId: w.assignment.id }),
		expect: throughOtherClass(notAnAssignmentHere)
	},
	{
		name: 'score student A’s written answer through class B',
		route: 'POST /classes/[classId]/grading?/grade',
		params: otherClass,
		form: (w) => fields({ responseId: w.writtenResponseId, level: '0', comment: 'Taken over.' }),
		expect: throughOtherClass(
			refused(404, /That answer is not a written answer by a student of this class\./)
		)
	},
	{
		name: 'start a session of class B with extra time for student A',
		route: 'POST /live?/start',
		form: (w) => startForm(w.otherClass.id, w.student.id),
		expect: {
			...teachers(refused(400, /Extra time can go only to students of the chosen class\./)),
			teacher: notYourClasses,
			admin: notYourClasses
		}
	},
	{
		// a player of another session is a stale link: the controls show, without the player
		name: 'rename-player step for the guest, in the other teacher’s session',
		route: 'GET /live/host/[sessionId]?player=[playerId]',
		params: otherSession,
		expect: throughOtherSession(ok),
		hides: [guestNickname]
	},
	{
		name: 'rename the guest through the other teacher’s session',
		route: 'POST /live/host/[sessionId]?/rename',
		params: otherSession,
		form: (w) => fields({ playerId: w.guestPlayerId, nickname: 'Taken Over' }),
		expect: throughOtherSession(notAPlayerHere)
	},
	{
		name: 'give student A’s player extra time through the other teacher’s session',
		route: 'POST /live/host/[sessionId]?/extraTime',
		params: otherSession,
		form: (w) => fields({ playerId: w.studentPlayerId, seconds: '30' }),
		expect: throughOtherSession(notAPlayerHere)
	},
	{
		name: 'remove the guest through the other teacher’s session',
		route: 'POST /live/host/[sessionId]?/remove',
		params: otherSession,
		form: (w) => fields({ playerId: w.guestPlayerId }),
		expect: throughOtherSession(notAPlayerHere)
	}
];

/**
 * The class layout refuses outsiders before a class page's own load runs, so a page load without a check of
 * its own would pass unseen in a full page request: these ask each class page's load alone.
 */
const classPageLoadsAlone: Row[] = requests
	.filter((row) =>
		/^GET \/classes\/\[classId\](\/\w+|\/students\/\[studentId\]\/lessons\/\[slug\])?(\?|$)/.test(
			row.route
		)
	)
	.map((row) => ({ ...row, name: `${row.name}, its page load alone`, pageLoadAlone: true }));

const rows = [...requests, ...classPageLoadsAlone];

const methodOf = (row: Row) => (row.route.startsWith('GET ') ? 'GET' : 'POST');

/** The page's address: the route with the world's (or the row's) values for its [params]. */
function pageOf(row: Row, w: World): string {
	const values: Record<string, string> = { ...paramsOf(w), ...row.params?.(w) };
	return row.route.replace(/^\w+ /, '').replace(/\[(\w+)\]/g, (_, name: string) => {
		const value = values[name];
		if (value === undefined) throw new Error(`${row.route}: nothing stands for [${name}]`);
		return value;
	});
}

/** Where a row's request goes: the page, or for a page load alone its data with the layouts skipped. */
function pathOf(row: Row, w: World): string {
	const page = pageOf(row, w);
	if (!row.pageLoadAlone) return page;
	const url = new URL(page, 'http://localhost');
	// one flag per node, root layout first: under /classes/[classId] the root and class layouts, then the page
	url.searchParams.set('x-sveltekit-invalidated', '001');
	return `${url.pathname}/__data.json${url.search}`;
}

/** The cookies a role's requests carry: its session, and the guest's resume token for live sessions. */
function cookieOf(w: World, me: Person | null): string | null {
	if (!me) return null;
	const cookies = [`${sessionCookieName}=${me.token}`];
	if (me.id === w.guest.id) {
		// the second is borrowed: the same token under another session's cookie name
		for (const session of [w.live, w.otherLive]) {
			cookies.push(`${liveCookieName(session.id)}=${w.guestResumeToken}`);
		}
	}
	return cookies.join('; ');
}

interface Answer {
	status: number;
	location: string | null;
	contentType: string;
	/** the body, or for an event stream the data of its first event */
	body: string;
}

/** One request as a browser without JavaScript (or an EventSource) would send it, never following redirects. */
function multipartBody(form: Fields): FormData {
	const body = new FormData();
	for (const [key, value] of form) body.append(key, value);
	return body;
}

async function send(baseURL: string, url: URL, form: Fields | undefined, cookie: string | null) {
	const controller = new AbortController();
	const multipart = form?.some(([, value]) => typeof value !== 'string') ?? false;
	const textOnly = (form ?? []).filter(
		(field): field is [string, string] => typeof field[1] === 'string'
	);
	const response = await fetch(url, {
		method: form ? 'POST' : 'GET',
		redirect: 'manual',
		signal: controller.signal,
		headers: {
			origin: baseURL,
			...(cookie ? { cookie } : {}),
			...(form && !multipart ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
		},
		body: form ? (multipart ? multipartBody(form) : new URLSearchParams(textOnly)) : undefined
	});
	const contentType = response.headers.get('content-type') ?? '';
	let body: string;
	if (contentType.startsWith('text/event-stream') && response.body) {
		body = await firstEventData(response.body);
		controller.abort();
	} else body = await response.text();
	return {
		status: response.status,
		location: response.headers.get('location'),
		contentType,
		body
	} satisfies Answer;
}

async function firstEventData(stream: ReadableStream<Uint8Array>): Promise<string> {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	for (;;) {
		const end = buffer.indexOf('\n\n');
		if (end >= 0) {
			const event = parseBlock(buffer.slice(0, end));
			if (event) return event.data;
			buffer = buffer.slice(end + 2);
			continue;
		}
		const chunk = await reader.read();
		if (chunk.done) return '';
		buffer += decoder.decode(chunk.value, { stream: true });
	}
}

/** A page-data answer read as the page's: its redirect, or its page node's data or error. */
function asPageAnswer(answer: Answer): Answer {
	expect(answer.status, answer.body.slice(0, 300)).toBe(200);
	const json = JSON.parse(answer.body);
	if (json.type === 'redirect')
		return { ...answer, status: 303, location: json.location, body: '' };
	const page = json.nodes.at(-1);
	if (page.type === 'error') return { ...answer, status: page.status, body: page.error.message };
	expect(page.type).toBe('data');
	return { ...answer, body: JSON.stringify(page.data) };
}

/** Codes only their teacher may see (unless the request itself carries one), and, in a refusal, the guest's nickname. */
function secretsKeptFrom(w: World, role: Role, outcome: Outcome): string[] {
	const owned: Record<'teacher' | 'otherTeacher', string[]> = {
		teacher: [
			w.ownClass.joinCode,
			w.archivedClass.joinCode,
			w.live.code,
			w.pausedLive.code,
			w.lobbyLive.code
		],
		otherTeacher: [w.otherClass.joinCode, w.otherLive.code]
	};
	const secrets = Object.entries(owned).flatMap(([owner, codes]) => (owner === role ? [] : codes));
	return outcome.allowed ? secrets : [...secrets, guestNickname];
}

const standingAlone = (text: string) =>
	new RegExp(`(?<![\\w-])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);

let db: Database;
let shared: World;
const rowWorlds = new Map<Row, Promise<World>>();
/** an allowed action's own world, made the first time the row needs it */
const worldOf = (row: Row) => {
	if (!rowWorlds.has(row)) rowWorlds.set(row, createMatrixWorld());
	return rowWorlds.get(row)!;
};
const ran = { allowed: 0, refused: 0 };

test.beforeAll(async () => {
	db = await openDatabase({ engine: 'sqlite', path: e2eDatabasePath });
	shared = await createMatrixWorld();
});

test.afterAll(async () => {
	await db.close();
	console.log(
		`authorization matrix: ${ran.allowed + ran.refused} cases (${ran.allowed} allowed, ${ran.refused} refused)`
	);
});

const describeOutcome = (outcome: Outcome) =>
	outcome.allowed
		? `allowed (${outcome.status})`
		: outcome.status === 303
			? 'sent to sign in'
			: `refused (${outcome.status})`;

/**
 * The cases run here: every allowed one (the route decides what it shows and does), and of the refused ones
 * the first role per distinct refusal of the row, which proves the route reaches its guard. Which roles each
 * guard lets through is proven per role in src/lib/server/auth/guards.test.ts.
 */
function rolesToRun(row: Row): Role[] {
	const seen = new Set<string>();
	return roles.filter((role) => {
		const outcome = row.expect[role];
		if (outcome.allowed) return true;
		const key = outcome.status === 303 ? 'sign in' : `${outcome.status} ${outcome.message}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

for (const row of rows) {
	for (const role of rolesToRun(row)) {
		const outcome = row.expect[role];
		test(`${row.route} – ${row.name} – ${roleNames[role]}: ${describeOutcome(outcome)}`, async ({
			baseURL
		}) => {
			const acts = outcome.allowed && methodOf(row) === 'POST';
			const w = acts ? await worldOf(row) : shared;
			const me =
				acts && row.newPerson && role !== 'anonymous'
					? await createPerson(kindOf[role])
					: personOf(w, role);
			const url = new URL(pathOf(row, w), baseURL);
			const form = row.form?.(w, me);
			const before = outcome.allowed ? null : await databaseSnapshot(db);

			const sent = await send(baseURL!, url, form, cookieOf(w, me));
			const answer = row.pageLoadAlone ? asPageAnswer(sent) : sent;

			const seen = `${answer.status} ${answer.location ?? ''} ${answer.body.slice(0, 300)}`;
			expect(answer.status, seen).toBe(outcome.status);
			if (outcome.allowed && outcome.status === 303) {
				expect(answer.location).toMatch(outcome.location);
			} else if (outcome.status === 303) {
				const page = new URL(pageOf(row, w), baseURL);
				const back = page.pathname + page.search;
				expect(answer.location).toBe(`/signin?redirectTo=${encodeURIComponent(back)}`);
			} else if (!outcome.allowed) {
				expect(answer.body).toMatch(outcome.message);
			} else {
				if (row.contentType) expect(answer.contentType).toMatch(row.contentType);
				// a form action answers a client without JavaScript with its result as JSON
				if (form) expect(JSON.parse(answer.body)).toMatchObject({ type: 'success' });
				row.check?.(answer.body, w, me);
			}
			const asked = `${url.pathname}${url.search} ${(form ?? []).map(([, value]) => value).join(' ')}`;
			for (const hidden of row.hides ?? []) expect(answer.body).not.toContain(hidden);
			for (const secret of secretsKeptFrom(w, role, outcome)) {
				if (!asked.includes(secret)) expect(answer.body).not.toMatch(standingAlone(secret));
			}
			if (before) expect(await databaseSnapshot(db)).toEqual(before);
			ran[outcome.allowed ? 'allowed' : 'refused'] += 1;
		});
	}
}

test('the matrix ran every case of its table', () => {
	const outcomes = rows.flatMap((row) => rolesToRun(row).map((role) => row.expect[role]));
	expect(ran).toEqual({
		allowed: outcomes.filter((o) => o.allowed).length,
		refused: outcomes.filter((o) => !o.allowed).length
	});
});

const routesRoot = fileURLToPath(new URL('../src/routes', import.meta.url));

/** What src/routes answers: `GET <route>` for each page and GET handler, `POST <route>?/<action>` for each action. */
function appEndpoints(): Set<string> {
	const found = new Set<string>();
	for (const file of readdirSync(routesRoot, { recursive: true, encoding: 'utf8' })) {
		const folder = dirname(file);
		const route = folder === '.' ? '/' : `/${folder.split(sep).join('/')}`;
		const name = basename(file);
		if (name === '+page.svelte') found.add(`GET ${route}`);
		if (!name.startsWith('+') || !name.endsWith('.ts')) continue;
		const source = readFileSync(join(routesRoot, file), 'utf8');
		for (const [, method] of source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)) {
			found.add(`${method} ${route}`);
		}
		const actions = /^export const actions\b[^{]*\{(.*\};$|[\s\S]*?^\};$)/m.exec(source)?.[1] ?? '';
		// the actions object's own keys: one tab in, or all on its one line
		const keys = actions.includes('\n') ? /^\t(\w+):/gm : /(\w+):/g;
		for (const [, action] of actions.matchAll(keys)) {
			found.add(action === 'default' ? `POST ${route}` : `POST ${route}?/${action}`);
		}
	}
	return found;
}

test('the table has a row for every page, file, stream and form action in src/routes', () => {
	// a GET row's query string picks a state of the page; an action's is its name
	const covered = new Set(
		rows.map((row) => (methodOf(row) === 'GET' ? row.route.replace(/\?.*/, '') : row.route))
	);
	const endpoints = appEndpoints();
	expect(endpoints.size).toBeGreaterThan(50);
	expect([...endpoints].filter((endpoint) => !covered.has(endpoint)).sort()).toEqual([]);
	expect([...covered].filter((endpoint) => !endpoints.has(endpoint)).sort()).toEqual([]);
});
