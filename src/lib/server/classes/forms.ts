import { z } from 'zod';
import { instantInZone, isTimeZone } from '../../dates';
import { m } from '../../i18n';
import { answerReleases, assignmentBehaviours, gradingMethods, uiLocales } from '../db/enums';
import { invisibleTextProblem, textField } from '../forms';
import { canonicalTimeZone } from '../time-zones';
import type { PolicyChoices } from './quiz-policy';

/** Form schemas of the class pages, one per form; each route parses with parseForm(schema, formData). */

export const maxClassNameLength = 100;
export const maxStudentsAtOnce = 40;
export const maxStudentNameLength = 100;

const className = () => textField('Class name', { max: maxClassNameLength });

/** A student, an assignment: ids come from hidden fields, so a bad one is a tampered or stale page. */
const id = (label: string) =>
	z
		.string({ error: `Choose a ${label}.` })
		.trim()
		.min(1, `Choose a ${label}.`)
		.max(100, `That ${label} does not exist.`);

const noSuchZone = 'There is no time zone by that name. Choose one from the list.';
/** An IANA zone from the select, kept as Intl spells it. */
const timeZone = () =>
	z
		.string({ error: 'Choose the class’s time zone from the list.' })
		.trim()
		.min(1, 'Choose the class’s time zone from the list.')
		.max(64, noSuchZone)
		.refine(isTimeZone, noSuchZone)
		.transform(canonicalTimeZone);

export const createClassForm = z.object({ name: className(), timeZone: timeZone() });

export const classTimeZoneForm = z.object({ timeZone: timeZone() });

export const renameClassForm = z.object({ name: className() });

/** The language a class's students see until they choose one; the message is built in the request's language. */
export const classLocaleForm = z.object({
	defaultLocale: z.enum(uiLocales, { error: () => m.settings_language_invalid() })
});

export const addStudentsForm = z.object({
	names: z
		.string({ error: 'Student names must be text.' })
		// 40 names of 100 characters with line breaks and stray spaces fit well inside this
		.max(10_000, 'That is too much text: enter at most 40 names of up to 100 characters.')
		.transform((text) =>
			text
				.split(/\r\n|\r|\n/)
				.map((line) => line.trim().normalize('NFC'))
				.filter((line) => line.length > 0)
		)
		.check((ctx) => {
			const names = ctx.value;
			const tooLong = names.findIndex((name) => name.length > maxStudentNameLength);
			const hidden = names
				.map((name, index) => invisibleTextProblem(`Name ${index + 1}`, name))
				.find((problem) => problem !== null);
			if (names.length === 0) {
				ctx.issues.push({
					code: 'custom',
					input: names,
					message: 'Enter at least one student name, one name per line.'
				});
			} else if (names.length > maxStudentsAtOnce) {
				ctx.issues.push({
					code: 'custom',
					input: names,
					message: `Add at most ${maxStudentsAtOnce} students at a time; there are ${names.length} names. Split the list and add the rest next.`
				});
			} else if (tooLong >= 0) {
				ctx.issues.push({
					code: 'custom',
					input: names,
					message: `Name ${tooLong + 1} (“${names[tooLong]?.slice(0, 30)}…”) is longer than ${maxStudentNameLength} characters. Shorten it.`
				});
			} else if (hidden) {
				ctx.issues.push({ code: 'custom', input: names, message: hidden });
			}
		})
});

export const studentForm = z.object({ studentId: id('student') });

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/** yyyy-mm-dd (what <input type="date"> sends) as its parts; null for anything else or a day that doesn't exist. */
export function parseDay(value: string): { year: number; month: number; day: number } | null {
	const match = datePattern.exec(value);
	if (!match) return null;
	const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
	if (year < 2000 || year > 2100) return null;
	const date = new Date(year, month - 1, day);
	if (date.getMonth() !== month - 1 || date.getDate() !== day) return null;
	return { year, month, day };
}

/** hh:mm (seconds ignored, as <input type="time"> may send them) as its parts; null when out of range. */
export function parseClock(value: string): { hours: number; minutes: number } | null {
	const match = timePattern.exec(value);
	if (!match) return null;
	const [hours, minutes] = match.slice(1, 3).map(Number) as [number, number];
	return hours < 24 && minutes < 60 ? { hours, minutes } : null;
}

/**
 * Due dates are typed as wall-clock time in the class's zone: a day without a time is due at its last
 * millisecond there, 23:59:59.999.
 */
export function dueAtFrom(dueDate: string, dueTime: string, zone: string): Date | null {
	const day = parseDay(dueDate);
	if (!day) return null;
	const clock = parseClock(dueTime);
	if (clock) return instantInZone({ ...day, hour: clock.hours, minute: clock.minutes }, zone);
	return new Date(instantInZone({ ...day, hour: 23, minute: 59 }, zone).getTime() + 59_999);
}

export const createAssignmentForm = z
	.object({
		/** "module" or a lesson's slug; the route checks the slug against the content */
		lesson: z
			.string({ error: () => m.assign_error_choose_what() })
			.trim()
			.min(1, { error: () => m.assign_error_choose_what() })
			.max(200, { error: () => m.assign_error_no_lesson() }),
		behaviour: z.enum(assignmentBehaviours, {
			error: () => m.assign_error_behaviour()
		}),
		dueDate: z
			.string({ error: () => m.assign_error_due_date_text() })
			.trim()
			.default('')
			.refine((value) => value === '' || parseDay(value) !== null, {
				error: () => m.assign_error_due_date()
			}),
		dueTime: z
			.string({ error: () => m.assign_error_due_time_text() })
			.trim()
			.default('')
			.refine((value) => value === '' || parseClock(value) !== null, {
				error: () => m.assign_error_due_time()
			})
	})
	.refine((form) => form.dueTime === '' || form.dueDate !== '', {
		path: ['dueDate'],
		error: () => m.assign_error_time_without_date()
	})
	.transform(({ lesson, behaviour, dueDate, dueTime }) => ({
		lessonSlug: lesson === 'module' ? null : lesson,
		behaviour,
		/** wall-clock text; the route reads it in the class's zone with dueAtFrom */
		due: { date: dueDate, time: dueTime }
	}));

