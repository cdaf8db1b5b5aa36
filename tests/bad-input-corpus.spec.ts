import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { scoreAnswer, type Question } from '../src/lib/quiz/registry';
import {
	acceptInvite,
	createInvite,
	type CreateInviteResult
} from '../src/lib/server/auth/invites';
import { forgetExpiredAttempts, limits } from '../src/lib/server/auth/rate-limit';
import { createAssignment } from '../src/lib/server/classes/assignments';
import { addMember, createClass } from '../src/lib/server/classes/classes';
import type { Database } from '../src/lib/server/db/database';
import { newId } from '../src/lib/server/ids';
import { rightForm } from '../src/lib/server/live/test-live';
import { quizQuestions, recordQuizAttempt } from '../src/lib/server/quiz/answers';
import { wrongAnswer } from '../src/lib/server/seed';
import {
	allPayloads,
	except,
	expectRefusal,
	expectShownAsText,
	keptTexts,
	markup,
	notAName,
	notANickname,
	notANumber,
	notAnId,
	notAPassword,
	notAQueryId,
	notStorable,
	only,
	payloads,
	send,
	type BodyShape,
	type Field,
	type PayloadName
} from './fixtures/bad-input';
import { createClassWorld, createPerson, quizLesson, requestAs } from './fixtures/classes';
import { lessons } from './fixtures/content';
import {
	attemptsMark,
	databaseSnapshot,
	openE2eDatabase,
	withE2eDatabase,
	withoutAttemptsAfter
} from './fixtures/db';
import {
	joinOverHttp,
	liveLesson,
	liveQuestions,
	requestWith,
	rightFields,
	sessionFor
} from './fixtures/live';

// Issue #8: a generated corpus of bad input over every form action and every endpoint that takes input.
// Each refused case must get a 4xx with a message a person can read, change no row in any table, and
// never serve the payload as HTML; text the app rightly keeps (a name with markup or emoji) must come
// back verbatim and show as text. A control run proves each action accepts its unbroken base body, so
// every refusal below is the mutation's doing.
// Issue #15: this file keeps the HTTP wiring (one case per refusal path per action; body shapes and guards
// once per route family); every field × payload runs in-process in src/lib/server/forms-corpus.test.ts.
// Where each behaviour is proven now: tests/README.md.

// ---------------------------------------------------------------------------------------------------
// The world the cases run in
// ---------------------------------------------------------------------------------------------------

/** The written quiz question and a choice question of quizLesson, whose fields the cases break. */
const quizItems = quizQuestions(quizLesson);
/** A lesson nobody in the world is assigned: its quiz is free, so a draft of it is kept. */
const draftLesson = lessons.find(
	(lesson) => lesson.slug !== quizLesson.slug && quizQuestions(lesson).length > 0
)!;
const writtenQuestion = quizItems.find((q) => q.type === 'written')!;
const choiceQuestion = quizItems.find((q) => q.type === 'single-choice')!;
const otherLessonSection = lessons
	.find((lesson) => lesson.slug !== quizLesson.slug)!
	.sections.find((section) => !quizLesson.sections.some((own) => own.id === section.id))!;
const liveQuestion = liveQuestions[0]!;
const reviewable = (question: Question) =>
	question.type === 'single-choice' || question.type === 'true-false';

