/** Values some text columns are limited to, shared by both dialects' schemas. */
export const attemptModes = ['practice', 'quiz'] as const;
export type AttemptMode = (typeof attemptModes)[number];

export const responseStatuses = ['scored', 'pending-review'] as const;
