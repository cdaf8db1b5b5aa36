import { getLocale, m, type Locale } from '../../i18n';
import { answerText } from '../../quiz/summary';
import { classWorkAnswers } from '../answers/read-model';
import type { Content } from '../content/build';
import { toCsv, type CsvCell } from '../csv';
import type { Database } from '../db/database';
import { classMembersOf } from './classes';
import { buildGrid, byStudentName, loadClassData, type Lateness } from './dashboard';

/** A download name from the class name: ASCII letters, digits and dashes only, so no header can break. */
export function exportFilename(className: string, kind: 'grades' | 'responses'): string {
	const slug = className
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `evidencia-${slug || 'class'}-${kind}.csv`;
}

/** The words in a CSV's cells, in the export's language. */
const lateText = (late: Exclude<Lateness, null>, locale: Locale) =>
	late === 'late' ? m.export_late_late({}, { locale }) : m.export_late_done_late({}, { locale });

const basisText = (basis: 'quiz' | 'practice', locale: Locale) =>
	basis === 'quiz' ? m.export_basis_quiz({}, { locale }) : m.export_basis_practice({}, { locale });

const sourceText = (mode: string, locale: Locale) =>
	mode === 'quiz' || mode === 'practice'
		? basisText(mode, locale)
		: mode === 'live'
			? m.export_mode_live({}, { locale })
			: mode;

const yesNo = (value: boolean, locale: Locale) =>
	value ? m.export_yes({}, { locale }) : m.export_no({}, { locale });

/** The language an export's ?lang= asks for: the request's when absent, null when it names no language. */
export function exportLocale(
	lang: string | null,
	requestLocale: Locale = getLocale()
): Locale | null {
	if (lang === null || lang === '') return requestLocale;
	return lang === 'en' || lang === 'es' ? lang : null;
}

// spreadsheets sum these, so marks stay numbers, trimmed of float noise
const mark = (value: number) => Math.round(value * 1000) / 1000;

/**
 * One row per student (by name): totals, then for each lesson in order its completion %, score %, what the
 * score is from (quiz: the submitted attempt the quiz's grading method counts; practice: first answers),
 * how many quiz attempts were submitted, written answers waiting, and lateness.
 */
export async function gradesCsv(
	db: Database,
	content: Content,
	classId: string,
	now = new Date(),
	locale: Locale = getLocale()
): Promise<string> {
	const grid = buildGrid(content, await loadClassData(db, content, classId), now);
	const to = { locale };
	const header = [
		m.export_name({}, to),
		m.export_username({}, to),
		m.export_lessons_complete({}, to),
		m.export_mean_score({}, to)
	];
	for (const column of grid.columns) {
		const lesson = m.export_lesson({ number: column.number, title: column.title }, to);
		header.push(
			m.export_completion({ lesson }, to),
			m.export_score({ lesson }, to),
			m.export_score_from({ lesson }, to),
			m.export_attempts({ lesson }, to),
			m.export_written_to_score({ lesson }, to),
			m.export_late({ lesson }, to)
		);
	}
	const rows = grid.rows.map((row) => [
		row.student.displayName,
		row.student.username,
		row.lessonsComplete,
		row.meanScore,
		...row.cells.flatMap((cell): CsvCell[] => [
			cell.percent,
			cell.score?.percent ?? null,
			cell.score ? basisText(cell.score.basis, locale) : null,
			cell.score?.attempts ?? null,
			cell.score?.pending ?? null,
			cell.late ? lateText(cell.late, locale) : null
		])
	]);
	return toCsv(header, rows);
}

/** The responses export's columns, in the export's language. */
export function responsesHeader(locale: Locale = getLocale()): string[] {
	const to = { locale };
	return [
		m.export_name({}, to),
		m.export_username({}, to),
		m.export_lesson_col({}, to),
		m.export_question_id({}, to),
		m.export_question({}, to),
		m.export_answer({}, to),
		m.export_status({}, to),
		m.export_earned({}, to),
		m.export_possible({}, to),
		m.export_correct({}, to),
		m.export_answered_at({}, to),
		m.export_source({}, to),
		m.export_first_answer({}, to),
		m.export_teacher_level({}, to),
		m.export_teacher_comment({}, to)
	];
}

/**
 * Every answer the class's students gave in this class's work (practice and quiz for its assignments and its
 * live sessions, see classWork; review sittings are their own), with where each was given, student by student
 * in name order, oldest first; two queries for the whole class. "First answer" is the student's first to the
 * question from any source. An answer that no longer fits its question is left out (logged).
 */
export async function responsesCsv(
	db: Database,
	content: Content,
	classId: string,
	locale: Locale = getLocale()
): Promise<string> {
	const members = (await classMembersOf(db, classId)).sort(byStudentName);
	if (members.length === 0) return toCsv(responsesHeader(locale), []);
	const rows = await classWorkAnswers(
		db,
		content,
		classId,
		members.map((member) => member.id)
	);

	const order = new Map(members.map((member, index) => [member.id, index]));
	// a quiz's answers share one time: they follow the lesson's question order
	const position = new Map(
		[...content.lessons.values()].flatMap((lesson) =>
			lesson.questions.map((question, index) => [question.id, index] as const)
		)
	);
	const sorted = [...rows].sort(
		(a, b) =>
			(order.get(a.userId) ?? 0) - (order.get(b.userId) ?? 0) ||
			a.answeredAt.getTime() - b.answeredAt.getTime() ||
			(position.get(a.questionId) ?? 0) - (position.get(b.questionId) ?? 0)
	);
	const records = sorted.map((row): CsvCell[] => {
		const member = members[order.get(row.userId) ?? 0];
		return [
			member?.displayName,
			member?.username,
			content.lessons.get(row.lessonSlug)?.title ?? row.lessonSlug,
			row.questionId,
			row.question.prompt,
			answerText(row.question, row.answer),
			row.status === 'scored'
				? m.export_status_scored({}, { locale })
				: m.export_status_waiting({}, { locale }),
			row.earned === null ? null : mark(row.earned),
			mark(row.possible),
			row.correct === null ? null : yesNo(row.correct, locale),
			row.answeredAt.toISOString(),
			sourceText(row.mode, locale),
			yesNo(row.firstIn.has('all'), locale),
			row.level,
			row.comment
		];
	});
	return toCsv(responsesHeader(locale), records);
}
