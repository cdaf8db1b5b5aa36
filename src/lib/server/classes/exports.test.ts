import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachEngine } from '../db/testing';
import { createAssignment } from './assignments';
import { addMember, createClass } from './classes';
import { exportFilename, exportLocale, gradesCsv, responsesCsv, responsesHeader } from './exports';
import { newSession } from '../live/test-live';
import { content, newUser, readSections, sit } from './test-class';

/** A strict RFC 4180 reader: CRLF ends every record; a quoted field may hold commas, CR, LF and "" quotes. */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (char === '"' && field === '') {
			for (index++; ; index++) {
				if (index >= text.length) throw new Error('unclosed quote');
				if (text[index] === '"') {
					if (text[index + 1] !== '"') break;
					index++;
				}
				field += text[index];
			}
			index++;
			if (index < text.length && text[index] !== ',' && !text.startsWith('\r\n', index)) {
				throw new Error(`text after a closing quote at ${index}`);
			}
		} else if (char === ',') {
			record.push(field);
			field = '';
			index++;
		} else if (text.startsWith('\r\n', index)) {
			records.push([...record, field]);
			record = [];
			field = '';
			index += 2;
		} else {
			if (char === '\r' || char === '\n' || char === '"')
				throw new Error(`${JSON.stringify(char)} outside quotes at ${index}`);
			field += char;
			index++;
		}
	}
	if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
	return records;
}

/** Records as objects keyed by the header row; the byte order mark must come first. */
function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
	expect(text.startsWith('\uFEFF')).toBe(true);
	const [header = [], ...rows] = parseCsv(text.slice(1));
	for (const row of rows) expect(row).toHaveLength(header.length);
	return {
		header,
		rows: rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])))
	};
}

const tricky = 'Ana "Nina" López, Jr.';
const day = (n: number, hour = 9) => new Date(Date.UTC(2025, 2, n, hour));

describe('parseCsv (the test’s own reader)', () => {
	it('reads quoted commas, doubled quotes and line breaks, and refuses bare ones', () => {
		expect(parseCsv('a,"b, ""c""\r\nd"\r\n')).toEqual([['a', 'b, "c"\r\nd']]);
		expect(() => parseCsv('a\nb\r\n')).toThrow();
		expect(() => parseCsv('a,"b\r\n')).toThrow();
	});
});

describe('export file names', () => {
	it('keeps only ASCII letters, digits and dashes', () => {
		expect(exportFilename('Période 3: "Civics", 2025/26', 'grades')).toBe(
			'evidencia-periode-3-civics-2025-26-grades.csv'
		);
		expect(exportFilename('¿¡!?', 'responses')).toBe('evidencia-class-responses.csv');
	});
});

describe('export language (?lang=)', () => {
	it('is the request’s without lang, en or es when asked, and none for anything else', () => {
		expect(exportLocale(null, 'es')).toBe('es');
		expect(exportLocale('', 'en')).toBe('en');
		expect(exportLocale('en', 'es')).toBe('en');
		expect(exportLocale('es', 'en')).toBe('es');
		for (const bad of ['fr', 'ES', 'es-MX', 'english']) expect(exportLocale(bad, 'en')).toBeNull();
	});
});

