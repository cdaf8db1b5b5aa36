import {
	pgTable,
	integer,
	primaryKey,
	uniqueIndex,
	foreignKey,
	text,
	timestamp,
	index,
	jsonb,
	doublePrecision,
	boolean,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
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

// Mirrors schema.sqlite.ts column for column; schema-parity.test.ts keeps the row types equal.
const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () =>
	timestampColumn('created_at')
		.notNull()
		.$defaultFn(() => new Date());

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	email: text('email').unique(),
	displayName: text('display_name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	passwordHash: text('password_hash').notNull(),
	isGuest: boolean('is_guest').notNull().default(false),
	/** the language they chose with the switcher; null until they choose */
	locale: text('locale', { enum: uiLocales }),
	createdAt: createdAt()
});

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestampColumn('expires_at').notNull(),
		createdAt: createdAt()
	},
	(table) => [index('sessions_user_id_idx').on(table.userId)]
);

export const limitedAttempts = pgTable(
	'limited_attempts',
	{
		id: text('id').primaryKey(),
		scope: text('scope').notNull(),
		key: text('key').notNull(),
		attemptedAt: timestampColumn('attempted_at').notNull()
	},
	(table) => [
		index('limited_attempts_scope_key_idx').on(table.scope, table.key, table.attemptedAt),
		index('limited_attempts_at_idx').on(table.attemptedAt)
	]
);

export const invites = pgTable(
	'invites',
	{
		id: text('id').primaryKey(),
		tokenHash: text('token_hash').notNull().unique(),
		role: text('role', { enum: roles }).notNull(),
		note: text('note'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: timestampColumn('expires_at').notNull(),
		usedAt: timestampColumn('used_at'),
		usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: timestampColumn('revoked_at')
	},
	(table) => [index('invites_created_by_idx').on(table.createdBy)]
);

export const siteSettings = pgTable('site_settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: timestampColumn('updated_at').notNull()
});

export const attempts = pgTable(
	'attempts',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		mode: text('mode', { enum: attemptModes }).notNull(),
		startedAt: timestampColumn('started_at').notNull(),
		submittedAt: timestampColumn('submitted_at'),
		deadlineAt: timestampColumn('deadline_at'),
		/** the live review session a 'live' attempt belongs to */
		liveSessionId: text('live_session_id').references(() => liveSessions.id, {
			onDelete: 'set null'
		}),
		assignmentId: text('assignment_id').references((): AnyPgColumn => assignments.id, {
			onDelete: 'set null'
		})
	},
	(table) => [
		index('attempts_user_lesson_idx').on(table.userId, table.lessonSlug),
		index('attempts_assignment_idx').on(table.assignmentId)
	]
);

export const responses = pgTable(
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
		answer: jsonb('answer').notNull(),
		status: text('status', { enum: responseStatuses }).notNull(),
		earned: doublePrecision('earned'),
		possible: doublePrecision('possible').notNull(),
		correct: boolean('correct'),
		answeredAt: timestampColumn('answered_at').notNull()
	},
	(table) => [
		index('responses_attempt_idx').on(table.attemptId),
		index('responses_user_question_idx').on(table.userId, table.questionId)
	]
);

export const sectionReads = pgTable(
	'section_reads',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		sectionId: text('section_id').notNull(),
		readAt: timestampColumn('read_at').notNull()
	},
	(table) => [primaryKey({ columns: [table.userId, table.lessonSlug, table.sectionId] })]
);

export const reviewCards = pgTable(
	'review_cards',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		lessonSlug: text('lesson_slug').notNull(),
		due: timestampColumn('due').notNull(),
		stability: doublePrecision('stability').notNull(),
		difficulty: doublePrecision('difficulty').notNull(),
		elapsedDays: integer('elapsed_days').notNull(),
		scheduledDays: integer('scheduled_days').notNull(),
		learningSteps: integer('learning_steps').notNull(),
		reps: integer('reps').notNull(),
		lapses: integer('lapses').notNull(),
		state: integer('state').notNull(),
		lastReview: timestampColumn('last_review')
	},
	(table) => [
		uniqueIndex('review_cards_user_question_idx').on(table.userId, table.questionId),
		index('review_cards_user_due_idx').on(table.userId, table.due)
	]
);