/** An assignment from a hidden field, refused in the request's language. */
export const assignmentForm = z.object({
	assignmentId: z
		.string({ error: () => m.assign_error_choose_assignment() })
		.trim()
		.min(1, { error: () => m.assign_error_choose_assignment() })
		.max(100, { error: () => m.assign_error_no_assignment() })
});

/** The attempts a teacher can choose from (the form's list); more than this is "unlimited". */
export const maxAttemptsAllowed = 10;
/** A timed quiz lasts at most this long: a school day. */
export const maxTimeLimitMinutes = 480;

/**
 * A quiz assignment's policy (the assign form's quiz settings, and the edit form): attempts, when the
 * right answers show, whether the score shows at once, a time limit and which attempt the gradebook counts.
 */
export const policyForm = z
	.object({
		attempts: z
			.string({ error: () => m.assign_error_attempts_text() })
			.trim()
			.refine(
				(value) =>
					value === 'unlimited' ||
					(/^[1-9]\d?$/.test(value) && Number(value) <= maxAttemptsAllowed),
				{ error: () => m.assign_error_attempts({ max: maxAttemptsAllowed }) }
			),
		answersShown: z.enum(answerReleases, {
			error: () => m.assign_error_answers_shown()
		}),
		// a checkbox: ticked sends "yes", unticked sends nothing
		scoreShown: z.literal('yes', { error: () => m.assign_error_score_shown() }).optional(),
		timeLimit: z
			.string({ error: () => m.assign_error_time_limit_text() })
			.trim()
			.default('')
			.refine(
				(value) =>
					value === '' || (/^\d{1,3}$/.test(value) && +value >= 1 && +value <= maxTimeLimitMinutes),
				{ error: () => m.assign_error_time_limit({ max: maxTimeLimitMinutes }) }
			),
		gradingMethod: z.enum(gradingMethods, {
			error: () => m.assign_error_grading_method()
		})
	})
	.transform((form): PolicyChoices => ({
		attemptsAllowed: form.attempts === 'unlimited' ? null : Number(form.attempts),
		answersShown: form.answersShown,
		scoreShown: form.scoreShown === 'yes',
		timeLimitMinutes: form.timeLimit === '' ? null : Number(form.timeLimit),
		gradingMethod: form.gradingMethod
	}));

/** The policy form's field names, to echo what was typed back into the form after a refusal. */
export const policyFieldNames = [
	'attempts',
	'answersShown',
	'scoreShown',
	'timeLimit',
	'gradingMethod'
] as const;

/** A reopened due date, typed as a wall-clock date and time in the class's time zone. */
export const reopenForm = z.object({
	assignmentId: assignmentForm.shape.assignmentId,
	reopenDate: z
		.string({ error: () => m.drill_error_reopen_date_missing() })
		.trim()
		.refine((value) => parseDay(value) !== null, {
			error: () => m.drill_error_reopen_date_invalid()
		}),
	reopenTime: z
		.string({ error: () => m.drill_error_reopen_time_missing() })
		.trim()
		.refine((value) => parseClock(value) !== null, {
			error: () => m.drill_error_reopen_time_invalid()
		})
});

export const maxWorkCommentLength = 2000;

/** A teacher's comment on a student's work on a lesson (drill-down page). */
export const workCommentForm = z.object({
	// browsers send a line break as \r\n but count it as one character against maxlength
	body: z
		.string({ error: () => m.drill_error_comment_text() })
		.transform((body) => body.replace(/\r\n?/g, '\n').trim().normalize('NFC'))
		.pipe(
			z
				.string()
				.min(1, { error: () => m.drill_error_comment_empty() })
				.max(maxWorkCommentLength, {
					error: () => m.drill_error_comment_long({ max: maxWorkCommentLength })
				})
				.check((ctx) => {
					// line breaks and tabs are the comment's own; anything else invisible is refused
					const problem = invisibleTextProblem(
						() => m.drill_comment_field_name(),
						ctx.value.replace(/\n/g, ' ')
					);
					if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
				})
		)
});

export const maxGradeCommentLength = 2000;

/** A teacher's rubric score for one written answer (grading page); the level is 0…3, the comment optional. */
export const gradeForm = z.object({
	responseId: z
		.string({ error: () => m.grading_error_no_response() })
		.trim()
		.min(1, { error: () => m.grading_error_no_response() })
		.max(100, { error: () => m.grading_error_not_in_class() }),
	level: z
		.string({ error: () => m.grading_error_level() })
		.regex(/^[0-3]$/, { error: () => m.grading_error_level() })
		.transform(Number),
	// browsers send a line break as \r\n but count it as one character against maxlength
	comment: z
		.string({ error: () => m.grading_error_comment_text() })
		.optional()
		.transform((comment) => comment?.replace(/\r\n?/g, '\n').trim() ?? '')
		.pipe(
			z.string().max(maxGradeCommentLength, {
				error: () => m.grading_error_comment_long({ max: maxGradeCommentLength })
			})
		)
		.transform((comment) => comment || null)
});
