import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import { newId } from '../ids';
import { newStudent, storeSitting } from '../progress/test-content';
import {
	classForJoinCode,
	classMembersOf,
	createClass,
	findClass,
	isMember,
	joinClassByCode,
	membersAmong,
	removeMember,
	renameClass,
	rotateJoinCode,
	setClassArchived,
	studentClasses,
	teacherClasses
} from './classes';
import { createClassForm } from './forms';

const at = (day: number) => new Date(Date.UTC(2025, 8, day, 9));

const formData = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};

let counter = 0;
/** A teacher row straight in the database: these tests are not about accounts. */
async function newTeacher(db: Database, displayName = 'Teacher'): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username: `teacher-${counter++}-${id}@school.org`,
			displayName,
			role: 'teacher',
			passwordHash: '!test'
		})
	);
	return id;
}

describe('the create-class form', () => {
	const zone = 'America/Los_Angeles';

	it('trims the name and accepts 1 to 100 characters', () => {
		expect(parseForm(createClassForm, formData({ name: '  Period 3  ', timeZone: zone }))).toEqual({
			ok: true,
			data: { name: 'Period 3', timeZone: zone }
		});
		expect(parseForm(createClassForm, formData({ name: 'x'.repeat(100), timeZone: zone })).ok).toBe(
			true
		);
	});

	it('refuses a blank or overlong name with a message for the field', () => {
		expect(parseForm(createClassForm, formData({ name: '   ', timeZone: zone }))).toMatchObject({
			ok: false,
			fieldErrors: { name: 'Class name is required.' }
		});
		expect(
			parseForm(createClassForm, formData({ name: 'x'.repeat(101), timeZone: zone }))
		).toMatchObject({
			ok: false,
			fieldErrors: { name: 'Class name can be at most 100 characters.' }
		});
	});

	it('keeps a time zone as Intl spells it, and refuses one that does not exist or is missing', () => {
		const zoneOf = (timeZone?: string) => {
			const entries: Record<string, string> = { name: 'Period 3' };
			if (timeZone !== undefined) entries.timeZone = timeZone;
			const parsed = parseForm(createClassForm, formData(entries));
			return parsed.ok ? parsed.data.timeZone : parsed.fieldErrors;
		};
		expect(zoneOf(' america/mexico_city ')).toBe('America/Mexico_City');
		expect(zoneOf('US/Pacific')).toBe('America/Los_Angeles');
		expect(zoneOf('Etc/UTC')).toBe('UTC');
		expect(zoneOf('Mars/Olympus_Mons')).toEqual({
			timeZone: 'There is no time zone by that name. Choose one from the list.'
		});
		expect(zoneOf('+05:00')).toEqual({
			timeZone: 'There is no time zone by that name. Choose one from the list.'
		});
		expect(zoneOf('')).toEqual({ timeZone: 'Choose the class’s time zone from the list.' });
		expect(zoneOf()).toEqual({ timeZone: 'Choose the class’s time zone from the list.' });
	});
});

