/** Values some text columns are limited to, shared by both dialects' schemas. */
/** practice and quiz are lesson sittings; review is a spaced-review sitting from /review */
export const attemptModes = ['practice', 'quiz', 'review'] as const;
export type AttemptMode = (typeof attemptModes)[number];

export const responseStatuses = ['scored', 'pending-review'] as const;

/** how an assignment's lesson quizzes behave: practice (feedback per question, retries) or quiz (submit once) */
export const assignmentBehaviours = ['practice', 'quiz'] as const;
export type AssignmentBehaviour = (typeof assignmentBehaviours)[number];
