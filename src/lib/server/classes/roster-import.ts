import { parse, type Options } from 'csv-parse/sync';
import { and, eq, inArray } from 'drizzle-orm';
import { m } from '../../i18n';
import { isUniqueViolation, type Database } from '../db/database';
import { invisibleTextProblem } from '../forms';
import { maxStudentNameLength } from './forms';
import { addStudentsWithCards, type LoginCard } from './roster';

/** One import makes at most this many accounts: a whole grade's roster, not a district's. */
export const maxImportStudents = 500;
/** Each uploaded file's limit; the hooks refuse a whole body over 2 MB before anything reads it. */
export const maxImportBytes = 1024 * 1024;
/** The page lists this many problems and then says how many more there are. */
export const maxProblemsShown = 50;

export type RosterFormat = 'classroom' | 'oneroster';

/** An uploaded file as the route read it. */
export interface UploadedCsv {
	name: string;
	bytes: Uint8Array;
}

/** A student from the file: the name their card shows and, for OneRoster, their sourcedId. */
export interface RosterStudent {
	displayName: string;
	externalId: string | null;
	line: number;
}

/** What is wrong with one file, line by line; `line` null is about the whole file. */
export interface FileProblems {
	file: string;
	problems: { line: number | null; text: string }[];
}

/** A class the OneRoster enrollments name, offered when there are several. */
export interface ClassChoice {
	id: string;
	students: number;
}

export type RosterReading =
	| { ok: true; format: RosterFormat; students: RosterStudent[] }
	| {
			ok: false;
			status: 400 | 413;
			files: FileProblems[];
			/** set when the teacher must say which OneRoster class this is */
			classChoices: ClassChoice[];
	  };

/** A file's header and readable rows, and the rows it could not read (listed with the other problems). */
type Table = {
	header: string[];
	rows: { line: number; cells: string[] }[];
	problems: FileProblems['problems'];
};

class FileRefusal extends Error {
	constructor(
		readonly status: 400 | 413,
		readonly problems: FileProblems['problems']
	) {
		super('refused');
	}
}

const wholeFile = (text: string, status: 400 | 413 = 400) =>
	new FileRefusal(status, [{ line: null, text }]);

/** "First  Name" and "first name" are the same column; "sourcedId" and "sourcedid" too. */
const columnKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Text from the bytes: UTF-8 (a BOM is dropped), else Windows-1252, which is what Excel's plain "CSV" saves. */
function decode(file: UploadedCsv): string {
	const { bytes } = file;
	if (bytes.length === 0) throw wholeFile(m.roster_import_empty());
	if (bytes.length > maxImportBytes) {
		throw wholeFile(
			m.roster_import_too_big({
				size: Math.ceil(bytes.length / 1024),
				limit: maxImportBytes / 1024 / 1024
			}),
			413
		);
	}
	const starts = (...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
	// .xlsx and .ods are zip archives; .xls is an OLE2 compound file
	if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
		throw wholeFile(m.roster_import_spreadsheet());
	}
	if (bytes.includes(0)) throw wholeFile(m.roster_import_not_text());
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		text = new TextDecoder('windows-1252').decode(bytes);
	}
	text = text.replace(/^\uFEFF/, '');
	if (text.trim() === '') throw wholeFile(m.roster_import_empty());
	return text;
}

/** The separator the header row uses: commas, or the semicolons Excel writes where a comma is the decimal mark. */
function separatorOf(text: string): ',' | ';' | '\t' {
	const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
	const unquoted = firstLine.replace(/"[^"]*"/g, '');
	const count = (separator: string) => unquoted.split(separator).length - 1;
	const found = ([',', ';', '\t'] as const).map((separator) => ({
		separator,
		count: count(separator)
	}));
	found.sort((a, b) => b.count - a.count);
	return found[0]?.count ? found[0].separator : ',';
}

