import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { newId } from '../ids';
import { addMember, classMembersOf, createClass } from './classes';
import {
	importRoster,
	problemsForPage,
	readRosterUpload,
	uploadedCsv,
	type RosterReading,
	type UploadedCsv
} from './roster-import';
import { addStudentsWithCards } from './roster';

const utf8 = (name: string, text: string): UploadedCsv => ({
	name,
	bytes: new TextEncoder().encode(text)
});

const read = (
	file: UploadedCsv | null,
	enrollments: UploadedCsv | null = null,
	classSourcedId = ''
) => readRosterUpload({ file, enrollments, classSourcedId });

const namesOf = (reading: RosterReading) =>
	reading.ok ? reading.students.map((s) => s.displayName) : reading;

/** Problems as the page lists them: "file: line N: text". */
const problemsOf = (reading: RosterReading) =>
	reading.ok
		? reading
		: reading.files.flatMap(({ file, problems }) =>
				problems.map(({ line, text }) => `${file}: ${line === null ? '' : `line ${line}: `}${text}`)
			);

// What Classroom's Grades → Download as CSV gives: a BOM, CRLF, due-date, points and average rows,
// grade columns, a quoted name with a comma, and the blank rows a spreadsheet leaves at the end
const classroomExport =
	'\uFEFFLast Name,First Name,Email Address,Overall,"Essay: Cartels, courts and the state",Quiz 1\r\n' +
	',,,,"Sep 9, 2026","Sep 16, 2026"\r\n' +
	'Points,,,,100,20\r\n' +
	'Class average,,,84.2%,88,16.5\r\n' +
	'Ruiz,Ana,ana.ruiz@students.lincoln.example.org,91.5%,95,18\r\n' +
	'Núñez,José,jose.nunez@students.lincoln.example.org,78%,80,15\r\n' +
	'"O\'Brien, Jr.",Liam,liam.obrien@students.lincoln.example.org,,,\r\n' +
	'Li,Ben,ben.li@students.lincoln.example.org,62%,,12\r\n' +
	',,,,,\r\n' +
	',,,,,\r\n';

const users11 = [
	'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
	't-100,active,2026-08-01T00:00:00Z,true,org-1,teacher,jlee,,Jordan,Lee,,T100,jordan.lee@lincoln.example.org,,,,,',
	's-201,active,2026-08-01T00:00:00Z,true,org-1,student,asmith,,Avery,Smith,,S201,avery.smith@students.example.org,,,,08,',
	's-202,active,2026-08-01T00:00:00Z,true,org-1,student,mgarcia,,María,García López,,S202,,,,,08,',
	's-203,active,2026-08-01T00:00:00Z,false,org-1,student,gone,,Disabled,Student,,S203,,,,,08,',
	's-204,tobedeleted,2026-08-01T00:00:00Z,true,org-1,student,left,,Leaving,Student,,S204,,,,,08,'
].join('\n');

const enrollments11 = [
	'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
	'e-1,active,2026-08-01T00:00:00Z,civics-8a,org-1,t-100,teacher,true,2026-08-15,2027-06-01',
	'e-2,active,2026-08-01T00:00:00Z,civics-8a,org-1,s-201,student,false,2026-08-15,2027-06-01',
	'e-3,active,2026-08-01T00:00:00Z,civics-8a,org-1,s-202,student,false,2026-08-15,2027-06-01',
	'e-4,active,2026-08-01T00:00:00Z,civics-8a,org-1,s-203,student,false,2026-08-15,2027-06-01',
	'e-5,active,2026-08-01T00:00:00Z,civics-8a,org-1,s-204,student,false,2026-08-15,2027-06-01'
].join('\n');

