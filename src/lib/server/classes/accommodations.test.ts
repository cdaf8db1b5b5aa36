import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { describeOnEachEngine } from '../db/testing';
import {
	accommodationBadges,
	accommodationForm,
	accommodationSentence,
	classAccommodations,
	setAccommodation,
	studentAccommodations
} from './accommodations';
import { addMember, createClass, removeMember, setClassArchived } from './classes';
import { coveringAssignments } from './quiz-policy';
import { createAssignment } from './assignments';
import { newUser } from './test-class';

const formOf = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(entries)) data.append(name, value);
	return data;
};

describe('the accommodations form', () => {
	it('reads the menus and the checkbox; "none" is no extra time and an unticked box is no read-aloud', () => {
		expect(
			parseForm(
				accommodationForm,
				formOf({ studentId: ' s1 ', extraTime: '1.5', extraAttempts: '2', readAloud: 'on' })
			)
		).toEqual({
			ok: true,
			data: { studentId: 's1', extraTime: '1.5', extraAttempts: 2, readAloud: true }
		});
		expect(
			parseForm(
				accommodationForm,
				formOf({ studentId: 's1', extraTime: 'none', extraAttempts: '0' })
			)
		).toEqual({
			ok: true,
			data: { studentId: 's1', extraTime: null, extraAttempts: 0, readAloud: false }
		});
	});

	it('refuses what the menus never send, with a message that says what to choose', () => {
		const base = { studentId: 's1', extraTime: '2', extraAttempts: '1' };
		expect(parseForm(accommodationForm, formOf({ ...base, extraTime: '3' }))).toMatchObject({
			ok: false,
			message: 'Choose the extra time: none, ×1.25, ×1.5, ×2 or unlimited.'
		});
		for (const attempts of ['6', '-1', '1.5', '', '01']) {
			expect(
				parseForm(accommodationForm, formOf({ ...base, extraAttempts: attempts })),
				attempts
			).toMatchObject({ ok: false, message: 'Choose 0 to 5 extra attempts.' });
		}
		expect(parseForm(accommodationForm, formOf({ ...base, readAloud: 'yes' }))).toMatchObject({
			ok: false,
			message: 'Tick read-aloud, or leave it unticked.'
		});
		expect(parseForm(accommodationForm, formOf({ ...base, studentId: '' }))).toMatchObject({
			ok: false,
			message: 'Choose a student.'
		});
	});
});

describe('accommodations in words', () => {
	it('is short for the teacher’s roster and a sentence for the student', () => {
		const all = { extraTime: '1.5' as const, extraAttempts: 1, readAloud: true };
		expect(accommodationBadges(all)).toEqual(['×1.5 time', '+1 attempt', 'read-aloud']);
		expect(accommodationSentence(all)).toBe(
			'1.5× time on timed quizzes and live questions, 1 extra attempt on each quiz, read-aloud'
		);
		const unlimited = { extraTime: 'unlimited' as const, extraAttempts: 3, readAloud: false };
		expect(accommodationBadges(unlimited)).toEqual(['no time limit', '+3 attempts']);
		expect(accommodationSentence(unlimited)).toBe(
			'no time limit on timed quizzes and live questions, 3 extra attempts on each quiz'
		);
		expect(accommodationBadges({ extraTime: null, extraAttempts: 0, readAloud: false })).toEqual(
			[]
		);
	});
});

