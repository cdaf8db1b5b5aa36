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

const lateText: Record<Exclude<Lateness, null>, string> = {
	late: 'late',
	'done-late': 'done late'
};

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
	now = new Date()
): Promise<string> {
	const grid = buildGrid(content, await loadClassData(db, content, classId), now);
	const header = ['Name', 'Username', 'Lessons complete', 'Mean score %'];
	for (const column of grid.columns) {
		const lesson = `Lesson ${column.number} (${column.title})`;
		header.push(
			`${lesson}: completion %`,
			`${lesson}: score %`,
			`${lesson}: score from`,
			`${lesson}: attempts`,
			`${lesson}: written answers to score`,
			`${lesson}: late`
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
			cell.score?.basis ?? null,
			cell.score?.attempts ?? null,
			cell.score?.pending ?? null,
			cell.late ? lateText[cell.late] : null
		])
	]);
	return toCsv(header, rows);
}

export const responsesHeader = [
	'Name',
	'Username',
	'Lesson',
	'Question id',
	'Question',
	'Answer',
	'Status',
	'Earned',
	'Possible',
	'Correct',
	'Answered at',
	'Source',
	'First answer',
	'Teacher level',
	'Teacher comment'
];

/**
 * Every answer the class's students gave in this class's work (practice and quiz for its assignments and its
 * live sessions, see classWork; review sittings are their own), with where each was given, student by student
 * in name order, oldest first; two queries for the whole class. "First answer" is the student's first to the
 * question from any source. An answer that no longer fits its question is left out (logged).
 */
export async function responsesCsv(
	db: Database,
	content: Content,
	classId: string
): Promise<string> {
	const members = (await classMembersOf(db, classId)).sort(byStudentName);
	if (members.length === 0) return toCsv(responsesHeader, []);
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
			row.status === 'scored' ? 'scored' : 'waiting for the teacher',
			row.earned === null ? null : mark(row.earned),
			mark(row.possible),
			row.correct === null ? null : row.correct ? 'yes' : 'no',
			row.answeredAt.toISOString(),
			row.mode,
			row.firstIn.has('all') ? 'yes' : 'no',
			row.level,
			row.comment
		];
	});
	return toCsv(responsesHeader, records);
}
