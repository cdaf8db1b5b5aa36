import { beforeAll, describe, expect, it } from 'vitest';
import { classWorkAnswers, parseSourceFilter } from '../answers/read-model';
import { describeOnEachEngine } from '../db/testing';
import { newSession } from '../live/test-live';
import { createAssignment } from './assignments';
import { addMember, createClass } from './classes';
import { buildGrid, loadClassData, sortGrid } from './dashboard';
import { questionStatistics } from './item-statistics';
import { content, newUser, sit } from './test-class';

// Issue #16, "live answers count": a class member's answers in the class's live sessions show in the
// dashboard (its own column) and in item statistics (by source); responses.csv: exports.test.ts.

const day = (n: number, minute = 0) => new Date(Date.UTC(2025, 4, n, 9, minute));

describe('the ?source= filter', () => {
	it('takes practice, quiz and live, and reads anything else as all', () => {
		expect(
			['practice', 'quiz', 'live', 'all', null, '', 'LIVE', 'lessons', 'review', '<script>'].map(
				parseSourceFilter
			)
		).toEqual(['practice', 'quiz', 'live', 'all', 'all', 'all', 'all', 'all', 'all', 'all']);
	});
});

describeOnEachEngine('live answers in a class’s work', (getDb) => {
	let classId = '';
	const ids = { ana: '', ben: '', cy: '', dee: '' };

	/**
	 * a-tf (false is right), a-choice (a is right). Ana: practice a-tf wrong, then live a-tf and a-choice
	 * right. Ben: quiz a-tf right and a-choice wrong, then live a-tf right. Cy: live only, a-tf wrong and
	 * a-choice right. Dee: nothing. Ana's answers in Review and in an open session, and an outsider's in the
	 * class's session, are not the class's.
	 */
	beforeAll(async () => {
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		classId = (await createClass(db, teacher, 'Period 3')).id;
		for (const name of ['ana', 'ben', 'cy', 'dee'] as const) {
			ids[name] = await newUser(db, name[0]!.toUpperCase() + name.slice(1));
			await addMember(db, classId, ids[name], day(1));
		}
		const outsider = await newUser(db, 'Outsider');
		await createAssignment(db, { classId, lessonSlug: 'alpha', behaviour: 'quiz', dueAt: null });
		const source = { kind: 'lesson' as const, lessonSlug: 'alpha' };
		const live = await newSession(db, content, { teacherId: teacher, classId, source });
		const open = await newSession(db, content, { teacherId: teacher, classId: null, source });

		await sit(db, {
			userId: ids.ana,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: day(2),
			answers: [{ questionId: 'a-tf', answer: true, earned: 0 }]
		});
		await sit(db, {
			userId: ids.ben,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: day(2),
			answers: [
				{ questionId: 'a-tf', answer: false, earned: 1 },
				{ questionId: 'a-choice', answer: 'b', earned: 0 }
			]
		});
		const inLive = (
			userId: string,
			minute: number,
			answers: Parameters<typeof sit>[1]['answers']
		) =>
			sit(db, {
				userId,
				lessonSlug: 'alpha',
				mode: 'live',
				at: day(3, minute),
				liveSessionId: live.id,
				answers
			});
		await inLive(ids.ana, 0, [
			{ questionId: 'a-tf', answer: false, earned: 1 },
			{ questionId: 'a-choice', answer: 'a', earned: 1 }
		]);
		await inLive(ids.ben, 1, [{ questionId: 'a-tf', answer: false, earned: 1 }]);
		await inLive(ids.cy, 2, [
			{ questionId: 'a-tf', answer: true, earned: 0 },
			{ questionId: 'a-choice', answer: 'a', earned: 1 }
		]);
		await inLive(outsider, 3, [{ questionId: 'a-tf', answer: true, earned: 0 }]);
		await sit(db, {
			userId: ids.ana,
			lessonSlug: 'alpha',
			mode: 'review',
			at: day(1),
			answers: [{ questionId: 'a-choice', answer: 'c', earned: 0 }]
		});
		await sit(db, {
			userId: ids.ana,
			lessonSlug: 'alpha',
			mode: 'live',
			at: day(1),
			liveSessionId: open.id,
			answers: [{ questionId: 'a-choice', answer: 'c', earned: 0 }]
		});
	});

	const figures = async (source?: 'practice' | 'quiz' | 'live' | 'all') => {
		const lessons = await questionStatistics(getDb(), content, classId, undefined, source);
		const alpha = lessons.find((lesson) => lesson.slug === 'alpha')!;
		const of = (id: string) => {
			const question = alpha.questions.find((q) => q.questionId === id)!;
			return {
				responses: question.responses,
				facility: question.facility === null ? null : Math.round(question.facility)
			};
		};
		return { students: alpha.students, tf: of('a-tf'), choice: of('a-choice') };
	};

	it('counts each student’s first answer from any source by default', async () => {
		// a-tf: Ana's practice (0), Ben's quiz (1), Cy's live (0); a-choice: Ben's quiz (0), Ana's and Cy's live (1, 1)
		expect(await figures()).toEqual({
			students: 3,
			tf: { responses: 3, facility: 33 },
			choice: { responses: 3, facility: 67 }
		});
		expect(await figures('all')).toEqual(await figures());
	});

	it('counts only live review answers with ?source=live', async () => {
		expect(await figures('live')).toEqual({
			students: 3,
			tf: { responses: 3, facility: 67 },
			choice: { responses: 2, facility: 100 }
		});
	});

	it('counts only practice, or only quiz, answers with those sources', async () => {
		expect(await figures('practice')).toEqual({
			students: 1,
			tf: { responses: 1, facility: 0 },
			choice: { responses: 0, facility: null }
		});
		expect(await figures('quiz')).toEqual({
			students: 1,
			tf: { responses: 1, facility: 100 },
			choice: { responses: 1, facility: 0 }
		});
	});

	it('gives the dashboard a live review column, leaving the lesson cells to lesson sittings', async () => {
		const grid = buildGrid(content, await loadClassData(getDb(), content, classId), day(4));
		const rows = Object.fromEntries(grid.rows.map((row) => [row.student.displayName, row]));

		expect(rows.Ana?.live).toEqual({ answers: 2, earned: 2, possible: 2, percent: 100 });
		expect(rows.Ben?.live).toEqual({ answers: 1, earned: 1, possible: 1, percent: 100 });
		expect(rows.Cy?.live).toEqual({ answers: 2, earned: 1, possible: 2, percent: 50 });
		expect(rows.Dee?.live).toBeNull();
		// Ana's practice score is her practice answer alone: her live answers are not practice
		expect(rows.Ana?.cells[0]?.score).toMatchObject({ basis: 'practice', earned: 0, possible: 1 });
		expect(rows.Cy?.cells[0]?.score).toBeNull();

		const byLive = sortGrid(grid.rows, { key: 'live' }, 'desc');
		expect(byLive.map((row) => row.student.displayName)).toEqual(['Ana', 'Ben', 'Cy', 'Dee']);
		const upward = sortGrid(grid.rows, { key: 'live' }, 'asc');
		expect(upward.map((row) => row.student.displayName)).toEqual(['Cy', 'Ana', 'Ben', 'Dee']);
	});

	it('leaves out answers of a review sitting, and a student’s answers outside the class', async () => {
		const rows = await classWorkAnswers(getDb(), content, classId, [ids.ana]);
		// answers given at one time come in no set order
		expect(rows.map((row) => `${row.mode} ${row.questionId}`).sort()).toEqual([
			'live a-choice',
			'live a-tf',
			'practice a-tf'
		]);
	});
});