/** The header and every row that has anything in it; a row whose cell count differs is a line problem. */
function readTable(text: string): Table {
	const options: Options = {
		delimiter: separatorOf(text),
		info: true,
		relax_column_count: true,
		// a nickname in quotes inside a name (Ana "Bee" Ruiz) is text, not a broken field
		relax_quotes: true,
		skip_empty_lines: true
	};
	// with `info`, each record comes with the line it ends on
	type Records = { record: string[]; info: { lines: number } }[];
	let records: Records;
	try {
		records = parse(text, options) as unknown as Records;
	} catch (error) {
		throw new FileRefusal(400, [
			{ line: brokenLine(text, error, options), text: m.roster_import_broken_quotes() }
		]);
	}
	const [first, ...rest] = records;
	if (!first) throw wholeFile(m.roster_import_empty());
	const header = first.record.map((cell) => cell.trim());
	const problems: FileProblems['problems'] = [];
	const rows: Table['rows'] = [];
	for (const { record, info } of rest) {
		// a spreadsheet's blank rows come out as ",,,,": nothing to read
		if (record.every((cell) => cell.trim() === '')) continue;
		const extraCells = record.slice(header.length);
		if (record.length < header.length || extraCells.some((cell) => cell.trim() !== '')) {
			problems.push({
				line: info.lines,
				text: m.roster_import_column_count({ count: record.length, expected: header.length })
			});
			continue;
		}
		rows.push({ line: info.lines, cells: record.map((cell) => cell.trim()) });
	}
	return { header, rows, problems };
}

/** Where the record that broke the parse starts: the line after the last good record that has text. */
function brokenLine(text: string, error: unknown, options: Options): number | null {
	const fields = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
	if (typeof fields.records !== 'number')
		return typeof fields.lines === 'number' ? fields.lines : null;
	const good =
		fields.records > 0
			? (parse(text, { ...options, to: fields.records }) as unknown as {
					info: { lines: number };
				}[])
			: [];
	const lines = text.split(/\r\n|\r|\n/);
	let line = good.at(-1)?.info.lines ?? 0;
	while (line < lines.length && (lines[line] ?? '').trim() === '') line++;
	return line + 1;
}

/** Finds each named column (any of its spellings) in a header; -1 when absent. */
function columnsOf<Name extends string>(
	header: string[],
	spellings: Record<Name, string[]>
): Record<Name, number> {
	const keys = header.map(columnKey);
	return Object.fromEntries(
		Object.entries<string[]>(spellings).map(([name, names]) => [
			name,
			keys.findIndex((key) => names.includes(key))
		])
	) as Record<Name, number>;
}

// Classroom writes its headers in the teacher's language
const classroomColumns = {
	first: ['first name', 'given name', 'nombre', 'nombres'],
	last: ['last name', 'family name', 'surname', 'apellido', 'apellidos'],
	email: [
		'email address',
		'email',
		'e-mail',
		'dirección de correo electrónico',
		'correo electrónico'
	]
};
// OneRoster 1.1 users.csv has `role`; 1.2 moved roles to roles.csv and added preferred names
const userColumns = {
	sourcedId: ['sourcedid'],
	status: ['status'],
	enabledUser: ['enableduser'],
	givenName: ['givenname'],
	familyName: ['familyname'],
	preferredGivenName: ['preferredgivenname'],
	preferredFamilyName: ['preferredfamilyname'],
	role: ['role', 'roles']
};
const enrollmentColumns = {
	status: ['status'],
	classSourcedId: ['classsourcedid'],
	userSourcedId: ['usersourcedid'],
	role: ['role']
};

type FileKind = 'classroom' | 'users' | 'enrollments' | 'unknown';

function kindOf(header: string[]): FileKind {
	const has = (column: number) => column >= 0;
	const users = columnsOf(header, userColumns);
	if (has(users.sourcedId) && has(users.givenName) && has(users.familyName)) return 'users';
	const enrollments = columnsOf(header, enrollmentColumns);
	if (has(enrollments.classSourcedId) && has(enrollments.userSourcedId)) return 'enrollments';
	const classroom = columnsOf(header, classroomColumns);
	if (has(classroom.first) && has(classroom.last)) return 'classroom';
	return 'unknown';
}

const shownColumns = (header: string[]) =>
	header
		.slice(0, 12)
		.map((name) => `“${name.slice(0, 40)}”`)
		.join(', ') + (header.length > 12 ? ', …' : '');