// 1.2 drops `role` from users.csv (roles.csv has it) and adds preferred names and userMasterIdentifier
const users12 = [
	'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
	'u-1,active,2026-08-01T00:00:00.000Z,true,kim,,Kimberly,Okafor,,,kim@students.example.org,,,,09,,M-1,,Kim,,,org-1,she/her',
	'u-2,active,2026-08-01T00:00:00.000Z,true,raul,,Raúl,Méndez,,,,,,,09,,M-2,,,,,org-1,',
	'u-3,active,2026-08-01T00:00:00.000Z,true,tess,,Tess,Ng,,,,,,,10,,M-3,,,,,org-1,'
].join('\r\n');

const enrollments12 = [
	'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
	'e-1,active,2026-08-01T00:00:00.000Z,hist-9-p1,org-1,u-1,student,false,,',
	'e-2,active,2026-08-01T00:00:00.000Z,hist-9-p1,org-1,u-2,student,false,,',
	'e-3,active,2026-08-01T00:00:00.000Z,hist-10-p3,org-1,u-3,student,false,,',
	'e-4,tobedeleted,2026-08-01T00:00:00.000Z,hist-9-p1,org-1,u-3,student,false,,'
].join('\r\n');

describe('reading a Google Classroom export', () => {
	it('takes "First Last" from each student row, skipping the due-date, points, average and blank rows', () => {
		expect(namesOf(read(utf8('grades.csv', classroomExport)))).toEqual([
			'Ana Ruiz',
			'José Núñez',
			"Liam O'Brien, Jr.",
			'Ben Li'
		]);
	});

	it('keeps no email address: a student is a name and a line', () => {
		const reading = read(utf8('grades.csv', classroomExport));
		expect(reading.ok && reading.students[0]).toEqual({
			displayName: 'Ana Ruiz',
			externalId: null,
			line: 5
		});
		expect(JSON.stringify(reading)).not.toContain('@');
	});

	it('reads First Name before Last Name, semicolons and Excel’s Windows-1252 text', () => {
		// "Zoë" and "Peña" in Windows-1252: ë is 0xEB, ñ is 0xF1
		const bytes = Uint8Array.from([
			...new TextEncoder().encode('First Name;Last Name;Grade\r\nZo'),
			0xeb,
			...new TextEncoder().encode(';Pe'),
			0xf1,
			...new TextEncoder().encode('a;90\r\nSam;Tran;85\r\n')
		]);
		expect(namesOf(read({ name: 'roster.csv', bytes }))).toEqual(['Zoë Peña', 'Sam Tran']);
	});

	it('reads the headers Classroom writes in Spanish', () => {
		const file = 'Apellidos,Nombre,Dirección de correo electrónico\nPeña,Zoë,zoe@example.org\n';
		expect(namesOf(read(utf8('calificaciones.csv', file)))).toEqual(['Zoë Peña']);
	});

	it('lists every row without a name, by line, and the second row of a student listed twice', () => {
		const file = [
			'Last Name,First Name,Email Address',
			'Ruiz,Ana,ana@example.org',
			',,ghost@example.org',
			'Li,Ben,ben@example.org',
			'Ruiz,Ana,ANA@example.org',
			' , ,nobody@example.org'
		].join('\n');
		expect(problemsOf(read(utf8('class.csv', file)))).toEqual([
			'class.csv: line 3: no first or last name',
			'class.csv: line 5: the same email address as line 2: the student is listed twice. Remove one of the rows.',
			'class.csv: line 6: no first or last name'
		]);
	});

	it('refuses a name longer than 100 characters or of invisible characters', () => {
		const file = `First Name,Last Name\nAna,${'y'.repeat(100)}\n\u200b,\u200b\nBen,Li\u202e\n`;
		expect(problemsOf(read(utf8('class.csv', file)))).toEqual([
			'class.csv: line 2: the name is longer than 100 characters',
			'class.csv: line 3: The name has no visible characters.',
			'class.csv: line 4: The name has invisible characters (such as a zero-width space). Type it again by hand.'
		]);
	});
});

