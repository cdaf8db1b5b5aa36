import {
	sqliteTable,
	text,
	integer,
	index,
	real,
	primaryKey,
	uniqueIndex,
	foreignKey,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { roles } from '../../roles';
import {
	answerReleases,
	assignmentBehaviours,
	attemptModes,
	gradingMethods,
	liveJoinModes,
	livePhases,
	liveScorings,
	nicknameLanguages,
	type LiveQuestionRef,
	responseStatuses,
	timeAccommodations,
	uiLocales
} from './enums';

// Timestamps are epoch milliseconds so they round-trip as Date exactly like PostgreSQL's timestamptz.
const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date());

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** lower-cased; teachers sign in with their email, which doubles as their username */
	username: text('username').notNull().unique(),
	/** optional so that students never need one */
	email: text('email').unique(),
	displayName: text('display_name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	passwordHash: text('password_hash').notNull(),
	/** a visitor's record, tied to a cookie until they sign up or sign in; it cannot sign in itself */
	isGuest: integer('is_guest', { mode: 'boolean' }).notNull().default(false),
	/** the language they chose with the switcher; null until they choose */
	locale: text('locale', { enum: uiLocales }),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie token, hex; the token itself is never stored */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(table) => [index('sessions_user_id_idx').on(table.userId)]
);

/**
 * Attempts that count against a limit (sign-in guesses, sign-ups, class and live code guesses), kept in the
 * database so a limit holds across app processes; `scope` names the limit, `key` what it counts (account, address).
 */
export const limitedAttempts = sqliteTable(
	'limited_attempts',
	{
		id: text('id').primaryKey(),
		scope: text('scope').notNull(),
		key: text('key').notNull(),
		attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		index('limited_attempts_scope_key_idx').on(table.scope, table.key, table.attemptedAt),
		index('limited_attempts_at_idx').on(table.attemptedAt)
	]
);