/** A person's name for their card, or why it can't be one. */
function cardName(first: string, last: string): { name: string } | { problem: string } {
	const name = `${first} ${last}`.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (name === '') return { problem: m.roster_import_no_name() };
	if (name.length > maxStudentNameLength) {
		return { problem: m.roster_import_name_too_long({ max: maxStudentNameLength }) };
	}
	const hidden = invisibleTextProblem(() => m.roster_import_name_label(), name);
	return hidden ? { problem: hidden } : { name };
}

// Classroom's grade export puts due dates, points and the class average in rows of their own
const classroomSummaryLabels = new Set([
	'points',
	'class average',
	'average',
	'due date',
	'date',
	'puntos',
	'promedio',
	'promedio de la clase',
	'fecha de entrega',
	'fecha'
]);

function readClassroom(table: Table): RosterStudent[] {
	const columns = columnsOf(table.header, classroomColumns);
	const problems: FileProblems['problems'] = [];
	const students: RosterStudent[] = [];
	const lineOfEmail = new Map<string, number>();
	for (const { line, cells } of table.rows) {
		const first = cells[columns.first] ?? '';
		const last = cells[columns.last] ?? '';
		const email = columns.email >= 0 ? (cells[columns.email] ?? '').toLowerCase() : '';
		const isSummary =
			columns.email >= 0 &&
			email === '' &&
			(classroomSummaryLabels.has(columnKey(first)) ||
				classroomSummaryLabels.has(columnKey(last)) ||
				(first === '' && last === ''));
		if (isSummary) continue;
		// the address is read only to find a student listed twice; it is never kept
		if (email !== '') {
			const earlier = lineOfEmail.get(email);
			if (earlier !== undefined) {
				problems.push({ line, text: m.roster_import_duplicate_email({ other: earlier }) });
				continue;
			}
			lineOfEmail.set(email, line);
		}
		const named = cardName(first, last);
		if ('problem' in named) problems.push({ line, text: named.problem });
		else students.push({ displayName: named.name, externalId: null, line });
	}
	if (problems.length > 0) throw new FileRefusal(400, problems);
	return students;
}

const isFalse = (value: string) => value.trim().toLowerCase() === 'false';
const isDeleted = (value: string) => value.trim().toLowerCase() === 'tobedeleted';

