import type { ShownDate } from '../dates';
import type { QuestionItem } from './item';
import type { Score } from './types';

/** A piece of evidence as the feedback box shows it. */
export type ResolvedEvidence =
	| {
			kind: 'paragraph';
			sourceId: string;
			paragraph: string;
			/** the paragraph split around the quoted span, so the page can highlight it without HTML */
			before: string;
			quoted: string | null;
			after: string;
			/** the whole paragraph in the reader's language, shown beside the English, never instead of it */
			translation?: string;
	  }
	| { kind: 'fact'; id: string; title: string; sources: string[] };

/** A teacher's rubric score for a written answer, shown only with the student's own answer it scores. */
export interface TeacherGrade {
	level: number;
	label: string;
	comment: string | null;
	/** when it was scored, as the server shows it in the reader's zone */
	scored: ShownDate;
	earned: number;
	possible: number;
}

/** Everything a student sees after answering: only ever built for a question they have submitted. */
export interface Reveal {
	questionId: string;
	score: Score;
	explanation: string;
	evidence: ResolvedEvidence[];
	/** a written answer's score from the teacher, once they have scored it */
	teacherGrade?: TeacherGrade | null;
}

/** A question as a page renders it: the public projection, the student's answer, and (once answered) the reveal. */
export interface QuestionState {
	item: QuestionItem;
	reveal: Reveal | null;
}

/** How an answer came out, as the feedback box and the review strip mark it (a teacher's level, once scored). */
export type RevealTone = 'correct' | 'partial' | 'incorrect' | 'pending';

/** Pure: the tone of a reveal: a teacher's level 3 is right, 1–2 partly; otherwise the score decides. */
export function revealTone(reveal: Pick<Reveal, 'score' | 'teacherGrade'>): RevealTone {
	const grade = reveal.teacherGrade ?? null;
	if (grade) return grade.level === 3 ? 'correct' : grade.level > 0 ? 'partial' : 'incorrect';
	const { score } = reveal;
	if (score.status === 'pending-review') return 'pending';
	if (score.correct) return 'correct';
	return score.earned > 0 ? 'partial' : 'incorrect';
}
