import { describe, expect, it } from 'vitest';
import { describeOnEachEngine } from '../db/testing';
import { newUser } from '../progress/test-content';
import { createAssignment } from './assignments';
import { addMember, createClass } from './classes';
import {
	answersReleased,
	attemptAnswersVisible,
	attemptDeadline,
	attemptScoreVisible,
	attemptsLeft,
	canAttempt,
	countedAttempt,
	coveringAssignments,
	defaultPolicy,
	practiceOpen,
	studentPolicy,
	submittedOverTime,
	type QuizPolicy
} from './quiz-policy';

const at = (day: number, hour = 9, minute = 0) => new Date(Date.UTC(2026, 11, day, hour, minute));

const quiz = (choices: Partial<QuizPolicy> = {}): QuizPolicy => ({
	behaviour: 'quiz',
	attemptsAllowed: 1,
	answersShown: 'after-due',
	answersReleasedAt: null,
	scoreShown: true,
	timeLimitMinutes: null,
	gradingMethod: 'best',
	dueAt: at(5, 15, 30),
	...choices
});

describe('a quiz assignment’s policy for one student', () => {
	it('defaults a quiz to one attempt with answers after the due date, practice to unlimited and at once', () => {
		expect(defaultPolicy('quiz')).toEqual({
			attemptsAllowed: 1,
			answersShown: 'after-due',
			scoreShown: true,
			timeLimitMinutes: null,
			gradingMethod: 'best'
		});
		expect(defaultPolicy('practice')).toMatchObject({
			attemptsAllowed: null,
			answersShown: 'immediately'
		});
	});

	it('adds granted and accommodated attempts, takes a reopened due date and stretches the time limit', () => {
		const policy = studentPolicy(
			quiz({ attemptsAllowed: 2, timeLimitMinutes: 20 }),
			{ extraAttempts: 1, dueAt: at(8) },
			{ extraTime: '1.5', extraAttempts: 2, readAloud: true }
		);
		expect(policy).toMatchObject({
			attemptsAllowed: 5,
			dueAt: at(8),
			timeLimitMs: 30 * 60_000,
			readAloud: true
		});
		expect(studentPolicy(quiz({ timeLimitMinutes: 20 })).timeLimitMs).toBe(1_200_000);
		expect(
			studentPolicy(quiz({ timeLimitMinutes: 20 }), null, {
				extraTime: 'unlimited',
				extraAttempts: 0,
				readAloud: false
			}).timeLimitMs
		).toBeNull();
		expect(
			studentPolicy(quiz({ attemptsAllowed: null }), { extraAttempts: 3, dueAt: null })
				.attemptsAllowed
		).toBeNull();
	});

	it('refuses another attempt once the attempts are used or the due date has passed', () => {
		const policy = studentPolicy(quiz({ attemptsAllowed: 2 }));
		expect(attemptsLeft(policy, 1)).toBe(1);
		expect(canAttempt(policy, 1, at(5, 15, 29))).toEqual({ ok: true });
		expect(canAttempt(policy, 2, at(4))).toEqual({ ok: false, reason: 'no-attempts-left' });
		expect(canAttempt(policy, 0, at(5, 15, 30))).toEqual({ ok: false, reason: 'past-due' });
		expect(attemptsLeft(studentPolicy(quiz({ attemptsAllowed: null })), 40)).toBeNull();
	});

	it('releases answers at the chosen moment, and always when the teacher releases them', () => {
		const before = at(5, 15, 29);
		const after = at(5, 15, 30);
		const shown = (choices: Partial<QuizPolicy>, now: Date) =>
			answersReleased(studentPolicy(quiz(choices)), now);
		expect([shown({}, before), shown({}, after)]).toEqual([false, true]);
		expect(shown({ dueAt: null }, at(30))).toBe(false);
		expect(shown({ answersShown: 'immediately' }, before)).toBe(true);
		expect(shown({ answersShown: 'on-release' }, after)).toBe(false);
		expect(shown({ answersShown: 'on-release', answersReleasedAt: at(6) }, at(6))).toBe(true);
		expect(shown({ answersShown: 'never' }, at(30))).toBe(false);
		expect(shown({ answersShown: 'never', answersReleasedAt: at(6) }, at(7))).toBe(true);
	});

	it('shows the score at once unless the teacher holds it back with the answers', () => {
		const held = studentPolicy(quiz({ scoreShown: false }));
		expect(attemptScoreVisible(held, at(4))).toBe(false);
		expect(attemptScoreVisible(held, at(6))).toBe(true);
		expect(attemptAnswersVisible(held, at(4))).toBe(false);
		expect(attemptScoreVisible(studentPolicy(quiz()), at(4))).toBe(true);
	});

	it('closes practice while the quiz is open to the student and until its answers are out', () => {
		const policy = studentPolicy(quiz({ attemptsAllowed: 1 }));
		expect(practiceOpen(policy, 0, at(4))).toBe(false);
		expect(practiceOpen(policy, 1, at(4))).toBe(false);
		expect(practiceOpen(policy, 1, at(6))).toBe(true);
		expect(practiceOpen(studentPolicy(quiz({ answersShown: 'immediately' })), 1, at(4))).toBe(true);
		expect(practiceOpen(studentPolicy(quiz({ answersShown: 'never' })), 1, at(30))).toBe(false);
		expect(practiceOpen(studentPolicy(quiz({ behaviour: 'practice' })), 0, at(4))).toBe(true);
	});

	it('ends a timed attempt at its limit, never past the due date, with a minute’s grace', () => {
		const policy = studentPolicy(quiz({ timeLimitMinutes: 20 }));
		expect(attemptDeadline(policy, at(5, 9))).toEqual(at(5, 9, 20));
		expect(attemptDeadline(policy, at(5, 15, 20))).toEqual(at(5, 15, 30));
		expect(attemptDeadline(studentPolicy(quiz()), at(5, 9))).toBeNull();
		expect(submittedOverTime(at(5, 9, 20), new Date(at(5, 9, 21).getTime()))).toBe(false);
		expect(submittedOverTime(at(5, 9, 20), new Date(at(5, 9, 21).getTime() + 1))).toBe(true);
		expect(submittedOverTime(null, at(30))).toBe(false);
	});

	it('counts the best attempt (the first to reach it), the first or the last', () => {
		const attempts = [
			{ id: 'b', submittedAt: at(2), earned: 9, possible: 10 },
			{ id: 'a', submittedAt: at(1), earned: 3, possible: 10 },
			{ id: 'c', submittedAt: at(3), earned: 9, possible: 10 },
			{ id: 'd', submittedAt: at(4), earned: 5, possible: 10 }
		];
		expect(countedAttempt(attempts, 'best')?.id).toBe('b');
		expect(countedAttempt(attempts, 'first')?.id).toBe('a');
		expect(countedAttempt(attempts, 'last')?.id).toBe('d');
		expect(countedAttempt([], 'best')).toBeUndefined();
	});
});

