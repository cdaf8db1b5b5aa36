import { describe, expect, it } from 'vitest';
import { m } from '$lib/i18n';
import { describeOnEachEngine } from '../db/testing';
import {
	masteryLevel,
	masteryOf,
	masteryRule,
	objectiveMastery,
	type MasteryQuestion,
	type MasteryResponse
} from './mastery';
import { content, newStudent, storeSitting } from './test-content';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 6, 9, minute));

function answer(
	questionId: string,
	earned: number | null,
	minute: number,
	mode: MasteryResponse['mode'] = 'practice'
): MasteryResponse {
	return {
		questionId,
		mode,
		status: earned === null ? 'pending-review' : 'scored',
		earned,
		possible: 1,
		correct: earned === null ? null : earned === 1,
		answeredAt: at(minute)
	};
}

const auto = (...ids: string[]): MasteryQuestion[] =>
	ids.map((id) => ({ id, scoredByTeacher: false }));

describe('the mastery level for a score', () => {
	const level = (percent: number | null, allAnswered = true, reviewedCorrectly = false) =>
		masteryLevel({ percent, allAnswered, reviewedCorrectly });

	it('is Not started with no scored answer', () => {
		expect(level(null)).toBe('not-started');
	});

	it('is Attempted below 70% and Familiar from 70% to 99%', () => {
		expect(level(0)).toBe('attempted');
		expect(level(69)).toBe('attempted');
		expect(level(70)).toBe('familiar');
		expect(level(99)).toBe('familiar');
		expect(level(99, true, true)).toBe('familiar');
	});

	it('is Proficient at 100% on every question, Familiar at 100% while some are unanswered', () => {
		expect(level(100)).toBe('proficient');
		expect(level(100, false)).toBe('familiar');
	});

	it('is Mastered only when Proficient and correct again in a review', () => {
		expect(level(100, true, true)).toBe('mastered');
		expect(level(100, false, true)).toBe('familiar');
	});

	it('is stated in words that name every level and threshold', () => {
		for (const words of [
			'Not started',
			'Attempted: below 70%',
			'Familiar: 70% to 99%',
			'Proficient: 100%',
			'Mastered',
			'spaced review'
		])
			expect(masteryRule()).toContain(words);
	});

	it('names the levels and the rule in Spanish for a Spanish reader', () => {
		expect(m.progress_level_proficient({}, { locale: 'es' })).toBe('Competente');
		for (const words of [
			'Sin empezar',
			'Intentado: menos de 70 %',
			'Familiarizado: de 70 % a 99 %',
			'repaso espaciado'
		])
			expect(m.progress_mastery_rule({}, { locale: 'es' })).toContain(words);
	});
});

