import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createAssignment } from '../classes/assignments';
import { addMember, createClass } from '../classes/classes';
import { content, errors, newUser, sit } from '../classes/test-class';
import { describeOnEachEngine } from '../db/testing';
import { log } from '../log';
import { latestPracticeAnswers, quizAttemptReview } from '../quiz/own-answers';
import {
	answersForGrading,
	attemptAnswers,
	classWorkAnswers,
	firstAnswersForStatistics,
	latestPracticeAnswerPerQuestion
} from './read-model';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 3, 9, minute));

it('builds the test module without content errors', () => {
	expect(errors.map((e) => e.message)).toEqual([]);
});

afterEach(() => {
	vi.restoreAllMocks();
});

describeOnEachEngine('the stored-answers read model', (getDb) => {
	let classId = '';
	let ana = '';
	let bea = '';

	// a-tf: false is right. Ana answers it wrong, then right; Bea right at once.
	beforeAll(async () => {
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		classId = (await createClass(db, teacher, 'Read model')).id;
		ana = await newUser(db, 'Ana');
		bea = await newUser(db, 'Bea');
		for (const student of [ana, bea]) await addMember(db, classId, student);
		await createAssignment(db, { classId, lessonSlug: 'alpha', behaviour: 'quiz', dueAt: null });

		await sit(db, {
			userId: ana,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(1),
			answers: [{ questionId: 'a-tf', answer: true, earned: 0 }]
		});
		await sit(db, {
			userId: ana,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(2),
			answers: [{ questionId: 'a-tf', answer: false, earned: 1 }]
		});
		await sit(db, {
			userId: bea,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(3),
			answers: [{ questionId: 'a-tf', answer: false, earned: 1 }]
		});
	});

	it('statistics see each student’s first answer: Ana wrong, Bea right', async () => {
		const first = await firstAnswersForStatistics(getDb(), content, classId, [ana, bea]);
		const of = (student: string) => first.get(student)?.get('a-tf');
		expect([of(ana)?.answer, of(ana)?.score, of(ana)?.answeredAt]).toEqual([true, 0, at(1)]);
		expect([of(bea)?.answer, of(bea)?.score]).toEqual([false, 1]);
	});

	it('the student’s own view sees the latest answer: Ana right', async () => {
		const db = getDb();
		const latest = await latestPracticeAnswerPerQuestion(db, content, {
			userId: ana,
			lessonSlug: 'alpha',
			questionIds: ['a-tf', 'a-check']
		});
		expect([...latest.keys()]).toEqual(['a-tf']);
		expect([latest.get('a-tf')?.answer, latest.get('a-tf')?.earned]).toEqual([false, 1]);

		const lesson = content.lessons.get('alpha');
		if (!lesson) throw new Error('no lesson alpha');
		const page = await latestPracticeAnswers(db, content, ana, lesson, ['a-tf'], 'UTC');
		expect(page['a-tf']?.answer).toBe(false);
		expect(page['a-tf']?.reveal.score).toMatchObject({ status: 'scored', correct: true });
	});

	it('the export lists every answer oldest first and marks only the first', async () => {
		const rows = await classWorkAnswers(getDb(), content, classId, [ana]);
		expect(rows.map((row) => [row.questionId, row.answer, [...row.firstIn].sort()])).toEqual([
			['a-tf', true, ['all', 'lessons', 'practice']],
			['a-tf', false, []]
		]);
	});

	it('leaves out a review sitting: it is never the first answer', async () => {
		const db = getDb();
		const cruz = await newUser(db, 'Cruz');
		await addMember(db, classId, cruz);
		await sit(db, {
			userId: cruz,
			lessonSlug: 'alpha',
			mode: 'review',
			at: at(0),
			answers: [{ questionId: 'a-tf', answer: false, earned: 1 }]
		});
		await sit(db, {
			userId: cruz,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: at(5),
			answers: [{ questionId: 'a-tf', answer: true, earned: 0 }]
		});
		const first = await firstAnswersForStatistics(db, content, classId, [cruz]);
		expect(first.get(cruz)?.get('a-tf')?.answer).toBe(true);
	});

	it('logs a stored answer that no longer fits and leaves it out, never standing in a later one', async () => {
		const db = getDb();
		const errorLog = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const dora = await newUser(db, 'Dora');
		await addMember(db, classId, dora);
		// a-choice has options a, b and c: "z" is an option since removed from the bank
		const { responseIds } = await sit(db, {
			userId: dora,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(10),
			answers: [{ questionId: 'a-choice', answer: 'z', earned: 0 }]
		});
		await sit(db, {
			userId: dora,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(11),
			answers: [{ questionId: 'a-choice', answer: 'a', earned: 1 }]
		});

		const first = await firstAnswersForStatistics(db, content, classId, [dora]);
		expect(first.get(dora)?.has('a-choice') ?? false).toBe(false);
		expect(errorLog).toHaveBeenCalledWith(
			'stored answer does not fit its question; left out',
			expect.objectContaining({ questionId: 'a-choice', table: 'responses', rowId: responseIds[0] })
		);

		// the own view: the latest is "a"; once a later answer does not fit, the page shows none
		const latest = () =>
			latestPracticeAnswerPerQuestion(db, content, {
				userId: dora,
				lessonSlug: 'alpha',
				questionIds: ['a-choice']
			});
		expect((await latest()).get('a-choice')?.answer).toBe('a');
		await sit(db, {
			userId: dora,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(12),
			answers: [{ questionId: 'a-choice', answer: ['a'], earned: 1 }]
		});
		expect((await latest()).has('a-choice')).toBe(false);
	});

	it('a quiz attempt shows what was submitted; its totals still count an answer that does not fit', async () => {
		const db = getDb();
		vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const eli = await newUser(db, 'Eli');
		const { attemptId } = await sit(db, {
			userId: eli,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: at(20),
			answers: [
				{ questionId: 'a-choice', answer: 'b', earned: 0 },
				{ questionId: 'a-tf', answer: 'not a boolean', earned: 1 }
			]
		});
		const stored = await attemptAnswers(db, content, attemptId);
		expect(stored.map((row) => [row.questionId, row.answer])).toEqual([['a-choice', 'b']]);
		const review = await quizAttemptReview(db, content, eli, 'alpha', attemptId, 'UTC');
		expect(review?.questionIds).toEqual(['a-choice']);
		expect(review?.attempt).toMatchObject({ earned: 1, possible: 2, pendingReview: 0 });
	});

	it('grading lists the latest quiz answer, and the latest practice answer only when newer', async () => {
		const db = getDb();
		const fay = await newUser(db, 'Fay');
		const gus = await newUser(db, 'Gus');
		for (const student of [fay, gus]) await addMember(db, classId, student);
		const written = (text: string) => [{ questionId: 'a-written', answer: text, earned: null }];
		// Fay: practice, then quiz, then practice again; Gus: practice, then quiz
		await sit(db, {
			userId: fay,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(30),
			answers: written('F1')
		});
		await sit(db, {
			userId: fay,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: at(31),
			answers: written('F2')
		});
		await sit(db, {
			userId: fay,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(32),
			answers: written('F3')
		});
		await sit(db, {
			userId: gus,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: at(33),
			answers: written('G1')
		});
		await sit(db, {
			userId: gus,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: at(34),
			answers: written('G2')
		});

		const { toScore, scored } = await answersForGrading(db, content, classId, ['a-written']);
		expect(toScore.map((row) => [row.displayName, row.mode, row.answer]).sort()).toEqual([
			['Fay', 'practice', 'F3'],
			['Fay', 'quiz', 'F2'],
			['Gus', 'quiz', 'G2']
		]);
		expect(scored).toEqual([]);
	});
});
