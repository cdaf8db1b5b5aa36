/** Who an account belongs to; decides which pages and actions it may use. */
export const roles = ['teacher', 'student', 'admin'] as const;
export type Role = (typeof roles)[number];