/** The students of one OneRoster class: enrolled as students, enabled, not about to be deleted. */
function readOneRoster(
	users: { file: string; table: Table },
	enrollments: { file: string; table: Table },
	chosenClass: string
): RosterStudent[] {
	const enrolled = columnsOf(enrollments.table.header, enrollmentColumns);
	if (enrolled.role < 0) {
		throw wholeFile(
			m.roster_import_enrollments_header({ columns: shownColumns(enrollments.table.header) })
		);
	}
	const studentRows = enrollments.table.rows.filter(
		({ cells }) =>
			(cells[enrolled.role] ?? '').toLowerCase() === 'student' &&
			!(enrolled.status >= 0 && isDeleted(cells[enrolled.status] ?? ''))
	);
	const studentsPerClass = new Map<string, number>();
	for (const { cells } of studentRows) {
		const classId = cells[enrolled.classSourcedId] ?? '';
		if (classId !== '') studentsPerClass.set(classId, (studentsPerClass.get(classId) ?? 0) + 1);
	}
	const classChoices = [...studentsPerClass]
		.map(([id, students]) => ({ id, students }))
		.sort((a, b) => a.id.localeCompare(b.id));
	if (classChoices.length === 0) throw wholeFile(m.roster_import_no_students());
	const listed = classChoices.map((choice) => `“${choice.id}”`).join(', ');
	let classId = chosenClass;
	if (classId === '') {
		if (classChoices.length > 1) {
			throw new ClassChoiceNeeded(
				classChoices,
				m.roster_import_several_classes({ count: classChoices.length, ids: listed })
			);
		}
		classId = classChoices[0]?.id ?? '';
	} else if (!studentsPerClass.has(classId)) {
		throw new ClassChoiceNeeded(
			classChoices,
			m.roster_import_unknown_class({ id: classId, ids: listed })
		);
	}

	const columns = columnsOf(users.table.header, userColumns);
	const userRows = new Map<string, { line: number; cells: string[] }>();
	const userProblems: FileProblems['problems'] = [];
	for (const row of users.table.rows) {
		const id = row.cells[columns.sourcedId] ?? '';
		const earlier = userRows.get(id);
		if (id === '') userProblems.push({ line: row.line, text: m.roster_import_no_sourced_id() });
		else if (earlier) {
			userProblems.push({
				line: row.line,
				text: m.roster_import_duplicate_sourced_id({ other: earlier.line })
			});
		} else userRows.set(id, row);
	}

	const enrollmentProblems: FileProblems['problems'] = [];
	const students: RosterStudent[] = [];
	const seen = new Set<string>();
	for (const { line, cells } of studentRows) {
		if (cells[enrolled.classSourcedId] !== classId) continue;
		const userId = cells[enrolled.userSourcedId] ?? '';
		if (seen.has(userId)) continue;
		seen.add(userId);
		const user = userRows.get(userId);
		if (!user) {
			enrollmentProblems.push({ line, text: m.roster_import_unknown_user({ id: userId }) });
			continue;
		}
		const cell = (column: number) => (column >= 0 ? (user.cells[column] ?? '') : '');
		if (isFalse(cell(columns.enabledUser)) || isDeleted(cell(columns.status))) continue;
		// a 1.1 file that says this person is not a student is believed over an enrollment's role
		const roles = cell(columns.role).toLowerCase();
		if (roles !== '' && !roles.split(/[,\s]+/).includes('student')) continue;
		const named = cardName(
			cell(columns.preferredGivenName) || cell(columns.givenName),
			cell(columns.preferredFamilyName) || cell(columns.familyName)
		);
		if ('problem' in named) userProblems.push({ line: user.line, text: named.problem });
		else students.push({ displayName: named.name, externalId: userId, line: user.line });
	}
	const files: FileProblems[] = [];
	if (userProblems.length > 0) {
		files.push({ file: users.file, problems: userProblems });
	}
	if (enrollmentProblems.length > 0) {
		files.push({ file: enrollments.file, problems: enrollmentProblems });
	}
	if (files.length > 0) throw new SeveralFileProblems(files);
	return students;
}

class ClassChoiceNeeded extends Error {
	constructor(
		readonly classChoices: ClassChoice[],
		readonly text: string
	) {
		super('choose a class');
	}
}

class SeveralFileProblems extends Error {
	constructor(readonly files: FileProblems[]) {
		super('problems');
	}
}

/**
 * Reads an upload: a Google Classroom export, or OneRoster's users.csv and enrollments.csv (in either
 * input). All or nothing: any problem and no student is returned, only every problem with its line.
 */