describe('mastery from stored answers', () => {
	it('averages the latest scored answers at the 69/70 and 99/100 boundaries', () => {
		const questions = auto('q1');
		expect(masteryOf(questions, [answer('q1', 0.69, 1)])).toMatchObject({
			level: 'attempted',
			percent: 69
		});
		expect(masteryOf(questions, [answer('q1', 0.7, 1)])).toMatchObject({
			level: 'familiar',
			percent: 70
		});
		expect(masteryOf(questions, [answer('q1', 0.99, 1)])).toMatchObject({
			level: 'familiar',
			percent: 99
		});
		expect(masteryOf(questions, [answer('q1', 0.995, 1)])).toMatchObject({
			level: 'familiar',
			percent: 99
		});
		expect(masteryOf(questions, [answer('q1', 1, 1)])).toMatchObject({
			level: 'proficient',
			percent: 100
		});
	});

	it('keeps an exact 70% at 70 whatever the floating point says', () => {
		// 0.7 + 0.7 + 0.7 is 2.0999999999999996, so a plain floor of its average would say 69
		const three = auto('a', 'b', 'c');
		expect(
			masteryOf(three, [answer('a', 0.7, 1), answer('b', 0.7, 1), answer('c', 0.7, 1)])
		).toMatchObject({ level: 'familiar', percent: 70 });
	});

	it('counts only each question’s latest answer, so a later mistake lowers the level', () => {
		const questions = auto('q1', 'q2');
		const improving = [answer('q1', 0, 1), answer('q1', 1, 2), answer('q2', 1, 3)];
		expect(masteryOf(questions, improving)).toMatchObject({ level: 'proficient', answered: 2 });
		expect(masteryOf(questions, [...improving, answer('q2', 0, 4)])).toMatchObject({
			level: 'attempted',
			percent: 50
		});
	});

	it('stays Familiar at 100% until every question is answered', () => {
		expect(masteryOf(auto('q1', 'q2'), [answer('q1', 1, 1)])).toMatchObject({
			level: 'familiar',
			percent: 100,
			answered: 1,
			required: 2
		});
	});

	it('leaves out written answers until a teacher has scored them', () => {
		const questions: MasteryQuestion[] = [
			{ id: 'w', scoredByTeacher: true },
			{ id: 'q', scoredByTeacher: false }
		];
		expect(masteryOf(questions, [answer('w', null, 1)])).toEqual({
			level: 'not-started',
			percent: null,
			answered: 0,
			required: 1,
			waitingForTeacher: 1
		});
		expect(masteryOf(questions, [answer('w', null, 1), answer('q', 1, 2)])).toMatchObject({
			level: 'proficient',
			waitingForTeacher: 1
		});
		expect(
			masteryOf(questions, [answer('w', 0.5, 1), answer('q', 1, 2)]),
			'a scored written answer counts like any other'
		).toMatchObject({ level: 'familiar', percent: 75, required: 2, waitingForTeacher: 0 });
	});

	it('is Mastered after a correct review answer that follows the first answer', () => {
		const questions = auto('q1', 'q2');
		const proficient = [answer('q1', 0, 1), answer('q1', 1, 2), answer('q2', 1, 3)];
		expect(masteryOf(questions, [...proficient, answer('q1', 1, 10, 'review')]).level).toBe(
			'mastered'
		);
		expect(
			masteryOf(questions, [...proficient, answer('q1', 0.5, 10, 'review')]).level,
			'a review answer that is only partly right is not a correct review, and counts as latest'
		).toBe('familiar');
		expect(
			masteryOf(questions, [answer('q1', 1, 1, 'review'), answer('q2', 1, 2)]).level,
			'a review answer that was the first answer to its question'
		).toBe('proficient');
		expect(
			masteryOf(questions, [answer('q1', 1, 1), answer('q1', 1, 1, 'review'), answer('q2', 1, 2)])
				.level,
			'a review answer at the same moment as the first answer is not after it'
		).toBe('proficient');
		expect(
			masteryOf(questions, [
				...proficient,
				answer('q1', 1, 10, 'review'),
				answer('q2', 0, 11, 'quiz')
			]).level,
			'a later mistake takes Mastered away'
		).toBe('attempted');
	});

	it('ignores answers to questions of other objectives', () => {
		expect(masteryOf(auto('q1'), [answer('other', 1, 1)]).level).toBe('not-started');
	});
});

describeOnEachEngine('mastery computed from stored responses', (getDb) => {
	it('moves each objective from Not started to Mastered as answers are stored', async () => {
		const db = getDb();
		const userId = await newStudent(db);
		const levels = async () =>
			Object.fromEntries(
				(await objectiveMastery(db, content, userId)).map((m) => [
					`${m.lessonSlug}/${m.objectiveId}`,
					m.level
				])
			);

		expect(await levels()).toEqual({
			'first/recall': 'not-started',
			'first/judge': 'not-started',
			'second/compare': 'not-started'
		});

		// recall: the check right, the quiz question wrong → 50%
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'practice',
			at: at(1),
			answers: [{ questionId: 'f-check', earned: 1 }]
		});
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'quiz',
			at: at(2),
			answers: [
				{ questionId: 'f-quiz', earned: 0 },
				{ questionId: 'f-judge', earned: 1 },
				{ questionId: 'f-written', earned: null, status: 'pending-review' }
			]
		});
		expect(await levels()).toMatchObject({
			'first/recall': 'attempted',
			'first/judge': 'proficient',
			'second/compare': 'not-started'
		});

		// the missed question right in practice, then right again in a spaced review
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'practice',
			at: at(3),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});
		expect((await levels())['first/recall']).toBe('proficient');
		await storeSitting(db, {
			userId,
			lessonSlug: 'first',
			mode: 'review',
			at: at(60),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});
		const mastery = await objectiveMastery(db, content, userId);
		expect(mastery.find((m) => m.objectiveId === 'recall')).toMatchObject({
			level: 'mastered',
			percent: 100,
			lessonTitle: 'First',
			text: 'Students can recall what the article says.'
		});
		expect(mastery.find((m) => m.objectiveId === 'judge')).toMatchObject({
			level: 'proficient',
			waitingForTeacher: 1
		});

		// another student's answers are theirs alone
		const other = await newStudent(db);
		expect(
			(await objectiveMastery(db, content, other)).every((m) => m.level === 'not-started')
		).toBe(true);
	});
});
