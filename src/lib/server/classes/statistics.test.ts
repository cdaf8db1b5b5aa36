import { describe, expect, it } from 'vitest';
import {
	discriminationIndex,
	facilityIndex,
	itemStatistics,
	standardDeviation,
	type StudentScores
} from './statistics';

const student = (studentId: string, scores: Record<string, number>): StudentScores => ({
	studentId,
	scores: new Map(Object.entries(scores))
});

describe('facility index', () => {
	it('is the mean score as a percentage of the maximum', () => {
		// Arrange
		const partialCredit = [1, 0.5, 0.25, 0];
		const outOfTwo = [2, 1];

		// Act
		const facility = facilityIndex(partialCredit);
		const facilityOutOfTwo = facilityIndex(outOfTwo, 2);

		// Assert
		// (1 + 0.5 + 0.25 + 0) / 4 = 0.4375 → 43.75; (2 + 1) / 2 / 2 = 0.75 → 75
		expect(facility).toBeCloseTo(43.75, 10);
		expect(facilityOutOfTwo).toBeCloseTo(75, 10);
	});

	it('is null with no scores', () => {
		// Act
		const facility = facilityIndex([]);

		// Assert
		expect(facility).toBeNull();
	});
});

describe('standard deviation', () => {
	it('divides by s − 1', () => {
		// Arrange
		const values = [1, 1, 0, 0];

		// Act
		const sd = standardDeviation(values);

		// Assert
		// mean 0.5; Σ(x − x̄)² = 4 · 0.25 = 1; sqrt(1 / 3) = 0.5773502692
		expect(sd).toBeCloseTo(0.5773502692, 9);
	});

	it('is null for fewer than two values and 0 when all agree', () => {
		// Act
		const none = standardDeviation([]);
		const one = standardDeviation([1]);
		const same = standardDeviation([0.5, 0.5, 0.5]);

		// Assert
		expect(none).toBeNull();
		expect(one).toBeNull();
		expect(same).toBe(0);
	});
});

describe('discrimination index', () => {
	it('is 100 for an item only the stronger students got right', () => {
		// Arrange
		const item = [1, 1, 0, 0];
		const rest = [2, 2, 1, 1];

		// Act
		const discrimination = discriminationIndex(item, rest);

		// Assert
		// dx = [.5, .5, −.5, −.5], dy = [.5, .5, −.5, −.5]: Σdxdy = 1 = sqrt(Σdx² · Σdy²) = sqrt(1 · 1) → r = 1
		expect(discrimination).toBeCloseTo(100, 10);
	});

	it('is Pearson r × 100 of item against rest of test', () => {
		// Arrange
		const item = [1, 1, 0, 0];
		const rest = [3, 2, 1, 0];

		// Act
		const discrimination = discriminationIndex(item, rest);

		// Assert
		// dx = [.5, .5, −.5, −.5], dy = [1.5, .5, −.5, −1.5]: Σdxdy = 2, Σdx² = 1, Σdy² = 5 → r = 2/√5 = 0.894427191
		expect(discrimination).toBeCloseTo(89.4427191, 6);
	});

	it('is negative for an item the weaker students got right', () => {
		// Arrange
		const item = [0, 0, 1, 1];
		const rest = [3, 2, 1, 0];

		// Act
		const discrimination = discriminationIndex(item, rest);

		// Assert
		// dx = [−.5, −.5, .5, .5], dy = [1.5, .5, −.5, −1.5]: Σdxdy = −2, Σdx² = 1, Σdy² = 5 → r = −2/√5
		expect(discrimination).toBeCloseTo(-89.4427191, 6);
	});

	it('is null when everyone scored the same on the item or on the rest, or for one student', () => {
		// Act
		const allCorrect = discriminationIndex([1, 1, 1], [2, 1, 0]);
		const sameRest = discriminationIndex([1, 0, 1], [2, 2, 2]);
		const oneStudent = discriminationIndex([1], [2]);
		const nobody = discriminationIndex([], []);

		// Assert
		expect(allCorrect).toBeNull();
		expect(sameRest).toBeNull();
		expect(oneStudent).toBeNull();
		expect(nobody).toBeNull();
	});

	it('refuses unpaired lists', () => {
		// Act
		const unpaired = () => discriminationIndex([1, 0], [1]);

		// Assert
		expect(unpaired).toThrow('2 item scores but 1 rest-of-test scores');
	});
});

describe('item statistics', () => {
	it('gives an all-correct question facility 100 and no discrimination', () => {
		// Arrange
		const rows = [
			student('ana', { easy: 1, hard: 1 }),
			student('ben', { easy: 1, hard: 0 }),
			student('cai', { easy: 1, hard: 0 })
		];

		// Act
		const [easy] = itemStatistics(rows, ['easy', 'hard']);

		// Assert
		expect(easy).toEqual({
			questionId: 'easy',
			responses: 3,
			facility: 100,
			sd: 0,
			discrimination: null
		});
	});

	it('counts a student only for the questions they answered, with partial credit', () => {
		// Arrange
		const rows = [
			student('ana', { q1: 1, q2: 1, q3: 1 }),
			student('ben', { q1: 1, q2: 0.5, q3: 1 }),
			student('cai', { q1: 0, q2: 0.5, q3: 0 }),
			student('dee', { q1: 0, q3: 0 })
		];

		// Act
		const [q1, q2] = itemStatistics(rows, ['q1', 'q2', 'q3']);

		// Assert
		// q1: x = [1, 1, 0, 0], y = [2, 1.5, .5, 0] (dee's y is q3 alone): Σdxdy = 1.5, Σdx² = 1, Σdy² = 2.5 → r = 1.5/√2.5 = 0.9486832981
		expect(q1?.responses).toBe(4);
		expect(q1?.facility).toBeCloseTo(50, 10);
		expect(q1?.sd).toBeCloseTo(0.5773502692, 9);
		expect(q1?.discrimination).toBeCloseTo(94.86832981, 6);
		// q2 without dee: x = [1, .5, .5], y = [2, 2, 0]: Σdxdy = 1/3, Σdx² = 1/6, Σdy² = 8/3 → r = (1/3)/√(4/9) = 0.5; sd = √((1/6)/2)
		expect(q2?.responses).toBe(3);
		expect(q2?.facility).toBeCloseTo(66.6666667, 6);
		expect(q2?.sd).toBeCloseTo(0.2886751346, 9);
		expect(q2?.discrimination).toBeCloseTo(50, 6);
	});

	it('reports a question nobody answered with no statistics', () => {
		// Arrange
		const rows = [student('ana', { q1: 1 }), student('ben', { q1: 0 })];

		// Act
		const [, unanswered] = itemStatistics(rows, ['q1', 'q2']);

		// Assert
		expect(unanswered).toEqual({
			questionId: 'q2',
			responses: 0,
			facility: null,
			sd: null,
			discrimination: null
		});
	});

	it('ignores scores for questions outside the lesson', () => {
		// Arrange
		const rows = [
			student('ana', { q1: 1, q2: 1, other: 0 }),
			student('ben', { q1: 0, q2: 0, other: 1 })
		];

		// Act
		const [q1] = itemStatistics(rows, ['q1', 'q2']);

		// Assert
		// x = [1, 0], y = [1, 0] (the other lesson's score is left out) → r = 1
		expect(q1?.discrimination).toBeCloseTo(100, 10);
	});
});