describeOnEachEngine('class CSV exports', (getDb) => {
	let classId = '';
	let ids: { ana: string; ben: string; formula: string } = { ana: '', ben: '', formula: '' };

	beforeAll(async () => {
		const db = getDb();
		const teacher = await newUser(db, 'Teacher', 'teacher');
		const klass = await createClass(db, teacher, 'Period 4');
		classId = klass.id;
		ids = {
			ana: await newUser(db, tricky),
			ben: await newUser(db, 'Ben'),
			formula: await newUser(db, '=HYPERLINK("http://evil.example","x")')
		};
		for (const id of Object.values(ids)) await addMember(db, classId, id, day(1));
		const outsider = await newUser(db, 'Not in the class');
		await createAssignment(db, {
			classId,
			lessonSlug: 'alpha',
			behaviour: 'quiz',
			dueAt: day(10, 17)
		});
		// Ben's practice counts for it: only work for the class's assignments is the class's
		await createAssignment(db, { classId, lessonSlug: 'beta', behaviour: 'quiz', dueAt: null });

		await readSections(db, ids.ana, 'alpha', ['one', 'two'], day(2));
		await sit(db, {
			userId: ids.ana,
			lessonSlug: 'alpha',
			mode: 'practice',
			at: day(2, 10),
			answers: [{ questionId: 'a-check', answer: false, earned: 0 }]
		});
		const quiz = await sit(db, {
			userId: ids.ana,
			lessonSlug: 'alpha',
			mode: 'quiz',
			at: day(11),
			answers: [
				{ questionId: 'a-choice', answer: 'a', earned: 1 },
				{ questionId: 'a-tf', answer: true, earned: 0 },
				{ questionId: 'a-written', answer: 'It says, "no".\nThen it denies it.', earned: 0.5 }
			]
		});
		await db.write((tx) =>
			tx.insert(db.tables.responseGrades).values({
				responseId: quiz.responseIds[2] as string,
				level: 2,
				comment: 'Good, but cite "p01", please.\nSee me.',
				gradedBy: teacher,
				gradedAt: day(12)
			})
		);
		await sit(db, {
			userId: ids.ana,
			lessonSlug: 'alpha',
			mode: 'review',
			at: day(12),
			answers: [{ questionId: 'a-tf', answer: false, earned: 1 }]
		});
		await sit(db, {
			userId: ids.ben,
			lessonSlug: 'beta',
			mode: 'practice',
			at: day(3),
			answers: [{ questionId: 'b-tf', answer: true, earned: 1 }]
		});
		// the class's live review: Ben's answer counts, with its source; Ana's in an open session does not
		const review = { kind: 'lesson' as const, lessonSlug: 'beta' };
		const live = await newSession(db, content, { teacherId: teacher, classId, source: review });
		const open = await newSession(db, content, {
			teacherId: teacher,
			classId: null,
			source: review
		});
		await sit(db, {
			userId: ids.ben,
			lessonSlug: 'beta',
			mode: 'live',
			at: day(4),
			liveSessionId: live.id,
			answers: [{ questionId: 'b-tf', answer: false, earned: 0 }]
		});
		await sit(db, {
			userId: ids.ana,
			lessonSlug: 'beta',
			mode: 'live',
			at: day(4),
			liveSessionId: open.id,
			answers: [{ questionId: 'b-tf', answer: true, earned: 1 }]
		});
		await sit(db, {
			userId: outsider,
			lessonSlug: 'beta',
			mode: 'practice',
			at: day(3),
			answers: [{ questionId: 'b-tf', answer: false, earned: 0 }]
		});
	});

	it('exports grades: one row per student, a name with a comma and quotes intact', async () => {
		const { header, rows } = readCsv(await gradesCsv(getDb(), content, classId, day(12)));

		expect(header).toEqual([
			'Name',
			'Username',
			'Lessons complete',
			'Mean score %',
			'Lesson 1 (Alpha, the first): completion %',
			'Lesson 1 (Alpha, the first): score %',
			'Lesson 1 (Alpha, the first): score from',
			'Lesson 1 (Alpha, the first): attempts',
			'Lesson 1 (Alpha, the first): written answers to score',
			'Lesson 1 (Alpha, the first): late',
			'Lesson 2 (Beta): completion %',
			'Lesson 2 (Beta): score %',
			'Lesson 2 (Beta): score from',
			'Lesson 2 (Beta): attempts',
			'Lesson 2 (Beta): written answers to score',
			'Lesson 2 (Beta): late'
		]);
		// a name a spreadsheet would run as a formula gets a leading ' (src/lib/server/csv.ts)
		expect(rows.map((row) => row.Name)).toEqual([
			'\'=HYPERLINK("http://evil.example","x")',
			tricky,
			'Ben'
		]);
		const ana = rows[1] ?? {};
		expect(ana).toMatchObject({
			'Lessons complete': '1',
			'Mean score %': '50',
			'Lesson 1 (Alpha, the first): completion %': '100',
			// the graded written answer counts: (1 + 0 + 0.5) / 3
			'Lesson 1 (Alpha, the first): score %': '50',
			'Lesson 1 (Alpha, the first): score from': 'quiz',
			'Lesson 1 (Alpha, the first): attempts': '1',
			'Lesson 1 (Alpha, the first): written answers to score': '0',
			'Lesson 1 (Alpha, the first): late': 'done late',
			'Lesson 2 (Beta): completion %': '0',
			'Lesson 2 (Beta): score %': '',
			'Lesson 2 (Beta): late': ''
		});
		expect(rows[2]).toMatchObject({
			'Lesson 1 (Alpha, the first): late': 'late',
			'Lesson 2 (Beta): score %': '100',
			'Lesson 2 (Beta): score from': 'practice',
			'Lesson 2 (Beta): attempts': '0'
		});
	});

	it('exports the score of the attempt the grading method counts, and the number of attempts', async () => {
		const db = getDb();
		const klass = await createClass(db, await newUser(db, 'T', 'teacher'), 'Last counts');
		const kim = await newUser(db, 'Kim');
		await addMember(db, klass.id, kim, day(1));
		await createAssignment(db, {
			classId: klass.id,
			lessonSlug: 'alpha',
			behaviour: 'quiz',
			dueAt: null,
			policy: { attemptsAllowed: 2, gradingMethod: 'last' }
		});
		for (const [n, choice] of [
			[2, 'a'],
			[3, 'b']
		] as const) {
			await sit(db, {
				userId: kim,
				lessonSlug: 'alpha',
				mode: 'quiz',
				at: day(n),
				answers: [
					{ questionId: 'a-choice', answer: choice, earned: choice === 'a' ? 1 : 0 },
					{ questionId: 'a-tf', answer: false, earned: 1 }
				]
			});
		}

		const { rows } = readCsv(await gradesCsv(db, content, klass.id, day(12)));
		expect(rows[0]).toMatchObject({
			Name: 'Kim',
			'Lesson 1 (Alpha, the first): score %': '50',
			'Lesson 1 (Alpha, the first): score from': 'quiz',
			'Lesson 1 (Alpha, the first): attempts': '2'
		});
	});

	it('exports every lesson answer of the class’s students, oldest first, in words', async () => {
		const { header, rows } = readCsv(await responsesCsv(getDb(), content, classId));

		expect(header).toEqual(responsesHeader('en'));
		expect(
			rows.map((row) => [row.Name, row['Question id'], row.Source, row['First answer']])
		).toEqual([
			[tricky, 'a-check', 'practice', 'yes'],
			[tricky, 'a-choice', 'quiz', 'yes'],
			[tricky, 'a-tf', 'quiz', 'yes'],
			[tricky, 'a-written', 'quiz', 'yes'],
			['Ben', 'b-tf', 'practice', 'yes'],
			['Ben', 'b-tf', 'live', 'no']
		]);
		expect(rows[5]).toMatchObject({
			Lesson: 'Beta',
			Answer: 'False',
			Earned: '0',
			Correct: 'no',
			'Answered at': '2025-03-04T09:00:00.000Z'
		});
		expect(rows[1]).toMatchObject({
			Lesson: 'Alpha, the first',
			Question: 'How many out of 10 expected no justice?',
			Answer: 'Seven',
			Status: 'scored',
			Earned: '1',
			Possible: '1',
			Correct: 'yes',
			'Answered at': '2025-03-11T09:00:00.000Z',
			'First answer': 'yes',
			'Teacher level': '',
			'Teacher comment': ''
		});
		expect(rows[2]).toMatchObject({ Answer: 'True', Correct: 'no', Earned: '0' });
		expect(rows[3]).toMatchObject({
			Answer: 'It says, "no".\nThen it denies it.',
			Earned: '0.5',
			'Teacher level': '2',
			'Teacher comment': 'Good, but cite "p01", please.\nSee me.'
		});
	});

	it('exports grades in Spanish: Spanish headers and words, the same numbers and names', async () => {
		const english = parseCsv((await gradesCsv(getDb(), content, classId, day(12), 'en')).slice(1));
		const spanish = parseCsv((await gradesCsv(getDb(), content, classId, day(12), 'es')).slice(1));

		expect(spanish[0]?.slice(0, 10)).toEqual([
			'Nombre',
			'Usuario',
			'Lecciones completadas',
			'Puntuación media %',
			'Lección 1 (Alpha, the first): % completado',
			'Lección 1 (Alpha, the first): puntuación %',
			'Lección 1 (Alpha, the first): puntuación de',
			'Lección 1 (Alpha, the first): intentos',
			'Lección 1 (Alpha, the first): respuestas escritas por calificar',
			'Lección 1 (Alpha, the first): con retraso'
		]);
		expect(spanish).toHaveLength(english.length);
		const words: Record<string, string> = {
			quiz: 'cuestionario',
			practice: 'práctica',
			late: 'con retraso',
			'done late': 'terminada con retraso'
		};
		// the same cells, a word put in Spanish where English has one
		expect(spanish.slice(1)).toEqual(
			english.slice(1).map((row) => row.map((cell) => words[cell] ?? cell))
		);
		expect(spanish[2]).toContain('terminada con retraso');
	});

	it('exports responses in Spanish: same ids, answers and times; Spanish headers and status words', async () => {
		const english = readCsv(await responsesCsv(getDb(), content, classId, 'en'));
		const spanish = readCsv(await responsesCsv(getDb(), content, classId, 'es'));

		expect(spanish.header).toEqual(responsesHeader('es'));
		expect(spanish.header).toEqual([
			'Nombre',
			'Usuario',
			'Lección',
			'Id de la pregunta',
			'Pregunta',
			'Respuesta',
			'Estado',
			'Obtenido',
			'Posible',
			'Correcta',
			'Respondida el',
			'Origen',
			'Primera respuesta',
			'Nivel del docente',
			'Comentario del docente'
		]);
		const same = (
			rows: Record<string, string>[],
			[name, id, answer, earned, at, comment]: string[]
		) =>
			rows.map((row) => [
				row[name!],
				row[id!],
				row[answer!],
				row[earned!],
				row[at!],
				row[comment!]
			]);
		expect(
			same(spanish.rows, [
				'Nombre',
				'Id de la pregunta',
				'Respuesta',
				'Obtenido',
				'Respondida el',
				'Comentario del docente'
			])
		).toEqual(
			same(english.rows, [
				'Name',
				'Question id',
				'Answer',
				'Earned',
				'Answered at',
				'Teacher comment'
			])
		);
		expect(
			spanish.rows.map((row) => [row.Origen, row['Primera respuesta'], row.Correcta, row.Estado])
		).toEqual([
			['práctica', 'sí', 'no', 'calificada'],
			['cuestionario', 'sí', 'sí', 'calificada'],
			['cuestionario', 'sí', 'no', 'calificada'],
			['cuestionario', 'sí', 'no', 'calificada'],
			['práctica', 'sí', 'sí', 'calificada'],
			['en vivo', 'no', 'no', 'calificada']
		]);
	});

	it('exports headers only for a class without students', async () => {
		const db = getDb();
		const empty = await createClass(db, await newUser(db, 'T', 'teacher'), 'Empty');

		expect(parseCsv((await responsesCsv(db, content, empty.id)).slice(1))).toEqual([
			responsesHeader('en')
		]);
		expect(parseCsv((await gradesCsv(db, content, empty.id)).slice(1))).toHaveLength(1);
	});
});
