/** Values some text columns are limited to, shared by both dialects' schemas. */
/** practice and quiz are lesson sittings; review is a spaced-review sitting from /review; live a review session */
export const attemptModes = ['practice', 'quiz', 'review', 'live'] as const;
export type AttemptMode = (typeof attemptModes)[number];

export const responseStatuses = ['scored', 'pending-review'] as const;

/** how an assignment's lesson quizzes behave: practice (feedback per question, retries) or quiz (submit once) */
export const assignmentBehaviours = ['practice', 'quiz'] as const;
export type AssignmentBehaviour = (typeof assignmentBehaviours)[number];

/** accuracy: points for right answers only; speed: plus a bonus for answering early */
export const liveScorings = ['accuracy', 'speed'] as const;
export type LiveScoring = (typeof liveScorings)[number];

/** who may join a live session: anyone with a nickname, only the class's signed-in students, or anyone under a drawn name */
export const liveJoinModes = ['open', 'members', 'generated'] as const;
export type LiveJoinMode = (typeof liveJoinModes)[number];

/** the languages the product is written in; the first is the default */
export const uiLocales = ['en', 'es'] as const;
export type UiLocale = (typeof uiLocales)[number];

/** the lists a generated live nickname is drawn from: "Brave Otter", "Nutria Valiente" */
export const nicknameLanguages = ['en', 'es'] as const;
export type NicknameLanguage = (typeof nicknameLanguages)[number];

/** lobby → question → reveal → question … → ended; pausing is a flag, not a phase */
export const livePhases = ['lobby', 'question', 'reveal', 'ended'] as const;
export type LivePhase = (typeof livePhases)[number];

/** one question of a live session, in play order */
export interface LiveQuestionRef {
	questionId: string;
	lessonSlug: string;
}

/** when a quiz's right answers and explanations reach its students (Moodle's review options, simplified) */
export const answerReleases = ['immediately', 'after-due', 'on-release', 'never'] as const;
export type AnswerRelease = (typeof answerReleases)[number];

/** which submitted attempt the gradebook counts when several are allowed (Moodle's grading methods) */
export const gradingMethods = ['best', 'first', 'last'] as const;
export type GradingMethod = (typeof gradingMethods)[number];

/** extra time on timed quizzes and live questions, as a multiple of the time allowed */
export const timeAccommodations = ['1.25', '1.5', '2', 'unlimited'] as const;
export type TimeAccommodation = (typeof timeAccommodations)[number];
