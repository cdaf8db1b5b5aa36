import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createAccount } from '../auth/accounts';
import { buildContent } from '../content/build';
import { sampleFactsFile, sampleLessonFiles, sampleSourceFile } from '../content/sample-files';
import { describeOnEachEngine } from '../db/testing';
import { answerReview } from '../review/sitting';
import { answerPracticeQuestion, submitQuiz } from './answers';
import { latestPracticeAnswers, quizAttemptReview, quizAttempts } from './own-answers';

// A small sample lesson: two quiz questions and one inline check.
const { content, errors } = buildContent({
	sources: [sampleSourceFile],
	facts: sampleFactsFile,
	lessons: [sampleLessonFiles()]
});

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

it('builds the sample lesson without content errors', () => {
	expect(errors.map((e) => e.message)).toEqual([]);
});

describeOnEachEngine('answering questions', (getDb) => {
	let studentCounter = 0;
	async function newStudent() {
		const created = await createAccount(getDb(), {
			username: `answerer-${studentCounter++}`,
			displayName: 'Answerer',
			role: 'student',
			password: 'a password here'
		});
		if (!created.ok) throw new Error('setup failed');
		return created.user.id;
	}
	const responseCount = async () => {
		const db = getDb();
		const [row] = await db.read.select({ n: count() }).from(db.tables.responses);
		return row?.n ?? 0;
	};

	it('stores each practice answer, reveals feedback with the highlighted quote, and keeps retries', async () => {
		const db = getDb();
		const userId = await newStudent();
		const wrong = await answerPracticeQuestion(db, content, {
			userId,
			lessonSlug: 'sample',
			form: form({ questionId: 's-check', 's-check': 'false' })
		});
		const right = await answerPracticeQuestion(db, content, {
			userId,
			lessonSlug: 'sample',
			form: form({ questionId: 's-check', 's-check': 'true' })
		});

		expect(wrong).toMatchObject({
			ok: true,
			answer: false,
			reveal: { score: { correct: false, feedback: ['Read p01 again.'] } }
		});
		expect(right).toMatchObject({ ok: true, reveal: { score: { correct: true } } });
		expect(right.ok && right.reveal.evidence[0]).toEqual({
			kind: 'paragraph',
			sourceId: 'sample',
			paragraph: 'p01',
			before: 'The Navy said it ',
			quoted: '“categorically” denied',
			after: ' the report.'
		});
		const rows = await db.read
			.select()
			.from(db.tables.responses)
			.where(eq(db.tables.responses.userId, userId));
		expect(rows.map((r) => [r.questionId, r.correct, r.earned])).toEqual(
			expect.arrayContaining([
				['s-check', false, 0],
				['s-check', true, 1]
			])
		);
		expect(new Set(rows.map((r) => r.attemptId)).size).toBe(1);
		const latest = await latestPracticeAnswers(
			db,
			content,
			userId,
			content.lessons.get('sample')!,
			['s-check'],
			'UTC'
		);
		expect(latest['s-check']?.answer).toBe(true);
	});

	it('refuses malformed answers with a 400 and stores nothing', async () => {
		const db = getDb();
		const userId = await newStudent();
		const before = await responseCount();
		const cases = [
			form({ questionId: 'no-such-question', 'no-such-question': 'a' }),
			form({ questionId: 's-choice', 's-choice': 'z' }),
			form({ questionId: 's-choice' }),
			form({ questionId: 's-choice', 's-choice': 'a'.repeat(1024 * 1024) }),
			form({ questionId: 's-written', 's-written': 'x'.repeat(20_000) })
		];
		for (const submitted of cases) {
			const result = await answerPracticeQuestion(db, content, {
				userId,
				lessonSlug: 'sample',
				form: submitted
			});
			expect(result).toMatchObject({ ok: false, status: 400 });
		}
		expect(
			await answerPracticeQuestion(db, content, { userId, lessonSlug: 'nope', form: form({}) })
		).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await responseCount()).toBe(before);
	});

	it('stores a whole quiz at once, with the written answer waiting for a teacher', async () => {
		const db = getDb();
		const userId = await newStudent();
		const result = await submitQuiz(db, content, {
			userId,
			lessonSlug: 'sample',
			form: form({ 's-choice': 'b', 's-written': 'It was denied (p01).' })
		});
		if (!result.ok || !result.attemptId) throw new Error('quiz was not stored');

		const summaries = await quizAttempts(db, userId, 'sample');
		expect(summaries).toEqual([
			{
				id: result.attemptId,
				assignmentId: null,
				startedAt: expect.any(Date),
				submittedAt: expect.any(Date),
				deadlineAt: null,
				overTime: false,
				earned: 0,
				possible: 2,
				pendingReview: 1,
				unanswered: 0
			}
		]);
		const review = await quizAttemptReview(db, content, userId, 'sample', result.attemptId, 'UTC');
		expect(review?.questionIds).toEqual(['s-choice', 's-written']);
		expect(review?.answered['s-written']?.reveal.score).toMatchObject({
			status: 'pending-review',
			modelAnswer: 'The Navy denied it in p01.'
		});
		expect(review?.answered['s-choice']?.reveal.score).toMatchObject({
			correct: false,
			feedback: ['Nine is the trust figure, not this poll.']
		});
	});

	it('stores nothing when one quiz question is unanswered, and keeps the other answers to refill the form', async () => {
		const db = getDb();
		const userId = await newStudent();
		const before = await responseCount();
		const result = await submitQuiz(db, content, {
			userId,
			lessonSlug: 'sample',
			form: form({ 's-choice': 'a' })
		});
		expect(result).toMatchObject({
			ok: false,
			status: 400,
			answers: { 's-choice': 'a' },
			problems: { 's-written': expect.any(String) }
		});
		expect(await responseCount()).toBe(before);
		expect(await quizAttempts(db, userId, 'sample')).toEqual([]);
	});

	it('shows a quiz attempt only to the student who took it', async () => {
		const db = getDb();
		const owner = await newStudent();
		const other = await newStudent();
		const result = await submitQuiz(db, content, {
			userId: owner,
			lessonSlug: 'sample',
			form: form({ 's-choice': 'a', 's-written': 'Answer.' })
		});
		if (!result.ok || !result.attemptId) throw new Error('quiz was not stored');
		expect(
			await quizAttemptReview(db, content, other, 'sample', result.attemptId, 'UTC')
		).toBeNull();
		expect(
			await quizAttemptReview(db, content, owner, 'sample', result.attemptId, 'UTC')
		).not.toBeNull();
	});

	const practiceTrace = async (userId: string) => {
		const db = getDb();
		const { attempts, responses, reviewCards } = db.tables;
		const open = await db.read
			.select({ id: attempts.id, mode: attempts.mode })
			.from(attempts)
			.where(eq(attempts.userId, userId));
		const answers = await db.read
			.select({ attemptId: responses.attemptId })
			.from(responses)
			.where(eq(responses.userId, userId));
		const [card] = await db.read
			.select({ reps: reviewCards.reps })
			.from(reviewCards)
			.where(and(eq(reviewCards.userId, userId), eq(reviewCards.questionId, 's-check')));
		return { attempts: open, answers, reps: card?.reps };
	};
	const wrongCheck = () => form({ questionId: 's-check', 's-check': 'false' });

	it("keeps one student's 20 simultaneous answers in one practice attempt, each a review of the card", async () => {
		const db = getDb();
		const userId = await newStudent();
		const results = await Promise.all(
			Array.from({ length: 20 }, () =>
				answerPracticeQuestion(db, content, { userId, lessonSlug: 'sample', form: wrongCheck() })
			)
		);
		expect(results.every((result) => result.ok)).toBe(true);
		const trace = await practiceTrace(userId);
		expect(trace.attempts).toEqual([{ id: expect.any(String), mode: 'practice' }]);
		expect(trace.answers).toHaveLength(20);
		expect(new Set(trace.answers.map((a) => a.attemptId))).toEqual(
			new Set([trace.attempts[0]?.id])
		);
		expect(trace.reps).toBe(20);
	});

	it('stores every answer of 12 students answering 3 times each, all at once', async () => {
		const db = getDb();
		const students = await Promise.all(Array.from({ length: 12 }, () => newStudent()));
		await Promise.all(
			students.flatMap((userId) =>
				[1, 2, 3].map(() =>
					answerPracticeQuestion(db, content, { userId, lessonSlug: 'sample', form: wrongCheck() })
				)
			)
		);
		for (const userId of students) {
			const trace = await practiceTrace(userId);
			expect(trace.attempts).toHaveLength(1);
			expect(trace.answers).toHaveLength(3);
			expect(trace.reps).toBe(3);
		}
	});

	it('loses no review of a card answered in a lesson and in review at the same time', async () => {
		const db = getDb();
		const userId = await newStudent();
		await answerPracticeQuestion(db, content, { userId, lessonSlug: 'sample', form: wrongCheck() });
		const now = new Date();
		const results = await Promise.all(
			Array.from({ length: 8 }, () => [
				answerPracticeQuestion(db, content, { userId, lessonSlug: 'sample', form: wrongCheck() }),
				answerReview(db, content, { userId, form: wrongCheck(), now })
			]).flat()
		);
		expect(results.every((result) => result.ok)).toBe(true);
		const trace = await practiceTrace(userId);
		expect(trace.answers).toHaveLength(17);
		expect(trace.reps).toBe(17);
	});

	it('stores free quizzes and practice answers given by one student at the same time', async () => {
		const db = getDb();
		const userId = await newStudent();
		const { attempts, reviewCards } = db.tables;
		const wrongChoice = { 's-choice': 'b' };
		const results = await Promise.all(
			Array.from({ length: 5 }, () => [
				submitQuiz(db, content, {
					userId,
					lessonSlug: 'sample',
					form: form({ ...wrongChoice, 's-written': 'An answer.' })
				}),
				answerPracticeQuestion(db, content, {
					userId,
					lessonSlug: 'sample',
					form: form({ questionId: 's-choice', ...wrongChoice })
				})
			]).flat()
		);
		expect(results.every((result) => result.ok)).toBe(true);
		const modes = await db.read
			.select({ mode: attempts.mode })
			.from(attempts)
			.where(eq(attempts.userId, userId));
		expect(modes.map((row) => row.mode).sort()).toEqual([
			'practice',
			'quiz',
			'quiz',
			'quiz',
			'quiz',
			'quiz'
		]);
		const [card] = await db.read
			.select({ reps: reviewCards.reps })
			.from(reviewCards)
			.where(and(eq(reviewCards.userId, userId), eq(reviewCards.questionId, 's-choice')));
		expect(card?.reps).toBe(10);
	});

	it('gives visitors feedback without storing anything', async () => {
		const db = getDb();
		const before = await responseCount();
		const result = await answerPracticeQuestion(db, content, {
			userId: null,
			lessonSlug: 'sample',
			form: form({ questionId: 's-choice', 's-choice': 'a' })
		});
		expect(result).toMatchObject({ ok: true, reveal: { score: { correct: true } } });
		expect(await responseCount()).toBe(before);
	});
});
