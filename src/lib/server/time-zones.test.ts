import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from './auth/session';
import { createAssignment } from './classes/assignments';
import { addMember, createClass, setClassArchived } from './classes/classes';
import type { Database } from './db/database';
import { databaseFingerprint } from './db/fingerprint';
import { describeOnEachEngine } from './db/testing';
import { newId } from './ids';
import { runRoute } from './test-route';
import type { Field } from './test-bad-input';
import { defaultTimeZone, readerTimeZone, timeZoneChoices } from './time-zones';

// Issue #16, one clock: a class's zone is chosen on the create form and in settings, due dates are typed in
// it, and pages about no one class show dates in the reader's most likely zone.

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('./db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const configured = process.env.EVIDENCIA_TIME_ZONE;
beforeAll(() => {
	delete process.env.EVIDENCIA_TIME_ZONE;
});
afterAll(() => {
	if (configured === undefined) delete process.env.EVIDENCIA_TIME_ZONE;
	else process.env.EVIDENCIA_TIME_ZONE = configured;
});

const at = (day: number) => new Date(Date.UTC(2026, 8, day, 9));

let counter = 0;
async function person(db: Database, role: SessionUser['role']): Promise<SessionUser> {
	const id = newId();
	const username = `zones-${role}-${counter++}-${id}`;
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username,
			email: role === 'student' ? null : `${username}@school.org`,
			displayName: `${role} ${counter}`,
			role,
			passwordHash: '!test'
		})
	);
	return { id, username, displayName: `${role} ${counter}`, role, isGuest: false };
}

describe('the zone of pages about no one class, before anyone has a class', () => {
	it('is EVIDENCIA_TIME_ZONE when it names a real zone (as Intl spells it), else UTC', () => {
		expect(defaultTimeZone()).toBe('UTC');
		process.env.EVIDENCIA_TIME_ZONE = ' america/bogota ';
		expect(defaultTimeZone()).toBe('America/Bogota');
		process.env.EVIDENCIA_TIME_ZONE = 'Mars/Olympus_Mons';
		expect(defaultTimeZone()).toBe('UTC');
		delete process.env.EVIDENCIA_TIME_ZONE;
	});
});

describe('the time-zone select’s options', () => {
	it('lists the Americas’ common zones first, by the name people use, then every zone', () => {
		const choices = timeZoneChoices('America/Los_Angeles');
		expect(choices.common.slice(0, 5)).toEqual([
			{ value: 'America/New_York', label: 'Eastern Time — New York' },
			{ value: 'America/Chicago', label: 'Central Time — Chicago' },
			{ value: 'America/Denver', label: 'Mountain Time — Denver' },
			{ value: 'America/Phoenix', label: 'Mountain Standard Time — Phoenix' },
			{ value: 'America/Los_Angeles', label: 'Pacific Time — Los Angeles' }
		]);
		expect(choices.common).toContainEqual({
			value: 'America/Mexico_City',
			label: 'Central Standard Time — Mexico City'
		});
		expect(choices.common.at(-1)).toEqual({ value: 'UTC', label: 'UTC' });
		expect(choices.all).toContainEqual({ value: 'Asia/Tokyo', label: 'Asia/Tokyo' });
		expect(choices.all).toContainEqual({ value: 'America/Sao_Paulo', label: 'America/Sao Paulo' });
		expect(choices.all.length).toBeGreaterThan(400);
	});

	it('adds the chosen zone when no option has it, so the select shows what is stored', () => {
		expect(timeZoneChoices('Etc/GMT+5').common[0]).toEqual({
			value: 'Etc/GMT+5',
			label: 'GMT-05:00 — GMT+5'
		});
		expect(timeZoneChoices('America/Bogota').common[0]?.value).toBe('America/New_York');
	});
});

