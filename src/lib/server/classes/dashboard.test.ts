import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { createAssignment, updateAssignmentPolicy } from './assignments';
import { addMember, createClass } from './classes';
import {
	buildGrid,
	classGrid,
	loadClassData,
	parseGridSort,
	sortGrid,
	type ClassGrid,
	type GridRow
} from './dashboard';
import {
	mostMissed,
	questionStatistics,
	type LessonStatistics,
	type QuestionStatistics
} from './item-statistics';
import { defaultPolicy } from './quiz-policy';
import { content, errors, newUser, readSections, sit } from './test-class';

const day = (n: number, hour = 9) => new Date(Date.UTC(2025, 2, n, hour));
const alphaDue = day(10, 17);
const moduleDue = day(20, 17);
const now = day(12);

it('builds the test module without content errors', () => {
	expect(errors.map((e) => e.message)).toEqual([]);
	expect(content.lessons.get('alpha')).toMatchObject({
		checkIds: ['a-check'],
		quizIds: ['a-choice', 'a-tf', 'a-written']
	});
});

/**
 * Five students' first answers (1 = right, 0 = wrong, … = written, waiting for the teacher):
 *
 *          a-check  a-choice  a-tf  a-written   b-tf
 *   Ana       1        1        1      …
 *   Bea       1        1        1      …
 *   Cruz      0        1        0
 *   Dev       0        0        0      …
 *   Eli                0        1                 0
 *
 * Dev answered a-choice wrong in practice before getting it right in a quiz: the practice answer is his first.
 */
async function seedClass(db: Database) {
	const teacher = await newUser(db, 'Teacher', 'teacher');
	const klass = await createClass(db, teacher, 'Period 3');
	const names = ['Eli', 'Cruz', 'Ana', 'Dev', 'Bea'];
	const ids = Object.fromEntries(
		await Promise.all(names.map(async (name) => [name, await newUser(db, name)] as const))
	) as Record<string, string>;
	for (const id of Object.values(ids)) await addMember(db, klass.id, id, day(1));
	const outsider = await newUser(db, 'Zed');
	const [ana, bea, cruz, dev, eli] = ['Ana', 'Bea', 'Cruz', 'Dev', 'Eli'].map(
		(name) => ids[name] as string
	) as [string, string, string, string, string];

	await createAssignment(db, {
		classId: klass.id,
		lessonSlug: 'alpha',
		behaviour: 'quiz',
		dueAt: alphaDue
	});
	await createAssignment(db, {
		classId: klass.id,
		lessonSlug: null,
		behaviour: 'practice',
		dueAt: moduleDue
	});

	const check = (userId: string, right: boolean, at: Date) =>
		sit(db, {
			userId,
			lessonSlug: 'alpha',
			mode: 'practice',
			at,
			answers: [{ questionId: 'a-check', answer: right, earned: right ? 1 : 0 }]
		});
	const quiz = (userId: string, choice: string, tf: boolean, at: Date) =>
		sit(db, {
			userId,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at,
			answers: [
				{ questionId: 'a-choice', answer: choice, earned: choice === 'a' ? 1 : 0 },
				{ questionId: 'a-tf', answer: tf, earned: tf === false ? 1 : 0 },
				{ questionId: 'a-written', answer: 'Because it says so.', earned: null }
			]
		});

	// Ana: everything before the due date; a worse second quiz does not lower her best
	await readSections(db, ana, 'alpha', ['one', 'two'], day(2));
	await check(ana, true, day(2, 10));
	await quiz(ana, 'a', false, day(3));
	await quiz(ana, 'b', true, day(4));
	await sit(db, {
		userId: ana,
		lessonSlug: 'alpha',
		mode: 'review',
		at: day(1, 8),
		answers: [{ questionId: 'a-tf', answer: true, earned: 0 }]
	});
	// Bea: everything, but the quiz after the due date
	await readSections(db, bea, 'alpha', ['one', 'two'], day(2));
	await check(bea, true, day(2, 10));
	await quiz(bea, 'a', false, day(11));
	// Cruz: one section, practice only, the check right only at the second try
	await readSections(db, cruz, 'alpha', ['one'], day(2));
	await check(cruz, false, day(2, 10));
	await check(cruz, true, day(2, 11));
	await sit(db, {
		userId: cruz,
		lessonSlug: 'alpha',
		mode: 'practice',
		at: day(3),
		answers: [
			{ questionId: 'a-choice', answer: 'a', earned: 1 },
			{ questionId: 'a-tf', answer: true, earned: 0 }
		]
	});
	// Dev: practice first, then a quiz without reading
	await check(dev, false, day(2, 10));
	await sit(db, {
		userId: dev,
		lessonSlug: 'alpha',
		mode: 'practice',
		at: day(2, 11),
		answers: [{ questionId: 'a-choice', answer: 'b', earned: 0 }]
	});
	await quiz(dev, 'a', true, day(3));
	// Eli: practice in both lessons
	await sit(db, {
		userId: eli,
		lessonSlug: 'alpha',
		mode: 'practice',
		at: day(3),
		answers: [
			{ questionId: 'a-choice', answer: 'c', earned: 0 },
			{ questionId: 'a-tf', answer: false, earned: 1 }
		]
	});
	await sit(db, {
		userId: eli,
		lessonSlug: 'beta',
		mode: 'practice',
		at: day(4),
		answers: [{ questionId: 'b-tf', answer: false, earned: 0 }]
	});
	// not in the class: must count nowhere
	await check(outsider, false, day(2));
	await quiz(outsider, 'c', true, day(2));

	return { classId: klass.id, ids: { ana, bea, cruz, dev, eli } };
}