describe('what the page gets', () => {
	it('a file input left empty is no file; a text where the file belongs is none either', async () => {
		expect(await uploadedCsv(new File([], ''))).toBeNull();
		expect(await uploadedCsv('First Name,Last Name')).toBeNull();
		expect(await uploadedCsv(null)).toBeNull();
		const chosen = await uploadedCsv(new File(['a,b'], 'C:\\Users\\ms ruiz\\grades.csv'));
		expect(chosen?.name).toBe('grades.csv');
		expect([...(chosen?.bytes ?? [])]).toEqual([97, 44, 98]);
	});

	it('a file past 1 MB is read only to its limit but refused for its real size', async () => {
		const big = await uploadedCsv(new File([new Uint8Array(3 * 1024 * 1024)], 'big.csv'));
		expect(big?.bytes.length).toBe(3 * 1024 * 1024);
		expect(problemsOf(read(big))).toEqual([
			'big.csv: The file is 3072 KB; the limit is 1 MB. Split the class list into smaller files.'
		]);
	});

	it('lists at most 50 problems, then how many more', () => {
		const file = `First Name,Last Name\n${Array.from({ length: 60 }, () => 'x,y,z').join('\n')}`;
		const reading = read(utf8('wide.csv', file));
		if (reading.ok) throw new Error('expected problems');
		const shown = problemsForPage(reading.files);
		expect(shown.more).toBe(10);
		expect(shown.files).toHaveLength(1);
		expect(shown.files[0]?.lines).toHaveLength(50);
		expect(shown.files[0]?.lines[0]).toBe(
			'line 2: 3 columns where the first row has 2. Check that the file uses one separator throughout (commas, or semicolons) and that a name with a comma in it is in quotes.'
		);
	});
});

describe('reading OneRoster files', () => {
	it('1.1: imports the enrolled students that are enabled and not being deleted, with their sourcedId', () => {
		const reading = read(utf8('users.csv', users11), utf8('enrollments.csv', enrollments11));
		expect(reading).toEqual({
			ok: true,
			format: 'oneroster',
			students: [
				{ displayName: 'Avery Smith', externalId: 's-201', line: 3 },
				{ displayName: 'María García López', externalId: 's-202', line: 4 }
			]
		});
	});

	it('takes the two files in either input', () => {
		const reading = read(utf8('enrollments.csv', enrollments11), utf8('users.csv', users11));
		expect(namesOf(reading)).toEqual(['Avery Smith', 'María García López']);
	});

	it('1.2: asks which class when the enrollments hold several, and offers them', () => {
		const reading = read(utf8('users.csv', users12), utf8('enrollments.csv', enrollments12));
		expect(reading).toEqual({
			ok: false,
			status: 400,
			classChoices: [
				{ id: 'hist-10-p3', students: 1 },
				{ id: 'hist-9-p1', students: 2 }
			],
			files: [
				{
					file: 'enrollments.csv',
					problems: [
						{
							line: null,
							text: 'The enrollments are for 2 classes: “hist-10-p3”, “hist-9-p1”. Choose which one is this class, then choose the two files again.'
						}
					]
				}
			]
		});
	});

	it('1.2: imports the chosen class, by preferred name where there is one', () => {
		const reading = read(
			utf8('users.csv', users12),
			utf8('enrollments.csv', enrollments12),
			'hist-9-p1'
		);
		expect(reading).toEqual({
			ok: true,
			format: 'oneroster',
			students: [
				{ displayName: 'Kim Okafor', externalId: 'u-1', line: 2 },
				{ displayName: 'Raúl Méndez', externalId: 'u-2', line: 3 }
			]
		});
	});

	it('refuses a class the enrollments do not name, listing those they do', () => {
		const reading = read(utf8('users.csv', users12), utf8('enrollments.csv', enrollments12), 'x');
		expect(problemsOf(reading)).toEqual([
			'enrollments.csv: No students are enrolled in “x”. The enrollments list: “hist-10-p3”, “hist-9-p1”.'
		]);
		expect(!reading.ok && reading.classChoices.map((c) => c.id)).toEqual([
			'hist-10-p3',
			'hist-9-p1'
		]);
	});

	it('refuses an enrolled student missing from users.csv and a student without a name', () => {
		const users = users11.replace('s-202,active', 's-999,active').replace('Avery,Smith', ',');
		expect(
			problemsOf(read(utf8('users.csv', users), utf8('enrollments.csv', enrollments11)))
		).toEqual([
			'users.csv: line 3: no first or last name',
			'enrollments.csv: line 4: student “s-202” is not in users.csv'
		]);
	});

	it('refuses users.csv alone, enrollments.csv alone and a mix with a Classroom file', () => {
		expect(problemsOf(read(utf8('users.csv', users11)))).toEqual([
			'users.csv: This is OneRoster’s users.csv. Choose its enrollments.csv too: it says who is a student in which class.'
		]);
		expect(problemsOf(read(null, utf8('enrollments.csv', enrollments11)))).toEqual([
			'enrollments.csv: This is OneRoster’s enrollments.csv. Choose its users.csv too: it has the students’ names.'
		]);
		expect(
			problemsOf(read(utf8('grades.csv', classroomExport), utf8('enrollments.csv', enrollments11)))
		).toEqual([
			'enrollments.csv: Choose either one Google Classroom file or OneRoster’s users.csv and enrollments.csv, not a mix.'
		]);
	});
});