describeOnEachEngine('the reader’s time zone', (getDb) => {
	it('is a student’s most recently joined open class’s zone', async () => {
		// Arrange
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const student = await person(db, 'student');
		const loner = await person(db, 'student');
		const first = await createClass(db, teacher.id, 'First', at(1), 'America/Chicago');
		const latest = await createClass(db, teacher.id, 'Latest', at(2), 'America/Bogota');
		const archived = await createClass(db, teacher.id, 'Archived', at(3), 'Asia/Tokyo');

		// Act
		await addMember(db, first.id, student.id, at(10));
		const withOne = await readerTimeZone(db, student);
		await addMember(db, latest.id, student.id, at(11));
		await addMember(db, archived.id, student.id, at(12));
		await setClassArchived(db, archived.id, true, at(13));
		const withThree = await readerTimeZone(db, student);

		// Assert
		expect([withOne, withThree]).toEqual(['America/Chicago', 'America/Bogota']);
		expect(await readerTimeZone(db, loner)).toBe('UTC');
	});

	it('is a teacher’s most recent open class’s zone, or their most recent class when all are archived', async () => {
		// Arrange
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const admin = await person(db, 'admin');
		const newcomer = await person(db, 'teacher');
		await createClass(db, teacher.id, 'Older', at(1), 'America/Denver');
		const newer = await createClass(db, teacher.id, 'Newer', at(2), 'America/Lima');
		const newest = await createClass(db, teacher.id, 'Newest', at(3), 'Europe/Madrid');
		await createClass(db, admin.id, 'Admin’s', at(1), 'Pacific/Honolulu');

		// Act
		await setClassArchived(db, newest.id, true, at(4));
		const oneArchived = await readerTimeZone(db, teacher);
		await setClassArchived(db, newer.id, true, at(4));
		const twoArchived = await readerTimeZone(db, teacher);

		// Assert
		expect([oneArchived, twoArchived]).toEqual(['America/Lima', 'America/Denver']);
		expect(await readerTimeZone(db, admin)).toBe('Pacific/Honolulu');
		expect(await readerTimeZone(db, newcomer)).toBe('UTC');
	});

	it('is the site’s zone for a visitor or a guest, whatever classes exist', async () => {
		const db = getDb();
		const student = await person(db, 'student');
		process.env.EVIDENCIA_TIME_ZONE = 'America/Mexico_City';
		try {
			expect(await readerTimeZone(db, null)).toBe('America/Mexico_City');
			expect(await readerTimeZone(db, { ...student, isGuest: true })).toBe('America/Mexico_City');
		} finally {
			delete process.env.EVIDENCIA_TIME_ZONE;
		}
	});
});

const form = (fields: Record<string, string>) => ({
	kind: 'form' as const,
	fields: Object.entries(fields) as Field[]
});