/** A form's fields for the right answer to a question, as a browser sends them. */
function answerFields(question: Question): Field[] {
	return [...rightForm(question)].map(([name, value]) => [name, String(value)]);
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;

/** Two open invites (one to accept, one to withdraw) and a used one, by the world's admin. */
function invitesOf(invites: CreateInviteResult[]) {
	const [open, used, toWithdraw] = invites;
	if (!open?.ok || !used?.ok || !toWithdraw?.ok) throw new Error('the admin could not invite');
	return {
		inviteId: toWithdraw.inviteId,
		inviteToken: open.token,
		usedInviteId: used.inviteId,
		usedInviteToken: used.token
	};
}

async function arrange(baseURL: string) {
	const classes = await createClassWorld();
	const { teacher, otherTeacher, student, otherStudent, ownClass, otherClass } = classes;
	const quizTaker = await createPerson('student', 'quiz-taker');
	const stored = await withE2eDatabase(async (db) => {
		const t = db.tables;
		const now = Date.now();
		// the member's quiz also closed in a class the control run leaves alone: it still governs them once
		// the run has deleted the first and assigned a quiz due later, so practice stays open to them
		const closedClass = await createClass(db, teacher.id, unique('Class closed'));
		await addMember(db, closedClass.id, student.id);
		await createAssignment(db, {
			classId: closedClass.id,
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			dueAt: new Date(now - 23 * 3600_000)
		});
		// a student whose timed quiz is still open: they may start it
		const timedClass = await createClass(db, teacher.id, unique('Class timed'));
		await addMember(db, timedClass.id, quizTaker.id);
		await createAssignment(db, {
			classId: timedClass.id,
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			dueAt: new Date(now + 7 * 24 * 3600_000),
			policy: { timeLimitMinutes: 30 }
		});
		const otherAssignment = await createAssignment(db, {
			classId: otherClass.id,
			lessonSlug: null,
			behaviour: 'practice',
			dueAt: null
		});
		// after the student's sitting (createClassWorld), so it still counts for classes.assignment
		const datedAssignment = await createAssignment(db, {
			classId: ownClass.id,
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			dueAt: new Date(Date.now() + 7 * 86_400_000)
		});
		// another lesson's quiz without a due date: nothing to reopen
		const undatedAssignment = await createAssignment(db, {
			classId: ownClass.id,
			lessonSlug: lessons.find((lesson) => lesson.slug !== quizLesson.slug)?.slug ?? null,
			behaviour: 'quiz',
			dueAt: null
		});
		// the outsider got every question wrong, so they have review cards the member lacks
		const graded = quizItems.map((question) => {
			const answer = wrongAnswer(question);
			return { question, answer, score: scoreAnswer(answer, question) };
		});
		const otherAttemptId = await recordQuizAttempt(
			db,
			quizLesson,
			otherStudent.id,
			graded,
			new Date()
		);
		const written = await db.read
			.select({ id: t.responses.id, attemptId: t.responses.attemptId })
			.from(t.responses)
			.where(
				and(
					inArray(t.responses.userId, [student.id, otherStudent.id]),
					eq(t.responses.questionId, writtenQuestion.id)
				)
			);
		const cards = await db.read
			.select({ userId: t.reviewCards.userId, questionId: t.reviewCards.questionId })
			.from(t.reviewCards)
			.where(inArray(t.reviewCards.userId, [student.id, otherStudent.id]));
		const codes = await db.read.select({ code: t.liveSessions.code }).from(t.liveSessions);
		const admin = { id: classes.admin.id, role: 'admin' as const };
		const invites = [
			await createInvite(db, admin, { role: 'teacher', note: 'open' }),
			await createInvite(db, admin, { role: 'teacher', note: 'used' }),
			await createInvite(db, admin, { role: 'teacher', note: 'to withdraw' })
		];
		if (!invites[1]?.ok) throw new Error('the admin could not invite');
		const used = await acceptInvite(db, invites[1].token, {
			name: 'Used Invite',
			email: `${unique('used-invite')}@example.org`,
			password: 'long enough password'
		});
		if (!used.ok) throw new Error('the used invite was not used');
		return {
			otherAssignmentId: otherAssignment.id,
			datedAssignmentId: datedAssignment.id,
			undatedAssignmentId: undatedAssignment.id,
			otherAttemptId,
			written,
			cards,
			codes,
			invites
		};
	});
	const ownCards = stored.cards.filter((c) => c.userId === student.id).map((c) => c.questionId);
	const reviewQuestion = quizItems.find((q) => reviewable(q) && ownCards.includes(q.id));
	const othersReviewQuestion = quizItems.find(
		(q) =>
			!ownCards.includes(q.id) &&
			stored.cards.some((c) => c.userId === otherStudent.id && c.questionId === q.id)
	);
	if (!reviewQuestion || !othersReviewQuestion) throw new Error('the review cards are not there');
	const attemptOf = (responseId: string) =>
		stored.written.find((row) => row.id === responseId)?.attemptId ?? '';
	const otherWritten = stored.written.find((row) => row.attemptId === stored.otherAttemptId)!;

	// a session of the teacher's with its first question open, two guests and the student in it
	const ownSession = await sessionFor(teacher.id, ownClass.id);
	const otherSession = await sessionFor(otherTeacher.id);
	const ada = await joinOverHttp(baseURL, ownSession.code, 'Ada');
	await joinOverHttp(baseURL, ownSession.code, 'Ben');
	await joinOverHttp(baseURL, otherSession.code, 'Zed');
	for (const [who, path] of [
		[student, `/live/${ownSession.code}?/join`],
		[teacher, `/live/host/${ownSession.id}?/next`]
	] as const) {
		const context = await requestAs(baseURL, who);
		const response = await context.post(path, { form: {}, maxRedirects: 0 });
		expect(response.status(), `${path}: ${await response.text()}`).toBe(303);
		await context.dispose();
	}
	const players = await withE2eDatabase((db) =>
		db.read
			.select({
				id: db.tables.livePlayers.id,
				nickname: db.tables.livePlayers.nickname,
				userId: db.tables.livePlayers.userId
			})
			.from(db.tables.livePlayers)
			.where(inArray(db.tables.livePlayers.sessionId, [ownSession.id, otherSession.id]))
	);
	const playerId = (match: (p: (typeof players)[number]) => boolean) =>
		players.find(match)?.id ?? '';
	let unknownCode = '';
	for (let n = 0; !unknownCode; n++) {
		const candidate = String((271_828 + n * 7919) % 1_000_000).padStart(6, '0');
		if (!stored.codes.some((row) => row.code === candidate)) unknownCode = candidate;
	}

	return {
		...classes,
		quizTaker,
		otherAssignmentId: stored.otherAssignmentId,
		datedAssignmentId: stored.datedAssignmentId,
		undatedAssignmentId: stored.undatedAssignmentId,
		attemptId: attemptOf(classes.writtenResponseId),
		otherAttemptId: stored.otherAttemptId,
		otherWrittenResponseId: otherWritten.id,
		reviewQuestion,
		othersReviewQuestion,
		ownSession: { id: ownSession.id, code: ownSession.code },
		otherSession: { id: otherSession.id, code: otherSession.code },
		ada,
		players: {
			ada: playerId((p) => p.nickname === 'Ada'),
			ben: playerId((p) => p.nickname === 'Ben'),
			student: playerId((p) => p.userId === student.id),
			zed: playerId((p) => p.nickname === 'Zed')
		},
		unknownCode,
		unknownId: newId(),
		signupUsername: unique('corpus').toLowerCase(),
		...invitesOf(stored.invites),
		joinUsername: unique('corpus-join').toLowerCase()
	};
}

type World = Awaited<ReturnType<typeof arrange>>;

/** Who sends a request: the world's people, a visitor, or the guest player Ada (by her resume cookie). */
type Who =
	| 'teacher'
	| 'otherTeacher'
	| 'student'
	| 'otherStudent'
	| 'quizTaker'
	| 'admin'
	| 'visitor'
	| 'ada';

async function contextsFor(baseURL: string, w: World) {
	const entries = await Promise.all(
		(
			[
				'teacher',
				'otherTeacher',
				'student',
				'otherStudent',
				'quizTaker',
				'admin',
				'visitor',
				'ada'
			] as const
		).map(
			async (who) =>
				[
					who,
					who === 'visitor'
						? await requestAs(baseURL, null)
						: who === 'ada'
							? await requestWith(baseURL, w.ada)
							: await requestAs(baseURL, w[who])
				] as const
		)
	);
	return Object.fromEntries(entries) as Record<Who, APIRequestContext>;
}

// ---------------------------------------------------------------------------------------------------
// What each field must refuse
// ---------------------------------------------------------------------------------------------------

interface FieldRule {
	name: string;
	/** payloads the action must refuse in this field */
	refuse: PayloadName[];
	/** dropping the field must be refused (default: yes) */
	missing?: boolean;
	/** sending it twice, empty first, must be refused (default: as `missing`) */
	duplicate?: boolean;
	/** a file upload in its place must be refused (default: yes, for POST) */
	file?: boolean;
	/** other people's or unknown ids, codes and names that must be refused here */
	foreign?: Record<string, (w: World) => string>;
	/** well-formed codes nobody has: refused, and counted as one guess against the action's limit */
	guesses?: Record<string, (w: World) => string>;
}

interface PathVariant {
	path: (w: World) => string;
	/** the class or session guard decides it: proven once per route family and method here, per route in the authorization tests */
	guard?: true;
	who?: Who;
	status?: number;
	/** a well-formed code nobody has: counted as one guess against the action's limit */
	guess?: true;
}

interface ActionRule {
	name: string;
	method: 'GET' | 'POST';
	who: Who;
	path: (w: World) => string;
	/** the body (or, for GET, the query) the rightful user sends; the control run shows it is accepted */
	base: (w: World) => Field[];
	fields: FieldRule[];
	/** other addresses of the same action that must be refused: someone else's class, an unknown id */
	paths?: Record<string, PathVariant>;
	/** the action reads a form (a body that is not one is refused); actions without input don't */
	readsForm: boolean;
	/** what the base gets in a fresh world; null: not run (an event stream never ends) */
	control: number | null;
	/** the limits a wrong code counts against (issue #14): one new limited_attempts row each is expected */
	guessLimits?: string[];
	/** fields the page has as file inputs, sent as uploaded files */
	uploads?: string[];
}

const noFields: Pick<ActionRule, 'base' | 'fields' | 'readsForm'> = {
	base: () => [],
	fields: [],
	readsForm: false
};

/** Another teacher's, an unknown, a student's view of a class address. */
function classPaths(suffix: string): Record<string, PathVariant> {
	return {
		'another teacher’s class': {
			path: (w) => `/classes/${w.otherClass.id}${suffix}`,
			status: 403,
			guard: true
		},
		'an unknown class': {
			path: (w) => `/classes/${w.unknownId}${suffix}`,
			status: 404,
			guard: true
		},
		'a student': {
			path: (w) => `/classes/${w.ownClass.id}${suffix}`,
			who: 'student',
			status: 403,
			guard: true
		},
		'a NUL in the class id': {
			path: (w) => `/classes/${w.ownClass.id}%00${suffix}`,
			status: 404,
			guard: true
		},
		'a broken %-escape in the class id': {
			path: () => `/classes/%C0%AF${suffix}`,
			status: 400,
			guard: true
		}
	};
}

function sessionPaths(suffix: string): Record<string, PathVariant> {
	return {
		'another teacher’s session': {
			path: (w) => `/live/host/${w.otherSession.id}${suffix}`,
			status: 403,
			guard: true
		},
		'an unknown session': {
			path: (w) => `/live/host/${w.unknownId}${suffix}`,
			status: 404,
			guard: true
		},
		'a student': {
			path: (w) => `/live/host/${w.ownSession.id}${suffix}`,
			who: 'student',
			status: 403,
			guard: true
		},
		'a NUL in the session id': {
			path: (w) => `/live/host/${w.ownSession.id}%00${suffix}`,
			status: 404,
			guard: true
		}
	};
}

/** A teacher's request about their own class (the rightful one): refused for another teacher's class, an unknown one, a student. */
/** A zone from the select: a made-up one or an offset is no zone. */
const timeZoneField: FieldRule = {
	name: 'timeZone',
	refuse: notAnId,
	foreign: {
		'a zone that does not exist': () => 'Mars/Olympus_Mons',
		'a UTC offset': () => '+05:00'
	}
};

function onOwnClass(
	method: ActionRule['method'],
	route: string,
	rest: Pick<ActionRule, 'base' | 'fields' | 'control'> & Partial<ActionRule>
): ActionRule {
	return {
		name: `${method} /classes/[classId]${route}`,
		method,
		who: 'teacher',
		path: (w) => `/classes/${w.ownClass.id}${route}`,
		paths: classPaths(route),
		readsForm: true,
		...rest
	};
}

/** A teacher's request about their own live session, refused likewise for anyone else's. */
function onOwnSession(
	method: ActionRule['method'],
	route: string,
	rest: Pick<ActionRule, 'base' | 'fields' | 'control'> & Partial<ActionRule>
): ActionRule {
	return {
		name: `${method} /live/host/[sessionId]${route}`,
		method,
		who: 'teacher',
		path: (w) => `/live/host/${w.ownSession.id}${route}`,
		paths: sessionPaths(route),
		readsForm: true,
		...rest
	};
}

/** ?remove= and ?delete= are the confirm steps that work without JavaScript: any other value is a 404. */
function confirmStep(
	page: string,
	param: string,
	own: (w: World) => string,
	foreign: Record<string, (w: World) => string>
): ActionRule {
	return {
		name: `GET /classes/[classId]/${page}?${param}=`,
		method: 'GET',
		who: 'teacher',
		path: (w) => `/classes/${w.ownClass.id}/${page}`,
		base: (w) => [[param, own(w)]],
		fields: [
			{ name: param, refuse: notAQueryId, missing: false, duplicate: true, file: false, foreign }
		],
		readsForm: false,
		control: 200
	};
}

/** The drill-down page of the class's student on quizLesson: refused for another class's student or an unknown lesson. */
const drillDownPath = (w: World, studentId = w.student.id, slug = quizLesson.slug) =>
	`/classes/${w.ownClass.id}/students/${studentId}/lessons/${slug}`;
function onDrillDown(
	method: ActionRule['method'],
	action: string,
	rest: Pick<ActionRule, 'base' | 'fields' | 'control'> & Partial<ActionRule>
): ActionRule {
	return {
		name: `${method} /classes/[classId]/students/[studentId]/lessons/[slug]${action}`,
		method,
		who: 'teacher',
		path: (w) => `${drillDownPath(w)}${action}`,
		paths: {
			'another teacher': {
				path: (w) => `${drillDownPath(w)}${action}`,
				who: 'otherTeacher',
				status: 403
			},
			'a student of another class': {
				path: (w) => `${drillDownPath(w, w.otherStudent.id)}${action}`,
				status: 404
			},
			'an unknown lesson': {
				path: (w) => `${drillDownPath(w, w.student.id, 'no-such-lesson')}${action}`,
				status: 404
			}
		},
		readsForm: true,
		...rest
	};
}

/** A quiz's settings (the assign and edit forms); every payload of each: forms-corpus.test.ts. */
const policyBase: Field[] = [
	['attempts', '2'],
	['answersShown', 'after-due'],
	['scoreShown', 'yes'],
	['timeLimit', '30'],
	['gradingMethod', 'best']
];
const policyFields: FieldRule[] = [
	{ name: 'attempts', refuse: notAnId, foreign: { 'eleven attempts': () => '11' } },
	{ name: 'answersShown', refuse: notAnId },
	{ name: 'scoreShown', refuse: notAnId, missing: false },
	{
		name: 'timeLimit',
		refuse: notANumber.filter((name) => name !== 'an empty string'),
		missing: false,
		duplicate: false
	},
	{ name: 'gradingMethod', refuse: notAnId }
];

const studentField = (label: string): FieldRule => ({
	name: 'studentId',
	refuse: notAnId,
	foreign: {
		[label]: (w) => w.otherStudent.id,
		'the teacher’s own id': (w) => w.teacher.id,
		'an unknown id': (w) => w.unknownId
	}
});

const unknownLesson: Record<string, PathVariant> = {
	'an unknown lesson': { path: () => '/lessons/no-such-lesson?/answer', status: 404 }
};

const actions: ActionRule[] = [
	// ---- accounts
	{
		name: 'POST /signup',
		method: 'POST',
		who: 'visitor',
		path: () => '/signup',
		base: (w) => [
			['name', 'Corpus Student'],
			['username', w.signupUsername],
			['password', 'long enough password']
		],
		fields: [
			{ name: 'name', refuse: notAName },
			{
				name: 'username',
				refuse: notAnId,
				foreign: { 'a taken username': (w) => w.student.username }
			},
			{ name: 'password', refuse: notAPassword }
		],
		readsForm: true,
		control: 303
	},
	{
		name: 'POST /invite/[token]',
		method: 'POST',
		who: 'visitor',
		path: (w) => `/invite/${w.inviteToken}`,
		base: (w) => [
			['name', 'Invited Teacher'],
			['email', `${w.signupUsername}-invited@example.org`],
			['password', 'long enough password']
		],
		fields: [
			{ name: 'name', refuse: notAName },
			{
				name: 'email',
				refuse: notAnId,
				foreign: { 'a taken email': (w) => `${w.teacher.username}@example.org` }
			},
			{ name: 'password', refuse: notAPassword }
		],
		paths: {
			'a used invite': { path: (w) => `/invite/${w.usedInviteToken}`, status: 409 },
			'a student signed in': {
				path: (w) => `/invite/${w.inviteToken}`,
				who: 'student',
				status: 409
			}
		},
		readsForm: true,
		control: 303
	},
	{
		name: 'POST /admin/lti?/register',
		method: 'POST',
		who: 'admin',
		path: () => '/admin/lti?/register',
		base: () => [
			['name', 'District Canvas'],
			['issuer', `https://lms-${Date.now().toString(36)}.instructure.example`],
			['clientId', '10000000000042'],
			['authUrl', 'https://sso.canvaslms.example/api/lti/authorize_redirect'],
			['tokenUrl', 'https://sso.canvaslms.example/login/oauth2/token'],
			['jwksUrl', 'https://sso.canvaslms.example/api/lti/security/jwks'],
			['deploymentIds', '42:8865aa05b4b79b64a91a86042e43af5ea8ae79eb']
		],
		fields: [
			{ name: 'name', refuse: notAName },
			{ name: 'issuer', refuse: notAnId },
			{ name: 'clientId', refuse: notAName },
			{ name: 'authUrl', refuse: notAnId },
			{ name: 'tokenUrl', refuse: notAnId },
			{ name: 'jwksUrl', refuse: notAnId },
			{
				name: 'deploymentIds',
				refuse: only('a NUL byte', 'a 1 MB string', 'an empty string', 'only spaces')
			}
		],
		paths: {
			'a teacher': { path: () => '/admin/lti?/register', who: 'teacher', status: 403 }
		},
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /invites?/create',
		method: 'POST',
		who: 'admin',
		path: () => '/invites?/create',
		base: () => [
			['role', 'teacher'],
			['note', 'For the corpus']
		],
		fields: [
			{ name: 'role', refuse: notAnId },
			{
				name: 'note',
				refuse: notAName.filter((name) => name !== 'an empty string' && name !== 'only spaces'),
				missing: false
			}
		],
		paths: {
			'a teacher, while teachers may not invite': {
				path: () => '/invites?/create',
				who: 'teacher',
				status: 403
			},
			'a student': { path: () => '/invites?/create', who: 'student', status: 403 }
		},
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /invites?/revoke',
		method: 'POST',
		who: 'admin',
		path: () => '/invites?/revoke',
		base: (w) => [['inviteId', w.inviteId]],
		fields: [
			{
				name: 'inviteId',
				refuse: notAnId,
				foreign: { 'an unknown id': (w) => w.unknownId, 'a used invite': (w) => w.usedInviteId }
			}
		],
		paths: {
			'a teacher, while teachers may not invite': {
				path: () => '/invites?/revoke',
				who: 'teacher',
				status: 403
			}
		},
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /admin?/settings',
		method: 'POST',
		who: 'admin',
		path: () => '/admin?/settings',
		base: () => [['teachersMayInvite', 'on']],
		fields: [{ name: 'teachersMayInvite', refuse: notAnId, missing: false }],
		paths: {
			'a teacher': { path: () => '/admin?/settings', who: 'teacher', status: 403 },
			'a student': { path: () => '/admin?/settings', who: 'student', status: 403 }
		},
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /signin',
		method: 'POST',
		who: 'visitor',
		path: () => '/signin',
		base: (w) => [
			['login', w.teacher.username],
			['password', w.teacher.password]
		],
		fields: [
			// past validation a login is looked up (and a failure recorded for the rate limit): see below
			{ name: 'login', refuse: notAName },
			{ name: 'password', refuse: only('an empty string', 'a NUL byte', 'a 1 MB string') }
		],
		readsForm: true,
		control: 303
	},
	confirmStep('students', 'remove', (w) => w.student.id, {
		'another class’s student': (w) => w.otherStudent.id
	}),
	confirmStep('assignments', 'delete', (w) => w.assignment.id, {
		'another class’s assignment': (w) => w.otherAssignmentId
	}),
	// ---- classes
	{
		name: 'POST /classes?/create',
		method: 'POST',
		who: 'teacher',
		path: () => '/classes?/create',
		base: () => [
			['name', 'Corpus class'],
			['timeZone', 'America/Los_Angeles']
		],
		fields: [{ name: 'name', refuse: notAName }, timeZoneField],
		paths: { 'a student': { path: () => '/classes?/create', who: 'student', status: 403 } },
		readsForm: true,
		control: 303
	},
	onOwnClass('POST', '/settings?/rename', {
		base: () => [['name', 'Renamed corpus class']],
		fields: [{ name: 'name', refuse: notAName }],
		control: 200
	}),
	onOwnClass('POST', '/settings?/timeZone', {
		base: () => [['timeZone', 'America/Mexico_City']],
		fields: [timeZoneField],
		control: 200
	}),
	onOwnClass('POST', '/settings?/language', {
		base: () => [['defaultLocale', 'es']],
		fields: [
			{
				name: 'defaultLocale',
				refuse: notAnId,
				foreign: { 'a language not offered': () => 'fr', 'a locale in capitals': () => 'ES' }
			}
		],
		control: 200
	}),
	confirmStep('assignments', 'edit', (w) => w.assignment.id, {
		'another class’s assignment': (w) => w.otherAssignmentId
	}),
	onOwnClass('POST', '/assignments?/create', {
		base: () => [
			['lesson', quizLesson.slug],
			['behaviour', 'quiz'],
			['dueDate', '2030-05-01'],
			['dueTime', '15:30'],
			...policyBase
		],
		fields: [
			{
				name: 'lesson',
				refuse: notAnId,
				foreign: { 'a lesson that does not exist': () => 'no-such-lesson' }
			},
			{ name: 'behaviour', refuse: notAnId, foreign: { 'an unknown behaviour': () => 'exam' } },
			// with a due time, the date is required
			{
				name: 'dueDate',
				refuse: [...notANumber, 'a lone surrogate'],
				foreign: {
					'a day that does not exist': () => '2030-02-31',
					'a year past 2100': () => '2101-01-01'
				}
			},
			{
				name: 'dueTime',
				refuse: notANumber.filter((name) => name !== 'an empty string'),
				missing: false,
				duplicate: false,
				foreign: { 'hour 24': () => '24:00' }
			},
			...policyFields
		],
		control: 200
	}),
	// before the delete below: the control run changes, releases and acts on w.assignment
	onOwnClass('POST', '/assignments?/update', {
		base: (w) => [['assignmentId', w.assignment.id], ...policyBase],
		fields: [
			{
				name: 'assignmentId',
				refuse: notAnId,
				foreign: { 'another class’s assignment': (w) => w.otherAssignmentId }
			},
			...policyFields
		],
		control: 303
	}),
	onOwnClass('POST', '/assignments?/release', {
		// the world's first quiz closed yesterday, so its answers are out: release the one due next week
		base: (w) => [['assignmentId', w.datedAssignmentId]],
		fields: [
			{
				name: 'assignmentId',
				refuse: notAnId,
				foreign: { 'another class’s assignment': (w) => w.otherAssignmentId }
			}
		],
		control: 200
	}),
	onDrillDown('GET', '', { ...noFields, control: 200 }),
	onDrillDown('POST', '?/grant', {
		base: (w) => [['assignmentId', w.assignment.id]],
		fields: [
			{
				name: 'assignmentId',
				refuse: notAnId,
				foreign: { 'another class’s assignment': (w) => w.otherAssignmentId }
			}
		],
		control: 200
	}),
	onDrillDown('POST', '?/reopen', {
		base: (w) => [
			['assignmentId', w.datedAssignmentId],
			['reopenDate', '2030-05-01'],
			['reopenTime', '15:30']
		],
		fields: [
			{
				name: 'assignmentId',
				refuse: notAnId,
				foreign: { 'an assignment without a due date': (w) => w.undatedAssignmentId }
			},
			{
				name: 'reopenDate',
				refuse: [...notANumber, 'a lone surrogate'],
				foreign: { 'a day in the past': () => '2020-01-01' }
			},
			{ name: 'reopenTime', refuse: notANumber }
		],
		control: 200
	}),
	onDrillDown('POST', '?/comment', {
		base: () => [['body', 'Read p02 again, then try once more.']],
		fields: [
			{
				name: 'body',
				refuse: [...notStorable, 'only zero-width characters', 'a right-to-left override']
			}
		],
		control: 200
	}),
	onOwnClass('POST', '/assignments?/delete', {
		base: (w) => [['assignmentId', w.assignment.id]],
		fields: [
			{
				name: 'assignmentId',
				refuse: notAnId,
				foreign: {
					'another class’s assignment': (w) => w.otherAssignmentId,
					'an unknown id': (w) => w.unknownId
				}
			}
		],
		control: 200
	}),
	onOwnClass('POST', '/grading?/grade', {
		base: (w) => [
			['responseId', w.writtenResponseId],
			['level', '2'],
			['comment', 'Good use of the source.']
		],
		fields: [
			{
				name: 'responseId',
				refuse: notAnId,
				foreign: {
					'another class’s answer': (w) => w.otherWrittenResponseId,
					'an unknown id': (w) => w.unknownId
				}
			},
			{
				name: 'level',
				refuse: notANumber,
				foreign: { 'level 4': () => '4', 'level 1.5': () => '1.5' }
			},
			{ name: 'comment', refuse: notStorable, missing: false, duplicate: false }
		],
		control: 200
	}),
	// ---- joining a class
	{
		name: 'POST /join (a visitor makes a student account)',
		method: 'POST',
		who: 'visitor',
		path: () => '/join',
		base: (w) => [
			['code', w.ownClass.joinCode],
			['name', 'Corpus Student'],
			['username', w.joinUsername],
			['password', 'a long enough password'],
			['confirmPassword', 'a long enough password']
		],
		fields: [
			{ name: 'code', refuse: notAnId, guesses: { 'a code no class has': () => 'CCCCCC' } },
			{ name: 'name', refuse: notAName },
			{
				name: 'username',
				refuse: except('NaN', 'a hex number', 'an overflowing number'),
				foreign: { 'a taken username': (w) => w.otherStudent.username }
			},
			{ name: 'password', refuse: allPayloads },
			{ name: 'confirmPassword', refuse: allPayloads }
		],
		readsForm: true,
		control: 303,
		guessLimits: [limits.joinCodeAddress.scope]
	},
	{
		name: 'POST /join (a student joins with a code)',
		method: 'POST',
		who: 'student',
		path: () => '/join',
		base: (w) => [['code', w.ownClass.joinCode]],
		fields: [{ name: 'code', refuse: notAnId, guesses: { 'a code no class has': () => 'CCCCCC' } }],
		readsForm: true,
		control: 303,
		guessLimits: [limits.joinCodeAccount.scope, limits.joinCodeAddress.scope]
	},
	// ---- lessons, quizzes and review
	{
		name: 'POST /lessons/[slug]?/answer',
		method: 'POST',
		who: 'student',
		path: () => `/lessons/${quizLesson.slug}?/answer`,
		base: () => [['questionId', choiceQuestion.id], ...answerFields(choiceQuestion)],
		fields: [
			{
				name: 'questionId',
				refuse: notAnId,
				foreign: { 'a question of another lesson': () => liveQuestion.id }
			},
			{ name: choiceQuestion.id, refuse: notAnId, foreign: { 'an unknown option': () => 'zz' } }
		],
		paths: unknownLesson,
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /lessons/[slug]?/markRead',
		method: 'POST',
		who: 'student',
		path: () => `/lessons/${quizLesson.slug}?/markRead`,
		base: () => [['sectionId', quizLesson.sections[0]!.id]],
		fields: [
			{
				name: 'sectionId',
				refuse: notAnId,
				foreign: { 'a section of another lesson': () => otherLessonSection.id }
			}
		],
		paths: {
			'an unknown lesson': { path: () => '/lessons/no-such-lesson?/markRead', status: 404 }
		},
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /lessons/[slug]/quiz?/answer',
		method: 'POST',
		who: 'student',
		path: () => `/lessons/${quizLesson.slug}/quiz?/answer`,
		base: () => [['questionId', writtenQuestion.id], ...answerFields(writtenQuestion)],
		fields: [
			{ name: 'questionId', refuse: notAnId },
			{ name: writtenQuestion.id, refuse: [...notStorable, 'an empty string', 'only spaces'] }
		],
		paths: {
			'an unknown lesson': { path: () => '/lessons/no-such-lesson/quiz?/answer', status: 404 }
		},
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /lessons/[slug]/quiz?/start',
		method: 'POST',
		who: 'quizTaker',
		path: () => `/lessons/${quizLesson.slug}/quiz?/start`,
		base: () => [],
		fields: [],
		paths: {
			'an unknown lesson': { path: () => '/lessons/no-such-lesson/quiz?/start', status: 404 }
		},
		readsForm: true,
		control: 303
	},
	// the free quiz (no class assigns it to a visitor): every question answered, submitted once
	{
		name: 'POST /lessons/[slug]/quiz?/submit',
		method: 'POST',
		who: 'visitor',
		path: () => `/lessons/${quizLesson.slug}/quiz?/submit`,
		base: () => quizItems.flatMap(answerFields),
		fields: quizItems.map((question): FieldRule => {
			const [first] = answerFields(question)[0]!;
			if (question === choiceQuestion) return { name: first, refuse: notAnId };
			if (question === writtenQuestion) {
				return { name: first, refuse: [...notStorable, 'an empty string', 'only spaces'] };
			}
			// every other question: leaving it out is refused
			return { name: first, refuse: [], duplicate: false, file: false };
		}),
		paths: {
			'an unknown lesson': { path: () => '/lessons/no-such-lesson/quiz?/submit', status: 404 }
		},
		readsForm: true,
		control: 303
	},
	// a draft keeps what is valid and drops the rest (forms-corpus.test.ts): here, that it reads its form
	{
		name: 'POST /lessons/[slug]/quiz?/draft',
		method: 'POST',
		who: 'otherStudent',
		path: () => `/lessons/${draftLesson.slug}/quiz?/draft`,
		base: () => quizQuestions(draftLesson).flatMap(answerFields),
		fields: [],
		paths: {
			'an unknown lesson': { path: () => '/lessons/no-such-lesson/quiz?/draft', status: 404 }
		},
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /review?/answer',
		method: 'POST',
		who: 'student',
		path: () => '/review?/answer',
		base: (w) => [['questionId', w.reviewQuestion.id], ...answerFields(w.reviewQuestion)],
		fields: [
			{
				name: 'questionId',
				refuse: notAnId,
				foreign: {
					'a question only another student reviews': (w) => w.othersReviewQuestion.id,
					'an unknown question': () => 'no-such-question'
				}
			}
		],
		readsForm: true,
		control: 200
	},
	// ---- live review sessions
	{
		name: 'POST /live?/start',
		method: 'POST',
		who: 'teacher',
		path: () => '/live?/start',
		base: (w) => [
			['source', 'lesson'],
			['lesson', liveLesson.slug],
			['classId', w.ownClass.id],
			['missedCount', '10'],
			['timer', 'custom'],
			['customSeconds', '30'],
			['scoring', 'accuracy'],
			['leaderboard', 'shown'],
			['extraSeconds', '30'],
			['extraStudent', w.student.id],
			['joinMode', 'members'],
			['nicknameLanguage', 'es']
		],
		fields: [
			{ name: 'source', refuse: notAnId },
			{
				name: 'lesson',
				refuse: notAnId,
				foreign: { 'a lesson that does not exist': () => 'nope' }
			},
			// extra time needs the class, so the class is required here
			{
				name: 'classId',
				refuse: notAnId,
				foreign: { 'another teacher’s class': (w) => w.otherClass.id }
			},
			{
				name: 'missedCount',
				refuse: notANumber.filter((name) => name !== 'an empty string'),
				missing: false,
				duplicate: false
			},
			{ name: 'timer', refuse: notAnId, foreign: { '15 seconds': () => '15' } },
			{ name: 'customSeconds', refuse: notANumber, foreign: { '4 seconds': () => '4' } },
			{ name: 'scoring', refuse: notAnId },
			{ name: 'leaderboard', refuse: notAnId },
			{ name: 'extraSeconds', refuse: notANumber, foreign: { '301 seconds': () => '301' } },
			{
				name: 'extraStudent',
				refuse: notAnId,
				missing: false,
				foreign: { 'another class’s student': (w) => w.otherStudent.id }
			},
			{
				name: 'joinMode',
				refuse: notAnId,
				missing: false,
				duplicate: true,
				foreign: { 'a mode that does not exist': () => 'everyone' }
			},
			{
				name: 'nicknameLanguage',
				refuse: notAnId,
				missing: false,
				duplicate: true,
				foreign: { French: () => 'fr' }
			}
		],
		paths: { 'a student': { path: () => '/live?/start', who: 'student', status: 403 } },
		readsForm: true,
		control: 303
	},
	{
		name: 'POST /live?/join',
		method: 'POST',
		who: 'visitor',
		path: () => '/live?/join',
		base: (w) => [['code', w.ownSession.code]],
		fields: [
			{ name: 'code', refuse: notAnId, guesses: { 'a code no session has': (w) => w.unknownCode } }
		],
		readsForm: true,
		control: 303,
		guessLimits: [limits.liveCodeAddress.scope]
	},
	{
		name: 'POST /live/[code]?/join',
		method: 'POST',
		who: 'visitor',
		path: (w) => `/live/${w.ownSession.code}?/join`,
		base: () => [['nickname', 'Corpus Cat']],
		fields: [
			{
				name: 'nickname',
				refuse: notANickname,
				foreign: { 'a nickname Ada has, in capitals and an accent': () => 'ÁDA' }
			}
		],
		paths: {
			'an unknown code': { path: (w) => `/live/${w.unknownCode}?/join`, status: 404, guess: true },
			'a NUL in the code': { path: (w) => `/live/${w.ownSession.code}%00?/join`, status: 404 }
		},
		readsForm: true,
		control: 303,
		guessLimits: [limits.liveCodeAddress.scope]
	},
	{
		name: 'POST /live/[code]?/answer',
		method: 'POST',
		who: 'ada',
		path: (w) => `/live/${w.ownSession.code}?/answer`,
		base: () => Object.entries(rightFields(liveQuestion, 0)),
		fields: [
			{
				name: 'questionIndex',
				refuse: notANumber,
				foreign: { 'a question that is not open': () => '1' }
			},
			{ name: liveQuestion.id, refuse: notAnId }
		],
		paths: {
			'an unknown code': {
				path: (w) => `/live/${w.unknownCode}?/answer`,
				status: 404,
				guess: true
			},
			'a session she has not joined': {
				path: (w) => `/live/${w.otherSession.code}?/answer`,
				status: 403
			}
		},
		readsForm: true,
		control: 303,
		guessLimits: [limits.liveCodeAddress.scope]
	},
	onOwnSession('POST', '?/rename', {
		base: (w) => [
			['playerId', w.players.ada],
			['nickname', 'Adele']
		],
		fields: [
			{
				name: 'playerId',
				refuse: notAnId,
				foreign: { 'a player of another session': (w) => w.players.zed }
			},
			{ name: 'nickname', refuse: notANickname, foreign: { 'Ben’s nickname': () => 'ben' } }
		],
		control: 303
	}),
	onOwnSession('POST', '?/extraTime', {
		base: (w) => [
			['playerId', w.players.student],
			['seconds', '30']
		],
		fields: [
			{
				name: 'playerId',
				refuse: notAnId,
				foreign: {
					'a guest (no account for the time to follow)': (w) => w.players.ada,
					'a player of another session': (w) => w.players.zed
				}
			},
			// an empty field means no extra time, which is a choice
			{
				name: 'seconds',
				refuse: notANumber.filter((name) => name !== 'an empty string'),
				duplicate: false,
				foreign: { '301 seconds': () => '301' }
			}
		],
		control: 303
	}),
	onOwnSession('POST', '?/remove', {
		base: (w) => [['playerId', w.players.ben]],
		fields: [
			{
				name: 'playerId',
				refuse: notAnId,
				foreign: {
					'a player of another session': (w) => w.players.zed,
					'an unknown id': (w) => w.unknownId
				}
			}
		],
		control: 303
	}),
	// the controls are exercised in order by live.spec; the corpus only refuses them
	...(['next', 'reveal', 'pause', 'resume', 'end'] as const).flatMap((action) => [
		onOwnSession('POST', `?/${action}`, { ...noFields, control: null }),
		onOwnSession('POST', `/projector?/${action}`, { ...noFields, control: null })
	]),
	// ---- endpoints and pages addressed by ids
	...[
		'',
		'/students',
		'/assignments',
		'/grading',
		'/questions',
		'/settings',
		'/export/grades.csv',
		'/export/responses.csv',
		'/join-code.svg'
	].map((route) => onOwnClass('GET', route, { ...noFields, control: 200 })),
	...['', '/projector', '/report', '/report.csv', '/qr.svg', '/events'].map((route) =>
		// an event stream never ends, so it has no control run
		onOwnSession('GET', route, { ...noFields, control: route === '/events' ? null : 200 })
	),
	{
		name: 'GET /live/[code]/events',
		method: 'GET',
		who: 'ada',
		path: (w) => `/live/${w.ownSession.code}/events`,
		...noFields,
		paths: {
			'an unknown code': { path: (w) => `/live/${w.unknownCode}/events`, status: 404, guess: true },
			'a visitor who has not joined': {
				path: (w) => `/live/${w.ownSession.code}/events`,
				who: 'visitor',
				status: 403
			},
			'a session she has not joined': {
				path: (w) => `/live/${w.otherSession.code}/events`,
				status: 403
			}
		},
		control: null,
		guessLimits: [limits.liveCodeAddress.scope]
	},
	{
		name: 'GET /lessons/[slug]/quiz/attempts/[attemptId]',
		method: 'GET',
		who: 'student',
		path: (w) => `/lessons/${quizLesson.slug}/quiz/attempts/${w.attemptId}`,
		...noFields,
		paths: {
			'another student’s attempt': {
				path: (w) => `/lessons/${quizLesson.slug}/quiz/attempts/${w.otherAttemptId}`,
				status: 404
			},
			'an unknown attempt': {
				path: (w) => `/lessons/${quizLesson.slug}/quiz/attempts/${w.unknownId}`,
				status: 404
			},
			'an unknown lesson': {
				path: (w) => `/lessons/no-such-lesson/quiz/attempts/${w.attemptId}`,
				status: 404
			},
			'a NUL in the attempt id': {
				path: (w) => `/lessons/${quizLesson.slug}/quiz/attempts/${w.attemptId}%00`,
				status: 404
			}
		},
		control: 200
	},
	// ---- the class settings, the roster and the account go last in the control run: they change codes
	// and sign people out
	...(['rotateCode', 'archive', 'unarchive'] as const).map((action) =>
		onOwnClass('POST', `/settings?/${action}`, { ...noFields, control: 200 })
	),
	onOwnClass('POST', '/students?/accommodate', {
		base: (w) => [
			['studentId', w.student.id],
			['extraTime', '2'],
			['extraAttempts', '1'],
			['readAloud', 'on']
		],
		fields: [
			studentField('another class’s student'),
			{
				name: 'extraTime',
				refuse: notAnId,
				foreign: { 'a factor the menu does not offer': () => '3' }
			},
			{ name: 'extraAttempts', refuse: notANumber, foreign: { 'six attempts': () => '6' } },
			{ name: 'readAloud', refuse: notAnId, missing: false }
		],
		control: 200
	}),
	onOwnClass('POST', '/students?/addStudents', {
		base: () => [['names', 'Corpus Student One\nCorpus Student Two']],
		fields: [
			// one name per line: a line break separates names rather than hiding in one
			{
				name: 'names',
				refuse: notAName.filter((name) => name !== 'a line break'),
				foreign: {
					'forty-one names': () => Array.from({ length: 41 }, (_, i) => `Student ${i}`).join('\n'),
					'a name of 101 characters': () => `Ana\n${'y'.repeat(101)}`
				}
			}
		],
		control: 200
	}),
	// the payloads as the uploaded file's content: none is a class list, so each is refused
	onOwnClass('POST', '/students?/importRoster', {
		base: () => [['file', 'First Name,Last Name\nCorpus,Imported\n']],
		fields: [{ name: 'file', refuse: notAName, file: false }],
		uploads: ['file'],
		control: 200
	}),
	onOwnClass('POST', '/students?/resetPassword', {
		base: (w) => [['studentId', w.student.id]],
		fields: [studentField('another class’s student')],
		control: 200
	}),
	onOwnClass('POST', '/students?/remove', {
		base: (w) => [['studentId', w.student.id]],
		fields: [studentField('another class’s student')],
		control: 200
	}),
	{
		name: 'POST /account?/changePassword',
		method: 'POST',
		who: 'otherTeacher',
		path: () => '/account?/changePassword',
		base: (w) => [
			['currentPassword', w.otherTeacher.password],
			['newPassword', 'a brand new password'],
			['confirmPassword', 'a brand new password']
		],
		fields: [
			{ name: 'currentPassword', refuse: allPayloads },
			{ name: 'newPassword', refuse: allPayloads },
			{ name: 'confirmPassword', refuse: allPayloads }
		],
		readsForm: true,
		control: 200
	},
	{
		name: 'POST /account?/deleteAccount',
		method: 'POST',
		who: 'otherStudent',
		path: () => '/account?/deleteAccount',
		base: (w) => [['confirmUsername', w.otherStudent.username]],
		fields: [
			{
				name: 'confirmUsername',
				refuse: notAnId,
				foreign: { 'another person’s username': (w) => w.teacher.username }
			}
		],
		readsForm: true,
		control: 303
	}
];

// ---------------------------------------------------------------------------------------------------
// The generated cases
// ---------------------------------------------------------------------------------------------------

interface RefusedCase {
	name: string;
	action: ActionRule;
	who: Who;
	path: (w: World) => string;
	shape: (w: World) => BodyShape;
	status?: number;
	/** a well-formed code nobody has: one limited_attempts row per limit of the action is expected */
	guess?: boolean;
}

const setField = (fields: Field[], name: string, value: string): Field[] => {
	let placed = false;
	const kept = fields.flatMap(([key, old]): Field[] => {
		if (key !== name) return [[key, old]];
		if (placed) return [];
		placed = true;
		return [[key, value]];
	});
	return placed ? kept : [...kept, [name, value]];
};

/** Extra fields a tampering client might add, hoping one is read: they are ignored or refused. */
const extras: Field[] = [
	['role', 'admin'],
	['isAdmin', 'true'],
	['teacherId', 'someone-else'],
	['userId', 'someone-else'],
	['__proto__', 'polluted'],
	['constructor', 'polluted']
];

/**
 * The wiring cases of one action: each way a request can be refused over HTTP once. Every field × payload,
 * left-out, sent-twice and nothing-at-all case runs in-process in src/lib/server/forms-corpus.test.ts.
 */
function casesOf(action: ActionRule): RefusedCase[] {
	const cases: RefusedCase[] = [];
	const firstOfFamily = (kind: string) => {
		const key = `${kind} ${action.method} ${familyOf(action)}`;
		if (provenFamilies.has(key)) return false;
		provenFamilies.add(key);
		return true;
	};
	const add = (label: string, shape: (w: World) => BodyShape, extra: Partial<RefusedCase> = {}) =>
		cases.push({
			name: `${action.name} · ${label}`,
			action,
			who: action.who,
			path: action.path,
			shape,
			...extra
		});
	const form = (fields: (w: World) => Field[]) => (w: World) =>
		({ kind: 'form', fields: fields(w), uploads: action.uploads }) as BodyShape;
	const refuses = (payload: PayloadName) => action.fields.find((f) => f.refuse.includes(payload));

	// a field's rule (the schema's 400) and the NUL every form read refuses first
	const firstBreakable = action.fields.find((field) =>
		field.refuse.some((p) => p !== 'a NUL byte')
	);
	if (firstBreakable) {
		const payload = firstBreakable.refuse.find((p) => p !== 'a NUL byte')!;
		add(
			`${firstBreakable.name}: ${payload}`,
			form((w) => setField(action.base(w), firstBreakable.name, payloads[payload]))
		);
	}
	const nulField = refuses('a NUL byte');
	if (nulField && action.method === 'POST' && firstOfFamily('nul')) {
		add(
			`${nulField.name}: a NUL byte`,
			form((w) => setField(action.base(w), nulField.name, payloads['a NUL byte']))
		);
	}
	// someone else's or an unknown id: the first such value of the action
	const foreignField = action.fields.find((field) => field.foreign);
	const [foreignLabel, foreignValue] = Object.entries(foreignField?.foreign ?? {})[0] ?? [];
	if (foreignField && foreignLabel && foreignValue) {
		add(
			`${foreignField.name}: ${foreignLabel}`,
			form((w) => setField(action.base(w), foreignField.name, foreignValue(w)))
		);
	}
	// a wrong code is counted against the sender's address: every one stays on HTTP
	for (const field of action.fields) {
		for (const [label, value] of Object.entries(field.guesses ?? {})) {
			add(
				`${field.name}: ${label}`,
				form((w) => setField(action.base(w), field.name, value(w))),
				{ guess: true }
			);
		}
	}
	const fileField = action.fields.find((field) => field.file ?? true);
	if (action.method === 'POST' && fileField) {
		add(`${fileField.name}: a file upload`, (w) => ({
			kind: 'form',
			fields: action.base(w),
			fileField: fileField.name
		}));
	}
	const guardsHere = firstOfFamily('guard');
	for (const [label, variant] of Object.entries(action.paths ?? {})) {
		if (variant.guard && !guardsHere) continue;
		add(`${label}`, form(action.base), {
			path: variant.path,
			who: variant.who ?? action.who,
			status: variant.status,
			guess: variant.guess
		});
	}
	if (action.method === 'POST' && firstOfFamily('body')) {
		const body = (kind: 'json' | 'plain text' | 'oversized' | 'broken multipart') => (w: World) =>
			({ kind, fields: action.base(w) }) as BodyShape;
		add('sent as JSON', body('json'), { status: 415 });
		add('a body over 2 MB', body('oversized'), { status: 413 });
		// text/plain is a form encoding to SvelteKit, so only an action that reads its form can refuse it
		if (action.readsForm) {
			add('sent as plain text', body('plain text'), { status: 400 });
			add('a broken multipart body', body('broken multipart'), { status: 400 });
		}
	}
	return cases;
}

/** Where a route's guard and body handling are shared: the path up to its first [param], or its first part. */
function familyOf(action: ActionRule): string {
	const path = action.name.replace(/^\w+ /, '').replace(/[?\s].*$/, '');
	return /^[^[]*\[\w+\]/.exec(path)?.[0] ?? path.split('/').slice(0, 2).join('/');
}
const provenFamilies = new Set<string>();
const refusedCases = actions.flatMap(casesOf);

/** The address a case goes to: a GET carries its fields in the query. */
function addressOf(path: string, method: 'GET' | 'POST', shape: BodyShape): string {
	if (method === 'POST' || shape.fields.length === 0) return path;
	const query = shape.fields
		.map(
			([name, value]) =>
				`${encodeURIComponent(name)}=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'))}`
		)
		.join('&');
	return `${path}?${query}`;
}

let world: World;
let db: Database;
let contexts: Record<Who, APIRequestContext>;
/** the snapshot the previous passing case ended with; nothing writes between two refused cases */
type Snapshot = Awaited<ReturnType<typeof databaseSnapshot>>;
let lastSnapshot: Snapshot | undefined;
const ran = { refused: 0, accepted: 0, ignored: 0 };

test.beforeAll(async ({ baseURL }) => {
	test.setTimeout(120_000);
	world = await arrange(baseURL!);
	db = await openE2eDatabase();
	contexts = await contextsFor(baseURL!, world);
});

test.afterAll(async () => {
	await Promise.all(Object.values(contexts ?? {}).map((context) => context.dispose()));
	await db?.close();
	const total = ran.refused + ran.accepted + ran.ignored;
	console.log(
		`bad-input corpus: ${total} cases over ${actions.length} actions/endpoints ` +
			`(${ran.refused} refused with a 4xx, ${ran.accepted} kept verbatim and shown as text, ` +
			`${ran.ignored} ignored query values)`
	);
});

/** The snapshot after a wrong code, less the one attempt it counted against each of the action's limits. */
async function withoutCountedGuess(refused: RefusedCase, mark: number): Promise<Snapshot> {
	const { added, snapshot } = await withoutAttemptsAfter(db, mark);
	expect(
		added.map((row) => row.scope).sort(),
		`${refused.name}: the wrong code counted once per limit`
	).toEqual([...(refused.action.guessLimits ?? [])].sort());
	return snapshot;
}

for (const refused of refusedCases) {
	test(`refused: ${refused.name}`, async () => {
		const before = lastSnapshot ?? (await databaseSnapshot(db));
		lastSnapshot = undefined;
		const mark = refused.guess ? await attemptsMark(db) : 0;
		const shape = refused.shape(world);
		const response = await send(
			contexts[refused.who],
			refused.action.method,
			addressOf(refused.path(world), refused.action.method, shape),
			shape
		);
		await expectRefusal(response, refused.name, refused.status);
		if (refused.who === 'visitor') {
			expect(response.headers()['set-cookie'] ?? '').not.toMatch(/evidencia_/);
		}
		const unchanged = refused.guess
			? await withoutCountedGuess(refused, mark)
			: await databaseSnapshot(db);
		expect(unchanged, `${refused.name}: no table changed`).toEqual(before);
		// after a guess the table holds the counted attempt: the next case takes its own snapshot
		lastSnapshot = refused.guess ? undefined : unchanged;
		ran.refused++;
	});
}

// A login that passes validation is looked up; the failure is recorded for the rate limit, nothing else.
// (the other payloads: forms-corpus.test.ts)
for (const payload of only("SQL ' OR 1=1")) {
	test(`refused: POST /signin · login: ${payload} is looked up as text`, async () => {
		lastSnapshot = undefined;
		// the server clears attempts older than its windows when it records this one: clear them first
		const aMinuteAhead = new Date(Date.now() + 60_000);
		await db.write((tx) => forgetExpiredAttempts(tx, db.tables, aMinuteAhead));
		const before = await databaseSnapshot(db);
		const response = await send(contexts.visitor, 'POST', '/signin', {
			kind: 'form',
			fields: [
				['login', payloads[payload]],
				['password', 'some password']
			]
		});
		const body = await expectRefusal(response, payload, 400);
		expect(body).toContain('don’t match an account');
		const accountKey = payloads[payload].trim().toLowerCase();
		const failures = db.tables.limitedAttempts;
		const thisLogin = and(
			eq(failures.scope, limits.signInAccount.scope),
			eq(failures.key, accountKey)
		);
		const recorded = await db.read.select({ key: failures.key }).from(failures).where(thisLogin);
		expect(recorded, 'the login was stored as the text it is').toEqual([{ key: accountKey }]);
		// other specs sign in from this address too: the failure goes again once checked
		const [addressRow] = await db.read
			.select({ id: failures.id })
			.from(failures)
			.where(eq(failures.scope, limits.signInAddress.scope))
			.orderBy(desc(failures.attemptedAt))
			.limit(1);
		await db.write(async (tx) => {
			await tx.delete(failures).where(thisLogin);
			if (addressRow) await tx.delete(failures).where(eq(failures.id, addressRow.id));
		});
		expect(await databaseSnapshot(db)).toEqual(before);
		ran.refused++;
	});
}

// ---------------------------------------------------------------------------------------------------
// Query values a page rightly ignores (or shows in a field as text), and sign-in redirects
// ---------------------------------------------------------------------------------------------------

// markup must not come back as HTML, and a NUL or a broken character must not break the page; every other
// payload on each of these page loads: forms-corpus.test.ts
const ignoredPayloads = only('a script tag', 'an img onerror', 'a NUL byte', 'a lone surrogate');

const ignoringPages: { name: string; who: Who; path: (w: World, value: string) => string }[] = [
	{
		name: 'GET /classes/[classId]?sort=&dir=',
		who: 'teacher',
		path: (w, v) => `/classes/${w.ownClass.id}?sort=${v}&dir=${v}`
	},
	{
		name: 'GET /classes/[classId]/questions?source=',
		who: 'teacher',
		path: (w, v) => `/classes/${w.ownClass.id}/questions?source=${v}`
	},
	{ name: 'GET /join?code=', who: 'visitor', path: (_w, v) => `/join?code=${v}` },
	{ name: 'GET /live?code=', who: 'visitor', path: (_w, v) => `/live?code=${v}` },
	{
		name: 'GET /lessons/[slug]/quiz?mode=',
		who: 'student',
		path: (_w, v) => `/lessons/${quizLesson.slug}/quiz?mode=${v}`
	},
	{
		name: 'GET /live/host/[sessionId]?player=',
		who: 'teacher',
		path: (w, v) => `/live/host/${w.ownSession.id}?player=${v}`
	},
	{ name: 'GET /signin?redirectTo=', who: 'visitor', path: (_w, v) => `/signin?redirectTo=${v}` }
];

for (const page of ignoringPages) {
	for (const payload of ignoredPayloads) {
		test(`ignored: ${page.name} · ${payload}`, async () => {
			lastSnapshot = undefined;
			const before = await databaseSnapshot(db);
			const value = encodeURIComponent(payloads[payload].replace(/[\ud800-\udfff]/g, '\ufffd'));
			const response = await send(contexts[page.who], 'GET', page.path(world, value));
			const body = await response.text();
			expect(response.status(), body.slice(0, 300)).toBe(200);
			for (const tag of Object.values(markup)) expect(body).not.toContain(tag);
			expect(await databaseSnapshot(db)).toEqual(before);
			ran.ignored++;
		});
	}
}

// Browsers drop tabs and line breaks from a URL, so "/\t/evil.example" leads to evil.example.
const redirectTargets = [
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'//evil.example',
	'/\\evil.example',
	'https://evil.example',
	'javascript:alert(1)',
	'/€uro',
	'/a\u0000b'
];
for (const target of redirectTargets) {
	test(`ignored: GET /signin?redirectTo=${JSON.stringify(target)} when signed in stays on this site`, async ({
		baseURL
	}) => {
		lastSnapshot = undefined;
		const before = await databaseSnapshot(db);
		const response = await send(
			contexts.teacher,
			'GET',
			`/signin?redirectTo=${encodeURIComponent(target)}`
		);
		expect(response.status(), await response.text()).toBe(303);
		const location = response.headers().location ?? '';
		expect(new URL(location, baseURL).origin).toBe(new URL(baseURL!).origin);
		expect(await databaseSnapshot(db)).toEqual(before);
		ran.ignored++;
	});
}

// ---------------------------------------------------------------------------------------------------
// Text the app rightly keeps: stored verbatim, shown as text
// ---------------------------------------------------------------------------------------------------

/** Posts a form that must be accepted; returns the response for the caller's checks. */
async function accept(context: APIRequestContext, path: string, fields: Field[], status: number) {
	lastSnapshot = undefined;
	const response = await send(context, 'POST', path, { kind: 'form', fields });
	expect(response.status(), (await response.text()).slice(0, 300)).toBe(status);
	ran.accepted++;
	return response;
}

test.describe('kept as text', () => {
	const signedUp: { username: string; cookie: string; name: string }[] = [];

	for (const [index, text] of keptTexts.entries()) {
		test(`kept: ${JSON.stringify(text)} as a class name, a student's name, a joining and a sign-up name, an answer, a score's comment and a comment on work`, async ({
			baseURL
		}) => {
			await test.step(`kept: POST /classes?/create · a class named ${JSON.stringify(text)}`, async () => {
				await accept(
					contexts.teacher,
					'/classes?/create',
					[
						['name', text],
						['timeZone', 'UTC']
					],
					303
				);
				const rows = await db.read
					.select({ name: db.tables.classes.name })
					.from(db.tables.classes)
					.where(
						and(eq(db.tables.classes.teacherId, world.teacher.id), eq(db.tables.classes.name, text))
					);
				expect(rows).toEqual([{ name: text }]);
			});

			await test.step(`kept: POST /classes/[classId]/students?/addStudents · a student named ${JSON.stringify(text)}`, async () => {
				await accept(
					contexts.teacher,
					`/classes/${world.ownClass.id}/students?/addStudents`,
					[['names', text]],
					200
				);
				const t = db.tables;
				const rows = await db.read
					.select({ name: t.users.displayName, role: t.users.role })
					.from(t.users)
					.innerJoin(t.classMembers, eq(t.classMembers.userId, t.users.id))
					.where(and(eq(t.classMembers.classId, world.ownClass.id), eq(t.users.displayName, text)));
				expect(rows).toContainEqual({ name: text, role: 'student' });
			});

			await test.step(`kept: POST /join · a visitor joins named ${JSON.stringify(text)} (extra fields ignored) and writes it as an answer`, async () => {
				const visitor = await requestAs(baseURL!, null);
				const username = unique('kept').toLowerCase();
				await accept(
					visitor,
					'/join',
					[
						['code', world.ownClass.joinCode],
						['name', text],
						['username', username],
						['password', 'a long enough password'],
						['confirmPassword', 'a long enough password'],
						...extras,
						['classId', world.otherClass.id]
					],
					303
				);
				const t = db.tables;
				const [user] = await db.read.select().from(t.users).where(eq(t.users.username, username));
				expect(user).toMatchObject({ displayName: text, role: 'student', isGuest: false });
				const memberships = await db.read
					.select({ classId: t.classMembers.classId })
					.from(t.classMembers)
					.where(eq(t.classMembers.userId, user!.id));
				expect(memberships).toEqual([{ classId: world.ownClass.id }]);

				// signed in now, the new student writes the same text as an answer: the grading page shows it
				await accept(
					visitor,
					`/lessons/${quizLesson.slug}/quiz?/answer`,
					[
						['questionId', writtenQuestion.id],
						[writtenQuestion.id, text]
					],
					200
				);
				await visitor.dispose();
				const answers = await db.read
					.select({ answer: t.responses.answer })
					.from(t.responses)
					.where(eq(t.responses.userId, user!.id));
				expect(answers).toEqual([{ answer: text }]);
			});

			await test.step(`kept: POST /signup · a student named ${JSON.stringify(text)}, extra fields (a role too) ignored`, async () => {
				const visitor = await requestAs(baseURL!, null);
				const username = unique('kept').toLowerCase();
				const response = await accept(
					visitor,
					'/signup',
					[['name', text], ['username', username], ['password', 'long enough password'], ...extras],
					303
				);
				await visitor.dispose();
				const [user] = await db.read
					.select()
					.from(db.tables.users)
					.where(eq(db.tables.users.username, username));
				expect(user).toMatchObject({ displayName: text, role: 'student', isGuest: false });
				const cookie = /evidencia_session=([^;]+)/.exec(response.headers()['set-cookie'] ?? '');
				signedUp.push({ username, cookie: cookie?.[1] ?? '', name: text });
			});

			await test.step(`kept: POST /classes/[classId]/grading?/grade · a comment ${JSON.stringify(text)}`, async () => {
				await accept(
					contexts.teacher,
					`/classes/${world.ownClass.id}/grading?/grade`,
					[
						['responseId', world.writtenResponseId],
						['level', String(index % 4)],
						['comment', text]
					],
					200
				);
				const grades = db.tables.responseGrades;
				const [grade] = await db.read
					.select({ comment: grades.comment, level: grades.level })
					.from(grades)
					.where(eq(grades.responseId, world.writtenResponseId));
				expect(grade).toEqual({ comment: text, level: index % 4 });
			});

			await test.step(`kept: POST /classes/[classId]/students/[studentId]/lessons/[slug]?/comment · ${JSON.stringify(text)}`, async () => {
				await accept(contexts.teacher, `${drillDownPath(world)}?/comment`, [['body', text]], 200);
				const comments = db.tables.workComments;
				const rows = await db.read
					.select({ body: comments.body })
					.from(comments)
					.where(and(eq(comments.studentId, world.student.id), eq(comments.body, text)));
				expect(rows).toEqual([{ body: text }]);
			});
		});
	}

	test('kept: every kept text shows as text on the pages that show it', async ({
		browser,
		baseURL
	}) => {
		lastSnapshot = undefined;
		const teacher = await browser.newContext({ baseURL });
		await teacher.addCookies([
			{ name: 'evidencia_session', value: world.teacher.token, url: baseURL! }
		]);
		const teacherPage = await teacher.newPage();
		await expectShownAsText(teacherPage, '/classes', keptTexts);
		await expectShownAsText(teacherPage, `/classes/${world.ownClass.id}/students`, keptTexts);
		await expectShownAsText(teacherPage, `/classes/${world.ownClass.id}/grading`, keptTexts);
		await expectShownAsText(teacherPage, drillDownPath(world), keptTexts);
		await teacher.close();

		// the last comment saved is the one the student reads with their quiz
		const student = await browser.newContext({ baseURL });
		await student.addCookies([
			{ name: 'evidencia_session', value: world.student.token, url: baseURL! }
		]);
		await expectShownAsText(
			await student.newPage(),
			`/lessons/${quizLesson.slug}/quiz/attempts/${world.attemptId}`,
			[keptTexts.at(-1)!]
		);
		// and every comment on their work, with that score, on the returned-work page
		await expectShownAsText(await student.newPage(), '/learn/returned', keptTexts);
		await student.close();

		for (const account of signedUp) {
			const context = await browser.newContext({ baseURL });
			await context.addCookies([
				{ name: 'evidencia_session', value: account.cookie, url: baseURL! }
			]);
			await expectShownAsText(await context.newPage(), '/learn', [account.name]);
			await context.close();
		}
	});
});

// ---------------------------------------------------------------------------------------------------
// The control run: in a fresh world every base body is accepted
// ---------------------------------------------------------------------------------------------------

test.describe('control', () => {
	let fresh: World;
	let freshContexts: Record<Who, APIRequestContext>;

	test.beforeAll(async ({ baseURL }) => {
		test.setTimeout(120_000);
		fresh = await arrange(baseURL!);
		freshContexts = await contextsFor(baseURL!, fresh);
	});

	test.afterAll(async () => {
		await Promise.all(Object.values(freshContexts ?? {}).map((context) => context.dispose()));
	});

	for (const action of actions.filter((a) => a.control !== null)) {
		test(`control: ${action.name} accepts its base`, async ({ baseURL }) => {
			lastSnapshot = undefined;
			// a visitor's success signs them in: a context of its own keeps the shared one a visitor
			const context =
				action.who === 'visitor' ? await requestAs(baseURL!, null) : freshContexts[action.who];
			const fields = action.base(fresh);
			const shape: BodyShape = { kind: 'form', fields, uploads: action.uploads };
			const response = await send(
				context,
				action.method,
				addressOf(action.path(fresh), action.method, shape),
				shape
			);
			expect(response.status(), (await response.text()).slice(0, 300)).toBe(action.control);
			if (action.who === 'visitor') await context.dispose();
		});
	}
});

test('the corpus ran every refused case it generated', () => {
	// every action has its wiring cases (the field × payload cases are forms-corpus.test.ts's)
	expect(refusedCases.length).toBeGreaterThanOrEqual(actions.length * 2);
	// counts this worker's cases: a failure earlier restarts the worker, and this fails with it
	expect(ran.refused).toBe(refusedCases.length + 1);
});