/** Single-use links that create a teacher (or admin) account; only the token's SHA-256 is kept. */
export const invites = sqliteTable(
	'invites',
	{
		id: text('id').primaryKey(),
		tokenHash: text('token_hash').notNull().unique(),
		role: text('role', { enum: roles }).notNull(),
		/** a note for the inviter, e.g. who it was sent to */
		note: text('note'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(table) => [index('invites_created_by_idx').on(table.createdBy)]
);

/** Site-wide choices an admin makes (e.g. whether teachers may invite teachers); value is JSON. */
export const siteSettings = sqliteTable('site_settings', {
	key: text('key').primaryKey(),
	value: text('value', { mode: 'json' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/** One sitting: practice collects answers one at a time; a quiz is submitted once, whole. */
export const attempts = sqliteTable(
	'attempts',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		mode: text('mode', { enum: attemptModes }).notNull(),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		/** a timed quiz must be submitted by then (set when it starts); later submissions are kept, marked over time */
		deadlineAt: integer('deadline_at', { mode: 'timestamp_ms' }),
		/** the live review session a 'live' attempt belongs to */
		liveSessionId: text('live_session_id').references(() => liveSessions.id, {
			onDelete: 'set null'
		}),
		/** the class assignment this sitting answers, so only that class's teacher sees it as class work */
		assignmentId: text('assignment_id').references((): AnySQLiteColumn => assignments.id, {
			onDelete: 'set null'
		})
	},
	(table) => [
		index('attempts_user_lesson_idx').on(table.userId, table.lessonSlug),
		index('attempts_assignment_idx').on(table.assignmentId)
	]
);

/** Append-only: one row per answer given; statistics are queries over these. */
export const responses = sqliteTable(
	'responses',
	{
		id: text('id').primaryKey(),
		attemptId: text('attempt_id')
			.notNull()
			.references(() => attempts.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		questionId: text('question_id').notNull(),
		/** the validated answer as JSON */
		answer: text('answer', { mode: 'json' }).notNull(),
		status: text('status', { enum: responseStatuses }).notNull(),
		/** 0…1; null until a teacher scores a written answer */
		earned: real('earned'),
		possible: real('possible').notNull(),
		correct: integer('correct', { mode: 'boolean' }),
		answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		index('responses_attempt_idx').on(table.attemptId),
		index('responses_user_question_idx').on(table.userId, table.questionId)
	]
);

/** Which sections of a lesson a student has read (one row per section, first read wins). */
export const sectionReads = sqliteTable(
	'section_reads',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		/** the section heading's slug, e.g. what-you-will-learn */
		sectionId: text('section_id').notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.userId, table.lessonSlug, table.sectionId] })]
);

/** FSRS state per student × question (ts-fsrs Card fields), for questions they got wrong or partly right. */
export const reviewCards = sqliteTable(
	'review_cards',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		lessonSlug: text('lesson_slug').notNull(),
		due: integer('due', { mode: 'timestamp_ms' }).notNull(),
		stability: real('stability').notNull(),
		difficulty: real('difficulty').notNull(),
		elapsedDays: integer('elapsed_days').notNull(),
		scheduledDays: integer('scheduled_days').notNull(),
		learningSteps: integer('learning_steps').notNull(),
		reps: integer('reps').notNull(),
		lapses: integer('lapses').notNull(),
		/** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning */
		state: integer('state').notNull(),
		lastReview: integer('last_review', { mode: 'timestamp_ms' })
	},
	(table) => [
		uniqueIndex('review_cards_user_question_idx').on(table.userId, table.questionId),
		index('review_cards_user_due_idx').on(table.userId, table.due)
	]
);

/** A teacher's class; students join it with its code. Archived classes keep their work but take no one new. */
export const classes = sqliteTable(
	'classes',
	{
		id: text('id').primaryKey(),
		teacherId: text('teacher_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** 6 characters without look-alikes; rotating it replaces it */
		joinCode: text('join_code').notNull().unique(),
		/** IANA zone every date of the class is shown in, e.g. America/Los_Angeles */
		timeZone: text('time_zone').notNull().default('UTC'),
		/** what a student who has not chosen a language sees */
		defaultLocale: text('default_locale', { enum: uiLocales }).notNull().default('en'),
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(table) => [index('classes_teacher_idx').on(table.teacherId)]
);

/** Who is in a class now; removing a student deletes this row only, never their work. */
export const classMembers = sqliteTable(
	'class_members',
	{
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		primaryKey({ columns: [table.classId, table.userId] }),
		index('class_members_user_idx').on(table.userId)
	]
);

/**
 * Which account a student from a school's roster export (a OneRoster sourcedId) became in a class, so
 * importing the same export again skips them. Never an email address.
 */
export const rosterLinks = sqliteTable(
	'roster_links',
	{
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		/** the kind of export the id comes from: 'oneroster' */
		source: text('source').notNull(),
		externalId: text('external_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(table) => [
		uniqueIndex('roster_links_class_source_external_idx').on(
			table.classId,
			table.source,
			table.externalId
		),
		index('roster_links_user_idx').on(table.userId)
	]
);

/** The module (lessonSlug null) or one lesson, set for a class, with an optional due date. */
export const assignments = sqliteTable(
	'assignments',
	{
		id: text('id').primaryKey(),
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug'),
		behaviour: text('behaviour', { enum: assignmentBehaviours }).notNull(),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }),
		/** submitted quiz attempts each student may make; null = unlimited */
		attemptsAllowed: integer('attempts_allowed'),
		answersShown: text('answers_shown', { enum: answerReleases }).notNull().default('after-due'),
		/** when the teacher released the answers (answersShown 'on-release') */
		answersReleasedAt: integer('answers_released_at', { mode: 'timestamp_ms' }),
		/** whether a student sees their score as soon as they submit */
		scoreShown: integer('score_shown', { mode: 'boolean' }).notNull().default(true),
		/** null = untimed */
		timeLimitMinutes: integer('time_limit_minutes'),
		gradingMethod: text('grading_method', { enum: gradingMethods }).notNull().default('best'),
		createdAt: createdAt()
	},
	(table) => [index('assignments_class_idx').on(table.classId)]
);

/** One student's exceptions to an assignment (Moodle's user overrides): attempts granted, a later due date. */
export const assignmentOverrides = sqliteTable(
	'assignment_overrides',
	{
		assignmentId: text('assignment_id')
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		extraAttempts: integer('extra_attempts').notNull().default(0),
		/** reopened until this instant; null = the assignment's own due date */
		dueAt: integer('due_at', { mode: 'timestamp_ms' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.assignmentId, table.userId] })]
);

/** A student's accommodations in one class, applied to every assignment and live session of it. */
export const accommodations = sqliteTable(
	'accommodations',
	{
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** null = the time everyone gets */
		extraTime: text('extra_time', { enum: timeAccommodations }),
		extraAttempts: integer('extra_attempts').notNull().default(0),
		readAloud: integer('read_aloud', { mode: 'boolean' }).notNull().default(false),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.classId, table.userId] })]
);