describe('refusing a file that cannot be read', () => {
	it('no file, an empty file, a file of blank lines', () => {
		expect(problemsOf(read(null))).toEqual([': Choose a CSV file to import.']);
		expect(problemsOf(read(utf8('empty.csv', '')))).toEqual(['empty.csv: The file is empty.']);
		expect(problemsOf(read(utf8('blank.csv', '\uFEFF\r\n\r\n  \r\n')))).toEqual([
			'blank.csv: The file is empty.'
		]);
	});

	it('an Excel workbook, and a file that is not text', () => {
		const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
		expect(problemsOf(read({ name: 'class.xlsx', bytes: xlsx }))).toEqual([
			'class.xlsx: This is a spreadsheet (Excel or similar), not a CSV file. In the spreadsheet, use File → Save as (or Download) → CSV, and choose that file.'
		]);
		const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
		expect(problemsOf(read({ name: 'photo.csv', bytes: png }))).toEqual([
			'photo.csv: This file isn’t text, so it isn’t a CSV export. Choose the CSV file the export made.'
		]);
	});

	it('a header that is neither Classroom nor OneRoster, naming its columns', () => {
		expect(problemsOf(read(utf8('list.csv', 'Student,Period\nAna Ruiz,3\n')))).toEqual([
			'list.csv: The first row isn’t a Google Classroom or OneRoster header. A Classroom export has “First Name” and “Last Name” columns; OneRoster’s users.csv has “sourcedId”, “givenName” and “familyName”. This file’s first row has: “Student”, “Period”.'
		]);
	});

	it('rows separated differently from the header, rather than reading "Ruiz;Ana" as a name', () => {
		const file =
			'Last Name,First Name,Email Address\nRuiz;Ana;ana@example.org\nLi,Ben,ben@example.org\n';
		expect(problemsOf(read(utf8('mixed.csv', file)))).toEqual([
			'mixed.csv: line 2: 1 column where the first row has 3. Check that the file uses one separator throughout (commas, or semicolons) and that a name with a comma in it is in quotes.'
		]);
	});

	it('a row it cannot read and a row without a name are listed together, by line', () => {
		const file = 'Last Name,First Name,Email Address\n,,ghost@example.org\nLi;Ben;b@example.org\n';
		expect(problemsOf(read(utf8('both.csv', file)))).toEqual([
			'both.csv: line 2: no first or last name',
			'both.csv: line 3: 1 column where the first row has 3. Check that the file uses one separator throughout (commas, or semicolons) and that a name with a comma in it is in quotes.'
		]);
	});

	it('a quotation mark never closed', () => {
		const file = 'First Name,Last Name\nAna "Bee",Ruiz\n\n"Ben,Li\nCara,Soto\n';
		expect(problemsOf(read(utf8('quotes.csv', file)))).toEqual([
			'quotes.csv: line 4: a quotation mark is opened and never closed, so the rest of the file can’t be read'
		]);
	});

	it('a file over 1 MB and more than 500 students, with 413', () => {
		const big = read(utf8('big.csv', `First Name,Last Name\n${'Ana,Ruiz\n'.repeat(120_000)}`));
		expect(big).toMatchObject({ ok: false, status: 413 });
		expect(problemsOf(big)).toEqual([
			'big.csv: The file is 1055 KB; the limit is 1 MB. Split the class list into smaller files.'
		]);
		const many = read(
			utf8(
				'many.csv',
				`First Name,Last Name\n${Array.from({ length: 501 }, (_, i) => `S${i},T`).join('\n')}`
			)
		);
		expect(many).toMatchObject({ ok: false, status: 413 });
		expect(problemsOf(many)).toEqual([
			'many.csv: The files list 501 students; at most 500 can be imported at once. Split the list and import the rest next.'
		]);
	});
});

