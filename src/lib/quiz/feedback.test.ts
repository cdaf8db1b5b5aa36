import { describe, expect, it } from 'vitest';
import { revealTone } from './feedback';

const scored = (earned: number, correct: boolean) => ({
	score: {
		status: 'scored' as const,
		earned,
		possible: 1,
		correct,
		feedback: [],
		correctAnswer: 'b'
	}
});
const grade = (level: number) => ({
	level,
	label: `Level ${level}`,
	comment: null,
	scored: { iso: '2026-12-01T17:00:00.000Z', text: 'Tue, Dec 1' },
	earned: level / 3,
	possible: 1
});

describe('revealTone', () => {
	it('marks a scored answer right, partly right or not right', () => {
		expect(revealTone(scored(1, true))).toBe('correct');
		expect(revealTone(scored(0.5, false))).toBe('partial');
		expect(revealTone(scored(0, false))).toBe('incorrect');
	});

	it('marks a written answer waiting, then by the teacher’s level once scored', () => {
		const pending = {
			score: { status: 'pending-review' as const, possible: 1, modelAnswer: 'A model.', rubric: [] }
		};
		expect(revealTone(pending)).toBe('pending');
		expect(revealTone({ ...pending, teacherGrade: grade(3) })).toBe('correct');
		expect(revealTone({ ...pending, teacherGrade: grade(1) })).toBe('partial');
		expect(revealTone({ ...pending, teacherGrade: grade(0) })).toBe('incorrect');
	});
});