/** A quiz being answered: the valid answers so far, so leaving the page and coming back loses nothing. */
export const quizDrafts = sqliteTable(
	'quiz_drafts',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		/** question id → the validated answer as JSON, read back through the answer read model */
		answers: text('answers', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.userId, table.lessonSlug] })]
);

/** A teacher's comment on a student's work on one lesson (optionally one attempt); seenAt drives the notice. */
export const workComments = sqliteTable(
	'work_comments',
	{
		id: text('id').primaryKey(),
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		studentId: text('student_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		attemptId: text('attempt_id').references(() => attempts.id, { onDelete: 'set null' }),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: createdAt(),
		seenAt: integer('seen_at', { mode: 'timestamp_ms' })
	},
	(table) => [index('work_comments_student_idx').on(table.studentId, table.classId)]
);

/** A teacher's score for a written response: the response row takes the points, this keeps level and comment. */
export const responseGrades = sqliteTable('response_grades', {
	responseId: text('response_id')
		.primaryKey()
		.references(() => responses.id, { onDelete: 'cascade' }),
	/** the rubric level, 0…3 */
	level: integer('level').notNull(),
	comment: text('comment'),
	gradedBy: text('graded_by').references(() => users.id, { onDelete: 'set null' }),
	gradedAt: integer('graded_at', { mode: 'timestamp_ms' }).notNull(),
	/** when the student opened the returned work; null keeps the notice on /learn */
	seenAt: integer('seen_at', { mode: 'timestamp_ms' })
});

/** A live review session: its state is all here, so a restarted server (or another process) carries on. */
export const liveSessions = sqliteTable(
	'live_sessions',
	{
		id: text('id').primaryKey(),
		/** 6 digits players type; unique while the row exists */
		code: text('code').notNull().unique(),
		teacherId: text('teacher_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** the class whose members join as themselves; null for an open session */
		classId: text('class_id').references(() => classes.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		/** [{ questionId, lessonSlug }] in play order */
		questions: text('questions', { mode: 'json' }).$type<LiveQuestionRef[]>().notNull(),
		/** null = no timer */
		timerSeconds: integer('timer_seconds'),
		scoring: text('scoring', { enum: liveScorings }).notNull(),
		showLeaderboard: integer('show_leaderboard', { mode: 'boolean' }).notNull(),
		/** whether guests and the projector see class members' real names (otherwise their nicknames) */
		showRealNames: integer('show_real_names', { mode: 'boolean' }).notNull().default(false),
		/** open: anyone picks a nickname; members: only the class's signed-in students; generated: drawn names */
		joinMode: text('join_mode', { enum: liveJoinModes }).notNull().default('open'),
		/** the lists generated nicknames come from */
		nicknameLanguage: text('nickname_language', { enum: nicknameLanguages })
			.notNull()
			.default('en'),
		/** user id → extra seconds per question */
		extraTime: text('extra_time', { mode: 'json' }).$type<Record<string, number>>().notNull(),
		phase: text('phase', { enum: livePhases }).notNull(),
		/** -1 in the lobby */
		questionIndex: integer('question_index').notNull(),
		questionOpenedAt: integer('question_opened_at', { mode: 'timestamp_ms' }),
		/** set while paused: the timer stands still and answers wait */
		pausedAt: integer('paused_at', { mode: 'timestamp_ms' }),
		/** bumped on every change players see; the SSE event id */
		version: integer('version').notNull(),
		createdAt: createdAt(),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' })
	},
	(table) => [index('live_sessions_teacher_idx').on(table.teacherId)]
);

export const livePlayers = sqliteTable(
	'live_players',
	{
		id: text('id').primaryKey(),
		sessionId: text('session_id')
			.notNull()
			.references(() => liveSessions.id, { onDelete: 'cascade' }),
		/** a signed-in player; guests have none and come back with their resume token */
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		nickname: text('nickname').notNull(),
		/** the nickname folded for uniqueness: lower-case, no accents or spaces */
		nicknameKey: text('nickname_key').notNull(),
		/** SHA-256 of the device's resume token */
		resumeTokenHash: text('resume_token_hash').notNull(),
		joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
		/** the client address a player joined from: caps guests per address and keeps a removed one out */
		joinedFrom: text('joined_from'),
		removedAt: integer('removed_at', { mode: 'timestamp_ms' }),
		/** the language of the page they joined from (or last opened): their phone's questions and words */
		locale: text('locale', { enum: uiLocales }).notNull().default('en')
	},
	(table) => [
		uniqueIndex('live_players_nickname_idx').on(table.sessionId, table.nicknameKey),
		uniqueIndex('live_players_user_idx').on(table.sessionId, table.userId),
		uniqueIndex('live_players_token_idx').on(table.resumeTokenHash)
	]
);

/** One answer per player per question: the unique index makes a second answer a no-op. */
export const liveAnswers = sqliteTable(
	'live_answers',
	{
		id: text('id').primaryKey(),
		sessionId: text('session_id')
			.notNull()
			.references(() => liveSessions.id, { onDelete: 'cascade' }),
		playerId: text('player_id')
			.notNull()
			.references(() => livePlayers.id, { onDelete: 'cascade' }),
		questionIndex: integer('question_index').notNull(),
		questionId: text('question_id').notNull(),
		answer: text('answer', { mode: 'json' }).notNull(),
		/** 0…1 */
		earned: real('earned').notNull(),
		correct: integer('correct', { mode: 'boolean' }).notNull(),
		/** accuracy points plus any speed bonus */
		points: integer('points').notNull(),
		elapsedMs: integer('elapsed_ms').notNull(),
		answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		uniqueIndex('live_answers_player_question_idx').on(table.playerId, table.questionIndex),
		index('live_answers_session_question_idx').on(table.sessionId, table.questionIndex)
	]
);

// ---------------------------------------------------------------------------------------------------
// LTI 1.3: the platforms (LMSs) an admin registered, and what their launches map to

/** An LMS registration: the values the platform's admin gave when adding Evidencia as a tool. */
export const ltiPlatforms = sqliteTable(
	'lti_platforms',
	{
		id: text('id').primaryKey(),
		/** what the admin calls it, e.g. "District Canvas" */
		name: text('name').notNull(),
		issuer: text('issuer').notNull(),
		clientId: text('client_id').notNull(),
		authUrl: text('auth_url').notNull(),
		tokenUrl: text('token_url').notNull(),
		jwksUrl: text('jwks_url').notNull(),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('lti_platforms_issuer_client_idx').on(table.issuer, table.clientId)]
);

/** The deployment ids a platform may launch with; a launch naming another is refused. */
export const ltiDeployments = sqliteTable(
	'lti_deployments',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		deploymentId: text('deployment_id').notNull(),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.platformId, table.deploymentId] })]
);