export function readRosterUpload(input: {
	file: UploadedCsv | null;
	enrollments: UploadedCsv | null;
	classSourcedId: string;
}): RosterReading {
	const given = [input.file, input.enrollments].filter(
		(file): file is UploadedCsv => file !== null
	);
	const refused = (
		files: FileProblems[],
		status: 400 | 413 = 400,
		classChoices: ClassChoice[] = []
	): RosterReading => ({ ok: false, status, files, classChoices });
	if (given.length === 0) {
		return refused([{ file: '', problems: [{ line: null, text: m.roster_import_no_file() }] }]);
	}

	const tables: { file: string; table: Table; kind: FileKind }[] = [];
	const files: FileProblems[] = [];
	let status: 400 | 413 = 400;
	for (const file of given) {
		try {
			const table = readTable(decode(file));
			const kind = kindOf(table.header);
			if (kind === 'unknown') {
				throw wholeFile(m.roster_import_unknown_header({ columns: shownColumns(table.header) }));
			}
			tables.push({ file: file.name, table, kind });
		} catch (error) {
			if (!(error instanceof FileRefusal)) throw error;
			if (error.status === 413) status = 413;
			files.push({ file: file.name, problems: error.problems });
		}
	}
	if (files.length > 0) return refused(files, status);

	const ofKind = (kind: FileKind) => tables.find((table) => table.kind === kind);
	const classroom = ofKind('classroom');
	const users = ofKind('users');
	const enrollments = ofKind('enrollments');
	const whole = (file: string, text: string) =>
		refused([{ file, problems: [{ line: null, text }] }]);
	if (!(classroom && tables.length === 1) && !(users && enrollments)) {
		if (classroom) {
			const other = tables.find((table) => table !== classroom);
			return whole(other?.file ?? '', m.roster_import_two_kinds());
		}
		if (users) return whole(users.file, m.roster_import_needs_enrollments());
		return whole(enrollments?.file ?? '', m.roster_import_needs_users());
	}

	// rows that could not be read are listed with the problems of the rows that could
	const problems: FileProblems[] = tables.map(({ file, table }) => ({
		file,
		problems: table.problems
	}));
	let students: RosterStudent[] = [];
	let classChoices: ClassChoice[] = [];
	try {
		students =
			classroom && tables.length === 1
				? readClassroom(classroom.table)
				: readOneRoster(users!, enrollments!, input.classSourcedId.trim());
	} catch (error) {
		if (error instanceof ClassChoiceNeeded) {
			classChoices = error.classChoices;
			problems.push({
				file: enrollments?.file ?? '',
				problems: [{ line: null, text: error.text }]
			});
		} else if (error instanceof SeveralFileProblems) problems.push(...error.files);
		else if (error instanceof FileRefusal) {
			problems.push({ file: (classroom ?? users)?.file ?? '', problems: error.problems });
		} else throw error;
	}
	const merged = mergeProblems(problems);
	if (merged.length > 0) return refused(merged, 400, classChoices);
	const format: RosterFormat = classroom ? 'classroom' : 'oneroster';
	const first = given[0]?.name ?? '';
	if (students.length === 0) return whole(first, m.roster_import_no_students());
	if (students.length > maxImportStudents) {
		const text = m.roster_import_too_many({ count: students.length, max: maxImportStudents });
		return refused([{ file: first, problems: [{ line: null, text }] }], 413);
	}
	return { ok: true, format, students };
}

/** One entry per file, in the order the files came, each file's problems by line (the whole file's first). */
function mergeProblems(found: FileProblems[]): FileProblems[] {
	const byFile = new Map<string, FileProblems['problems']>();
	for (const { file, problems } of found) {
		if (problems.length > 0) byFile.set(file, [...(byFile.get(file) ?? []), ...problems]);
	}
	return [...byFile].map(([file, problems]) => ({
		file,
		problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
	}));
}

/** What an import did: the cards of the new students and the names of those already in the class. */
export interface ImportResult {
	cards: LoginCard[];
	skipped: string[];
}

/** Names compare as a person reads them: case and spacing aside. */
const sameNameKey = (name: string) =>
	name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Makes accounts and login cards for the students not yet in the class, all in one transaction. A
 * OneRoster student is known by their sourcedId (kept in roster_links), a Classroom one by name.
 */
export async function importRoster(
	db: Database,
	classId: string,
	reading: { format: RosterFormat; students: RosterStudent[] },
	now = new Date()
): Promise<ImportResult> {
	try {
		return await importOnce(db, classId, reading, now);
	} catch (error) {
		// the same export imported twice at once: the other import's links now say who to skip
		if (!isUniqueViolation(error)) throw error;
		return importOnce(db, classId, reading, now);
	}
}

