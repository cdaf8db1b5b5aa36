import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	demoAnswers,
	gradedByTeacher,
	questionTypes,
	scoreAnswer,
	type Question
} from '../quiz/registry';
import { createInvite, acceptInvite } from './auth/invites';
import { hashPassword } from './auth/password';
import { limits } from './auth/rate-limit';
import type { SessionUser } from './auth/session';
import { createAssignment } from './classes/assignments';
import { addMember, createClass } from './classes/classes';
import { getContent } from './content';
import type { Database } from './db/database';
import { databaseFingerprint } from './db/fingerprint';
import { openTestDatabase, testEngines } from './db/testing';
import { newId } from './ids';
import { joinLiveSession, liveCookieName } from './live/players';
import { createLiveSession, liveQuestionsOf, startOrNext } from './live/sessions';
import { rightForm } from './live/test-live';
import { quizQuestions, recordQuizAttempt } from './quiz/answers';
import { rightAnswer, wrongAnswer } from './seed';
import {
	allPayloads,
	except,
	humanMessageProblems,
	keptTexts,
	notAName,
	notANickname,
	notANumber,
	notAnId,
	notAPassword,
	notAQueryId,
	notStorable,
	only,
	payloads,
	type BodyShape,
	type Field,
	type PayloadName
} from './test-bad-input';
import { runRoute, type RouteAnswer } from './test-route';