/** The tool's own signing keys (RS256, JWK JSON); the newest unretired one signs, retired ones stay published a while. */
export const ltiKeys = sqliteTable('lti_keys', {
	kid: text('kid').primaryKey(),
	privateJwk: text('private_jwk', { mode: 'json' }).notNull(),
	publicJwk: text('public_jwk', { mode: 'json' }).notNull(),
	createdAt: createdAt(),
	retiredAt: integer('retired_at', { mode: 'timestamp_ms' })
});

/** One OIDC login in flight: its nonce is used once, by the launch that carries its state. */
export const ltiNonces = sqliteTable(
	'lti_nonces',
	{
		nonce: text('nonce').primaryKey(),
		/** SHA-256 of the state parameter, hex */
		stateHash: text('state_hash').notNull().unique(),
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('lti_nonces_expires_idx').on(table.expiresAt)]
);

/** Who a platform's user is here: by platform and subject, never by email. */
export const ltiAccounts = sqliteTable(
	'lti_accounts',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		subject: text('subject').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(table) => [
		primaryKey({ columns: [table.platformId, table.subject] }),
		index('lti_accounts_user_idx').on(table.userId)
	]
);

/** A course of a platform and the class it is here, with its roster service. */
export const ltiContexts = sqliteTable(
	'lti_contexts',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		contextId: text('context_id').notNull(),
		classId: text('class_id')
			.notNull()
			.unique()
			.references(() => classes.id, { onDelete: 'cascade' }),
		deploymentId: text('deployment_id').notNull(),
		/** NRPS context_memberships_url, when the platform offers the roster */
		membershipsUrl: text('memberships_url'),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.platformId, table.contextId] })]
);