async function newTeacher(db: Database): Promise<string> {
	const id = newId();
	await db.write((tx) =>
		tx.insert(db.tables.users).values({
			id,
			username: `import-teacher-${id}@school.org`,
			displayName: 'Teacher',
			role: 'teacher',
			passwordHash: '!test'
		})
	);
	return id;
}

const mustRead = (reading: RosterReading) => {
	if (!reading.ok) throw new Error(JSON.stringify(reading.files));
	return reading;
};

describeOnEachEngine('importing a roster', (getDb) => {
	it('a Classroom export makes accounts with working cards and no email, all in the class', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Import');

		const result = await importRoster(db, row.id, mustRead(read(utf8('g.csv', classroomExport))));

		expect(result.skipped).toEqual([]);
		expect(result.cards.map((c) => c.displayName)).toEqual([
			'Ana Ruiz',
			'José Núñez',
			"Liam O'Brien, Jr.",
			'Ben Li'
		]);
		const { users } = db.tables;
		const stored = await db.read
			.select({ id: users.id, email: users.email, role: users.role, hash: users.passwordHash })
			.from(users)
			.where(
				inArray(
					users.id,
					result.cards.map((c) => c.userId)
				)
			);
		expect(stored).toHaveLength(4);
		for (const user of stored) expect(user).toMatchObject({ email: null, role: 'student' });
		const first = result.cards[0]!;
		const firstHash = stored.find((u) => u.id === first.userId)!.hash;
		expect(await verifyPassword(firstHash, first.password)).toBe(true);
		const members = await classMembersOf(db, row.id);
		expect(members.map((m) => m.displayName)).toEqual([
			'Ana Ruiz',
			'Ben Li',
			'José Núñez',
			"Liam O'Brien, Jr."
		]);
	});

	it('importing the Classroom export again skips everyone; a student added by hand is matched by name', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Again');
		await addStudentsWithCards(db, row.id, ['ana  ruiz']);
		const reading = mustRead(read(utf8('g.csv', classroomExport)));

		const first = await importRoster(db, row.id, reading);
		const second = await importRoster(db, row.id, reading);

		expect(first.skipped).toEqual(['Ana Ruiz']);
		expect(first.cards.map((c) => c.displayName)).toEqual([
			'José Núñez',
			"Liam O'Brien, Jr.",
			'Ben Li'
		]);
		expect(second).toEqual({
			cards: [],
			skipped: ['Ana Ruiz', 'José Núñez', "Liam O'Brien, Jr.", 'Ben Li']
		});
		expect(await classMembersOf(db, row.id)).toHaveLength(4);
	});

	it('OneRoster students are known by sourcedId: renamed in the SIS, they are still skipped', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'OneRoster');
		const files = (users: string) =>
			mustRead(read(utf8('users.csv', users), utf8('enrollments.csv', enrollments11)));

		const first = await importRoster(db, row.id, files(users11));
		const second = await importRoster(db, row.id, files(users11.replace('Avery', 'Ava')));

		expect(first.cards.map((c) => c.displayName)).toEqual(['Avery Smith', 'María García López']);
		expect(second).toEqual({ cards: [], skipped: ['Ava Smith', 'María García López'] });
		const { rosterLinks } = db.tables;
		const links = await db.read
			.select({
				source: rosterLinks.source,
				externalId: rosterLinks.externalId,
				userId: rosterLinks.userId
			})
			.from(rosterLinks)
			.where(eq(rosterLinks.classId, row.id));
		expect(links.sort((a, b) => a.externalId.localeCompare(b.externalId))).toEqual([
			{ source: 'oneroster', externalId: 's-201', userId: first.cards[0]!.userId },
			{ source: 'oneroster', externalId: 's-202', userId: first.cards[1]!.userId }
		]);
	});

	it('a OneRoster student removed from the class and imported again gets a new account and link', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Removed');
		const reading = mustRead(
			read(utf8('users.csv', users11), utf8('enrollments.csv', enrollments11))
		);
		const first = await importRoster(db, row.id, reading);
		const { classMembers, rosterLinks } = db.tables;
		const avery = first.cards[0]!;
		await db.write((tx) => tx.delete(classMembers).where(eq(classMembers.userId, avery.userId)));

		const again = await importRoster(db, row.id, reading);

		expect(again.skipped).toEqual(['María García López']);
		expect(again.cards.map((c) => c.displayName)).toEqual(['Avery Smith']);
		const [link] = await db.read
			.select({ userId: rosterLinks.userId })
			.from(rosterLinks)
			.where(and(eq(rosterLinks.classId, row.id), eq(rosterLinks.externalId, 's-201')));
		expect(link?.userId).toBe(again.cards[0]!.userId);
		// the same sourcedId in another class is that class's own student
		const other = await createClass(db, row.teacherId, 'Other');
		await addMember(db, other.id, avery.userId);
		expect((await importRoster(db, other.id, reading)).cards).toHaveLength(2);
	});

	it('the same OneRoster files imported twice at once make each account once', async () => {
		const db = getDb();
		const row = await createClass(db, await newTeacher(db), 'Twice');
		const reading = mustRead(
			read(utf8('users.csv', users11), utf8('enrollments.csv', enrollments11))
		);

		const results = await Promise.all([
			importRoster(db, row.id, reading),
			importRoster(db, row.id, reading)
		]);

		expect(results.map((r) => r.cards.length).sort()).toEqual([0, 2]);
		expect(results.map((r) => r.skipped.length).sort()).toEqual([0, 2]);
		expect((await classMembersOf(db, row.id)).map((m) => m.displayName)).toEqual([
			'Avery Smith',
			'María García López'
		]);
	});

	it('stores nothing, no account, member or link, when the import cannot finish', async () => {
		const db = getDb();
		const { users, rosterLinks } = db.tables;
		const countUsers = async () => (await db.read.select({ id: users.id }).from(users)).length;
		const countLinks = async () =>
			(await db.read.select({ id: rosterLinks.userId }).from(rosterLinks)).length;
		const before = { users: await countUsers(), links: await countLinks() };
		const reading = mustRead(
			read(utf8('users.csv', users11), utf8('enrollments.csv', enrollments11))
		);

		await expect(importRoster(db, 'no-such-class', reading)).rejects.toThrow();

		expect({ users: await countUsers(), links: await countLinks() }).toEqual(before);
	});
});