describeOnEachEngine(
	'the assignments covering a lesson, with each policy for the student',
	(getDb) => {
		it('applies the student’s override and accommodations in their class only, soonest due first', async () => {
			// Arrange
			const db = getDb();
			const teacher = await newUser(db, 'Teacher', 'teacher');
			const student = await newUser(db, 'Student');
			const one = await createClass(db, teacher, 'One', at(1), 'America/Los_Angeles');
			const two = await createClass(db, teacher, 'Two', at(1));
			for (const klass of [one, two]) await addMember(db, klass.id, student, at(1));
			const quizOne = await createAssignment(
				db,
				{
					classId: one.id,
					lessonSlug: 'first',
					behaviour: 'quiz',
					dueAt: at(9),
					policy: { timeLimitMinutes: 10, attemptsAllowed: 2 }
				},
				at(1)
			);
			const moduleTwo = await createAssignment(
				db,
				{ classId: two.id, lessonSlug: null, behaviour: 'practice', dueAt: at(5) },
				at(1)
			);
			await createAssignment(
				db,
				{ classId: two.id, lessonSlug: 'second', behaviour: 'quiz', dueAt: at(2) },
				at(1)
			);
			const { assignmentOverrides, accommodations } = db.tables;
			await db.write(async (tx) => {
				await tx.insert(assignmentOverrides).values({
					assignmentId: quizOne.id,
					userId: student,
					extraAttempts: 1,
					dueAt: at(12),
					updatedAt: at(2)
				});
				await tx.insert(accommodations).values({
					classId: one.id,
					userId: student,
					extraTime: '2',
					extraAttempts: 0,
					readAloud: true,
					updatedAt: at(2)
				});
			});

			// Act
			const covering = await coveringAssignments(db.read, db.tables, {
				userId: student,
				lessonSlug: 'first'
			});

			// Assert
			expect(covering.map((c) => [c.assignmentId, c.timeZone])).toEqual([
				[moduleTwo.id, 'UTC'],
				[quizOne.id, 'America/Los_Angeles']
			]);
			expect(covering[1]?.policy).toMatchObject({
				behaviour: 'quiz',
				attemptsAllowed: 3,
				dueAt: at(12),
				timeLimitMs: 20 * 60_000,
				readAloud: true
			});
			expect(covering[0]?.policy).toMatchObject({
				behaviour: 'practice',
				attemptsAllowed: null,
				answersShown: 'immediately',
				dueAt: at(5),
				readAloud: false
			});
		});
	}
);
