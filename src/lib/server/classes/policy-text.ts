import { m } from '../../i18n';
import type { AnswerRelease, GradingMethod } from '../db/enums';
import type { QuizPolicy } from './quiz-policy';

/** The choices of the quiz-settings form, in the words a teacher picks them by (the request's language). */
export const answerReleaseChoices = (): Record<AnswerRelease, string> => ({
	immediately: m.assign_release_immediately(),
	'after-due': m.assign_release_after_due(),
	'on-release': m.assign_release_on_release(),
	never: m.assign_release_never()
});

/** Moodle's grading methods, as the form and the gradebook name them. */
export const gradingMethodChoices = (): Record<GradingMethod, string> => ({
	best: m.assign_method_best(),
	first: m.assign_method_first(),
	last: m.assign_method_last()
});

/** "Counts the best attempt": which attempt the gradebook counts, as a phrase of the policy. */
const countsText = (method: GradingMethod): string =>
	method === 'best'
		? m.assign_policy_counts_best()
		: method === 'first'
			? m.assign_policy_counts_first()
			: m.assign_policy_counts_last();

export function attemptsText(attemptsAllowed: number | null): string {
	return attemptsAllowed === null
		? m.assign_attempts_unlimited()
		: m.assign_attempts({ count: attemptsAllowed });
}

/**
 * Pure: an assignment's policy as short phrases for the assignments table and the drill-down, e.g.
 * "1 attempt", "Answers after the due date", "Score shown at once", "20-minute time limit".
 * `released` is the release date already formatted in the class's zone.
 */
export function policyInWords(
	policy: Pick<
		QuizPolicy,
		| 'behaviour'
		| 'attemptsAllowed'
		| 'answersShown'
		| 'scoreShown'
		| 'timeLimitMinutes'
		| 'gradingMethod'
		| 'dueAt'
	>,
	released: string | null = null
): string[] {
	if (policy.behaviour === 'practice') {
		return [m.assign_policy_practice_tries(), m.assign_policy_practice_feedback()];
	}
	const words = [attemptsText(policy.attemptsAllowed)];
	if (policy.attemptsAllowed !== 1) {
		words.push(countsText(policy.gradingMethod));
	}
	if (released !== null) words.push(m.assign_policy_released({ date: released }));
	else if (policy.answersShown === 'immediately') words.push(m.assign_policy_answers_immediately());
	else if (policy.answersShown === 'after-due') {
		words.push(
			policy.dueAt === null
				? m.assign_policy_answers_after_due_none()
				: m.assign_policy_answers_after_due()
		);
	} else if (policy.answersShown === 'on-release') {
		words.push(m.assign_policy_answers_on_release());
	} else words.push(m.assign_policy_answers_never());
	words.push(
		policy.scoreShown ? m.assign_policy_score_at_once() : m.assign_policy_score_with_answers()
	);
	words.push(
		policy.timeLimitMinutes === null
			? m.assign_policy_no_time_limit()
			: m.assign_policy_time_limit({ minutes: policy.timeLimitMinutes })
	);
	return words;
}

/** Pure: whether "Release answers now" means something: a quiz whose answers are not out on their own. */
export function canReleaseAnswers(
	policy: Pick<QuizPolicy, 'behaviour' | 'answersShown' | 'answersReleasedAt' | 'dueAt'>,
	now: Date
): boolean {
	if (policy.behaviour !== 'quiz' || policy.answersReleasedAt !== null) return false;
	if (policy.answersShown === 'immediately') return false;
	return !(policy.answersShown === 'after-due' && policy.dueAt !== null && now >= policy.dueAt);
}