/** A resource link placed in a course (by deep linking) and the assignment it opens, with its gradebook column. */
export const ltiLinks = sqliteTable(
	'lti_links',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		resourceLinkId: text('resource_link_id').notNull(),
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		assignmentId: text('assignment_id')
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		/** AGS line item URL the scores go to; null for ungraded links */
		lineItemUrl: text('line_item_url'),
		createdAt: createdAt()
	},
	(table) => [
		primaryKey({ columns: [table.platformId, table.resourceLinkId] }),
		index('lti_links_assignment_idx').on(table.assignmentId)
	]
);

/** A teacher's deep-linking request waiting for their pick: where to send it back, and the platform's data. */
export const ltiDeepLinks = sqliteTable('lti_deep_links', {
	id: text('id').primaryKey(),
	platformId: text('platform_id')
		.notNull()
		.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
	deploymentId: text('deployment_id').notNull(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	classId: text('class_id')
		.notNull()
		.references(() => classes.id, { onDelete: 'cascade' }),
	returnUrl: text('return_url').notNull(),
	/** the opaque `data` the platform asked to get back */
	data: text('data'),
	acceptLineItem: integer('accept_line_item', { mode: 'boolean' }).notNull(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
	createdAt: createdAt()
});

/**
 * A student's grade on a graded link that the platform must get: written in the transaction that changed it,
 * sent by the delivery loop (the value is read when sent, so the latest always wins), retried until it lands.
 */
export const ltiGradeSyncs = sqliteTable(
	'lti_grade_syncs',
	{
		platformId: text('platform_id').notNull(),
		resourceLinkId: text('resource_link_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** bumped by every change; sending stores the value it sent in sentVersion */
		version: integer('version').notNull(),
		sentVersion: integer('sent_version'),
		failures: integer('failures').notNull().default(0),
		/** when to send next; null once the latest version is sent */
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
		/** a process sending it holds it until then */
		leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		changedAt: integer('changed_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		primaryKey({ columns: [table.platformId, table.resourceLinkId, table.userId] }),
		index('lti_grade_syncs_due_idx').on(table.nextAttemptAt),
		foreignKey({
			columns: [table.platformId, table.resourceLinkId],
			foreignColumns: [ltiLinks.platformId, ltiLinks.resourceLinkId]
		}).onDelete('cascade')
	]
);