describeOnEachEngine('storing accommodations', (getDb) => {
	async function classOf(names: string[]) {
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		const klass = await createClass(db, teacher, `Period ${names.join('')}`);
		const ids: string[] = [];
		for (const name of names) {
			const id = await newUser(db, name);
			await addMember(db, klass.id, id);
			ids.push(id);
		}
		return { db, teacher, classId: klass.id, ids };
	}

	it('saves, changes and clears a member’s accommodations, one row per student and class', async () => {
		const { db, classId, ids } = await classOf(['Ana', 'Ben']);
		const [ana, ben] = ids as [string, string];
		const at = new Date(Date.UTC(2025, 0, 6, 9));

		expect(
			await setAccommodation(
				db,
				{
					classId,
					userId: ana,
					accommodation: { extraTime: '2', extraAttempts: 1, readAloud: false }
				},
				at
			)
		).toEqual({ ok: true });
		await setAccommodation(db, {
			classId,
			userId: ana,
			accommodation: { extraTime: '1.25', extraAttempts: 0, readAloud: true }
		});
		await setAccommodation(db, {
			classId,
			userId: ben,
			accommodation: { extraTime: null, extraAttempts: 2, readAloud: false }
		});
		expect(await classAccommodations(db, classId)).toEqual(
			new Map([
				[ana, { extraTime: '1.25', extraAttempts: 0, readAloud: true }],
				[ben, { extraTime: null, extraAttempts: 2, readAloud: false }]
			])
		);

		// back to none: the row goes
		await setAccommodation(db, {
			classId,
			userId: ben,
			accommodation: { extraTime: null, extraAttempts: 0, readAloud: false }
		});
		const rows = await db.read.select().from(db.tables.accommodations);
		expect(rows.filter((row) => row.classId === classId).map((row) => row.userId)).toEqual([ana]);
	});

	it('refuses a student who is not in the class and stores nothing', async () => {
		const { db, classId } = await classOf(['Cy']);
		const other = await classOf(['Dee']);
		const before = await db.read.select().from(db.tables.accommodations);

		expect(
			await setAccommodation(db, {
				classId,
				userId: other.ids[0]!,
				accommodation: { extraTime: '2', extraAttempts: 0, readAloud: true }
			})
		).toEqual({
			ok: false,
			status: 404,
			message:
				'That student is not in this class, so nothing was saved. Reload the page to see the current roster.'
		});
		expect(await db.read.select().from(db.tables.accommodations)).toEqual(before);
	});

	it('gives a student their own per class, by class name, and read-aloud once any class gives it', async () => {
		const db = getDb();
		const student = await newUser(db, 'Eve');
		const made = [];
		for (const name of ['Period 3', 'Algebra', 'Old class', 'Period 5']) {
			const teacher = await newUser(db, `Teacher of ${name}`, 'teacher');
			const klass = await createClass(db, teacher, name);
			await addMember(db, klass.id, student);
			made.push(klass.id);
		}
		const [period3, algebra, old, period5] = made as [string, string, string, string];
		const give = (
			classId: string,
			extraTime: '1.5' | null,
			extraAttempts: number,
			readAloud: boolean
		) =>
			setAccommodation(db, {
				classId,
				userId: student,
				accommodation: { extraTime, extraAttempts, readAloud }
			});
		await give(period3, '1.5', 1, true);
		await give(algebra, null, 2, false);
		await give(old, '1.5', 0, true);
		await setClassArchived(db, old, true);
		await give(period5, '1.5', 0, false);
		await removeMember(db, period5, student);

		expect(await studentAccommodations(db, student)).toEqual({
			readAloud: true,
			classes: [
				{
					classId: algebra,
					className: 'Algebra',
					extraTime: null,
					extraAttempts: 2,
					readAloud: false
				},
				{
					classId: period3,
					className: 'Period 3',
					extraTime: '1.5',
					extraAttempts: 1,
					readAloud: true
				}
			]
		});
		await give(period3, '1.5', 1, false);
		expect((await studentAccommodations(db, student)).readAloud).toBe(false);
		expect(await studentAccommodations(db, await newUser(db, 'Nobody'))).toEqual({
			readAloud: false,
			classes: []
		});
	});

	it('reaches a quiz through coveringAssignments: the extra time and attempts apply', async () => {
		const { db, classId, ids } = await classOf(['Fay']);
		const assignment = await createAssignment(db, {
			classId,
			lessonSlug: 'alpha',
			behaviour: 'quiz',
			dueAt: null
		});
		await db.write((tx) =>
			tx
				.update(db.tables.assignments)
				.set({ timeLimitMinutes: 10, attemptsAllowed: 1 })
				.where(eq(db.tables.assignments.id, assignment.id))
		);
		await setAccommodation(db, {
			classId,
			userId: ids[0]!,
			accommodation: { extraTime: '1.5', extraAttempts: 2, readAloud: true }
		});

		const [covering] = await coveringAssignments(db.read, db.tables, {
			userId: ids[0]!,
			lessonSlug: 'alpha'
		});
		expect(covering?.policy).toMatchObject({
			timeLimitMs: 900_000,
			attemptsAllowed: 3,
			readAloud: true
		});
	});
});
