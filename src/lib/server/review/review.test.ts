import { and, count, eq } from 'drizzle-orm';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Score } from '../../quiz/types';
import { createAccount } from '../auth/accounts';
import { buildContent } from '../content/build';
import { sampleFactsFile, sampleLessonFiles, sampleSourceFile } from '../content/sample-files';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { answerPracticeQuestion, submitQuiz } from '../quiz/answers';
import {
	cardColumns,
	ratingFor,
	recordForReview,
	scheduleCard,
	toFsrsCard
} from '../scheduling/cards';
import { answerReview, dueCards, reviewSummary } from './sitting';

// A small sample lesson: a true/false check, a single-choice, a multiple-select (partial credit) and a written question.
const { content, errors } = buildContent({
	sources: [sampleSourceFile],
	facts: sampleFactsFile,
	lessons: [
		sampleLessonFiles(`  - id: s-multi
    type: multiple-select
    objective: read
    bloom: understand
    prompt: Which does the article say?
    options:
      - id: a
        text: The Navy denied the report.
      - id: b
        text: Seven in 10 expected no justice.
      - id: c
        text: Nobody commented.
        feedback: The Navy did comment.
    answers: [a, b]
    explanation: p01 and p02.
    evidence:
      - paragraph: p01
      - paragraph: p02
`)
	]
});

// The test computes every expected date with ts-fsrs itself, on the same inputs: no hand-written intervals.
const expected = fsrs(generatorParameters({ enable_fuzz: false }));
const schedule = (steps: [Date, Grade][]): Card =>
	steps.reduce<Card>(
		(card, [at, rating]) => expected.next(card, at, rating).card,
		createEmptyCard(steps[0]?.[0])
	);