// Issue #15: the bad-input corpus's field rules, run in-process against every form action (and the confirm
// steps' page loads) on SQLite and PostgreSQL. Each case sends the rightful user's form with one field
// broken (each hostile payload, a foreign id, left out, sent twice, a file, extra fields) and must get a 4xx
// with a message a person can read and change no table; texts the app keeps are stored verbatim; a control
// run proves every base form is accepted, so each refusal is the mutation's doing. The HTTP wiring (415,
// 413, unreadable bodies, paths, roles) is proven by tests/bad-input-corpus.spec.ts.

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('./db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const content = getContent();
const lessons = [...content.lessons.values()];
const quizLesson = lessons.find((lesson) =>
	lesson.questions.some((q) => gradedByTeacher(q) && lesson.quizIds.includes(q.id))
)!;
/** One choice among a few: picked with a single field (single choice, true or false), no typing. */
const choosable = (q: Question) =>
	'options' in q
		? !questionTypes[q.type].countsSeveralChoices
		: typeof demoAnswers(q).right === 'boolean';
/** A question whose one field names an option: an unknown option id is refused. */
const namesOneOption = (q: Question) => 'options' in q && choosable(q);
const liveLesson = lessons.find((lesson) => {
	const first = liveQuestionsOf(lesson.questions).slice(0, 3);
	return first.length === 3 && first.every(choosable);
})!;
const liveQuestion = liveQuestionsOf(liveLesson.questions)[0]!;
const quizItems = quizQuestions(quizLesson);
/** A lesson nobody in the world is assigned: its quiz is free, so a draft of it is kept. */
const draftLesson = lessons.find(
	(lesson) => lesson.slug !== quizLesson.slug && quizQuestions(lesson).length > 0
)!;
const writtenQuestion = quizItems.find((q) => gradedByTeacher(q))!;
const choiceQuestion = quizItems.find(namesOneOption)!;
const otherLessonSection = lessons
	.find((lesson) => lesson.slug !== quizLesson.slug)!
	.sections.find((section) => !quizLesson.sections.some((own) => own.id === section.id))!;

const answerFields = (question: Question): Field[] =>
	[...rightForm(question)].map(([name, value]) => [name, String(value)]);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;
const password = 'pw-a-corpus-account-long-enough';
const passwordHash = hashPassword(password);

interface Person extends SessionUser {
	password: string;
}

async function person(db: Database, role: SessionUser['role'], prefix: string): Promise<Person> {
	const id = newId();
	const username = unique(prefix).toLowerCase();
	await db.write(async (tx) =>
		tx.insert(db.tables.users).values({
			id,
			username,
			email: role === 'student' ? null : `${username}@example.org`,
			displayName: `${prefix} ${counter}`,
			role,
			passwordHash: await passwordHash
		})
	);
	return { id, username, displayName: `${prefix} ${counter}`, role, isGuest: false, password };
}

/** The e2e corpus's world, made in-process: two teachers' classes, quiz work, a live session, invites. */
async function arrange(db: Database) {
	const teacher = await person(db, 'teacher', 'owner');
	const otherTeacher = await person(db, 'teacher', 'other-teacher');
	const student = await person(db, 'student', 'member');
	const otherStudent = await person(db, 'student', 'outsider');
	const admin = await person(db, 'admin', 'admin');
	const ownClass = await createClass(db, teacher.id, unique('Class A'));
	const otherClass = await createClass(db, otherTeacher.id, unique('Class B'));
	await addMember(db, ownClass.id, student.id);
	await addMember(db, otherClass.id, otherStudent.id);
	const now = new Date();
	// the quiz closed yesterday, so its answers are out and practice on its questions is open again
	const assignment = await createAssignment(db, {
		classId: ownClass.id,
		lessonSlug: quizLesson.slug,
		behaviour: 'quiz',
		dueAt: new Date(now.getTime() - 24 * 3600_000)
	});
	// the member's quiz also closed in a class the control run leaves alone: it still governs them once
	// the run has deleted the first and assigned a quiz due later, so practice stays open to them
	const closedClass = await createClass(db, teacher.id, unique('Class closed'));
	await addMember(db, closedClass.id, student.id);
	await createAssignment(db, {
		classId: closedClass.id,
		lessonSlug: quizLesson.slug,
		behaviour: 'quiz',
		dueAt: new Date(now.getTime() - 23 * 3600_000)
	});
	// a student whose timed quiz is still open: they may start it
	const quizTaker = await person(db, 'student', 'quiz-taker');
	const timedClass = await createClass(db, teacher.id, unique('Class timed'));
	await addMember(db, timedClass.id, quizTaker.id);
	await createAssignment(db, {
		classId: timedClass.id,
		lessonSlug: quizLesson.slug,
		behaviour: 'quiz',
		dueAt: new Date(now.getTime() + 7 * 24 * 3600_000),
		policy: { timeLimitMinutes: 30 }
	});
	const otherAssignment = await createAssignment(db, {
		classId: otherClass.id,
		lessonSlug: null,
		behaviour: 'practice',
		dueAt: null
	});
	// the member got every other question right; the outsider none, so they have cards the member lacks
	const sitting = (right: (index: number) => boolean) =>
		quizItems.map((question, index) => {
			const answer = right(index) ? rightAnswer(question) : wrongAnswer(question);
			return { question, answer, score: scoreAnswer(answer, question) };
		});
	const sat = new Date(now.getTime() - 2 * 24 * 3600_000);
	const attemptId = await recordQuizAttempt(
		db,
		quizLesson,
		student.id,
		sitting((i) => i % 2 === 0),
		sat
	);
	const otherAttemptId = await recordQuizAttempt(
		db,
		quizLesson,
		otherStudent.id,
		sitting(() => false),
		sat
	);
	// made after the sittings above, so they still count for `assignment`: a due date to reopen
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
	const t = db.tables;
	const written = await db.read
		.select({ id: t.responses.id, attemptId: t.responses.attemptId })
		.from(t.responses)
		.where(eq(t.responses.questionId, writtenQuestion.id));
	const cards = await db.read
		.select({ userId: t.reviewCards.userId, questionId: t.reviewCards.questionId })
		.from(t.reviewCards);
	const ownCards = cards.filter((c) => c.userId === student.id).map((c) => c.questionId);
	const reviewQuestion = quizItems.find((q) => choosable(q) && ownCards.includes(q.id))!;
	const othersReviewQuestion = quizItems.find(
		(q) => !ownCards.includes(q.id) && cards.some((c) => c.userId === otherStudent.id)
	)!;

	const invites = [];
	for (const note of ['open', 'used', 'to withdraw']) {
		const made = await createInvite(db, admin, { role: 'teacher', note });
		if (!made.ok) throw new Error('the admin could not invite');
		invites.push(made);
	}
	const [open, used, toWithdraw] = invites as [
		(typeof invites)[number] & { ok: true },
		(typeof invites)[number] & { ok: true },
		(typeof invites)[number] & { ok: true }
	];
	const accepted = await acceptInvite(db, used.token, {
		name: 'Used Invite',
		email: `${unique('used')}@example.org`,
		password
	});
	if (!accepted.ok) throw new Error('the used invite was not used');

	const session = async (teacherId: string, classId: string | null) => {
		const created = await createLiveSession(db, content, {
			teacherId,
			classId,
			source: { kind: 'lesson', lessonSlug: liveLesson.slug },
			options: {
				timerSeconds: null,
				scoring: 'accuracy',
				showLeaderboard: true,
				showRealNames: true,
				extraTime: {}
			}
		});
		if (!created.ok) throw new Error(created.message);
		return created.session;
	};
	const join = async (code: string, user: SessionUser | null, nickname?: string) => {
		const joined = await joinLiveSession(db, { code, user, nickname });
		if (!joined.ok) throw new Error(joined.message);
		return joined;
	};
	const ownSession = await session(teacher.id, ownClass.id);
	const otherSession = await session(otherTeacher.id, null);
	const ada = await join(ownSession.code, null, 'Ada');
	const ben = await join(ownSession.code, null, 'Ben');
	const zed = await join(otherSession.code, null, 'Zed');
	const studentPlayer = await join(ownSession.code, student);
	const opened = await startOrNext(db, { sessionId: ownSession.id, teacherId: teacher.id });
	if (!opened.ok) throw new Error(opened.message);
	const codes = new Set([ownSession.code, otherSession.code]);
	let unknownCode = '271828';
	for (let n = 1; codes.has(unknownCode); n++) {
		unknownCode = String((271_828 + n * 7919) % 1_000_000).padStart(6, '0');
	}

	return {
		teacher,
		otherTeacher,
		student,
		otherStudent,
		quizTaker,
		admin,
		ownClass,
		otherClass,
		assignment,
		datedAssignmentId: datedAssignment.id,
		undatedAssignmentId: undatedAssignment.id,
		otherAssignmentId: otherAssignment.id,
		attemptId,
		writtenResponseId: written.find((row) => row.attemptId === attemptId)!.id,
		otherWrittenResponseId: written.find((row) => row.attemptId === otherAttemptId)!.id,
		reviewQuestion,
		othersReviewQuestion,
		ownSession: { id: ownSession.id, code: ownSession.code },
		otherSession: { id: otherSession.id, code: otherSession.code },
		adaCookie: { [liveCookieName(ownSession.id)]: ada.resumeToken ?? '' },
		players: {
			ada: ada.player.id,
			ben: ben.player.id,
			student: studentPlayer.player.id,
			zed: zed.player.id
		},
		unknownCode,
		unknownId: newId(),
		signupUsername: unique('corpus').toLowerCase(),
		joinUsername: unique('corpus-join').toLowerCase(),
		inviteId: toWithdraw.inviteId,
		inviteToken: open.token
	};
}
type World = Awaited<ReturnType<typeof arrange>>;

type Who =
	| 'teacher'
	| 'otherTeacher'
	| 'student'
	| 'otherStudent'
	| 'quizTaker'
	| 'admin'
	| 'visitor'
	| 'ada';

// ---------------------------------------------------------------------------------------------------
// What each field must refuse: the same table as the end-to-end corpus had, without its paths
// ---------------------------------------------------------------------------------------------------

interface FieldRule {
	name: string;
	refuse: PayloadName[];
	missing?: boolean;
	duplicate?: boolean;
	file?: boolean;
	foreign?: Record<string, (w: World) => string>;
	/** well-formed codes nobody has: refused, and counted as one guess against each of `guessLimits` */
	guesses?: Record<string, (w: World) => string>;
}

interface ActionRule {
	method: 'GET' | 'POST';
	who: Who;
	path: (w: World) => string;
	base: (w: World) => Field[];
	fields: FieldRule[];
	control: number;
	guessLimits?: string[];
	/** fields the page has as file inputs, sent as uploaded files */
	uploads?: string[];
}

const studentField = (label: string): FieldRule => ({
	name: 'studentId',
	refuse: notAnId,
	foreign: {
		[label]: (w) => w.otherStudent.id,
		'the teacher’s own id': (w) => w.teacher.id,
		'an unknown id': (w) => w.unknownId
	}
});

/** A zone from the select: a made-up one, an offset or a 65-character name is no zone. */
const timeZoneField: FieldRule = {
	name: 'timeZone',
	refuse: notAnId,
	foreign: {
		'a zone that does not exist': () => 'Mars/Olympus_Mons',
		'a UTC offset': () => '+05:00',
		'a name past 64 characters': () => `America/${'x'.repeat(57)}`
	}
};

function confirmStep(
	page: string,
	param: string,
	own: (w: World) => string,
	foreign: Record<string, (w: World) => string>
): ActionRule {
	return {
		method: 'GET',
		who: 'teacher',
		path: (w) => `/classes/${w.ownClass.id}/${page}`,
		base: (w) => [[param, own(w)]],
		fields: [
			{ name: param, refuse: notAQueryId, missing: false, duplicate: true, file: false, foreign }
		],
		control: 200
	};
}

const onOwnClass = (route: string, rest: Omit<ActionRule, 'method' | 'who' | 'path'>) =>
	({
		method: 'POST',
		who: 'teacher',
		path: (w) => `/classes/${w.ownClass.id}${route}`,
		...rest
	}) satisfies ActionRule;
/** The drill-down page of the class's student on quizLesson. */
const onDrillDown = (action: string, rest: Omit<ActionRule, 'method' | 'who' | 'path'>) =>
	({
		method: 'POST',
		who: 'teacher',
		path: (w) =>
			`/classes/${w.ownClass.id}/students/${w.student.id}/lessons/${quizLesson.slug}${action}`,
		...rest
	}) satisfies ActionRule;
/** A quiz's settings (the assign form's and the edit form's) and what each refuses. */
const policyBase: Field[] = [
	['attempts', '2'],
	['answersShown', 'after-due'],
	['scoreShown', 'yes'],
	['timeLimit', '30'],
	['gradingMethod', 'best']
];
const policyFields: FieldRule[] = [
	{
		name: 'attempts',
		refuse: notAnId,
		foreign: { 'no attempts': () => '0', 'eleven attempts': () => '11' }
	},
	{ name: 'answersShown', refuse: notAnId, foreign: { 'an unknown time': () => 'tomorrow' } },
	// a checkbox: left out is unticked
	{ name: 'scoreShown', refuse: notAnId, missing: false },
	{
		name: 'timeLimit',
		refuse: notANumber.filter((name) => name !== 'an empty string'),
		missing: false,
		duplicate: false,
		foreign: { 'no minutes': () => '0', '481 minutes': () => '481' }
	},
	{ name: 'gradingMethod', refuse: notAnId, foreign: { 'an average': () => 'average' } }
];
const onOwnSession = (route: string, rest: Omit<ActionRule, 'method' | 'who' | 'path'>) =>
	({
		method: 'POST',
		who: 'teacher',
		path: (w) => `/live/host/${w.ownSession.id}${route}`,
		...rest
	}) satisfies ActionRule;

/** Keyed by the name the end-to-end corpus uses, so a rule is found in both by one name. */
const actions: Record<string, ActionRule> = {
	'POST /signup': {
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
		control: 303
	},
	'POST /invite/[token]': {
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
		control: 303
	},
	'POST /invites?/create': {
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
		control: 200
	},
	'POST /invites?/revoke': {
		method: 'POST',
		who: 'admin',
		path: () => '/invites?/revoke',
		base: (w) => [['inviteId', w.inviteId]],
		fields: [
			{
				name: 'inviteId',
				refuse: notAnId,
				foreign: { 'an unknown id': (w) => w.unknownId }
			}
		],
		control: 200
	},
	'POST /admin/lti?/register': {
		method: 'POST',
		who: 'admin',
		path: () => '/admin/lti?/register',
		base: (w) => [
			['name', 'District Canvas'],
			['issuer', `https://${w.unknownId}.instructure.example`],
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
				refuse: only(
					'a NUL byte',
					'a 1 MB string',
					'an empty string',
					'only spaces',
					'a right-to-left override',
					'control characters'
				)
			}
		],
		control: 200
	},
	'POST /admin?/settings': {
		method: 'POST',
		who: 'admin',
		path: () => '/admin?/settings',
		base: () => [['teachersMayInvite', 'on']],
		fields: [{ name: 'teachersMayInvite', refuse: notAnId, missing: false }],
		control: 200
	},
	'POST /signin': {
		method: 'POST',
		who: 'visitor',
		path: () => '/signin',
		base: (w) => [
			['login', w.teacher.username],
			['password', w.teacher.password]
		],
		fields: [
			{ name: 'login', refuse: notAName },
			{ name: 'password', refuse: only('an empty string', 'a NUL byte', 'a 1 MB string') }
		],
		control: 303
	},
	'GET /classes/[classId]/students?remove=': confirmStep(
		'students',
		'remove',
		(w) => w.student.id,
		{
			'another class’s student': (w) => w.otherStudent.id
		}
	),
	'GET /classes/[classId]/assignments?delete=': confirmStep(
		'assignments',
		'delete',
		(w) => w.assignment.id,
		{ 'another class’s assignment': (w) => w.otherAssignmentId }
	),
	'POST /classes?/create': {
		method: 'POST',
		who: 'teacher',
		path: () => '/classes?/create',
		base: () => [
			['name', 'Corpus class'],
			['timeZone', 'America/Los_Angeles']
		],
		fields: [{ name: 'name', refuse: notAName }, timeZoneField],
		control: 303
	},
	'POST /classes/[classId]/settings?/rename': onOwnClass('/settings?/rename', {
		base: () => [['name', 'Renamed corpus class']],
		fields: [{ name: 'name', refuse: notAName }],
		control: 200
	}),
	'POST /classes/[classId]/settings?/timeZone': onOwnClass('/settings?/timeZone', {
		base: () => [['timeZone', 'America/Mexico_City']],
		fields: [timeZoneField],
		control: 200
	}),
	'POST /classes/[classId]/settings?/language': onOwnClass('/settings?/language', {
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
	'GET /classes/[classId]/assignments?edit=': confirmStep(
		'assignments',
		'edit',
		(w) => w.assignment.id,
		{ 'another class’s assignment': (w) => w.otherAssignmentId }
	),
	'POST /classes/[classId]/assignments?/create': onOwnClass('/assignments?/create', {
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
	'POST /classes/[classId]/assignments?/update': onOwnClass('/assignments?/update', {
		base: (w) => [['assignmentId', w.assignment.id], ...policyBase],
		fields: [
			{
				name: 'assignmentId',
				refuse: notAnId,
				foreign: {
					'another class’s assignment': (w) => w.otherAssignmentId,
					'an unknown id': (w) => w.unknownId
				}
			},
			...policyFields
		],
		control: 303
	}),
	'POST /classes/[classId]/assignments?/release': onOwnClass('/assignments?/release', {
		// the first quiz closed yesterday, so its answers are out already: release the one due next week
		base: (w) => [['assignmentId', w.datedAssignmentId]],
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
	'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/grant': onDrillDown('?/grant', {
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
	'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/reopen': onDrillDown('?/reopen', {
		base: (w) => [
			['assignmentId', w.datedAssignmentId],
			['reopenDate', '2030-05-01'],
			['reopenTime', '15:30']
		],
		fields: [
			{
				name: 'assignmentId',
				refuse: notAnId,
				foreign: {
					'another class’s assignment': (w) => w.otherAssignmentId,
					'an assignment without a due date': (w) => w.undatedAssignmentId
				}
			},
			{
				name: 'reopenDate',
				refuse: [...notANumber, 'a lone surrogate'],
				foreign: {
					'a day that does not exist': () => '2030-02-31',
					'a day in the past': () => '2020-01-01'
				}
			},
			{ name: 'reopenTime', refuse: notANumber, foreign: { 'hour 24': () => '24:00' } }
		],
		control: 200
	}),
	'POST /classes/[classId]/students/[studentId]/lessons/[slug]?/comment': onDrillDown('?/comment', {
		base: () => [['body', 'Read p02 again, then try once more.']],
		fields: [
			{
				name: 'body',
				refuse: [
					...notStorable,
					'an empty string',
					'only spaces',
					'only zero-width characters',
					'a zero-width space inside',
					'a right-to-left override',
					'control characters'
				]
			}
		],
		control: 200
	}),
	'POST /classes/[classId]/assignments?/delete': onOwnClass('/assignments?/delete', {
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
	'POST /classes/[classId]/grading?/grade': onOwnClass('/grading?/grade', {
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
	'POST /join (a visitor makes a student account)': {
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
		control: 303,
		guessLimits: [limits.joinCodeAddress.scope]
	},
	'POST /join (a student joins with a code)': {
		method: 'POST',
		who: 'otherStudent',
		path: () => '/join',
		base: (w) => [['code', w.ownClass.joinCode]],
		fields: [{ name: 'code', refuse: notAnId, guesses: { 'a code no class has': () => 'CCCCCC' } }],
		control: 303,
		guessLimits: [limits.joinCodeAccount.scope, limits.joinCodeAddress.scope]
	},
	'POST /lessons/[slug]?/answer': {
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
		control: 200
	},
	'POST /lessons/[slug]?/markRead': {
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
		control: 200
	},
	'POST /lessons/[slug]/quiz?/answer': {
		method: 'POST',
		who: 'student',
		path: () => `/lessons/${quizLesson.slug}/quiz?/answer`,
		base: () => [['questionId', writtenQuestion.id], ...answerFields(writtenQuestion)],
		fields: [
			{ name: 'questionId', refuse: notAnId },
			{ name: writtenQuestion.id, refuse: [...notStorable, 'an empty string', 'only spaces'] }
		],
		control: 200
	},
	'POST /lessons/[slug]/quiz?/start': {
		method: 'POST',
		who: 'quizTaker',
		path: () => `/lessons/${quizLesson.slug}/quiz?/start`,
		base: () => [],
		fields: [],
		control: 303
	},
	// the free quiz (no class assigns it to a visitor): every question answered, submitted once
	'POST /lessons/[slug]/quiz?/submit': {
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
		control: 303
	},
	// a draft keeps what is valid and drops the rest: no field is refused, nothing else is stored
	'POST /lessons/[slug]/quiz?/draft': {
		method: 'POST',
		who: 'student',
		path: () => `/lessons/${draftLesson.slug}/quiz?/draft`,
		base: () => quizQuestions(draftLesson).flatMap(answerFields),
		fields: [],
		control: 200
	},
	'POST /review?/answer': {
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
		control: 200
	},
	'POST /live?/start': {
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
		control: 303
	},
	'POST /live?/join': {
		method: 'POST',
		who: 'visitor',
		path: () => '/live?/join',
		base: (w) => [['code', w.ownSession.code]],
		fields: [
			{ name: 'code', refuse: notAnId, guesses: { 'a code no session has': (w) => w.unknownCode } }
		],
		control: 303,
		guessLimits: [limits.liveCodeAddress.scope]
	},
	'POST /live/[code]?/join': {
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
		control: 303
	},
	'POST /live/[code]?/answer': {
		method: 'POST',
		who: 'ada',
		path: (w) => `/live/${w.ownSession.code}?/answer`,
		base: () => [...answerFields(liveQuestion), ['questionIndex', '0']],
		fields: [
			{
				name: 'questionIndex',
				refuse: notANumber,
				foreign: { 'a question that is not open': () => '1' }
			},
			{ name: liveQuestion.id, refuse: notAnId }
		],
		control: 303
	},
	'POST /live/host/[sessionId]?/rename': onOwnSession('?/rename', {
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
	'POST /live/host/[sessionId]?/extraTime': onOwnSession('?/extraTime', {
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
			{
				name: 'seconds',
				refuse: notANumber.filter((name) => name !== 'an empty string'),
				duplicate: false,
				foreign: { '301 seconds': () => '301' }
			}
		],
		control: 303
	}),
	'POST /live/host/[sessionId]?/remove': onOwnSession('?/remove', {
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
	'POST /classes/[classId]/students?/accommodate': onOwnClass('/students?/accommodate', {
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
				foreign: { 'a factor the menu does not offer': () => '3', 'a bare number': () => '1' }
			},
			{
				name: 'extraAttempts',
				refuse: notANumber,
				foreign: {
					'six attempts': () => '6',
					'a fraction': () => '1.5',
					'a padded zero': () => '01'
				}
			},
			// an unticked box sends nothing, so only a value other than "on" is wrong
			{
				name: 'readAloud',
				refuse: notAnId,
				missing: false,
				foreign: { 'a value other than on': () => 'true' }
			}
		],
		control: 200
	}),
	'POST /classes/[classId]/students?/addStudents': onOwnClass('/students?/addStudents', {
		base: () => [['names', 'Corpus Student One\nCorpus Student Two']],
		fields: [
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
	'POST /classes/[classId]/students?/importRoster': {
		...onOwnClass('/students?/importRoster', {
			base: () => [['file', 'First Name,Last Name\nCorpus,Imported\n']],
			fields: [{ name: 'file', refuse: notAName, file: false }],
			control: 200
		}),
		uploads: ['file']
	},
	'POST /classes/[classId]/students?/resetPassword': onOwnClass('/students?/resetPassword', {
		base: (w) => [['studentId', w.student.id]],
		fields: [studentField('another class’s student')],
		control: 200
	}),
	'POST /classes/[classId]/students?/remove': onOwnClass('/students?/remove', {
		base: (w) => [['studentId', w.student.id]],
		fields: [studentField('another class’s student')],
		control: 200
	}),
	'POST /account?/changePassword': {
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
		control: 200
	},
	'POST /account?/deleteAccount': {
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
		control: 303
	}
};

// ---------------------------------------------------------------------------------------------------
// The generated cases
// ---------------------------------------------------------------------------------------------------

interface RefusedCase {
	name: string;
	action: ActionRule;
	fields: (w: World) => Field[];
	fileField?: string;
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
const dropField = (fields: Field[], name: string) => fields.filter(([key]) => key !== name);

/** Extra fields a tampering client might add, hoping one is read: they are ignored or refused. */
const extras: Field[] = [
	['role', 'admin'],
	['isAdmin', 'true'],
	['teacherId', 'someone-else'],
	['userId', 'someone-else'],
	['__proto__', 'polluted'],
	['constructor', 'polluted']
];

function casesOf(name: string, action: ActionRule): RefusedCase[] {
	const cases: RefusedCase[] = [];
	const add = (label: string, fields: (w: World) => Field[], extra: Partial<RefusedCase> = {}) =>
		cases.push({ name: `${name} · ${label}`, action, fields, ...extra });
	for (const field of action.fields) {
		const missing = field.missing ?? true;
		for (const payload of field.refuse) {
			add(`${field.name}: ${payload}`, (w) =>
				setField(action.base(w), field.name, payloads[payload])
			);
		}
		for (const [label, value] of Object.entries(field.foreign ?? {})) {
			add(`${field.name}: ${label}`, (w) => setField(action.base(w), field.name, value(w)));
		}
		for (const [label, value] of Object.entries(field.guesses ?? {})) {
			add(`${field.name}: ${label}`, (w) => setField(action.base(w), field.name, value(w)), {
				guess: true
			});
		}
		if (missing) add(`${field.name}: left out`, (w) => dropField(action.base(w), field.name));
		if (field.duplicate ?? missing) {
			add(`${field.name}: sent twice, empty first`, (w) => {
				const value = action.base(w).find(([key]) => key === field.name)?.[1] ?? '';
				return [...setField(action.base(w), field.name, ''), [field.name, value]];
			});
		}
		if (action.method === 'POST' && (field.file ?? true)) {
			add(`${field.name}: a file upload`, action.base, { fileField: field.name });
		}
	}
	if (action.method === 'POST' && action.fields.some((field) => field.missing ?? true)) {
		add('nothing at all', () => []);
	}
	const firstBreakable = action.fields.find((field) => field.refuse.length > 0);
	if (action.method === 'POST' && firstBreakable) {
		const payload = firstBreakable.refuse[0]!;
		add(
			`extra fields (role, teacherId, __proto__ …) with ${firstBreakable.name}: ${payload}`,
			(w) => [...setField(action.base(w), firstBreakable.name, payloads[payload]), ...extras]
		);
	}
	return cases;
}

const refusedCases = Object.entries(actions).flatMap(([name, action]) => casesOf(name, action));

/** A GET carries its fields in the query, as the browser would encode them. */
function request(w: World, action: ActionRule, fields: Field[], fileField?: string) {
	const who = action.who;
	const user = who === 'visitor' || who === 'ada' ? null : w[who];
	const cookies = who === 'ada' ? w.adaCookie : {};
	let path = action.path(w);
	let body: BodyShape | undefined;
	if (action.method === 'GET') {
		const query = fields
			.map(([name, value]) => {
				const text = value.replace(/[\ud800-\udfff]/g, '\ufffd');
				return `${encodeURIComponent(name)}=${encodeURIComponent(text)}`;
			})
			.join('&');
		if (query) path += `?${query}`;
	} else body = { kind: 'form', fields, fileField, uploads: action.uploads };
	return runRoute({ method: action.method, path, user, cookies, body });
}

const attemptsOf = (db: Database) =>
	db.read
		.select({
			id: db.tables.limitedAttempts.id,
			scope: db.tables.limitedAttempts.scope
		})
		.from(db.tables.limitedAttempts);

function expectRefused(answer: RouteAnswer, name: string) {
	expect(answer.status, `${name}: ${JSON.stringify(answer).slice(0, 300)}`).toBeGreaterThanOrEqual(
		400
	);
	expect(answer.status, name).toBeLessThan(500);
	expect(humanMessageProblems('message' in answer ? answer.message : null), name).toEqual([]);
}

for (const engine of testEngines) {
	describe(`the bad-input corpus's field rules [${engine}]`, () => {
		let opened: Awaited<ReturnType<typeof openTestDatabase>>;
		let db: Database;
		let world: World;

		beforeAll(async () => {
			opened = await openTestDatabase(engine);
			db = opened.db;
			current = db;
			world = await arrange(db);
		});
		afterAll(async () => {
			current = undefined;
			await opened?.drop();
		});

		for (const [name, action] of Object.entries(actions)) {
			const cases = refusedCases.filter((refused) => refused.action === action);
			// a form with no fields (start a quiz) has nothing to break: its body is still checked below
			if (cases.length === 0) continue;
			it(`${name}: refuses each of ${cases.length} broken forms with a readable 4xx, storing nothing`, async () => {
				// nothing writes between two refused cases, so each one's end is the next one's start
				const before = await databaseFingerprint(db);
				for (const refused of cases) {
					const attempts = refused.guess ? await attemptsOf(db) : [];
					const answer = await request(world, action, refused.fields(world), refused.fileField);
					expectRefused(answer, refused.name);
					if (refused.guess) {
						// a wrong code counts once against each of the action's limits, and changes nothing else
						const known = new Set(attempts.map((row) => row.id));
						const added = (await attemptsOf(db)).filter((row) => !known.has(row.id));
						expect(added.map((row) => row.scope).sort(), refused.name).toEqual(
							[...(action.guessLimits ?? [])].sort()
						);
						const ids = added.map((row) => row.id);
						await db.write((tx) =>
							tx.delete(db.tables.limitedAttempts).where(inArray(db.tables.limitedAttempts.id, ids))
						);
					}
					expect(await databaseFingerprint(db), `${refused.name}: no table changed`).toEqual(
						before
					);
				}
			});
		}

		for (const [name, action] of Object.entries(actions).filter(([, a]) => a.method === 'POST')) {
			it(`${name}: refuses a body that is not a readable form with a readable 400`, async () => {
				for (const kind of ['plain text', 'broken multipart'] as const) {
					const before = await databaseFingerprint(db);
					const who = action.who;
					const answer = await runRoute({
						method: 'POST',
						path: action.path(world),
						user: who === 'visitor' || who === 'ada' ? null : world[who],
						cookies: who === 'ada' ? world.adaCookie : {},
						body: { kind, fields: action.base(world) }
					});
					expectRefused(answer, `${name} · ${kind}`);
					expect(answer.status).toBe(400);
					expect(await databaseFingerprint(db)).toEqual(before);
				}
			});
		}

		// query values a page rightly ignores: its load answers and stores nothing (markup: the e2e corpus)
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
			{
				name: 'GET /signin?redirectTo=',
				who: 'visitor',
				path: (_w, v) => `/signin?redirectTo=${v}`
			}
		];
		const ignoredPayloads = only(
			'a script tag',
			'an img onerror',
			"SQL ' OR 1=1",
			'emoji',
			'right-to-left letters',
			'a right-to-left override',
			'a NUL byte',
			'a lone surrogate'
		);
		for (const page of ignoringPages) {
			it(`${page.name} ignores each of ${ignoredPayloads.length} hostile values`, async () => {
				for (const payload of ignoredPayloads) {
					const before = await databaseFingerprint(db);
					const value = encodeURIComponent(payloads[payload].replace(/[\ud800-\udfff]/g, '\ufffd'));
					const who = page.who;
					const answer = await runRoute({
						method: 'GET',
						path: page.path(world, value),
						user: who === 'visitor' || who === 'ada' ? null : world[who]
					});
					expect(
						answer.status,
						`${page.name} · ${payload}: ${JSON.stringify(answer).slice(0, 200)}`
					).toBe(200);
					expect(await databaseFingerprint(db)).toEqual(before);
				}
			});
		}

		it('generates the whole corpus', () => {
			expect(refusedCases.length).toBeGreaterThan(900);
		});

		it('looks a login that passes validation up as the text it is, recording one failure', async () => {
			for (const payload of only("SQL ' OR 1=1", 'SQL DROP TABLE', 'a script tag', 'emoji')) {
				const answer = await runRoute({
					method: 'POST',
					path: '/signin',
					user: null,
					address: `10.0.0.${counter++ % 250}`,
					body: {
						kind: 'form',
						fields: [
							['login', payloads[payload]],
							['password', 'some password']
						]
					}
				});
				expectRefused(answer, payload);
				expect(answer).toMatchObject({
					status: 400,
					message: expect.stringContaining('don’t match an account')
				});
				const key = payloads[payload].trim().toLowerCase();
				const recorded = await db.read
					.select({ key: db.tables.limitedAttempts.key })
					.from(db.tables.limitedAttempts)
					.where(
						and(
							eq(db.tables.limitedAttempts.scope, limits.signInAccount.scope),
							eq(db.tables.limitedAttempts.key, key)
						)
					);
				expect(recorded, payload).toEqual([{ key }]);
			}
		});

		describe('text the app keeps is stored verbatim', () => {
			for (const [index, text] of keptTexts.entries()) {
				it(`keeps ${JSON.stringify(text)} as a class name, a student's name, a sign-up and joining name, an answer, a score's comment and a comment on work`, async () => {
					const t = db.tables;
					const teacher = world.teacher;
					const post = (path: string, fields: Field[], user: SessionUser | null) =>
						runRoute({ method: 'POST', path, user, body: { kind: 'form', fields } });

					const fields: Field[] = [
						['name', text],
						['timeZone', 'UTC']
					];
					expect(await post('/classes?/create', fields, teacher)).toMatchObject({
						status: 303
					});
					const classes = await db.read
						.select({ name: t.classes.name })
						.from(t.classes)
						.where(and(eq(t.classes.teacherId, teacher.id), eq(t.classes.name, text)));
					expect(classes).toEqual([{ name: text }]);

					const added = await post(
						`/classes/${world.ownClass.id}/students?/addStudents`,
						[['names', text]],
						teacher
					);
					expect(added.status).toBe(200);
					const students = await db.read
						.select({ name: t.users.displayName, role: t.users.role })
						.from(t.users)
						.innerJoin(t.classMembers, eq(t.classMembers.userId, t.users.id))
						.where(
							and(eq(t.classMembers.classId, world.ownClass.id), eq(t.users.displayName, text))
						);
					expect(students).toContainEqual({ name: text, role: 'student' });

					// a visitor joins under the name (extra fields, a foreign class among them, are ignored)
					const joiner = unique('kept').toLowerCase();
					const joined = await post(
						'/join',
						[
							['code', world.ownClass.joinCode],
							['name', text],
							['username', joiner],
							['password', 'a long enough password'],
							['confirmPassword', 'a long enough password'],
							...extras,
							['classId', world.otherClass.id]
						],
						null
					);
					expect(joined).toMatchObject({ status: 303 });
					const [user] = await db.read.select().from(t.users).where(eq(t.users.username, joiner));
					expect(user).toMatchObject({ displayName: text, role: 'student', isGuest: false });
					const memberships = await db.read
						.select({ classId: t.classMembers.classId })
						.from(t.classMembers)
						.where(eq(t.classMembers.userId, user!.id));
					expect(memberships).toEqual([{ classId: world.ownClass.id }]);

					const signer = unique('kept').toLowerCase();
					const signedUp = await post(
						'/signup',
						[['name', text], ['username', signer], ['password', 'long enough password'], ...extras],
						null
					);
					expect(signedUp).toMatchObject({ status: 303 });
					const [account] = await db.read
						.select()
						.from(t.users)
						.where(eq(t.users.username, signer));
					expect(account).toMatchObject({ displayName: text, role: 'student', isGuest: false });

					const me: SessionUser = {
						id: user!.id,
						username: joiner,
						displayName: text,
						role: 'student',
						isGuest: false
					};
					const answered = await post(
						`/lessons/${quizLesson.slug}/quiz?/answer`,
						[
							['questionId', writtenQuestion.id],
							[writtenQuestion.id, text]
						],
						me
					);
					expect(answered.status).toBe(200);
					const answers = await db.read
						.select({ answer: t.responses.answer })
						.from(t.responses)
						.where(eq(t.responses.userId, user!.id));
					expect(answers).toEqual([{ answer: text }]);

					const graded = await post(
						`/classes/${world.ownClass.id}/grading?/grade`,
						[
							['responseId', world.writtenResponseId],
							['level', String(index % 4)],
							['comment', text]
						],
						teacher
					);
					expect(graded.status).toBe(200);
					const [grade] = await db.read
						.select({ comment: t.responseGrades.comment, level: t.responseGrades.level })
						.from(t.responseGrades)
						.where(eq(t.responseGrades.responseId, world.writtenResponseId));
					expect(grade).toEqual({ comment: text, level: index % 4 });

					const commented = await post(
						`/classes/${world.ownClass.id}/students/${world.student.id}/lessons/${quizLesson.slug}?/comment`,
						[['body', text]],
						teacher
					);
					expect(commented.status).toBe(200);
					const notes = await db.read
						.select({ body: t.workComments.body })
						.from(t.workComments)
						.where(
							and(eq(t.workComments.studentId, world.student.id), eq(t.workComments.body, text))
						);
					expect(notes).toEqual([{ body: text }]);
				});
			}
		});

		describe('the control run: in a fresh world every base form is accepted', () => {
			let fresh: World;
			beforeAll(async () => {
				fresh = await arrange(db);
			});
			// in table order: the roster and the account go last, since they sign people out
			for (const [name, action] of Object.entries(actions)) {
				it(`${name} accepts its base`, async () => {
					const answer = await request(fresh, action, action.base(fresh));
					expect(answer.status, JSON.stringify(answer).slice(0, 300)).toBe(action.control);
				});
			}
		});
	});
}