const names = (rows: GridRow[]) => rows.map((row) => row.student.displayName);
const cellOf = (grid: ClassGrid, name: string, slug: string) => {
	const row = grid.rows.find((r) => r.student.displayName === name);
	const cell = row?.cells.find((c) => c.lessonSlug === slug);
	if (!row || !cell) throw new Error(`no cell for ${name} in ${slug}`);
	return cell;
};
const questionOf = (stats: LessonStatistics[], id: string): QuestionStatistics => {
	const found = stats.flatMap((lesson) => lesson.questions).find((q) => q.questionId === id);
	if (!found) throw new Error(`no statistics for ${id}`);
	return found;
};

describeOnEachEngine('class dashboard', (getDb) => {
	let classId = '';
	beforeAll(async () => {
		({ classId } = await seedClass(getDb()));
	});

	it('has one column per lesson, with the earliest due date and quiz behaviour when any assignment says quiz', async () => {
		const grid = await classGrid(getDb(), content, classId, now);

		expect(grid.columns).toEqual([
			{
				slug: 'alpha',
				number: 1,
				title: 'Alpha, the first',
				hasQuiz: true,
				dueAt: alphaDue,
				behaviour: 'quiz',
				gradingMethod: 'best',
				assigned: true
			},
			{
				slug: 'beta',
				number: 2,
				title: 'Beta',
				hasQuiz: true,
				dueAt: moduleDue,
				behaviour: 'practice',
				gradingMethod: 'best',
				assigned: true
			}
		]);
		expect(names(grid.rows)).toEqual(['Ana', 'Bea', 'Cruz', 'Dev', 'Eli']);
	});

	it('shows completion, the best quiz score with written answers pending, and lateness', async () => {
		const grid = await classGrid(getDb(), content, classId, now);

		expect(cellOf(grid, 'Ana', 'alpha')).toMatchObject({
			percent: 100,
			complete: true,
			late: null,
			score: { basis: 'quiz', attempts: 2, earned: 2, possible: 2, percent: 100, pending: 1 }
		});
		expect(cellOf(grid, 'Ana', 'beta')).toMatchObject({
			percent: 0,
			started: false,
			complete: false,
			late: null,
			score: null
		});
		expect(cellOf(grid, 'Bea', 'alpha')).toMatchObject({
			complete: true,
			completedAt: day(11),
			late: 'done-late'
		});
		// quiz behaviour: two sections and the quiz are the three steps
		expect(cellOf(grid, 'Dev', 'alpha')).toMatchObject({
			percent: 33,
			complete: false,
			late: 'late',
			score: { basis: 'quiz', earned: 1, possible: 2, percent: 50, pending: 1 }
		});
	});

	it('counts the attempt the quiz’s grading method picks, and says how many there were', async () => {
		const db = getDb();
		const klass = await createClass(db, await newUser(db, 'T', 'teacher'), 'Methods');
		const kim = await newUser(db, 'Kim');
		await addMember(db, klass.id, kim, day(1));
		const quiz = await createAssignment(db, {
			classId: klass.id,
			lessonSlug: 'alpha',
			behaviour: 'quiz',
			dueAt: null,
			policy: { attemptsAllowed: 3, gradingMethod: 'first' }
		});
		// 1 of 2, then 2 of 2, then 0 of 2
		for (const [n, choice, tf] of [
			[2, 'a', true],
			[3, 'a', false],
			[4, 'b', true]
		] as const) {
			await sit(db, {
				userId: kim,
				lessonSlug: 'alpha',
				mode: 'quiz',
				at: day(n),
				answers: [
					{ questionId: 'a-choice', answer: choice, earned: choice === 'a' ? 1 : 0 },
					{ questionId: 'a-tf', answer: tf, earned: tf ? 0 : 1 }
				]
			});
		}
		const score = async () =>
			cellOf(await classGrid(db, content, klass.id, now), 'Kim', 'alpha').score;
		const policy = { ...defaultPolicy('quiz'), attemptsAllowed: 3 };

		expect(await score()).toEqual({
			basis: 'quiz',
			attempts: 3,
			earned: 1,
			possible: 2,
			percent: 50,
			pending: 0
		});
		await updateAssignmentPolicy(db, klass.id, quiz.id, { ...policy, gradingMethod: 'last' });
		expect(await score()).toMatchObject({ attempts: 3, earned: 0, percent: 0 });
		await updateAssignmentPolicy(db, klass.id, quiz.id, { ...policy, gradingMethod: 'best' });
		expect(await score()).toMatchObject({ attempts: 3, earned: 2, percent: 100 });
	});

	it('labels a score from practice answers when there is no quiz attempt', async () => {
		const grid = await classGrid(getDb(), content, classId, now);

		expect(cellOf(grid, 'Cruz', 'alpha')).toMatchObject({
			percent: 33,
			started: true,
			late: 'late',
			score: { basis: 'practice', attempts: 0, earned: 1, possible: 2, percent: 50, pending: 0 }
		});
		// beta is assigned in practice behaviour: its section and its one quiz question are the steps
		expect(cellOf(grid, 'Eli', 'beta')).toMatchObject({
			percent: 50,
			late: null,
			score: { basis: 'practice', earned: 0, possible: 1, percent: 0, pending: 0 }
		});
		const eli = grid.rows.find((row) => row.student.displayName === 'Eli');
		expect(eli).toMatchObject({ lessonsComplete: 0, meanScore: 25 });
		expect(grid.rows[0]).toMatchObject({ lessonsComplete: 1, meanScore: 100 });
	});

	it('is not late before the due date, and late once it has passed', async () => {
		const before = await classGrid(getDb(), content, classId, day(9));
		const after = await classGrid(getDb(), content, classId, day(21));

		expect(cellOf(before, 'Cruz', 'alpha').late).toBeNull();
		expect(cellOf(after, 'Ana', 'beta').late).toBe('late');
	});

	it('sorts by a lesson score or completion either way, with no score last and ties by name', async () => {
		const grid = await classGrid(getDb(), content, classId, now);
		const sorted = (query: string) => {
			const { sort, dir } = parseGridSort(new URLSearchParams(query), grid.columns);
			return names(sortGrid(grid.rows, sort, dir));
		};

		expect(sorted('sort=name&dir=desc')).toEqual(['Eli', 'Dev', 'Cruz', 'Bea', 'Ana']);
		expect(sorted('sort=score:beta&dir=asc')).toEqual(['Eli', 'Ana', 'Bea', 'Cruz', 'Dev']);
		expect(sorted('sort=score:beta&dir=desc')).toEqual(['Eli', 'Ana', 'Bea', 'Cruz', 'Dev']);
		expect(sorted('sort=score:alpha&dir=desc')).toEqual(['Ana', 'Bea', 'Cruz', 'Dev', 'Eli']);
		expect(sorted('sort=completion:alpha&dir=asc')).toEqual(['Eli', 'Cruz', 'Dev', 'Ana', 'Bea']);
		expect(sorted('sort=mean&dir=asc')).toEqual(['Eli', 'Cruz', 'Dev', 'Ana', 'Bea']);
		expect(sorted('sort=score:nope&dir=desc')).toEqual(['Ana', 'Bea', 'Cruz', 'Dev', 'Eli']);
	});

	it('works out Moodle’s statistics over first answers, by hand', async () => {
		const stats = await questionStatistics(getDb(), content, classId);

		expect(stats.map((lesson) => [lesson.slug, lesson.students])).toEqual([
			['alpha', 5],
			['beta', 1]
		]);
		expect(stats[0]?.questions.map((q) => q.label)).toEqual([
			'Quiz question 1',
			'Quiz question 2',
			'Quiz question 3',
			'Check 1'
		]);
		// a-choice: x = 1,1,1,0,0 (Dev's first answer was practice); rest of quiz y = a-tf = 1,1,0,0,1.
		// x̄ = ȳ = 0.6; Σ(x−x̄)(y−ȳ) = 0.2, so Cov = 0.05; Var(x) = Var(y) = 1.2/4 = 0.3; r = 0.05/0.3 = 1/6
		const choice = questionOf(stats, 'a-choice');
		expect(choice).toMatchObject({ responses: 5, pending: 0, facility: 60 });
		expect(choice.sd).toBeCloseTo(Math.sqrt(0.3), 10);
		expect(choice.discrimination).toBeCloseTo(100 / 6, 10);
		expect(choice.options.map((o) => [o.label, o.count, o.correct])).toEqual([
			['Seven', 3, true],
			['Nine', 1, false],
			['Three', 1, false]
		]);
		expect(choice.correctAnswer).toBe('Seven');
		expect(questionOf(stats, 'a-tf')).toMatchObject({ responses: 5, facility: 60 });
		expect(questionOf(stats, 'a-tf').discrimination).toBeCloseTo(100 / 6, 10);

		// a-check against the whole quiz: x = 1,1,0,0; y = 2,2,1,0. x̄ = 0.5, ȳ = 1.25; Σ products = 1.5,
		// Cov = 0.5; Var(x) = 1/3, Var(y) = 2.75/3; r = 0.5/sqrt(2.75/9) = 1.5/sqrt(2.75) ≈ 0.9045
		const check = questionOf(stats, 'a-check');
		expect(check).toMatchObject({ kind: 'check', responses: 4, facility: 50 });
		expect(check.discrimination).toBeCloseTo(150 / Math.sqrt(2.75), 10);
		expect(check.sd).toBeCloseTo(Math.sqrt(1 / 3), 10);
	});

	it('leaves written answers waiting for a teacher out of the figures, but counts them', async () => {
		const stats = await questionStatistics(getDb(), content, classId);

		const written = questionOf(stats, 'a-written');
		expect(written).toMatchObject({
			responses: 0,
			pending: 3,
			facility: null,
			sd: null,
			discrimination: null,
			correctAnswer: 'The Navy denied it in p01.'
		});
		expect(written.options.find((o) => o.id === 'pending')?.count).toBe(3);
	});

	it('resolves the evidence each question cites', async () => {
		const stats = await questionStatistics(getDb(), content, classId);

		expect(questionOf(stats, 'a-check').evidence).toEqual([
			{
				kind: 'paragraph',
				sourceId: 'sample',
				paragraph: 'p01',
				before: 'The Navy said it ',
				quoted: '“categorically” denied',
				after: ' the report.'
			}
		]);
		expect(questionOf(stats, 'a-choice').evidence.map((e) => e.kind)).toEqual([
			'paragraph',
			'fact'
		]);
	});

	it('lists the most-missed questions: lowest facility first, then more responses', async () => {
		const stats = await questionStatistics(getDb(), content, classId);

		expect(mostMissed(stats).map((q) => [q.questionId, q.facility, q.responses])).toEqual([
			['b-tf', 0, 1],
			['a-check', 50, 4],
			['a-choice', 60, 5],
			['a-tf', 60, 5]
		]);
		expect(mostMissed(stats, 2).map((q) => q.questionId)).toEqual(['b-tf', 'a-check']);
	});

	it('reads a class in the same few queries however many students it has', async () => {
		const db = getDb();
		let selects = 0;
		const counting: Database = {
			...db,
			read: new Proxy(db.read, {
				get(target, property, receiver) {
					if (property === 'select') selects++;
					return Reflect.get(target, property, receiver);
				}
			})
		};
		const small = await createClass(db, await newUser(db, 'T', 'teacher'), 'Small');
		await addMember(db, small.id, await newUser(db, 'Solo'));

		await loadClassData(counting, content, small.id);
		const forOne = selects;
		selects = 0;
		await loadClassData(counting, content, classId);

		expect(forOne).toBe(6);
		expect(selects).toBe(forOne);
	});

	it('shows an empty class as no rows', async () => {
		const db = getDb();
		const empty = await createClass(db, await newUser(db, 'T', 'teacher'), 'Empty');

		const grid = await classGrid(db, content, empty.id, now);
		const stats = await questionStatistics(db, content, empty.id);

		expect(grid.rows).toEqual([]);
		expect(grid.columns).toHaveLength(2);
		expect(mostMissed(stats)).toEqual([]);
		expect(stats.every((lesson) => lesson.students === 0)).toBe(true);
	});
});

describe('grid sort parameters', () => {
	const columns = [{ slug: 'alpha' }];

	it('falls back to names A to Z for anything unknown', () => {
		expect(parseGridSort(new URLSearchParams('sort=drop table'), columns)).toEqual({
			sort: { key: 'name' },
			dir: 'asc'
		});
		expect(parseGridSort(new URLSearchParams('sort=completion:alpha&dir=desc'), columns)).toEqual({
			sort: { key: 'completion', lessonSlug: 'alpha' },
			dir: 'desc'
		});
	});

	it('gives an empty grid for a class without students', () => {
		expect(
			buildGrid(
				content,
				{ members: [], assignments: [], activity: new Map(), firstAnswers: new Map() },
				now
			).rows
		).toEqual([]);
	});
});