const t0 = new Date('2025-03-03T15:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

const scored = (earned: number): Score => ({
	status: 'scored',
	earned,
	possible: 1,
	correct: earned === 1,
	feedback: [],
	correctAnswer: ''
});

it('builds the sample lesson without content errors', () => {
	expect(errors.map((e) => e.message)).toEqual([]);
});

describe('ratingFor', () => {
	it('rates full marks Good, partial credit Hard, nothing Again, and leaves written answers to the student', () => {
		expect(ratingFor(scored(1))).toBe(Rating.Good);
		expect(ratingFor(scored(0.5))).toBe(Rating.Hard);
		expect(ratingFor(scored(0))).toBe(Rating.Again);
		expect(
			ratingFor({ status: 'pending-review', possible: 1, modelAnswer: 'm', rubric: [] })
		).toBeNull();
	});

	it('converts a ts-fsrs card to columns and back without losing anything', () => {
		const card = schedule([
			[t0, Rating.Again],
			[minutes(5), Rating.Good]
		]);
		expect(toFsrsCard({ ...cardColumns(card) })).toEqual(card);
		expect(cardColumns(createEmptyCard(t0)).lastReview).toBeNull();
	});
});

describeOnEachEngine('review cards', (getDb) => {
	let studentCounter = 0;
	async function newStudent() {
		const created = await createAccount(getDb(), {
			username: `reviewer-${studentCounter++}`,
			displayName: 'Reviewer',
			role: 'student',
			password: 'a password here'
		});
		if (!created.ok) throw new Error('setup failed');
		return created.user.id;
	}
	const practise = (userId: string, entries: Record<string, string>, now: Date) =>
		answerPracticeQuestion(
			getDb(),
			content,
			{ userId, lessonSlug: 'sample', form: form(entries) },
			now
		);
	const review = (userId: string, entries: Record<string, string>, now: Date) =>
		answerReview(getDb(), content, { userId, form: form(entries), now });
	async function cardOf(userId: string, questionId: string) {
		const db = getDb();
		const { reviewCards } = db.tables;
		const [card] = await db.read
			.select()
			.from(reviewCards)
			.where(and(eq(reviewCards.userId, userId), eq(reviewCards.questionId, questionId)));
		return card ?? null;
	}
	async function rowCounts(db: Database) {
		const t = db.tables;
		const [responses] = await db.read.select({ n: count() }).from(t.responses);
		const [attempts] = await db.read.select({ n: count() }).from(t.attempts);
		const [cards] = await db.read.select().from(t.reviewCards).orderBy(t.reviewCards.id);
		return { responses: responses?.n, attempts: attempts?.n, cards };
	}

	it('a wrong lesson answer makes a card due sooner than a partly right one; a right first answer makes none', async () => {
		const userId = await newStudent();
		await practise(userId, { questionId: 's-choice', 's-choice': 'b' }, t0);
		await practise(userId, { questionId: 's-multi', 's-multi': 'a' }, t0);
		await practise(userId, { questionId: 's-check', 's-check': 'true' }, t0);

		const wrong = await cardOf(userId, 's-choice');
		const partial = await cardOf(userId, 's-multi');
		expect(wrong?.due).toEqual(schedule([[t0, Rating.Again]]).due);
		expect(partial?.due).toEqual(schedule([[t0, Rating.Hard]]).due);
		expect(wrong!.due.getTime()).toBeLessThan(partial!.due.getTime());
		expect(wrong).toMatchObject({ lessonSlug: 'sample', reps: 1, lastReview: t0 });
		expect(await cardOf(userId, 's-check')).toBeNull();
	});

	it('a card answered wrong comes due sooner than one answered right, with the dates ts-fsrs gives', async () => {
		const userId = await newStudent();
		await practise(userId, { questionId: 's-choice', 's-choice': 'b' }, t0);
		await practise(userId, { questionId: 's-check', 's-check': 'false' }, t0);
		const t1 = minutes(3);

		const right = await review(userId, { questionId: 's-choice', 's-choice': 'a' }, t1);
		const wrong = await review(userId, { questionId: 's-check', 's-check': 'false' }, t1);
		if (!right.ok || !wrong.ok) throw new Error('review answers were refused');

		const rightCard = schedule([
			[t0, Rating.Again],
			[t1, Rating.Good]
		]);
		const wrongCard = schedule([
			[t0, Rating.Again],
			[t1, Rating.Again]
		]);
		expect(right.due).toEqual(rightCard.due);
		expect(wrong.due).toEqual(wrongCard.due);
		expect(wrong.due.getTime()).toBeLessThan(right.due.getTime());
		const stored = await cardOf(userId, 's-choice');
		expect(stored && toFsrsCard(stored)).toEqual(rightCard);

		// a later right answer in the lesson counts as a review too
		const t2 = new Date(rightCard.due.getTime() + 60_000);
		await practise(userId, { questionId: 's-choice', 's-choice': 'a' }, t2);
		expect((await cardOf(userId, 's-choice'))?.due).toEqual(
			schedule([
				[t0, Rating.Again],
				[t1, Rating.Good],
				[t2, Rating.Good]
			]).due
		);
	});

	it('a right answer in review moves the card later and off the due list, with the same feedback as lessons', async () => {
		const db = getDb();
		const userId = await newStudent();
		await practise(userId, { questionId: 's-check', 's-check': 'false' }, t0);
		const created = await cardOf(userId, 's-check');
		if (!created) throw new Error('no card was created');

		expect(await dueCards(db, userId, t0)).toEqual([]);
		expect(await reviewSummary(db, userId, t0)).toEqual({ dueCount: 0, nextDue: created.due });
		const t1 = new Date(created.due.getTime() + 60_000);
		expect((await dueCards(db, userId, t1)).map((c) => c.questionId)).toEqual(['s-check']);
		expect(await reviewSummary(db, userId, t1)).toEqual({ dueCount: 1, nextDue: null });

		const result = await review(userId, { questionId: 's-check', 's-check': 'true' }, t1);
		expect(result).toMatchObject({
			ok: true,
			answer: true,
			previousDue: created.due,
			reveal: {
				questionId: 's-check',
				score: { correct: true },
				explanation: 'p01 says so.',
				evidence: [{ kind: 'paragraph', paragraph: 'p01', quoted: '“categorically” denied' }]
			}
		});
		if (!result.ok) throw new Error('refused');
		expect(result.due.getTime()).toBeGreaterThan(created.due.getTime());
		expect(await dueCards(db, userId, t1)).toEqual([]);
		expect(await reviewSummary(db, userId, t1)).toEqual({ dueCount: 0, nextDue: result.due });

		// stored in one open review attempt, beside the lesson's practice attempt
		await review(userId, { questionId: 's-check', 's-check': 'true' }, minutes(30));
		const { attempts, responses } = db.tables;
		const rows = await db.read
			.select({ mode: attempts.mode, correct: responses.correct })
			.from(responses)
			.innerJoin(attempts, eq(attempts.id, responses.attemptId))
			.where(eq(responses.userId, userId));
		expect(rows.map((r) => [r.mode, r.correct]).sort()).toEqual([
			['practice', false],
			['review', true],
			['review', true]
		]);
		const reviewAttempts = await db.read
			.select()
			.from(attempts)
			.where(and(eq(attempts.userId, userId), eq(attempts.mode, 'review')));
		expect(reviewAttempts).toHaveLength(1);
	});

	it('partial credit in review rates the card Hard', async () => {
		const userId = await newStudent();
		await practise(userId, { questionId: 's-multi', 's-multi': 'c' }, t0);
		const t1 = minutes(10);
		const entries = new FormData();
		entries.append('questionId', 's-multi');
		entries.append('s-multi', 'a');
		const result = await answerReview(getDb(), content, { userId, form: entries, now: t1 });
		if (!result.ok) throw new Error(result.message);
		expect(result.reveal.score).toMatchObject({ earned: 0.5, correct: false });
		expect(result.due).toEqual(
			schedule([
				[t0, Rating.Again],
				[t1, Rating.Hard]
			]).due
		);
	});

	it('written answers get no card from a lesson or a quiz, and are rated by the student in review', async () => {
		const db = getDb();
		const userId = await newStudent();
		await practise(userId, { questionId: 's-written', 's-written': 'A denial.' }, t0);
		const quiz = await submitQuiz(
			db,
			content,
			{
				userId,
				lessonSlug: 'sample',
				form: form({ 's-choice': 'b', 's-multi': 'a', 's-written': 'It was denied.' })
			},
			t0
		);
		expect(quiz.ok).toBe(true);
		expect(await cardOf(userId, 's-written')).toBeNull();
		expect((await cardOf(userId, 's-choice'))?.due).toEqual(schedule([[t0, Rating.Again]]).due);
		expect((await cardOf(userId, 's-multi'))?.due).toEqual(schedule([[t0, Rating.Hard]]).due);

		// as a teacher's score would: the written answer scored 0 becomes a card
		await db.write((tx) =>
			recordForReview(tx, db.tables, {
				userId,
				question: { id: 's-written' },
				lessonSlug: 'sample',
				score: scored(0),
				now: t0
			})
		);
		const before = await rowCounts(db);
		const t1 = minutes(5);
		for (const selfRating of [undefined, 'great', 'x'.repeat(1024 * 1024)]) {
			const refused = await review(
				userId,
				{
					questionId: 's-written',
					's-written': 'The Navy denied it.',
					...(selfRating === undefined ? {} : { selfRating })
				},
				t1
			);
			expect(refused).toMatchObject({
				ok: false,
				status: 400,
				questionId: 's-written',
				message: expect.stringMatching(/how well you remembered/),
				answer: 'The Navy denied it.'
			});
		}
		expect(await rowCounts(db)).toEqual(before);

		const result = await review(
			userId,
			{ questionId: 's-written', 's-written': 'The Navy denied it.', selfRating: 'easy' },
			t1
		);
		expect(result).toMatchObject({
			ok: true,
			selfRating: 'easy',
			reveal: { score: { status: 'pending-review', modelAnswer: 'The Navy denied it in p01.' } }
		});
		expect(result.ok && result.due).toEqual(
			schedule([
				[t0, Rating.Again],
				[t1, Rating.Easy]
			]).due
		);
		const { responses } = db.tables;
		const [stored] = await db.read
			.select()
			.from(responses)
			.where(and(eq(responses.userId, userId), eq(responses.answeredAt, t1)));
		expect(stored).toMatchObject({
			status: 'pending-review',
			earned: null,
			questionId: 's-written'
		});
	});

	it('serves at most ten due cards, the longest overdue first, and counts them all', async () => {
		const db = getDb();
		const userId = await newStudent();
		await db.write(async (tx) => {
			for (let i = 0; i < 12; i++) {
				await scheduleCard(tx, db.tables, {
					userId,
					questionId: `q-${String(i).padStart(2, '0')}`,
					lessonSlug: 'sample',
					rating: Rating.Again,
					now: minutes(-100 + i)
				});
			}
		});
		const now = minutes(0);
		const due = await dueCards(db, userId, now);
		expect(due.map((c) => c.questionId)).toEqual(
			Array.from({ length: 10 }, (_, i) => `q-${String(i).padStart(2, '0')}`)
		);
		expect(await reviewSummary(db, userId, now)).toEqual({ dueCount: 12, nextDue: null });
		expect(await dueCards(db, userId, now, 3)).toHaveLength(3);
	});

	it("a student never sees or answers another student's cards", async () => {
		const db = getDb();
		const owner = await newStudent();
		const other = await newStudent();
		await practise(owner, { questionId: 's-choice', 's-choice': 'b' }, t0);
		const later = minutes(60);
		expect(await dueCards(db, owner, later)).toHaveLength(1);
		expect(await dueCards(db, other, later)).toEqual([]);
		expect(await reviewSummary(db, other, later)).toEqual({ dueCount: 0, nextDue: null });

		const before = await rowCounts(db);
		expect(await review(other, { questionId: 's-choice', 's-choice': 'a' }, later)).toEqual({
			ok: false,
			status: 400,
			message: 'That question is not in your review.'
		});
		expect(await rowCounts(db)).toEqual(before);
	});

	it('refuses malformed review answers with a 400 and stores nothing', async () => {
		const db = getDb();
		const userId = await newStudent();
		await practise(userId, { questionId: 's-choice', 's-choice': 'b' }, t0);
		const later = minutes(60);
		const before = await rowCounts(db);
		const cases: [Record<string, string>, RegExp][] = [
			[{ questionId: 'no-such-question', 'no-such-question': 'a' }, /not in your review/],
			[{ questionId: 's-check', 's-check': 'true' }, /not in your review/],
			[{ 's-choice': 'a' }, /not in your review/],
			[{ questionId: 'x'.repeat(1024 * 1024), 's-choice': 'a' }, /not in your review/],
			[{ questionId: 's-choice', 's-choice': 'z' }, /.+/],
			[{ questionId: 's-choice' }, /Choose an answer/],
			[{ questionId: 's-choice', 's-choice': 'a'.repeat(1024 * 1024) }, /.+/]
		];
		for (const [entries, message] of cases) {
			const result = await review(userId, entries, later);
			expect(result).toMatchObject({ ok: false, status: 400 });
			expect(!result.ok && result.message).toMatch(message);
		}
		expect(await rowCounts(db)).toEqual(before);
	});
});
