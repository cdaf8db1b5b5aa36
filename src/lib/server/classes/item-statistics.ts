import { m } from '../../i18n';
import type { ResolvedEvidence } from '../../quiz/feedback';
import type { QuestionType } from '../../quiz/registry';
import { optionCounts, type OptionCount } from '../../quiz/summary';
import {
	firstAnswersForStatistics,
	type FirstAnswer,
	type FirstAnswers,
	type SourceFilter
} from '../answers/read-model';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { scoreClassIds } from '../../quiz/score-classes';
import { answerKeyText } from '../quiz/key';
import { resolveEvidence } from '../quiz/reveal';
import { classMembersOf } from './classes';
import { itemStatistics, type StudentScores } from './statistics';

/**
 * Question statistics for a class (facility, SD, discrimination and option bars) over each student's first
 * answer (statisticsRule), and the questions the class found hardest. The dashboard and live sessions use them.
 */

export interface QuestionStatistics {
	questionId: string;
	lessonSlug: string;
	lessonNumber: number;
	lessonTitle: string;
	/** quiz: the end-of-lesson quiz; check: an inline check in the lesson's prose */
	kind: 'quiz' | 'check';
	/** "Quiz question 3" or "Check 1" */
	label: string;
	type: QuestionType;
	prompt: string;
	/** scored first answers: the figures below are over these */
	responses: number;
	/** first answers still waiting for a teacher (written), left out of the figures */
	pending: number;
	/** 0…100; null with no scored answers */
	facility: number | null;
	/** of the 0…1 item scores; null with fewer than two */
	sd: number | null;
	/** −100…100; null when it cannot be worked out (fewer than two answers, or no spread) */
	discrimination: number | null;
	/** one bar per option (or per outcome), over every first answer including those waiting */
	options: OptionCount[];
	/** the right answer in words (a model answer for written questions) */
	correctAnswer: string;
	evidence: ResolvedEvidence[];
}

export interface LessonStatistics {
	slug: string;
	number: number;
	title: string;
	/** first answers from this many students */
	students: number;
	questions: QuestionStatistics[];
}

/**
 * Pure: Moodle's item analysis over each student's first answer. Quiz questions are analysed against the
 * rest of the quiz; an inline check against the whole quiz (it is not part of the quiz's total), so both
 * read as "do the students who do well on the quiz get this right?".
 */
export function buildQuestionStatistics(
	content: Content,
	data: { members: { id: string }[]; firstAnswers: FirstAnswers }
): LessonStatistics[] {
	return content.lessonsInOrder
		.filter((lesson) => lesson.questions.length > 0)
		.map((lesson): LessonStatistics => {
			const answersOf = data.members.flatMap((member) => {
				const answers = data.firstAnswers.get(member.id);
				return answers && lesson.questions.some((q) => answers.has(q.id))
					? [{ studentId: member.id, answers }]
					: [];
			});
			const rows: StudentScores[] = answersOf.map(({ studentId, answers }) => ({
				studentId,
				scores: new Map(
					lesson.questions.flatMap((question) => {
						const score = answers.get(question.id)?.score;
						return score === undefined || score === null ? [] : [[question.id, score] as const];
					})
				)
			}));
			const quizFigures = new Map(
				itemStatistics(rows, lesson.quizIds).map((item) => [item.questionId, item])
			);
			const figuresOf = (questionId: string) =>
				quizFigures.get(questionId) ?? itemStatistics(rows, [questionId, ...lesson.quizIds])[0];
			const questions = [
				...lesson.quizIds.map((id, index) => ({ id, kind: 'quiz' as const, n: index + 1 })),
				...lesson.checkIds.map((id, index) => ({ id, kind: 'check' as const, n: index + 1 }))
			].flatMap(({ id, kind, n }): QuestionStatistics[] => {
				const question = lesson.questions.find((q) => q.id === id);
				if (!question) return [];
				const figures = figuresOf(id);
				const given = answersOf.flatMap(({ answers }) => {
					const answer = answers.get(id);
					return answer ? [answer] : [];
				});
				return [
					{
						questionId: id,
						lessonSlug: lesson.slug,
						lessonNumber: lesson.number,
						lessonTitle: lesson.title,
						kind,
						label: kind === 'quiz' ? m.questions_label_quiz({ n }) : m.questions_label_check({ n }),
						type: question.type,
						prompt: question.prompt,
						responses: figures?.responses ?? 0,
						pending: given.filter((answer) => answer.score === null).length,
						facility: figures?.facility ?? null,
						sd: figures?.sd ?? null,
						discrimination: figures?.discrimination ?? null,
						options: countOptions(question, given),
						correctAnswer: answerKeyText(question),
						evidence: resolveEvidence(question.evidence, lesson.sourceId, content)
					}
				];
			});
			return {
				slug: lesson.slug,
				number: lesson.number,
				title: lesson.title,
				students: answersOf.length,
				questions
			};
		});
}