describeOnEachEngine('class time zones on the pages', (getDb) => {
	beforeEach(() => {
		current = getDb();
	});

	it('creates a class in the chosen zone, and offers the teacher’s latest zone on the next form', async () => {
		// Arrange
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const before = await runRoute({ method: 'GET', path: '/classes', user: teacher });

		// Act
		const created = await runRoute({
			method: 'POST',
			path: '/classes?/create',
			user: teacher,
			body: form({ name: 'Period 3', timeZone: 'America/Los_Angeles' })
		});
		const after = await runRoute({ method: 'GET', path: '/classes', user: teacher });

		// Assert
		const [row] = await db.read
			.select({ id: db.tables.classes.id, timeZone: db.tables.classes.timeZone })
			.from(db.tables.classes)
			.where(eq(db.tables.classes.teacherId, teacher.id));
		expect(created).toEqual({ status: 303, location: `/classes/${row?.id}/students` });
		expect(row?.timeZone).toBe('America/Los_Angeles');
		expect(before.status === 200 && before.data).toMatchObject({ timeZone: 'UTC' });
		expect(after.status === 200 && after.data).toMatchObject({ timeZone: 'America/Los_Angeles' });
	});

	it('refuses a zone that does not exist with a 400 and a message, storing nothing', async () => {
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const klass = await createClass(db, teacher.id, 'Settled', at(1), 'America/Chicago');
		const snapshot = await databaseFingerprint(db);

		const answers = [
			await runRoute({
				method: 'POST',
				path: '/classes?/create',
				user: teacher,
				body: form({ name: 'Nowhere', timeZone: 'Mars/Olympus_Mons' })
			}),
			await runRoute({
				method: 'POST',
				path: `/classes/${klass.id}/settings?/timeZone`,
				user: teacher,
				body: form({ timeZone: 'Mars/Olympus_Mons' })
			})
		];

		expect(answers.map((answer) => [answer.status, 'message' in answer && answer.message])).toEqual(
			Array(2).fill([400, 'There is no time zone by that name. Choose one from the list.'])
		);
		expect(await databaseFingerprint(db)).toEqual(snapshot);
	});

	it('changes a class’s zone in settings, keeping each due date’s instant; not once archived', async () => {
		// Arrange
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const klass = await createClass(db, teacher.id, 'Moving', at(1), 'America/Los_Angeles');
		const dueAt = new Date('2099-12-05T23:30:00Z');
		await createAssignment(db, { classId: klass.id, lessonSlug: null, behaviour: 'quiz', dueAt });
		const path = `/classes/${klass.id}`;
		const shownDue = async () => {
			const page = await runRoute({ method: 'GET', path: `${path}/assignments`, user: teacher });
			return page.status === 200 && page.data;
		};
		const beforeChange = await shownDue();

		// Act
		const changed = await runRoute({
			method: 'POST',
			path: `${path}/settings?/timeZone`,
			user: teacher,
			body: form({ timeZone: 'america/new_york' })
		});
		const afterChange = await shownDue();
		await setClassArchived(db, klass.id, true, at(2));
		const whenArchived = await runRoute({
			method: 'POST',
			path: `${path}/settings?/timeZone`,
			user: teacher,
			body: form({ timeZone: 'Asia/Tokyo' })
		});

		// Assert
		expect(beforeChange).toMatchObject({
			timeZone: 'Pacific Time (America/Los_Angeles)',
			assignments: [
				{ due: { iso: '2099-12-05T23:30:00.000Z', text: 'Sat, Dec 5, 2099, 3:30 PM Pacific Time' } }
			]
		});
		expect(changed).toMatchObject({
			status: 200,
			data: { zoneChanged: 'Eastern Time (America/New_York)' }
		});
		expect(afterChange).toMatchObject({
			timeZone: 'Eastern Time (America/New_York)',
			assignments: [
				{ due: { iso: '2099-12-05T23:30:00.000Z', text: 'Sat, Dec 5, 2099, 6:30 PM Eastern Time' } }
			]
		});
		expect(whenArchived.status).toBe(409);
		const [row] = await db.read
			.select({ timeZone: db.tables.classes.timeZone })
			.from(db.tables.classes)
			.where(eq(db.tables.classes.id, klass.id));
		expect(row?.timeZone).toBe('America/New_York');
	});

	it('reads a due time typed on the assign form in the class’s zone, not the server’s', async () => {
		// Arrange
		const db = getDb();
		const teacher = await person(db, 'teacher');
		const student = await person(db, 'student');
		const klass = await createClass(db, teacher.id, 'Pacific', at(1), 'America/Los_Angeles');
		await addMember(db, klass.id, student.id, at(2));
		const serverZone = process.env.TZ;

		// Act
		process.env.TZ = 'Asia/Kolkata';
		let assigned;
		try {
			assigned = await runRoute({
				method: 'POST',
				path: `/classes/${klass.id}/assignments?/create`,
				user: teacher,
				body: form({
					lesson: 'module',
					behaviour: 'practice',
					dueDate: '2099-12-05',
					dueTime: '15:30'
				})
			});
		} finally {
			process.env.TZ = serverZone;
		}
		const learn = await runRoute({ method: 'GET', path: '/learn', user: student });

		// Assert
		expect(assigned.status).toBe(200);
		const rows = await db.read
			.select({ dueAt: db.tables.assignments.dueAt })
			.from(db.tables.assignments)
			.where(eq(db.tables.assignments.classId, klass.id));
		expect(rows.map((row) => row.dueAt?.toISOString())).toEqual(['2099-12-05T23:30:00.000Z']);
		expect(learn.status === 200 && learn.data).toMatchObject({
			assignments: [
				{ due: { iso: '2099-12-05T23:30:00.000Z', text: 'Sat, Dec 5, 2099, 3:30 PM Pacific Time' } }
			]
		});
	});
});
