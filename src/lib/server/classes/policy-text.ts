import type { AnswerRelease, GradingMethod } from '../db/enums';
import type { QuizPolicy } from './quiz-policy';

/** The choices of the quiz-settings form, in the words a teacher picks them by. */
export const answerReleaseChoices: Record<AnswerRelease, string> = {
	immediately: 'Right after they submit',
	'after-due': 'Once it is past due',
	'on-release': 'When I release them',
	never: 'Never'
};

/** Moodle's grading methods, as the form and the gradebook name them. */
export const gradingMethodChoices: Record<GradingMethod, string> = {
	best: 'The best attempt',
	first: 'The first attempt',
	last: 'The last attempt'
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function attemptsText(attemptsAllowed: number | null): string {
	return attemptsAllowed === null ? 'Unlimited attempts' : plural(attemptsAllowed, 'attempt');
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
		return ['Unlimited tries', 'Feedback and right answers after each answer'];
	}
	const words = [attemptsText(policy.attemptsAllowed)];
	if (policy.attemptsAllowed !== 1) {
		words.push(`Counts ${gradingMethodChoices[policy.gradingMethod].toLowerCase()}`);
	}
	if (released !== null) words.push(`Answers released ${released}`);
	else if (policy.answersShown === 'immediately') words.push('Answers right after submitting');
	else if (policy.answersShown === 'after-due') {
		words.push(
			policy.dueAt === null
				? 'Answers after the due date (there is none: release them yourself)'
				: 'Answers after the due date'
		);
	} else if (policy.answersShown === 'on-release') words.push('Answers when you release them');
	else words.push('Answers never shown');
	words.push(policy.scoreShown ? 'Score shown at once' : 'Score shown with the answers');
	words.push(
		policy.timeLimitMinutes === null ? 'No time limit' : `${policy.timeLimitMinutes}-minute limit`
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