async function importOnce(
	db: Database,
	classId: string,
	reading: { format: RosterFormat; students: RosterStudent[] },
	now: Date
): Promise<ImportResult> {
	const { classMembers, users, rosterLinks } = db.tables;
	const skipped: string[] = [];
	/** accounts linked to an id of the file that are no longer in the class */
	const staleLinkUsers: string[] = [];
	let toCreate: RosterStudent[];
	if (reading.format === 'oneroster') {
		const ids = reading.students.map((student) => student.externalId ?? '');
		// one statement, so a link and whether its account is in the class are read at the same moment
		const links = await db.read
			.select({
				externalId: rosterLinks.externalId,
				userId: rosterLinks.userId,
				memberId: classMembers.userId
			})
			.from(rosterLinks)
			.leftJoin(
				classMembers,
				and(
					eq(classMembers.classId, rosterLinks.classId),
					eq(classMembers.userId, rosterLinks.userId)
				)
			)
			.where(
				and(
					eq(rosterLinks.classId, classId),
					eq(rosterLinks.source, 'oneroster'),
					inArray(rosterLinks.externalId, ids)
				)
			);
		const inClass = new Set(
			links.filter((link) => link.memberId !== null).map((link) => link.externalId)
		);
		staleLinkUsers.push(
			...links.filter((link) => link.memberId === null).map((link) => link.userId)
		);
		toCreate = reading.students.filter((student) => !inClass.has(student.externalId ?? ''));
		skipped.push(
			...reading.students
				.filter((student) => inClass.has(student.externalId ?? ''))
				.map((s) => s.displayName)
		);
	} else {
		const members = await db.read
			.select({ displayName: users.displayName })
			.from(classMembers)
			.innerJoin(users, eq(users.id, classMembers.userId))
			.where(eq(classMembers.classId, classId));
		// two members named Ana Ruiz skip two Ana Ruiz rows; a third is a new student
		const unmatched = new Map<string, number>();
		for (const member of members) {
			const key = sameNameKey(member.displayName);
			unmatched.set(key, (unmatched.get(key) ?? 0) + 1);
		}
		toCreate = [];
		for (const student of reading.students) {
			const key = sameNameKey(student.displayName);
			const left = unmatched.get(key) ?? 0;
			if (left > 0) {
				unmatched.set(key, left - 1);
				skipped.push(student.displayName);
			} else toCreate.push(student);
		}
	}
	if (toCreate.length === 0) return { cards: [], skipped };

	const cards = await addStudentsWithCards(
		db,
		classId,
		toCreate.map((student) => student.displayName),
		now,
		async (tx, created) => {
			const linked = created.flatMap((card, index) => {
				const externalId = toCreate[index]?.externalId;
				return externalId
					? [{ classId, source: 'oneroster', externalId, userId: card.userId }]
					: [];
			});
			if (linked.length === 0) return;
			// a student removed from the class and imported again is a new account: the old link goes
			// (only that one: a link another import just made stays, and this insert then fails)
			if (staleLinkUsers.length > 0) {
				await tx
					.delete(rosterLinks)
					.where(
						and(
							eq(rosterLinks.classId, classId),
							eq(rosterLinks.source, 'oneroster'),
							inArray(rosterLinks.userId, staleLinkUsers)
						)
					);
			}
			await tx.insert(rosterLinks).values(linked);
		}
	);
	return { cards, skipped };
}

/** A file input's value as bytes, or null when no file was chosen (browsers send an empty, unnamed part). */
export async function uploadedCsv(value: FormDataEntryValue | null): Promise<UploadedCsv | null> {
	if (value === null || typeof value === 'string') return null;
	if (value.size === 0 && value.name === '') return null;
	// a name is shown back to the teacher, so only its last part, shortened
	const name = (value.name.split(/[\\/]/).at(-1) ?? '').slice(0, 100) || 'file.csv';
	// past the limit only the size matters: read no more than one byte over it
	const bytes = new Uint8Array(await value.slice(0, maxImportBytes + 1).arrayBuffer());
	return { name, bytes: value.size > maxImportBytes ? padTo(bytes, value.size) : bytes };
}

/** A stand-in of the file's real size for the too-big message, without reading the rest. */
function padTo(bytes: Uint8Array, size: number): Uint8Array {
	const padded = new Uint8Array(size);
	padded.set(bytes);
	return padded;
}

/** The problems as the page lists them, "line 7: no first or last name", at most maxProblemsShown in all. */
export function problemsForPage(files: FileProblems[]): {
	files: { file: string; lines: string[] }[];
	more: number;
} {
	let room = maxProblemsShown;
	let more = 0;
	const shown = files.map(({ file, problems }) => {
		const lines = problems
			.slice(0, Math.max(room, 0))
			.map(({ line, text }) =>
				line === null ? text : m.roster_import_line({ line, problem: text })
			);
		more += problems.length - lines.length;
		room -= lines.length;
		return { file, lines };
	});
	return { files: shown.filter((file) => file.lines.length > 0), more };
}