export const classes = pgTable(
	'classes',
	{
		id: text('id').primaryKey(),
		teacherId: text('teacher_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		joinCode: text('join_code').notNull().unique(),
		timeZone: text('time_zone').notNull().default('UTC'),
		/** what a student who has not chosen a language sees */
		defaultLocale: text('default_locale', { enum: uiLocales }).notNull().default('en'),
		archivedAt: timestampColumn('archived_at'),
		createdAt: createdAt()
	},
	(table) => [index('classes_teacher_idx').on(table.teacherId)]
);

export const classMembers = pgTable(
	'class_members',
	{
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		joinedAt: timestampColumn('joined_at').notNull()
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
export const rosterLinks = pgTable(
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

export const assignments = pgTable(
	'assignments',
	{
		id: text('id').primaryKey(),
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug'),
		behaviour: text('behaviour', { enum: assignmentBehaviours }).notNull(),
		dueAt: timestampColumn('due_at'),
		attemptsAllowed: integer('attempts_allowed'),
		answersShown: text('answers_shown', { enum: answerReleases }).notNull().default('after-due'),
		answersReleasedAt: timestampColumn('answers_released_at'),
		scoreShown: boolean('score_shown').notNull().default(true),
		timeLimitMinutes: integer('time_limit_minutes'),
		gradingMethod: text('grading_method', { enum: gradingMethods }).notNull().default('best'),
		createdAt: createdAt()
	},
	(table) => [index('assignments_class_idx').on(table.classId)]
);

export const assignmentOverrides = pgTable(
	'assignment_overrides',
	{
		assignmentId: text('assignment_id')
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		extraAttempts: integer('extra_attempts').notNull().default(0),
		dueAt: timestampColumn('due_at'),
		updatedAt: timestampColumn('updated_at').notNull()
	},
	(table) => [primaryKey({ columns: [table.assignmentId, table.userId] })]
);

export const accommodations = pgTable(
	'accommodations',
	{
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		extraTime: text('extra_time', { enum: timeAccommodations }),
		extraAttempts: integer('extra_attempts').notNull().default(0),
		readAloud: boolean('read_aloud').notNull().default(false),
		updatedAt: timestampColumn('updated_at').notNull()
	},
	(table) => [primaryKey({ columns: [table.classId, table.userId] })]
);

/** A quiz being answered: the valid answers so far, so leaving the page and coming back loses nothing. */
export const quizDrafts = pgTable(
	'quiz_drafts',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
		updatedAt: timestampColumn('updated_at').notNull()
	},
	(table) => [primaryKey({ columns: [table.userId, table.lessonSlug] })]
);

export const workComments = pgTable(
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
		seenAt: timestampColumn('seen_at')
	},
	(table) => [index('work_comments_student_idx').on(table.studentId, table.classId)]
);

export const responseGrades = pgTable('response_grades', {
	responseId: text('response_id')
		.primaryKey()
		.references(() => responses.id, { onDelete: 'cascade' }),
	level: integer('level').notNull(),
	comment: text('comment'),
	gradedBy: text('graded_by').references(() => users.id, { onDelete: 'set null' }),
	gradedAt: timestampColumn('graded_at').notNull(),
	seenAt: timestampColumn('seen_at')
});

/** A live review session: its state is all here, so a restarted server (or another process) carries on. */
export const liveSessions = pgTable(
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
		questions: jsonb('questions').$type<LiveQuestionRef[]>().notNull(),
		/** null = no timer */
		timerSeconds: integer('timer_seconds'),
		scoring: text('scoring', { enum: liveScorings }).notNull(),
		showLeaderboard: boolean('show_leaderboard').notNull(),
		showRealNames: boolean('show_real_names').notNull().default(false),
		/** open: anyone picks a nickname; members: only the class's signed-in students; generated: drawn names */
		joinMode: text('join_mode', { enum: liveJoinModes }).notNull().default('open'),
		/** the lists generated nicknames come from */
		nicknameLanguage: text('nickname_language', { enum: nicknameLanguages })
			.notNull()
			.default('en'),
		/** user id → extra seconds per question */
		extraTime: jsonb('extra_time').$type<Record<string, number>>().notNull(),
		phase: text('phase', { enum: livePhases }).notNull(),
		/** -1 in the lobby */
		questionIndex: integer('question_index').notNull(),
		questionOpenedAt: timestampColumn('question_opened_at'),
		/** set while paused: the timer stands still and answers wait */
		pausedAt: timestampColumn('paused_at'),
		/** bumped on every change players see; the SSE event id */
		version: integer('version').notNull(),
		createdAt: createdAt(),
		endedAt: timestampColumn('ended_at')
	},
	(table) => [index('live_sessions_teacher_idx').on(table.teacherId)]
);

export const livePlayers = pgTable(
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
		joinedAt: timestampColumn('joined_at').notNull(),
		joinedFrom: text('joined_from'),
		removedAt: timestampColumn('removed_at'),
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
export const liveAnswers = pgTable(
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
		answer: jsonb('answer').notNull(),
		/** 0…1 */
		earned: doublePrecision('earned').notNull(),
		correct: boolean('correct').notNull(),
		/** accuracy points plus any speed bonus */
		points: integer('points').notNull(),
		elapsedMs: integer('elapsed_ms').notNull(),
		answeredAt: timestampColumn('answered_at').notNull()
	},
	(table) => [
		uniqueIndex('live_answers_player_question_idx').on(table.playerId, table.questionIndex),
		index('live_answers_session_question_idx').on(table.sessionId, table.questionIndex)
	]
);

// ---------------------------------------------------------------------------------------------------
// LTI 1.3: the platforms (LMSs) an admin registered, and what their launches map to

/** An LMS registration: the values the platform's admin gave when adding Evidencia as a tool. */
export const ltiPlatforms = pgTable(
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
export const ltiDeployments = pgTable(
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
export const ltiKeys = pgTable('lti_keys', {
	kid: text('kid').primaryKey(),
	privateJwk: jsonb('private_jwk').notNull(),
	publicJwk: jsonb('public_jwk').notNull(),
	createdAt: createdAt(),
	retiredAt: timestampColumn('retired_at')
});

/** One OIDC login in flight: its nonce is used once, by the launch that carries its state. */
export const ltiNonces = pgTable(
	'lti_nonces',
	{
		nonce: text('nonce').primaryKey(),
		/** SHA-256 of the state parameter, hex */
		stateHash: text('state_hash').notNull().unique(),
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		expiresAt: timestampColumn('expires_at').notNull()
	},
	(table) => [index('lti_nonces_expires_idx').on(table.expiresAt)]
);

/** Who a platform's user is here: by platform and subject, never by email. */
export const ltiAccounts = pgTable(
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
export const ltiContexts = pgTable(
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
export const ltiLinks = pgTable(
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
export const ltiDeepLinks = pgTable('lti_deep_links', {
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
	acceptLineItem: boolean('accept_line_item').notNull(),
	expiresAt: timestampColumn('expires_at').notNull(),
	createdAt: createdAt()
});

/**
 * A student's grade on a graded link that the platform must get: written in the transaction that changed it,
 * sent by the delivery loop (the value is read when sent, so the latest always wins), retried until it lands.
 */
export const ltiGradeSyncs = pgTable(
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
		nextAttemptAt: timestampColumn('next_attempt_at'),
		/** a process sending it holds it until then */
		leaseUntil: timestampColumn('lease_until'),
		lastError: text('last_error'),
		sentAt: timestampColumn('sent_at'),
		changedAt: timestampColumn('changed_at').notNull()
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
