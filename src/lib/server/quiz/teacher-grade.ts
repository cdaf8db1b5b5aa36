import { showDate } from '../../dates';
import { rubricOf, type Question } from '../../quiz/registry';
import type { Reveal, TeacherGrade } from '../../quiz/feedback';

/** A stored response with its teacher's grade columns (left-joined, so null when not scored). */
export interface GradedColumns {
	earned: number | null;
	possible: number;
	level: number | null;
	comment: string | null;
	gradedAt: Date | null;
}

/** The teacher's score of one written response, as the student sees it (dated in `zone`); null until there is one. */
export function teacherGradeOf(
	question: Question,
	row: GradedColumns,
	zone: string
): TeacherGrade | null {
	const rubric = rubricOf(question);
	if (rubric === null || row.level === null || row.gradedAt === null) return null;
	const level = row.level;
	return {
		level,
		label: rubric.find((r) => r.level === level)?.label ?? '',
		comment: row.comment,
		scored: showDate(row.gradedAt, zone, 'date'),
		earned: row.earned ?? 0,
		possible: row.possible
	};
}

/** The reveal of the student's own answer, with its teacher's score when there is one. */
export function withTeacherGrade(
	reveal: Reveal,
	question: Question,
	row: GradedColumns,
	zone: string
): Reveal {
	const teacherGrade = teacherGradeOf(question, row, zone);
	return teacherGrade ? { ...reveal, teacherGrade } : reveal;
}