/** Bars for the chart, over answers already parsed against today's question. */
function countOptions(question: FirstAnswer['question'], answers: FirstAnswer[]): OptionCount[] {
	return optionCounts(
		question,
		answers.map((answer) => ({ answer: answer.answer, earned: answer.score }))
	);
}

export async function questionStatistics(
	db: Database,
	content: Content,
	classId: string,
	/** the class's members, when the caller has them already */
	known?: { id: string }[],
	/** whose answers count: practice, quiz, live review, or all of them */
	source: SourceFilter = 'all'
): Promise<LessonStatistics[]> {
	const members = known ?? (await classMembersOf(db, classId));
	const firstAnswers = await firstAnswersForStatistics(
		db,
		content,
		classId,
		members.map((member) => member.id),
		source
	);
	return buildQuestionStatistics(content, { members, firstAnswers });
}

/** Below this many scored answers a correlation swings on one student: the page says so instead of a number. */
export const minAnswersForDiscrimination = 10;

export type DiscriminationVerdict =
	| { kind: 'too-few' | 'no-spread'; text: string }
	| { kind: 'good' | 'weak' | 'negative'; value: number; text: string };

/** Pure: what the page says of a question's discrimination, and whether it shows the number at all. */
export function discriminationVerdict(
	question: Pick<QuestionStatistics, 'responses' | 'discrimination'>
): DiscriminationVerdict {
	const { responses, discrimination: value } = question;
	if (responses < minAnswersForDiscrimination)
		return {
			kind: 'too-few',
			text: m.questions_verdict_too_few_text({
				needed: minAnswersForDiscrimination,
				has: responses
			})
		};
	if (value === null)
		return {
			kind: 'no-spread',
			text: m.questions_verdict_no_spread_text()
		};
	if (value >= 30)
		return {
			kind: 'good',
			value,
			text: m.questions_verdict_good_text()
		};
	if (value >= 0)
		return {
			kind: 'weak',
			value,
			text: m.questions_verdict_weak_text()
		};
	return {
		kind: 'negative',
		value,
		text: m.questions_verdict_negative_text()
	};
}

/**
 * Pure: the wrong option chosen most often; 'none' when nobody chose a wrong one; null for a question whose
 * bars say how answers scored (an order, a number, a text) rather than which option was chosen.
 */
export function mostChosenWrong(
	options: OptionCount[]
): { label: string; count: number } | 'none' | null {
	const choices = options.filter((option) => !scoreClassIds.has(option.id));
	if (choices.length === 0) return null;
	const [top] = choices
		.filter((option) => !option.correct && option.count > 0)
		.sort((a, b) => b.count - a.count);
	return top ? { label: top.label, count: top.count } : 'none';
}

/** The questions the class found hardest: lowest facility first, more responses first on a tie. */
export function mostMissed(stats: LessonStatistics[], n = 5): QuestionStatistics[] {
	return stats
		.flatMap((lesson) => lesson.questions)
		.filter((question) => question.responses >= 1 && question.facility !== null)
		.sort(
			(a, b) =>
				(a.facility ?? 0) - (b.facility ?? 0) ||
				b.responses - a.responses ||
				a.lessonNumber - b.lessonNumber
		)
		.slice(0, n);
}