describeOnEachEngine('classes and join codes', (getDb) => {
	it('creates a class with a fresh code, renames it, and keeps the code', async () => {
		const db = getDb();
		const teacherId = await newTeacher(db);
		const created = await createClass(db, teacherId, 'Period 3', at(1));
		const other = await createClass(db, teacherId, 'Period 4', at(1));

		expect(created).toMatchObject({ teacherId, name: 'Period 3', archivedAt: null });
		expect(created.joinCode).toMatch(/^[CDFGHJKMNPQRTVWXYZ234679]{6}$/);
		expect(other.joinCode).not.toBe(created.joinCode);

		await renameClass(db, created.id, 'Period 3 Civics');
		expect(await findClass(db, created.id)).toMatchObject({
			name: 'Period 3 Civics',
			joinCode: created.joinCode
		});
		expect(await findClass(db, 'no-such-class')).toBeNull();
	});

	it('finds a class by its code typed loosely, and refuses a code that cannot exist', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Loose', at(1));
		const typed = `${row.joinCode.slice(0, 3).toLowerCase()}-${row.joinCode.slice(3)} `;

		expect(await classForJoinCode(db, typed)).toMatchObject({ ok: true, row: { id: row.id } });
		expect(await classForJoinCode(db, 'KX7Q2')).toMatchObject({ ok: false, status: 400 });
	});

	it('stops accepting the old code once the code is rotated; members stay', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Rotating', at(1));
		const early = await newStudent(db);
		const late = await newStudent(db);
		expect(await joinClassByCode(db, early, row.joinCode, at(2))).toMatchObject({ ok: true });

		const newCode = await rotateJoinCode(db, row.id);

		expect(newCode).not.toBe(row.joinCode);
		expect((await findClass(db, row.id))?.joinCode).toBe(newCode);
		expect(await joinClassByCode(db, late, row.joinCode, at(3))).toEqual({
			ok: false,
			status: 404,
			message: `No class has the code ${row.joinCode}. Check it with your teacher; it may have been changed.`
		});
		expect(await joinClassByCode(db, late, newCode, at(3))).toMatchObject({
			ok: true,
			classId: row.id
		});
		expect(await isMember(db, row.id, early)).toBe(true);
		expect(await isMember(db, row.id, late)).toBe(true);
	});

	it('refuses to join an archived class with 409 and a message, and takes students again once unarchived', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Last year', at(1));
		const studentId = await newStudent(db);
		await setClassArchived(db, row.id, true, at(2));

		expect((await findClass(db, row.id))?.archivedAt).toEqual(at(2));
		expect(await joinClassByCode(db, studentId, row.joinCode, at(3))).toEqual({
			ok: false,
			status: 409,
			message:
				'That code belongs to an archived class, which takes no new students. Ask your teacher for the code of your current class.'
		});
		expect(await isMember(db, row.id, studentId)).toBe(false);

		await setClassArchived(db, row.id, false);
		expect((await findClass(db, row.id))?.archivedAt).toBeNull();
		expect(await joinClassByCode(db, studentId, row.joinCode, at(4))).toMatchObject({ ok: true });
	});

	it('makes joining twice harmless: one membership, the first join date kept', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Twice', at(1));
		const studentId = await newStudent(db);

		const first = await joinClassByCode(db, studentId, row.joinCode, at(2));
		const again = await joinClassByCode(db, studentId, row.joinCode, at(5));

		expect(first).toEqual({
			ok: true,
			classId: row.id,
			className: 'Twice',
			alreadyMember: false
		});
		expect(again).toMatchObject({ ok: true, alreadyMember: true });
		const members = await classMembersOf(db, row.id);
		expect(members).toHaveLength(1);
		expect(members[0]).toMatchObject({ id: studentId, joinedAt: at(2) });
	});

	it('removes a student from the class only, keeping their attempts and answers', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Keeps work', at(1));
		const otherClass = await createClass(db, await newTeacher(db), 'Other', at(1));
		const studentId = await newStudent(db);
		await joinClassByCode(db, studentId, row.joinCode, at(2));
		await joinClassByCode(db, studentId, otherClass.joinCode, at(2));
		const attemptId = await storeSitting(db, {
			userId: studentId,
			lessonSlug: 'first',
			mode: 'quiz',
			at: at(3),
			answers: [{ questionId: 'f-quiz', earned: 1 }]
		});

		expect(await removeMember(db, row.id, studentId)).toBe(true);
		expect(await removeMember(db, row.id, studentId)).toBe(false);

		expect(await isMember(db, row.id, studentId)).toBe(false);
		expect(await isMember(db, otherClass.id, studentId)).toBe(true);
		const { attempts, responses } = db.tables;
		const kept = await db.read
			.select({ questionId: responses.questionId, earned: responses.earned })
			.from(responses)
			.where(eq(responses.userId, studentId));
		expect(kept).toEqual([{ questionId: 'f-quiz', earned: 1 }]);
		const [attempt] = await db.read.select().from(attempts).where(eq(attempts.id, attemptId));
		expect(attempt?.submittedAt).toEqual(at(3));
	});

	it('lists a student’s open classes with their teacher, leaving archived ones out', async () => {
		const db = getDb();
		const teacherId = await newTeacher(db, 'Ms Ortega');
		const studentId = await newStudent(db);
		const civics = await createClass(db, teacherId, 'Civics', at(1));
		const archived = await createClass(db, teacherId, 'Archived history', at(1));
		const history = await createClass(db, teacherId, 'History', at(1));
		await createClass(db, teacherId, 'Not joined', at(1));
		for (const row of [history, archived, civics]) {
			await joinClassByCode(db, studentId, row.joinCode, at(2));
		}
		await setClassArchived(db, archived.id, true, at(3));

		expect(await studentClasses(db, studentId)).toEqual([
			{ id: civics.id, name: 'Civics', teacherName: 'Ms Ortega' },
			{ id: history.id, name: 'History', teacherName: 'Ms Ortega' }
		]);
	});

	it('lists a teacher’s own classes newest first, counting each class’s students', async () => {
		const db = getDb();
		const teacherId = await newTeacher(db);
		const otherTeacherId = await newTeacher(db);
		const older = await createClass(db, teacherId, 'Older', at(1));
		const newer = await createClass(db, teacherId, 'Newer', at(2));
		const empty = await createClass(db, teacherId, 'Empty', at(3));
		const notMine = await createClass(db, otherTeacherId, 'Not mine', at(4));
		const [a, b, c] = [await newStudent(db), await newStudent(db), await newStudent(db)];
		for (const studentId of [a, b, c]) await joinClassByCode(db, studentId, older.joinCode, at(5));
		await joinClassByCode(db, a, newer.joinCode, at(5));
		await joinClassByCode(db, b, notMine.joinCode, at(5));
		await setClassArchived(db, older.id, true, at(6));

		const summaries = await teacherClasses(db, teacherId);

		expect(summaries.map((s) => [s.name, s.studentCount, s.archivedAt])).toEqual([
			['Empty', 0, null],
			['Newer', 1, null],
			['Older', 3, at(6)]
		]);
		expect(summaries[0]).toEqual({
			id: empty.id,
			name: 'Empty',
			joinCode: empty.joinCode,
			archivedAt: null,
			createdAt: at(3),
			studentCount: 0
		});
		expect(await teacherClasses(db, await newTeacher(db))).toEqual([]);
	});

	it('tells which of some users are members, for acting only on a class’s own students', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Members', at(1));
		const member = await newStudent(db);
		const outsider = await newStudent(db);
		await joinClassByCode(db, member, row.joinCode, at(2));

		expect(await membersAmong(db, row.id, [member, outsider])).toEqual(new Set([member]));
		expect(await membersAmong(db, row.id, [])).toEqual(new Set());
	});
});
